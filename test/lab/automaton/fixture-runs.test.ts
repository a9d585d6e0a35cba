// Each of the platform's four automatons driven through every one of its transitions, with
// telemetry, timers on a manual clock and events: the exact states entered, the transitions
// taken and the actions run at each step.
import { describe, expect, test } from 'vitest';
import type { ParameterValues } from '../../../lab/automaton/automaton-types.js';
import { actionSummary, loadAutomaton, loadKettle, startRun, type AutomatonFixture } from './automaton-helpers.js';

interface Step {
  telemetry?: ParameterValues;
  advanceSeconds?: number;
  fire?: string;
  /** States entered during the step (name, or id for the unnamed init/final). */
  enter?: string[];
  via?: string[];
  actions?: string[];
}

interface Script {
  fixture: AutomatonFixture;
  title: string;
  withModel?: boolean;
  start: Omit<Step, 'telemetry' | 'advanceSeconds' | 'fire'>;
  steps: Step[];
}

const ON = ['command kettle_on → kettle/actions {"on":true}', 'set status = "on"'];
const OFF = ['command kettle_off → kettle/actions {"on":false}', 'set status = "off"'];
const SMART_START = { enter: ['0', 'Start', 'Turn-off'], via: ['0', 'jxvll0o6'], actions: ['push information: Automaton is loaded', 'command led-off'] };
const COLDLY = ['command led-blue', 'push critical: Coldly'];
const FINE = ['command led-green', 'push information: Fine'];
const HOT = ['command led-red', 'push important: Hot'];
const LIGHT_OFF = ['command led-off', 'push information: Light is off'];

const SCRIPTS: Script[] = [
  {
    fixture: 'temperature-control.automaton.json',
    title: 'ON ⇄ OFF around 80..99 °C, with the kettle model publishing the commands',
    withModel: true,
    start: { enter: ['initial', 'ON'], via: ['0'], actions: ON },
    steps: [
      { telemetry: { temperatureC: 90 } },
      { telemetry: { temperatureC: 99 } },
      { telemetry: { temperatureC: 100 }, enter: ['OFF'], via: ['kx36jsqk'], actions: OFF },
      { telemetry: { temperatureC: 85 } },
      { telemetry: { temperatureC: 80 } },
      { telemetry: { temperatureC: '79.5' }, enter: ['ON'], via: ['kx36jd5u'], actions: ON },
      { telemetry: { temperatureC: 101 }, enter: ['OFF'], via: ['kx36jsqk'], actions: OFF },
    ],
  },
  {
    fixture: 'temperature-control.automaton.json',
    title: 'without a model the commands go out with no publish',
    start: { enter: ['initial', 'ON'], via: ['0'], actions: ['command kettle_on', 'set status = "on"'] },
    steps: [{ telemetry: { temperatureC: 120 }, enter: ['OFF'], via: ['kx36jsqk'], actions: ['command kettle_off', 'set status = "off"'] }],
  },
  {
    fixture: 'smart-home.automaton.json',
    title: 'Turn-off → Coldly, then round Coldly, Fine and Hot',
    start: SMART_START,
    steps: [
      { telemetry: { temperature: 15 }, enter: ['Coldly'], via: ['jxvlodmb'], actions: COLDLY },
      { telemetry: { temperature: 25 }, enter: ['Fine'], via: ['jxvlq4l7'], actions: FINE },
      { telemetry: { temperature: 35 }, enter: ['Hot'], via: ['jxvlrwo9'], actions: HOT },
      { telemetry: { temperature: 25 }, enter: ['Fine'], via: ['jxvls8xl'], actions: FINE },
      { telemetry: { temperature: 15 }, enter: ['Coldly'], via: ['jxvlritt'], actions: COLDLY },
      { telemetry: { temperature: 35 }, enter: ['Hot'], via: ['jxvlr1dm'], actions: HOT },
      { telemetry: { temperature: 15 }, enter: ['Coldly'], via: ['jxvlsszt'], actions: COLDLY },
      { telemetry: { temperature: 10 } },
    ],
  },
  {
    fixture: 'smart-home.automaton.json',
    title: 'Turn-off → Fine, and the band edges 20 and 30 stay Fine',
    start: SMART_START,
    steps: [
      { telemetry: { temperature: 25 }, enter: ['Fine'], via: ['jxvloxs2'], actions: FINE },
      { telemetry: { temperature: 30 } },
      { telemetry: { temperature: 20 } },
      { telemetry: { humidity: 40 } },
      { telemetry: { temperature: 19.9 }, enter: ['Coldly'], via: ['jxvlritt'], actions: COLDLY },
    ],
  },
  {
    fixture: 'smart-home.automaton.json',
    title: 'Turn-off → Hot',
    start: SMART_START,
    steps: [{ telemetry: { temperature: 35 }, enter: ['Hot'], via: ['jxvlppuq'], actions: HOT }],
  },
  {
    fixture: 'jamming-control.automaton.json',
    title: 'jamming, a short one that ends, then a prolonged one with a critical message',
    start: { enter: ['initial', 'All right'], via: ['0'], actions: [] },
    steps: [
      { telemetry: { data9: false } },
      { telemetry: { data9: true }, enter: ['Jamming'], via: ['kx7aw063'], actions: ['timer#1 300 s'] },
      { advanceSeconds: 299 },
      { telemetry: { data9: false }, enter: ['All right'], via: ['kx7atfuk'] },
      // The timer outlives its state: it ends in "All right", where nothing takes its event.
      { advanceSeconds: 1 },
      { telemetry: { data9: 'true' }, enter: ['Jamming'], via: ['kx7aw063'], actions: ['timer#1 300 s'] },
      { advanceSeconds: 300, enter: ['Prolonged jamming'], via: ['kx7chhwp'], actions: ['push critical: ATTENTION\nProlonged jamming'] },
      { telemetry: { data9: true } },
      { advanceSeconds: 600 },
      { telemetry: { data9: false }, enter: ['All right'], via: ['kx7cicsr'] },
    ],
  },
  {
    fixture: 'light-timer.automaton.json',
    title: 'too dark turns the light on for 5 s',
    start: { enter: ['0', 'Start'], via: ['0'], actions: LIGHT_OFF },
    steps: [
      { telemetry: { lum: 300 } },
      { telemetry: { lum: 100 }, enter: ['Too dark'], via: ['jypw8itg'], actions: ['command led-on', 'push important: Light is on', 'timer#1 5 s'] },
      { telemetry: { lum: 50 } },
      { advanceSeconds: 4.999 },
      { advanceSeconds: 0.001, enter: ['Start'], via: ['jypw9zkk'], actions: LIGHT_OFF },
      { fire: 'geofence-enter' },
      { telemetry: { lum: 199 }, enter: ['Too dark'], via: ['jypw8itg'], actions: ['command led-on', 'push important: Light is on', 'timer#1 5 s'] },
    ],
  },
];

const covered = new Map<string, Set<string>>();

describe('the platform automatons, transition by transition', () => {
  test.each(SCRIPTS)('$fixture: $title', (script) => {
    const document = loadAutomaton(script.fixture);
    const run = startRun(document, script.withModel ? { model: loadKettle() } : {});
    const seen = covered.get(script.fixture) ?? new Set<string>();
    covered.set(script.fixture, seen);
    const check = (step: Omit<Step, 'telemetry' | 'advanceSeconds' | 'fire'>, label: string, from: number) => {
      const fresh = run.events.slice(from);
      const entered = fresh.flatMap((e) => (e.type === 'state-entered' ? [e.state.name || e.state.id] : []));
      const via = fresh.flatMap((e) => (e.type === 'transition' ? [e.transitionId] : []));
      const actions = fresh.flatMap((e) => (e.type === 'action' ? [actionSummary(e)] : []));
      expect({ label, entered, via, actions }).toEqual({ label, entered: step.enter ?? [], via: step.via ?? [], actions: step.actions ?? [] });
      via.forEach((id) => seen.add(id));
    };
    check(script.start, 'start', 0);
    script.steps.forEach((step, i) => {
      const from = run.events.length;
      if (step.telemetry) run.runner.telemetry(step.telemetry);
      if (step.advanceSeconds !== undefined) run.clock.advance(step.advanceSeconds * 1000);
      if (step.fire) run.runner.fire(step.fire);
      check(step, `step ${i + 1}`, from);
    });
    expect(run.of('error')).toEqual([]);
    run.runner.close();
  });

  test('every transition of every fixture was taken above', () => {
    for (const fixture of new Set(SCRIPTS.map((s) => s.fixture))) {
      const all = loadAutomaton(fixture)
        .automaton.transitions.map((t) => t.id)
        .sort();
      expect({ fixture, taken: [...(covered.get(fixture) ?? [])].sort() }).toEqual({ fixture, taken: all });
    }
  });
});

describe('what the run reports along the way', () => {
  test('a transition carries its condition in words, with the model’s parameter name', () => {
    const run = startRun(loadAutomaton('temperature-control.automaton.json'), { model: loadKettle() });
    run.runner.telemetry({ temperatureC: 100 });
    const transition = run.of('transition').at(-1)!;
    expect(transition).toMatchObject({ from: 'first', to: 'kx359z61', fromName: 'ON', toName: 'OFF', event: 'es-recive-device-data' });
    expect(transition.conditionText).toEqual({ ru: 'Temperature > 99', en: 'Temperature > 99' });
    expect(run.of('event').at(-1)).toMatchObject({ outcome: 'taken', transitionId: 'kx36jsqk', text: { ru: 'данные получены', en: 'data received' } });
  });

  test('the timer that ends in another state is recorded as an event no transition took', () => {
    const run = startRun(loadAutomaton('jamming-control.automaton.json'));
    run.runner.telemetry({ data9: true });
    run.runner.telemetry({ data9: false });
    run.clock.advance(300_000);
    expect(run.of('timer-fired')).toMatchObject([{ kind: 'timer', timer: 1, event: 'es-control-timer#1-done', time: run.clock.now() }]);
    expect(run.of('event').at(-1)).toMatchObject({
      event: 'es-control-timer#1-done',
      outcome: 'no-transition',
      stateId: 'first',
      text: { ru: 'таймер 1 истёк' },
    });
    expect(run.runner.snapshot().state?.name).toBe('All right');
  });

  test('the snapshot holds the state, the values and the running timers, as JSON', () => {
    const run = startRun(loadAutomaton('jamming-control.automaton.json'));
    run.runner.telemetry({ data9: true });
    run.clock.advance(100_000);
    const snapshot = run.runner.snapshot();
    expect(snapshot).toMatchObject({
      objectId: 'kettle-1',
      automaton: 'Jamming control',
      started: true,
      finished: false,
      state: { id: 'kx6c701t', name: 'Jamming', type: 'state' },
      values: { data9: true },
      timers: [{ kind: 'timer', timer: 1, event: 'es-control-timer#1-done', remainingMs: 200_000 }],
    });
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(JSON.parse(JSON.stringify(run.events))).toEqual(run.events);
  });
});
