// The state diagram as data: every state a box (its name and its actions, each with an icon and a
// short label), the init and final pseudo-states dots, every transition an edge labelled with
// its event and its condition in words (lab/automaton/describe.ts, the server's own wording).
// Laid out by dagre (top to bottom, so it fits a phone), never by the export's hand-placed
// positions. Pure: no DOM, so the layout is tested outside the browser; text widths are
// estimated from the characters, which is close enough for boxes with some padding.
import dagre from '@dagrejs/dagre';
import type { Action, Automaton, State } from '../../../lab/automaton/automaton-types.js';
import { describeChannelTarget, describeCondition, describeEvent } from '../../../lab/automaton/describe.js';
import type { Bilingual, Lang } from '../i18n/bilingual.js';
import { zm } from './automaton-messages.js';
import { CHANNEL_ICONS } from './channel-messages.js';

export interface Point {
  x: number;
  y: number;
}

export interface DiagramAction {
  kind: Action['kind'];
  icon: string;
  /** The action's short label in the page's language (the full one is its title). */
  label: string;
  title: string;
  phase: 'onenter' | 'onexit';
  index: number;
}

export interface DiagramNode {
  id: string;
  kind: State['type'];
  /** The state's name (its id when it has none); empty for the pseudo-states. */
  name: string;
  /** Centre and size, in the diagram's units (CSS pixels at scale 1). */
  x: number;
  y: number;
  width: number;
  height: number;
  actions: DiagramAction[];
}

export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  /** The transition's name as the author wrote it. */
  name: string;
  event: string;
  /** «данные получены: temperatureC > 99», as one text and wrapped into lines. */
  text: string;
  lines: string[];
  points: Point[];
  /** The SVG path through the points, smoothed. */
  path: string;
  /** The label's centre and size. */
  label: { x: number; y: number; width: number; height: number };
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

export const ICONS: Readonly<Record<Action['kind'], string>> = {
  'send-email': CHANNEL_ICONS.email,
  'send-sms': CHANNEL_ICONS.sms,
  'send-telegram': CHANNEL_ICONS.telegram,
  'send-discord': CHANNEL_ICONS.discord,
  'push-message': '⚑',
  'timer-start': '◷',
  'schedule-start': '◴',
  'change-value': '✎',
  'device-command': '⚙',
};

export const FONT = { name: 14, action: 12, label: 12 } as const;
export const LINE = { name: 20, action: 17, label: 15 } as const;
const PAD_X = 12;
const PAD_Y = 8;
const MIN_STATE_WIDTH = 120;
const MAX_STATE_WIDTH = 280;
const MAX_LABEL_CHARS = 30;
const MAX_ACTION_CHARS = 36;
const PSEUDO = { init: 18, final: 24 } as const;

/** An estimate of a text's width in px: narrow, ordinary and wide letters told apart. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    if (/[iljI.,:;'!|·()[\]{}\s]/.test(c)) em += 0.3;
    else if (/[mwMWЖШЩЮМФЫ@%✉✆✈✦⚑◷◴✎⚙]/.test(c)) em += 0.9;
    else if (/[A-ZА-ЯЁ]/.test(c)) em += 0.68;
    else em += 0.57;
  }
  return Math.ceil(em * fontSize * (bold ? 1.07 : 1));
}

/** The text cut to `max` characters, with an ellipsis when it was longer. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Words into lines of at most `max` characters (a longer word is cut). */
export function wrap(text: string, max = MAX_LABEL_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = shorten(word, max);
    if (line === '') line = w;
    else if ([...line].length + 1 + [...w].length <= max) line = `${line} ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** One action as the diagram writes it, with its icon. */
export function describeAction(action: Action, lang: Lang): { icon: string; label: string; title: string } {
  const icon = ICONS[action.kind];
  const kind = zm.action.kinds[action.kind][lang];
  let label: string;
  switch (action.kind) {
    case 'send-email':
      label = action.email.recipients.trim() ? zm.action.email[lang](action.email.recipients.trim()) : zm.action.emailNoTo[lang];
      break;
    case 'send-sms':
    case 'send-telegram':
      label = describeChannelTarget(action.channel, action.template.to)[lang];
      break;
    case 'send-discord':
      // A webhook has one channel: what the message says tells two Discord alerts apart.
      label = `Discord: ${(action.template.title || action.template.text).split('\n')[0]}`;
      break;
    case 'push-message':
      label = zm.action.push[lang](zm.importance[action.importance][lang], action.body.split('\n').join(' '));
      break;
    case 'timer-start':
      label = zm.action.timer[lang](action.timer, new Intl.NumberFormat(lang).format(action.intervalSeconds));
      break;
    case 'schedule-start':
      label = zm.action.schedule[lang](action.timer);
      break;
    case 'change-value':
      label = zm.action.change[lang](action.target, typeof action.value === 'string' ? JSON.stringify(action.value) : String(action.value));
      break;
    case 'device-command':
      label = action.name && action.name !== action.id ? `${action.name} (${action.id})` : zm.action.command[lang](action.id);
      break;
  }
  return { icon, label: shorten(label, MAX_ACTION_CHARS), title: `${kind}: ${label}` };
}

/** A transition's event and condition in words: «данные получены: temperatureC > 99». */
export function transitionText(event: string, condition: Automaton['transitions'][number]['condition'], lang: Lang): string {
  const said: Bilingual = describeEvent(event);
  if (condition === null) return said[lang];
  return `${said[lang]}: ${describeCondition(condition)[lang]}`;
}

function stateBox(state: State, lang: Lang): Omit<DiagramNode, 'x' | 'y'> {
  if (state.type !== 'state') {
    const size = PSEUDO[state.type];
    return { id: state.id, kind: state.type, name: '', width: size, height: size, actions: [] };
  }
  const name = state.name || state.id;
  const actions: DiagramAction[] = [];
  for (const phase of ['onenter', 'onexit'] as const) {
    state[phase].forEach((action, index) => actions.push({ kind: action.kind, phase, index, ...describeAction(action, lang) }));
  }
  const exitHeader = actions.some((a) => a.phase === 'onexit') ? 1 : 0;
  const widths = [
    textWidth(name, FONT.name, true),
    ...actions.map((a) => textWidth(`${a.icon} ${a.label}`, FONT.action)),
    exitHeader ? textWidth(zm.diagram.onExit[lang], FONT.action) : 0,
  ];
  const width = Math.min(MAX_STATE_WIDTH, Math.max(MIN_STATE_WIDTH, Math.max(...widths) + 2 * PAD_X));
  const height = PAD_Y * 2 + LINE.name + (actions.length + exitHeader) * LINE.action + (actions.length > 0 ? 4 : 0);
  return { id: state.id, kind: 'state', name, width, height, actions };
}

/** The SVG path through dagre's points: straight at the ends, rounded through the bends. */
export function smoothPath(points: readonly Point[]): string {
  const r = (n: number) => Math.round(n * 10) / 10;
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  let d = `M${r(first!.x)},${r(first!.y)}`;
  if (rest.length === 0) return d;
  for (let i = 0; i < rest.length - 1; i++) {
    const p = rest[i]!;
    const next = rest[i + 1]!;
    d += ` Q${r(p.x)},${r(p.y)} ${r((p.x + next.x) / 2)},${r((p.y + next.y) / 2)}`;
  }
  const last = rest[rest.length - 1]!;
  return `${d} L${r(last.x)},${r(last.y)}`;
}

export function layoutDiagram(automaton: Automaton, lang: Lang): DiagramLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true, directed: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 44, edgesep: 16, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const boxes = new Map(automaton.states.map((s) => [s.id, stateBox(s, lang)]));
  for (const box of boxes.values()) g.setNode(box.id, { width: box.width, height: box.height });
  const texts = new Map<string, { text: string; lines: string[]; width: number; height: number }>();
  for (const t of automaton.transitions) {
    // A transition to or from a state the export lacks would have been an import error; a
    // stray one is left out rather than drawn to nowhere.
    if (!boxes.has(t.from) || !boxes.has(t.to)) continue;
    const text = transitionText(t.event, t.condition, lang);
    // The event on its line(s), the condition on the next: they read apart at a glance.
    const lines = t.condition === null ? wrap(text) : [...wrap(`${describeEvent(t.event)[lang]}:`), ...wrap(describeCondition(t.condition)[lang])];
    const width = Math.max(...lines.map((l) => textWidth(l, FONT.label))) + 10;
    const height = lines.length * LINE.label + 6;
    texts.set(t.id, { text, lines, width, height });
    g.setEdge(t.from, t.to, { width, height, labelpos: 'c', minlen: 1 }, t.id);
  }
  dagre.layout(g);

  const nodes: DiagramNode[] = [...boxes.values()].map((box) => {
    const at = g.node(box.id) as { x: number; y: number };
    return { ...box, x: at.x, y: at.y };
  });
  const edges: DiagramEdge[] = [];
  for (const t of automaton.transitions) {
    const label = texts.get(t.id);
    if (!label) continue;
    const e = g.edge({ v: t.from, w: t.to, name: t.id }) as { points?: Point[]; x?: number; y?: number };
    const points = (e.points ?? []).map((p) => ({ x: p.x, y: p.y }));
    edges.push({
      id: t.id,
      from: t.from,
      to: t.to,
      name: t.name,
      event: t.event,
      text: label.text,
      lines: label.lines,
      points,
      path: smoothPath(points),
      label: { x: e.x ?? 0, y: e.y ?? 0, width: label.width, height: label.height },
    });
  }
  const graph = g.graph() as { width?: number; height?: number };
  return { width: Math.ceil(graph.width ?? 0), height: Math.ceil(graph.height ?? 0), nodes, edges };
}
