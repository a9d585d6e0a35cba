// The Scenarios panel's logic outside the browser: an instruction cut into prose and code (every
// text of the real catalogue, scenarios/*.yaml), which step is current, which scenario the side
// panel shows and when it is open, which of two progress records is kept (the stream and the
// HTTP answers arrive in either order), whether the lab must be started with another profile,
// and the report's file name.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  currentStepIndex,
  entryStatus,
  focusedEntry,
  instructionLines,
  latestHint,
  mergeCatalogue,
  newerProgress,
  passedCount,
  profileAdvice,
  reportFileName,
  segments,
  stepMark,
  withProgress,
  type ScenarioEntry,
} from '../../client/src/scenarios/scenario-logic.js';
import { panelOpen } from '../../client/src/scenarios/scenarios-store.js';
import { readScenarioDir } from '../../lab/scenarios/scenario-file.js';
import type { Scenario, ScenarioProgress, StepProgress } from '../../lab/scenarios/scenario-types.js';
import type { ListenerInfo } from '../../server/wire/sessions.js';

const root = join(import.meta.dirname, '..', '..');
const text = (s: string) => ({ ru: s, en: s });

function scenario(id: string, order: number, steps = ['a', 'b', 'c'], setup: Scenario['setup'] = {}): Scenario {
  return {
    id,
    order,
    title: text(id),
    goal: text('goal'),
    handout: text('handout'),
    setup,
    steps: steps.map((s) => ({
      id: s,
      title: text(s),
      instructions: text(`do ${s}`),
      check: { kind: 'account' },
      hints: [text('h1'), text('h2'), text('h3')],
    })),
  };
}

function step(id: string, state: StepProgress['state'], change: Partial<StepProgress> = {}): StepProgress {
  return { id, state, passedAt: state === 'passed' ? '2025-01-01T10:01:00.000Z' : null, attempts: 0, reason: null, hints: [], evidence: null, ...change };
}

function progress(id: string, steps: StepProgress[], startedAt = '2025-01-01T10:00:00.000Z', completedAt: string | null = null): ScenarioProgress {
  return { scenarioId: id, student: 'local', startedAt, completedAt, steps };
}

const entry = (s: Scenario, p: ScenarioProgress | null = null): ScenarioEntry => ({ scenario: s, progress: p });

describe('instructions: prose and code', () => {
  it('cuts `backticked` parts out as code, keeps a lone backtick as prose, drops empty code', () => {
    expect(segments('Type `EHLO student` and press Enter')).toEqual([
      { kind: 'text', text: 'Type ' },
      { kind: 'code', text: 'EHLO student' },
      { kind: 'text', text: ' and press Enter' },
    ]);
    expect(segments('`QUIT`')).toEqual([{ kind: 'code', text: 'QUIT' }]);
    expect(segments('a ` lone backtick')).toEqual([{ kind: 'text', text: 'a ` lone backtick' }]);
    expect(segments('x `` y `z`')).toEqual([
      { kind: 'text', text: 'x  y ' },
      { kind: 'code', text: 'z' },
    ]);
    // An address is text to type, not markup.
    expect(segments('`MAIL FROM:<student@lab.local>` (250)')).toEqual([
      { kind: 'code', text: 'MAIL FROM:<student@lab.local>' },
      { kind: 'text', text: ' (250)' },
    ]);
  });

  it('keeps the author’s lines, without the empty ones', () => {
    expect(instructionLines('one `a`\n\n  two\n').map((line) => line.map((s) => s.text).join(''))).toEqual(['one a', 'two']);
  });

  it('reads every text of the real catalogue back whole: nothing lost, every code part non-empty', async () => {
    const catalogue = await readScenarioDir(join(root, 'scenarios'));
    expect(catalogue.length).toBeGreaterThanOrEqual(8);
    let codes = 0;
    for (const s of catalogue) {
      for (const st of s.steps) {
        for (const lang of ['ru', 'en'] as const) {
          for (const source of [st.instructions[lang], ...st.hints.map((h) => h[lang])]) {
            const lines = instructionLines(source);
            const back = lines.map((line) => line.map((seg) => (seg.kind === 'code' ? `\`${seg.text}\`` : seg.text)).join(''));
            expect(back, `${s.id}/${st.id} (${lang})`).toEqual(
              source
                .split('\n')
                .map((l) => l.trim())
                .filter((l) => l !== ''),
            );
            for (const seg of lines.flat()) if (seg.kind === 'code') expect(seg.text.trim(), `${s.id}/${st.id}`).not.toBe('');
            codes += lines.flat().filter((seg) => seg.kind === 'code').length;
          }
        }
      }
    }
    expect(codes).toBeGreaterThan(20);
  });
});

describe('where the student is', () => {
  const s = scenario('by-hand', 1);

  it('the current step is the first not passed; none before the start and once all passed', () => {
    expect(currentStepIndex(entry(s))).toBe(-1);
    expect(currentStepIndex(entry(s, progress('by-hand', [step('a', 'passed'), step('b', 'failed'), step('c', 'passed')])))).toBe(1);
    expect(currentStepIndex(entry(s, progress('by-hand', [step('a', 'pending'), step('b', 'pending'), step('c', 'pending')])))).toBe(0);
    const done = entry(s, progress('by-hand', [step('a', 'passed'), step('b', 'passed'), step('c', 'passed')], undefined, '2025-01-01T10:05:00.000Z'));
    expect(currentStepIndex(done)).toBe(-1);
    expect(passedCount(done)).toBe(3);
    expect(entryStatus(done)).toBe('completed');
  });

  it('ties a step to its progress by id, not by position', () => {
    const p = progress('by-hand', [step('c', 'passed'), step('a', 'failed'), step('b', 'pending')]);
    expect(['a', 'b', 'c'].map((id) => stepMark(p, id))).toEqual(['failed', 'pending', 'passed']);
    expect(stepMark(null, 'a')).toBe('not-started');
  });

  it('the latest hint is the n-th of the step’s hints', () => {
    const st = s.steps[1] as Scenario['steps'][number];
    expect(latestHint(st, step('b', 'failed'))).toBeUndefined();
    expect(latestHint(st, step('b', 'failed', { hints: [text('h1'), text('h2')] }))).toEqual({ text: text('h2'), n: 2, of: 3 });
  });
});

describe('the side panel', () => {
  const one = scenario('one', 1);
  const two = scenario('two', 2);
  const three = scenario('three', 3);
  const running = (id: string, startedAt: string) => progress(id, [step('a', 'passed'), step('b', 'pending'), step('c', 'pending')], startedAt);
  const completed = (id: string) => progress(id, [step('a', 'passed'), step('b', 'passed'), step('c', 'passed')], undefined, '2025-01-01T11:00:00.000Z');

  it('shows the student’s choice, else the running one started last, else the one started last, else the first', () => {
    expect(focusedEntry([entry(one), entry(two)], undefined)?.scenario.id).toBe('one');
    // Just completed: it stays, saying so (and offering the next).
    expect(focusedEntry([entry(one), entry(two, completed('two')), entry(three)], undefined)?.scenario.id).toBe('two');
    expect(focusedEntry([entry(one, completed('one')), entry(two, running('two', '2025-01-01T09:00:00.000Z'))], undefined)?.scenario.id).toBe('two');
    const entries = [entry(one, running('one', '2025-01-01T10:00:00.000Z')), entry(two), entry(three, running('three', '2025-01-01T10:30:00.000Z'))];
    expect(focusedEntry(entries, undefined)?.scenario.id).toBe('three');
    expect(focusedEntry(entries, 'two')?.scenario.id).toBe('two');
    expect(focusedEntry(entries, 'gone')?.scenario.id).toBe('three');
    expect(focusedEntry([entry(one, completed('one'))], undefined)?.scenario.id).toBe('one');
    expect(focusedEntry([], undefined)).toBeUndefined();
  });

  it('is open once a scenario is started, unless the student said otherwise', () => {
    const idle = [entry(one), entry(two)];
    const busy = [entry(one, running('one', '2025-01-01T10:00:00.000Z'))];
    expect(panelOpen({ panel: undefined, entries: idle })).toBe(false);
    expect(panelOpen({ panel: undefined, entries: busy })).toBe(true);
    expect(panelOpen({ panel: 'closed', entries: busy })).toBe(false);
    expect(panelOpen({ panel: 'open', entries: idle })).toBe(true);
  });
});

describe('progress from the stream and from the answers', () => {
  const s = scenario('one', 1);
  const early = progress('one', [step('a', 'pending'), step('b', 'pending'), step('c', 'pending')]);
  const failed = progress('one', [step('a', 'passed'), step('b', 'failed', { attempts: 1, hints: [text('h1')] }), step('c', 'passed')]);
  const passed = progress(
    'one',
    [step('a', 'passed'), step('b', 'passed', { attempts: 2, hints: [text('h1')] }), step('c', 'passed')],
    undefined,
    '2025-01-01T10:02:00.000Z',
  );
  const again = progress('one', [step('a', 'pending'), step('b', 'pending'), step('c', 'pending')], '2025-01-01T12:00:00.000Z');

  it('keeps the record further along of one start, and a later start over all of them', () => {
    expect(newerProgress(null, early)).toBe(early);
    expect(newerProgress(early, failed)).toBe(failed);
    expect(newerProgress(passed, failed)).toBe(passed);
    expect(newerProgress(passed, again)).toBe(again);
    expect(newerProgress(again, passed)).toBe(again);
    // Of the same standing, the incoming one (its words may be newer).
    const reworded = { ...failed, steps: failed.steps.map((st) => (st.id === 'b' ? { ...st, reason: text('newer words') } : st)) };
    expect(newerProgress(failed, reworded)).toBe(reworded);
  });

  it('puts a frame in its scenario; the same array when it changes nothing', () => {
    const entries = [entry(s, failed), entry(scenario('two', 2))];
    expect(withProgress(entries, early)).toBe(entries);
    expect(withProgress(entries, progress('unknown', []))).toBe(entries);
    const next = withProgress(entries, passed);
    expect(next).not.toBe(entries);
    expect(next[0]?.progress).toBe(passed);
    expect(next[1]).toBe(entries[1]);
  });

  it('a fetch keeps what the stream brought meanwhile, but not a scenario it says is not started (a reset)', () => {
    expect(mergeCatalogue([entry(s, failed)], [entry(s, passed)])[0]?.progress).toBe(passed);
    expect(mergeCatalogue([entry(s, passed)], [entry(s, failed)])[0]?.progress).toBe(passed);
    expect(mergeCatalogue([entry(s, null)], [entry(s, passed)])[0]?.progress).toBeNull();
    expect(mergeCatalogue([entry(scenario('b', 2)), entry(scenario('a', 1))], []).map((e) => e.scenario.id)).toEqual(['a', 'b']);
  });
});

describe('the profile a scenario is written for', () => {
  const listeners = (tlsProfile: string | null): ListenerInfo[] => [
    { Name: 'smtp', Port: 1025, Security: 'none', Profile: 'open' },
    ...(tlsProfile
      ? [
          { Name: 'smtps', Port: 1465, Security: 'implicit-tls' as const, Profile: tlsProfile },
          { Name: 'submission', Port: 1587, Security: 'starttls' as const, Profile: tlsProfile },
        ]
      : []),
  ];
  const gmail = scenario('gmail', 1, ['a'], { profile: 'gmail' });

  it('says how to start the lab when its TLS listeners run another profile, or none', () => {
    expect(profileAdvice(gmail, listeners('lab'))).toEqual({ wanted: 'gmail', running: 'lab' });
    expect(profileAdvice(gmail, listeners(null))).toEqual({ wanted: 'gmail', running: undefined });
    expect(profileAdvice(gmail, listeners('gmail'))).toBeUndefined();
    // The plain port is always "open": it does not count.
    expect(profileAdvice(scenario('open', 1, ['a'], { profile: 'open' }), listeners('lab'))).toEqual({ wanted: 'open', running: 'lab' });
    // Nothing to say: no profile named, or what runs is not known yet.
    expect(profileAdvice(scenario('any', 1), listeners('lab'))).toBeUndefined();
    expect(profileAdvice(gmail, undefined)).toBeUndefined();
  });
});

describe('the report', () => {
  it('names its file by the student and the day', () => {
    expect(reportFileName('local', '2025-03-04T10:00:00.000Z')).toBe('scenario-report-local-2025-03-04.json');
    expect(reportFileName('anna@lab.local', '2025-03-04T10:00:00.000Z')).toBe('scenario-report-anna_lab.local-2025-03-04.json');
    expect(reportFileName('../../etc', 'x')).toBe('scenario-report-etc-report.json');
  });
});
