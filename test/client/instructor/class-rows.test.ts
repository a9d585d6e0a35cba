// The Instructor page's logic outside the browser (client/src/instructor/class-rows.ts): a row per
// student (current scenario and step, its checks, who needs attention), which sessions are marked,
// the orders and the search, the class's summary, the frames that change the class, and the
// first passwords as CSV.
import { describe, expect, it } from 'vitest';
import type { ClassOverview, ClassStudent, StudentScenario } from '../../../lab/class/class-wire.js';
import {
  changesClass,
  classRow,
  classRows,
  classSummary,
  filterRows,
  otherPresets,
  passwordsCsv,
  presetRule,
  sessionHighlighted,
  sortRows,
  studentLabel,
  type SortKey,
} from '../../../client/src/instructor/class-rows.js';
import type { FaultRule } from '../../../server/wire/faults.js';
import type { SessionSummary } from '../../../server/wire/sessions.js';

const SCENARIOS: ClassOverview['scenarios'] = [
  { id: 'smtp-by-hand', title: { ru: 'SMTP-диалог вручную', en: 'SMTP by hand' }, steps: 3 },
  { id: 'greylisting', title: { ru: 'Грейлистинг', en: 'Greylisting' }, steps: 2 },
];

function progress(scenarioId: string, change: Partial<StudentScenario> = {}): StudentScenario {
  return {
    scenarioId,
    status: 'in-progress',
    stepsPassed: 1,
    stepsTotal: 3,
    currentStep: { id: 'mail-by-hand', title: { ru: 'Письмо вручную', en: 'A mail by hand' }, state: 'pending' },
    failedChecks: 0,
    pendingChecks: 2,
    passedChecks: 1,
    startedAt: '2025-03-01T10:00:00.000Z',
    completedAt: null,
    ...change,
  };
}

function session(id: string, change: Partial<SessionSummary> = {}): SessionSummary {
  return {
    ID: id,
    ClientAddress: '127.0.0.1',
    ClientPort: 50000,
    Listener: { Name: 'smtp', Port: 1025, Security: 'none', Profile: 'default' },
    Helo: 'anna-laptop',
    Tls: null,
    User: null,
    Inbox: 'anna@lab.local',
    InboxRule: 'auth',
    Started: '2025-03-01T10:05:00.000Z',
    Ended: '2025-03-01T10:05:01.000Z',
    State: 'closed',
    MessageCount: 1,
    ErrorCount: 0,
    LineCount: 10,
    ...change,
  } as SessionSummary;
}

function rule(id: string, preset: string | null, created = '2025-03-01T10:00:00.000Z'): FaultRule {
  return {
    id,
    name: preset ?? 'own',
    preset,
    stage: 'rcpt',
    effect: { kind: 'reply', code: 451, text: 'try later' },
    match: {},
    attempts: { kind: 'greylist', retryAfterSeconds: 60 },
    lifetime: {},
    enabled: true,
    scope: { kind: 'student', address: 'anna@lab.local' },
    created,
    expiresAt: null,
    attempted: 0,
    fired: 0,
    lastFired: null,
  };
}

function student(address: string, change: Partial<ClassStudent> = {}): ClassStudent {
  return {
    address,
    name: null,
    currentScenario: null,
    scenarios: [],
    lastSessions: [],
    sessionCount: 0,
    sessionsWithErrors: 0,
    messages: 0,
    alertsSent: 0,
    alertsFailed: 0,
    faults: [],
    lastActivityAt: null,
    ...change,
  };
}

const overview = (students: ClassStudent[]): ClassOverview => ({ classMode: true, scenarios: SCENARIOS, students, classFaults: [] });

describe('a row per student', () => {
  it('names the student by the roster, else by the address’s local part', () => {
    expect(studentLabel({ name: 'Анна Петрова', address: 'anna@lab.local' })).toBe('Анна Петрова');
    expect(studentLabel({ name: '  ', address: 'boris@lab.local' })).toBe('boris');
    expect(studentLabel({ name: null, address: 'odd' })).toBe('odd');
  });

  it('shows the current scenario’s title, the step the student is on and its checks', () => {
    const anna = student('anna@lab.local', {
      currentScenario: 'smtp-by-hand',
      scenarios: [progress('greylisting', { status: 'done', stepsPassed: 2, stepsTotal: 2, currentStep: null }), progress('smtp-by-hand')],
    });
    const row = classRow(anna, overview([anna]));
    expect(row.current?.title.en).toBe('SMTP by hand');
    expect(row.current?.stepNumber).toBe(2);
    expect(row.checks).toEqual({ passed: 1, pending: 2, failed: 0 });
    expect(row.scenariosDone).toBe(1);
    expect(row.scenariosTotal).toBe(2);
    expect(row.attention).toBe(false);
  });

  it('a done scenario stays on its last step; a scenario missing from the catalogue keeps its id as the title', () => {
    const done = student('a@lab.local', {
      currentScenario: 'greylisting',
      scenarios: [progress('greylisting', { status: 'done', stepsPassed: 2, stepsTotal: 2, currentStep: null })],
    });
    expect(classRow(done, overview([done])).current?.stepNumber).toBe(2);
    const gone = student('b@lab.local', { currentScenario: 'retired', scenarios: [progress('retired')] });
    expect(classRow(gone, overview([gone])).current?.title).toEqual({ ru: 'retired', en: 'retired' });
  });

  it('no scenario: no current, no checks', () => {
    const row = classRow(student('c@lab.local'), overview([]));
    expect(row.current).toBeNull();
    expect(row.checks).toEqual({ passed: 0, pending: 0, failed: 0 });
  });

  const attention: Array<[string, Partial<ClassStudent>, boolean]> = [
    ['a failed check on the current scenario', { currentScenario: 'smtp-by-hand', scenarios: [progress('smtp-by-hand', { failedChecks: 1 })] }, true],
    [
      'the current step failed',
      { currentScenario: 'smtp-by-hand', scenarios: [progress('smtp-by-hand', { currentStep: { id: 'x', title: { ru: 'x', en: 'x' }, state: 'failed' } })] },
      true,
    ],
    [
      'a failed check in a scenario already done',
      { currentScenario: 'smtp-by-hand', scenarios: [progress('smtp-by-hand', { status: 'done', failedChecks: 2, currentStep: null })] },
      false,
    ],
    ['a last session with an error reply', { lastSessions: [session('s1', { ErrorCount: 1 })] }, true],
    ['a last session that timed out', { lastSessions: [session('s1', { State: 'timed-out' })] }, true],
    ['clean sessions', { lastSessions: [session('s1'), session('s2', { State: 'open', Ended: null })] }, false],
  ];
  it.each(attention)('needs attention? %s', (_what, change, expected) => {
    const s = student('d@lab.local', change);
    expect(classRow(s, overview([s])).attention).toBe(expected);
  });
});

describe('the sessions a row marks', () => {
  const cases: Array<[Partial<SessionSummary>, boolean]> = [
    [{}, false],
    [{ State: 'open', Ended: null }, false],
    [{ ErrorCount: 2 }, true],
    [{ State: 'aborted' }, true],
    [{ State: 'timed-out' }, true],
    [{ FaultCount: 1 }, false],
  ];
  it.each(cases)('%o → %s', (change, expected) => {
    expect(sessionHighlighted(session('s', change))).toBe(expected);
  });
});

describe('the order of the rows and the search', () => {
  const anna = student('anna@lab.local', {
    name: 'Анна',
    lastActivityAt: '2025-03-01T10:00:00.000Z',
    currentScenario: 'smtp-by-hand',
    scenarios: [progress('smtp-by-hand', { stepsPassed: 2 })],
  });
  const boris = student('boris@lab.local', {
    name: 'Борис',
    lastActivityAt: '2025-03-01T11:00:00.000Z',
    currentScenario: 'greylisting',
    scenarios: [progress('greylisting', { status: 'done', stepsPassed: 2, stepsTotal: 2, currentStep: null })],
  });
  const vera = student('vera@lab.local', { name: 'Вера', lastSessions: [session('v1', { ErrorCount: 3 })], sessionsWithErrors: 1 });
  const gleb = student('gleb@lab.local', { name: null });
  const class4 = overview([vera, gleb, boris, anna]);
  const rows = class4.students.map((s) => classRow(s, class4));
  const order = (key: SortKey) => sortRows(rows, key).map((r) => r.student.address.split('@')[0]);

  it.each<[SortKey, string[]]>([
    // Russian's order: Cyrillic names before Latin ones.
    ['name', ['anna', 'boris', 'vera', 'gleb']],
    ['activity', ['boris', 'anna', 'vera', 'gleb']],
    ['progress', ['boris', 'anna', 'vera', 'gleb']],
    ['attention', ['vera', 'anna', 'boris', 'gleb']],
  ])('by %s', (key, expected) => {
    expect(order(key)).toEqual(expected);
  });

  it('does not change the rows it sorts', () => {
    const before = rows.map((r) => r.student.address);
    sortRows(rows, 'activity');
    expect(rows.map((r) => r.student.address)).toEqual(before);
  });

  it('finds by any part of the name or the address, every word', () => {
    const found = (q: string) => filterRows(rows, q).map((r) => r.student.address);
    expect(found('')).toHaveLength(4);
    expect(found('анн')).toEqual(['anna@lab.local']);
    expect(found('BORIS@')).toEqual(['boris@lab.local']);
    expect(found('lab.local вера')).toEqual(['vera@lab.local']);
    expect(found('nobody')).toEqual([]);
    expect(classRows(class4, 'name', 'lab.local').map((r) => r.label)).toEqual(['Анна', 'Борис', 'Вера', 'gleb']);
  });

  it('sums up the class', () => {
    expect(classSummary(class4)).toEqual({ students: 4, working: 1, done: 0, attention: 1 });
    const allDone = student('e@lab.local', { scenarios: SCENARIOS.map((s) => progress(s.id, { status: 'done', currentStep: null })) });
    expect(classSummary(overview([allDone])).done).toBe(1);
    expect(classSummary({ ...overview([allDone]), scenarios: [] }).done).toBe(0);
  });
});

describe('faults in a row', () => {
  it('finds the student’s greylisting rule (the newest of several)', () => {
    const rules = [rule('r1', 'greylisting', '2025-03-01T10:00:00.000Z'), rule('r2', 'outage'), rule('r3', 'greylisting', '2025-03-01T11:00:00.000Z')];
    expect(presetRule(rules, 'greylisting')?.id).toBe('r3');
    expect(presetRule(rules, 'slow-server')).toBeUndefined();
    expect(classRow(student('a@lab.local', { faults: rules }), overview([])).greylisting?.id).toBe('r3');
  });

  it('offers the presets not on yet, greylisting being a switch of its own', () => {
    const presets = ['greylisting', 'outage', 'slow-server', 'broken-tls'].map((id) => ({ id, name: { ru: id, en: id } }));
    expect(otherPresets(presets, [rule('r', 'outage')]).map((p) => p.id)).toEqual(['slow-server', 'broken-tls']);
  });
});

describe('the live frames that change the class', () => {
  it.each(['scenario-progress', 'scenario-reset', 'session', 'new', 'alert', 'fault', 'faults-changed', 'class-changed', 'delete', 'truncate'])(
    '%s: fetch again',
    (type) => {
      expect(changesClass(type)).toBe(true);
    },
  );
  it.each(['stats', 'update', 'object', 'object-log', 'channel-world', 'automaton'])('%s: nothing to fetch', (type) => {
    expect(changesClass(type)).toBe(false);
  });
});

describe('the first passwords as CSV', () => {
  it('one line each, quoted where the text needs it', () => {
    expect(
      passwordsCsv([
        { name: 'Анна Петрова', address: 'anna@lab.local', password: 'kx7-p2q' },
        { name: 'Smith, "Bob"', address: 'bob@lab.local', password: 'a,b' },
      ]),
    ).toBe('name,address,password\nАнна Петрова,anna@lab.local,kx7-p2q\n"Smith, ""Bob""",bob@lab.local,"a,b"\n');
  });
});
