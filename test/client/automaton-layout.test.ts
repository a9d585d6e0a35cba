// The state diagram's layout model outside the browser: laid out by dagre from the real exports
// (not the export's hand-placed positions), every state a box with its actions and every
// transition an edge labelled with its event and condition in the server's own words, boxes that
// never overlap, edges that start and end at their states, and the same layout every time.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addSendEmail } from '../../lab/automaton/authoring.js';
import type { Automaton } from '../../lab/automaton/automaton-types.js';
import { describeCondition, describeEvent } from '../../lab/automaton/describe.js';
import { importAutomaton } from '../../lab/automaton/import-automaton.js';
import {
  describeAction,
  layoutDiagram,
  shorten,
  smoothPath,
  textWidth,
  transitionText,
  wrap,
  type DiagramLayout,
  type DiagramNode,
} from '../../client/src/automaton/diagram-layout.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const fixture = (name: string) => readFileSync(join(root, 'test', 'fixtures', 'platform', name), 'utf8');
const example = () => importAutomaton(readFileSync(join(root, 'lab', 'automaton', 'examples', 'temperature-control.automaton.json'), 'utf8'));
const FIXTURES = ['temperature-control.automaton.json', 'smart-home.automaton.json', 'jamming-control.automaton.json', 'light-timer.automaton.json'];
const OFF = 'kx359z61';

const overlap = (a: DiagramNode, b: DiagramNode) => Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;
/** How far a point is outside a node's box (0 on or inside it). */
const outside = (n: DiagramNode, p: { x: number; y: number }) => Math.max(0, Math.abs(p.x - n.x) - n.width / 2, Math.abs(p.y - n.y) - n.height / 2);

function checkGeometry(automaton: Automaton, layout: DiagramLayout): void {
  expect(layout.nodes.map((n) => n.id).sort()).toEqual(automaton.states.map((s) => s.id).sort());
  expect(layout.edges.map((e) => e.id).sort()).toEqual(automaton.transitions.map((t) => t.id).sort());
  for (const [i, a] of layout.nodes.entries()) {
    expect(a.x - a.width / 2).toBeGreaterThanOrEqual(0);
    expect(a.y - a.height / 2).toBeGreaterThanOrEqual(0);
    expect(a.x + a.width / 2).toBeLessThanOrEqual(layout.width + 0.5);
    expect(a.y + a.height / 2).toBeLessThanOrEqual(layout.height + 0.5);
    for (const b of layout.nodes.slice(i + 1)) expect(overlap(a, b), `${a.id} and ${b.id} overlap`).toBe(false);
  }
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  for (const e of layout.edges) {
    expect(e.points.length).toBeGreaterThanOrEqual(2);
    // Each end at (or within a pixel of) the border of its state.
    expect(outside(byId.get(e.from)!, e.points[0]!)).toBeLessThan(2);
    expect(outside(byId.get(e.to)!, e.points.at(-1)!)).toBeLessThan(2);
    expect(e.path.startsWith('M')).toBe(true);
    expect(e.label.width).toBeGreaterThan(0);
    for (const n of layout.nodes)
      expect(overlap(n, { ...n, id: 'label', x: e.label.x, y: e.label.y, width: e.label.width, height: e.label.height }), `label ${e.id} over ${n.id}`).toBe(
        false,
      );
  }
}

describe('layoutDiagram', () => {
  it.each(FIXTURES)('%s: every state and transition, laid out without overlaps, edges from state to state', (name) => {
    const { automaton } = importAutomaton(fixture(name));
    for (const lang of ['ru', 'en'] as const) checkGeometry(automaton, layoutDiagram(automaton, lang));
  });

  it("ignores the positions the export holds: the layout is dagre's, top to bottom, and the same every time", () => {
    const { automaton } = example();
    const a = layoutDiagram(automaton, 'ru');
    const b = layoutDiagram(automaton, 'ru');
    expect(b).toEqual(a);
    const y = (id: string) => a.nodes.find((n) => n.id === id)!.y;
    // init above ON above OFF (the export puts ON at top 220 and OFF at 480, but also initial at 100 left of both).
    expect(y('initial')).toBeLessThan(y('first'));
    expect(y('first')).toBeLessThan(y(OFF));
    // Narrow enough for a phone at a readable scale.
    expect(a.width).toBeLessThan(700);
  });

  it("labels each transition with its event and condition in the server's words: «данные получены: temperatureC > 99»", () => {
    const { automaton } = example();
    const ru = layoutDiagram(automaton, 'ru');
    const en = layoutDiagram(automaton, 'en');
    const toOff = automaton.transitions.find((t) => t.to === OFF)!;
    expect(ru.edges.find((e) => e.id === toOff.id)!.text).toBe('данные получены: temperatureC > 99');
    expect(en.edges.find((e) => e.id === toOff.id)!.text).toBe('data received: temperatureC > 99');
    expect(ru.edges.find((e) => e.id === toOff.id)!.lines).toEqual(['данные получены:', 'temperatureC > 99']);
    for (const t of automaton.transitions) {
      const edge = ru.edges.find((e) => e.id === t.id)!;
      expect(edge.text).toBe(transitionText(t.event, t.condition, 'ru'));
      expect(edge.text.startsWith(describeEvent(t.event).ru)).toBe(true);
      if (t.condition) expect(edge.text).toContain(describeCondition(t.condition).ru);
      expect(edge.lines.join(' ')).toBe(edge.text);
    }
    expect(ru.edges.find((e) => e.event === 'init')!.text).toBe('запуск логики');
  });

  it('draws states as boxes with their name and actions, init and final as dots', () => {
    const { automaton } = example();
    const layout = layoutDiagram(automaton, 'ru');
    const init = layout.nodes.find((n) => n.kind === 'init')!;
    const final = layout.nodes.find((n) => n.kind === 'final')!;
    expect([init.width, init.height, init.name]).toEqual([18, 18, '']);
    expect(final.width).toBe(final.height);
    const off = layout.nodes.find((n) => n.id === OFF)!;
    expect(off.name).toBe('OFF');
    expect(off.actions.map((a) => `${a.icon} ${a.label}`)).toEqual(['⚙ Turn-off kettle (kettle_off)', '✎ status := "off"']);
    expect(off.height).toBeGreaterThan(init.height);
    expect(off.width).toBeGreaterThanOrEqual(textWidth('⚙ Turn-off kettle (kettle_off)', 12));
  });

  it('shows «Отправить e-mail» with ✉ and its recipients, on entering and on leaving', () => {
    const doc = example();
    const added = addSendEmail(doc, { stateId: OFF, list: 'onenter' }, { recipients: 'ops@lab.local', subject: 'Перегрев {{temperatureC}}' });
    if (!added.ok) throw new Error(added.error.en);
    const exit = addSendEmail(added.document, { stateId: OFF, list: 'onexit' }, { recipients: 'chief@lab.local' });
    if (!exit.ok) throw new Error(exit.error.en);
    const off = layoutDiagram(exit.document.automaton, 'ru').nodes.find((n) => n.id === OFF)!;
    const mails = off.actions.filter((a) => a.kind === 'send-email');
    expect(mails.map((a) => [a.phase, a.icon, a.label])).toEqual([
      ['onenter', '✉', 'e-mail → ops@lab.local'],
      ['onexit', '✉', 'e-mail → chief@lab.local'],
    ]);
    expect(mails[0]!.title).toBe('Отправить e-mail: e-mail → ops@lab.local');
    // One line more for the "on leaving" header.
    const before = layoutDiagram(doc.automaton, 'ru').nodes.find((n) => n.id === OFF)!;
    expect(off.height).toBeGreaterThan(before.height);
  });

  it('describes every kind of action briefly: push message, timer, change value, device command', () => {
    const jamming = importAutomaton(fixture('jamming-control.automaton.json')).automaton;
    const light = importAutomaton(fixture('light-timer.automaton.json')).automaton;
    const all = [...jamming.states, ...light.states].flatMap((s) => [...s.onenter, ...s.onexit]);
    const said = all.map((a) => describeAction(a, 'ru'));
    expect(said.map((s) => s.icon)).toEqual(expect.arrayContaining(['◷', '⚑', '⚙']));
    const critical = said.find((s) => s.icon === '⚑' && s.label.includes('критическое'))!;
    expect(critical.label).toMatch(/^оператору \(критическое\): ATTENTION.*…$/);
    // The whole text is the title: "ATTENTION\nProlonged jamming" on one line.
    expect(critical.title).toBe('Сообщение оператору: оператору (критическое): ATTENTION Prolonged jamming');
    expect(said.find((s) => s.icon === '◷')!.label).toMatch(/^таймер 1: (300|5) с$/);
    expect(
      describeAction(
        all.find((a) => a.kind === 'timer-start')!,
        'en',
      ).label,
    ).toMatch(/^timer 1: \d+ s$/);
    for (const s of said) expect([...s.label].length).toBeLessThanOrEqual(36);
  });

  it('wraps, shortens and measures text', () => {
    expect(wrap('данные получены: temperature ≥ 20 и temperature ≤ 30', 30)).toEqual(['данные получены: temperature ≥', '20 и temperature ≤ 30']);
    expect(wrap('')).toEqual(['']);
    expect(wrap('a'.repeat(50), 10)).toEqual(['aaaaaaaaa…']);
    expect(shorten('abcdef', 4)).toBe('abc…');
    expect(shorten('abc', 4)).toBe('abc');
    expect(textWidth('WWW', 12)).toBeGreaterThan(textWidth('iii', 12));
    expect(textWidth('ОФФ', 14, true)).toBeGreaterThan(textWidth('ОФФ', 14));
  });

  it('smooths the path through the bends and ends on the last point', () => {
    expect(smoothPath([])).toBe('');
    expect(
      smoothPath([
        { x: 0, y: 0 },
        { x: 10, y: 10 },
      ]),
    ).toBe('M0,0 L10,10');
    expect(
      smoothPath([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
      ]),
    ).toBe('M0,0 Q10,0 10,5 L10,10');
  });
});
