// The Automaton page's stores outside the browser, fed by a real object registry (lab/objects):
// its snapshots and frames go to apply() as the live connection would deliver them, and the
// fake API answers from the same registry. Checked: snapshots and stale ones, the log merged by
// seq with the history fetched, a gap refetched, bounds on log and chart points, the transition
// just taken, the operator's messages grouped and sorted exactly as the server does, the
// indicator until acknowledged, alerts that never go back to "sending", and a resync that
// never rejects (the other tabs' live stream must not wait for this page).
import { afterEach, describe, expect, it } from 'vitest';
import type { ObjectEvent, ObjectSnapshot } from '../../lab/objects/object-events.js';
import type { ObjectLogEntry } from '../../lab/objects/object-log.js';
import { createOperatorMessageStore, type OperatorMessage } from '../../lab/objects/operator-messages.js';
import type { AlertRecord } from '../../lab/objects/alert-log.js';
import type { AutomatonEntry, ModelEntry } from '../../lab/objects/objects-wire.js';
import type { LiveEvent } from '../../lab/live-events.js';
import type { AutomatonApi } from '../../client/src/automaton/automaton-api.js';
import { ApiError } from '../../client/src/api/api-error.js';
import { createAutomatonStores } from '../../client/src/automaton/automaton-stores.js';
import { MAX_ALERTS, upsertAlert } from '../../client/src/automaton/alerts-store.js';
import { mergeLog, MAX_LOG_ENTRIES, upsertSnapshot, type ObjectTrack } from '../../client/src/automaton/objects-store.js';
import { groupByRules } from '../../client/src/automaton/operator-store.js';
import { addPoint, addValues, MAX_POINTS } from '../../client/src/automaton/series.js';
import { upsertById } from '../../client/src/automaton/library-store.js';
import { importModel } from '../../lab/automaton/import-model.js';
import { fixtureText, loadAutomaton, OFF_STATE, startLab, temperatureControlWithMail, type Lab } from '../lab/objects/objects-helpers.js';

const labs: Lab[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

const OWNER = 'student@lab.local';

async function lab(): Promise<Lab> {
  const l = await startLab({ mqtt: false });
  labs.push(l);
  return l;
}

const entryOf = (id: string, doc = temperatureControlWithMail()): AutomatonEntry => ({
  id,
  owner: OWNER,
  importedAt: new Date(0).toISOString(),
  fileName: 'temperature-control.automaton.json',
  automaton: doc.automaton,
  modelId: doc.automaton.modelId,
});

/** The page's API, answered by the registry (what the server's routes do with it). */
function apiOver(l: Lab, calls: string[] = []): AutomatonApi {
  const unsupported = () => Promise.reject(new Error('not in this test'));
  return {
    automatons: async () => [entryOf('a-1')],
    models: async () => [],
    importAutomaton: unsupported,
    importModel: unsupported,
    addChannelAlert: unsupported,
    updateChannelAlert: unsupported,
    removeChannelAlert: unsupported,
    removeAutomaton: unsupported,
    example: unsupported,
    exportUrl: (id) => `/api/lab/automatons/${id}/export`,
    addEmail: unsupported,
    updateEmail: unsupported,
    removeEmail: unsupported,
    objects: async () => l.registry.list(),
    createObject: async () => unsupported(),
    removeObject: async (id) => l.registry.remove(id),
    log: async (id, options = {}) => {
      calls.push(`log ${id} after=${options.after ?? 0}`);
      return l.registry.log(id, options);
    },
    telemetry: async (id, values) => {
      l.registry.telemetry(id, values);
      return l.registry.get(id);
    },
    fire: async (id, event) => {
      l.registry.fire(id, event);
      return l.registry.get(id);
    },
    control: async (id) => l.registry.get(id),
    knobs: async (id, knobs) => l.registry.setKnobs(id, knobs),
    operatorMessages: async (group, sort) => ({ groups: l.registry.messages.groups(group, { sort }), indicator: l.registry.messages.indicator() }),
    acknowledge: async (ids) => {
      if (ids === 'all') l.registry.messages.acknowledge('all');
      else for (const id of ids) l.registry.messages.acknowledge(id);
      return l.registry.messages.indicator();
    },
    alerts: async (limit) => ({ alerts: l.registry.alerts.list({ limit }), stats: l.registry.alerts.stats() }),
    mqtt: async () => ({ enabled: false, host: '127.0.0.1', port: null, clients: [] }),
  };
}

/** The frames the registry emitted since `from`, as the live connection hands them over. */
const framesSince = (l: Lab, from: number): LiveEvent[] => l.events.slice(from) as ObjectEvent[] as LiveEvent[];

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('objects store', () => {
  it('follows an object from its frames: snapshot, state, log in seq order, chart points, the transition just taken', async () => {
    const l = await lab();
    const stores = createAutomatonStores(apiOver(l));
    await stores.resync();
    const from = l.events.length;
    // Selected before it exists (its link opened first): its history comes when it appears.
    stores.objects.select('kettle-1');
    l.registry.create({ id: 'kettle-1', automaton: temperatureControlWithMail(), owner: OWNER, source: 'manual' });
    // Snapshots go out after the burst of runner events (a microtask later).
    await settle();
    stores.apply(framesSince(l, from));
    await settle();
    let s = stores.objects.state.get();
    expect(s.objects.map((o) => o.id)).toEqual(['kettle-1']);
    expect(s.objects[0]!.state?.name).toBe('ON');

    const at = l.events.length;
    l.registry.telemetry('kettle-1', { temperatureC: 50 });
    l.registry.telemetry('kettle-1', { temperatureC: 101 });
    await l.registry.idle();
    await settle();
    stores.apply(framesSince(l, at));
    s = stores.objects.state.get();
    expect(s.objects[0]!.state?.id).toBe(OFF_STATE);
    const track = s.tracks['kettle-1']!;
    const seqs = track.log.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(track.log.map((e) => e.kind)).toEqual(expect.arrayContaining(['created', 'started', 'telemetry', 'transition', 'state', 'action']));
    expect(track.series.temperatureC!.v).toEqual([50, 101]);
    // Two seen live: the init transition at the start, then ON → OFF.
    expect(track.taken).toMatchObject({ from: 'first', to: OFF_STATE, n: 2 });
    // The alert went out (the registry's port answered sent), and its frames reached the store.
    expect(stores.alerts.state.get().alerts.map((a) => a.status)).toEqual(['sent']);
    expect(stores.alerts.state.get().alerts[0]!.mail.subject).toBe('Overheat: 101 on kettle-1');
  });

  it('fetches the history of an object opened mid-run and merges the live entries by seq, none twice', async () => {
    const l = await lab();
    const calls: string[] = [];
    l.registry.create({ id: 'k', automaton: temperatureControlWithMail(), owner: OWNER, source: 'manual' });
    l.registry.telemetry('k', { temperatureC: 30 });
    l.registry.telemetry('k', { temperatureC: 100 });
    await l.registry.idle();
    const stores = createAutomatonStores(apiOver(l, calls));
    const liveFrom = l.events.length - 3;
    await stores.resync();
    stores.objects.select('k');
    // Some frames the page got after opening overlap with the history it fetched.
    stores.apply(framesSince(l, liveFrom));
    await settle();
    const track = stores.objects.state.get().tracks.k!;
    expect(calls).toEqual(['log k after=0']);
    expect(track.logLoaded).toBe(true);
    expect(track.log.map((e) => e.seq)).toEqual(l.registry.log('k').entries.map((e) => e.seq));
    // Points from before the page opened come from the log's telemetry entries.
    expect(track.series.temperatureC!.v).toEqual([30, 100]);
    // The transition seen in the history marks the edge (not animated: n = 0), and the next live one counts.
    expect(track.taken).toMatchObject({ to: OFF_STATE, n: 0 });
    const next = l.events.length;
    l.registry.telemetry('k', { temperatureC: 20 });
    await settle();
    stores.apply(framesSince(l, next));
    expect(stores.objects.state.get().tracks.k!.taken).toMatchObject({ from: OFF_STATE, to: 'first', n: 1 });
  });

  it("refetches the followed object's log after a gap (frames missed during a reconnect)", async () => {
    const l = await lab();
    const calls: string[] = [];
    l.registry.create({ id: 'k', automaton: temperatureControlWithMail(), owner: OWNER, source: 'manual' });
    const stores = createAutomatonStores(apiOver(l, calls));
    await stores.resync();
    stores.objects.select('k');
    await settle();
    const lastSeq = stores.objects.state.get().tracks.k!.log.at(-1)!.seq;
    l.registry.telemetry('k', { temperatureC: 30 });
    const missedUntil = l.events.length;
    l.registry.telemetry('k', { temperatureC: 40 });
    stores.apply(framesSince(l, missedUntil));
    await settle();
    expect(calls).toEqual(['log k after=0', `log k after=${lastSeq}`]);
    const track = stores.objects.state.get().tracks.k!;
    expect(track.log.map((e) => e.seq)).toEqual(l.registry.log('k').entries.map((e) => e.seq));
    expect(track.series.temperatureC!.v).toEqual([30, 40]);
  });

  it('starts afresh for an object created again under the same id (its log numbers start again)', async () => {
    const l = await lab();
    const stores = createAutomatonStores(apiOver(l));
    l.registry.create({ id: 'k', automaton: temperatureControlWithMail(), owner: OWNER, source: 'manual' });
    l.registry.telemetry('k', { temperatureC: 30 });
    await stores.resync();
    stores.objects.select('k');
    await settle();
    expect(stores.objects.state.get().tracks.k!.series.temperatureC!.v).toEqual([30]);
    // Removed and created again while the page was away (no object-removed frame seen).
    l.registry.remove('k');
    await new Promise((resolve) => setTimeout(resolve, 5));
    l.registry.create({ id: 'k', automaton: temperatureControlWithMail(), owner: OWNER, source: 'manual' });
    l.registry.telemetry('k', { temperatureC: 60 });
    await stores.resync();
    await settle();
    const track = stores.objects.state.get().tracks.k!;
    expect(track.series.temperatureC!.v).toEqual([60]);
    expect(track.log.map((e) => e.seq)).toEqual(l.registry.log('k').entries.map((e) => e.seq));
  });

  it('drops removed objects, and ignores a snapshot older than the one it has', async () => {
    const l = await lab();
    const stores = createAutomatonStores(apiOver(l));
    const from = l.events.length;
    l.registry.create({ id: 'a', automaton: loadAutomaton('jamming-control.automaton.json'), owner: OWNER, source: 'manual' });
    l.registry.create({ id: 'b', automaton: loadAutomaton('jamming-control.automaton.json'), owner: OWNER, source: 'manual' });
    await settle();
    stores.apply(framesSince(l, from));
    expect(stores.objects.state.get().objects.map((o) => o.id)).toEqual(['a', 'b']);
    const at = l.events.length;
    l.registry.remove('a');
    await settle();
    stores.apply(framesSince(l, at));
    expect(stores.objects.state.get().objects.map((o) => o.id)).toEqual(['b']);
    expect(stores.objects.state.get().tracks.a).toBeUndefined();
    const b = stores.objects.state.get().objects[0]!;
    const stale: ObjectSnapshot = { ...b, time: b.time - 1000, paused: true };
    expect(upsertSnapshot([b], stale)).toEqual([b]);
  });

  it('tells the clients that published with an id no object has (a typo in -i), newest first, five at most', async () => {
    const l = await lab();
    const stores = createAutomatonStores(apiOver(l));
    const frame = (clientId: string, time: number): LiveEvent => ({
      Type: 'mqtt-unknown-client',
      Data: { clientId, topic: 'base/state/t', time, ignoredTotal: time },
    });
    stores.apply([frame('a', 1), frame('b', 2), frame('a', 3)]);
    expect(stores.objects.state.get().unknownClients.map((c) => c.clientId)).toEqual(['a', 'b']);
    stores.apply(['c', 'd', 'e', 'f', 'g'].map((id, i) => frame(id, 10 + i)));
    expect(stores.objects.state.get().unknownClients.map((c) => c.clientId)).toEqual(['g', 'f', 'e', 'd', 'c']);
  });

  it('keeps at most 500 log entries and 600 points per parameter, counting what it dropped', () => {
    let track: ObjectTrack = { createdAt: 1, log: [], dropped: 0, logLoaded: true, series: {}, taken: null };
    const entry = (seq: number): ObjectLogEntry => ({
      seq,
      time: seq,
      objectTime: seq * 1000,
      kind: 'telemetry',
      text: { ru: '', en: '' },
      data: { values: { t: seq } },
    });
    for (let seq = 1; seq <= 2000; seq += 100)
      track = mergeLog(
        track,
        Array.from({ length: 100 }, (_, i) => entry(seq + i)),
        true,
      );
    expect(track.log).toHaveLength(MAX_LOG_ENTRIES);
    expect(track.log[0]!.seq).toBe(2000 - MAX_LOG_ENTRIES + 1);
    expect(track.dropped).toBe(2000 - MAX_LOG_ENTRIES);
    expect(track.series.t!.v).toHaveLength(MAX_POINTS);
    expect(track.series.t!.v.at(-1)).toBe(2000);
    // The same entries again change nothing.
    expect(mergeLog(track, track.log.slice(-10), true)).toBe(track);
  });
});

describe('chart series', () => {
  it('adds points in time order, replaces a point at the same time, and skips text', () => {
    let s = addPoint(undefined, 2000, 20);
    s = addPoint(s, 1000, 10);
    s = addPoint(s, 3000, 30);
    s = addPoint(s, 2000, 21);
    expect(s).toEqual({ t: [1000, 2000, 3000], v: [10, 21, 30], boolean: false, source: 'log' });
    expect(addPoint(s, 4000, 'on')).toBe(s);
    expect(addPoint(s, 2000, 21)).toBe(s);
    expect(addPoint(undefined, 0, true)).toEqual({ t: [0], v: [1], boolean: true, source: 'log' });
    // Snapshots draw a parameter until the telemetry log reports it; then the log alone.
    const snap = addPoint(undefined, 500, 7, MAX_POINTS, 'snapshot');
    expect(addPoint(snap, 600, 8, MAX_POINTS, 'snapshot')!.v).toEqual([7, 8]);
    const logged = addPoint(snap, 501, 7, MAX_POINTS, 'log');
    expect(logged).toEqual({ t: [501], v: [7], boolean: false, source: 'log' });
    expect(addPoint(logged, 502, 7, MAX_POINTS, 'snapshot')).toBe(logged);
    const map = addValues({}, 5, { a: 1, b: 'x', c: null });
    expect(Object.keys(map)).toEqual(['a']);
    expect(addValues(map, 5, { a: 1 })).toBe(map);
  });

  it('never grows beyond its bound, and a point older than all kept in a full series is dropped', () => {
    let s = addPoint(undefined, 0, 0, 3);
    for (let t = 1; t < 10; t++) s = addPoint(s, t, t, 3);
    expect(s!.t).toEqual([7, 8, 9]);
    expect(addPoint(s, 1, 1, 3)).toBe(s);
  });
});

describe('operator store', () => {
  const message = (n: number, over: Partial<OperatorMessage>): OperatorMessage => ({
    id: `msg-${n}`,
    objectId: `obj-${n % 3}`,
    owner: OWNER,
    stateId: 's',
    stateName: 'S',
    importance: (['information', 'important', 'critical'] as const)[n % 3]!,
    text: `text ${n % 4}`,
    time: 1000 + Math.floor(n / 2) * 10,
    objectTime: 0,
    acknowledged: n % 5 === 0,
    acknowledgedAt: null,
    ...over,
  });

  it('groups and sorts exactly as the server does, for every grouping and order', () => {
    const server = createOperatorMessageStore({ now: () => 5 });
    const sent: OperatorMessage[] = [];
    for (let n = 1; n <= 40; n++) {
      const m = message(n, {});
      const added = server.add({
        objectId: m.objectId,
        owner: m.owner,
        stateId: m.stateId,
        stateName: m.stateName,
        importance: m.importance,
        text: m.text,
        time: m.time,
        objectTime: 0,
      });
      sent.push(added);
    }
    server.acknowledge('msg-7');
    const local = sent.map((m) => (m.id === 'msg-7' ? { ...m, acknowledged: true, acknowledgedAt: 5 } : m));
    for (const group of ['text', 'object', 'none'] as const) {
      for (const sort of ['time', 'importance'] as const) {
        expect(groupByRules(local, group, sort), `${group} / ${sort}`).toEqual(server.groups(group, { sort }));
      }
    }
  });

  it('lights the indicator for a critical message until it is acknowledged (jamming control: Prolonged jamming)', async () => {
    const l = await lab();
    const stores = createAutomatonStores(apiOver(l));
    await stores.resync();
    expect(stores.operator.state.get().critical).toBe(0);
    const from = l.events.length;
    l.registry.create({ id: 'tracker-7', automaton: loadAutomaton('jamming-control.automaton.json'), owner: OWNER, source: 'manual', speed: 1000 });
    l.registry.telemetry('tracker-7', { data9: true });
    // The 300 s timer at speed 1000: 0.3 s.
    for (let i = 0; i < 100 && l.registry.messages.indicator().unacknowledgedCritical === 0; i++) await settle();
    stores.apply(framesSince(l, from));
    const s = stores.operator.state.get();
    expect(s.critical).toBe(1);
    expect(s.messages[0]).toMatchObject({ importance: 'critical', text: 'ATTENTION\nProlonged jamming', objectId: 'tracker-7' });
    const at = l.events.length;
    await stores.operator.acknowledge([s.messages[0]!.id], OWNER);
    expect(stores.operator.state.get().critical).toBe(0);
    // The server's frame says the same, and applying it changes nothing more.
    stores.apply(framesSince(l, at));
    expect(stores.operator.state.get().critical).toBe(0);
    expect(stores.operator.state.get().messages[0]!.acknowledged).toBe(true);
    // After a reconnect the page holds what the server holds.
    await stores.resync();
    expect(stores.operator.state.get().messages.map((m) => [m.id, m.acknowledged])).toEqual(l.registry.messages.list().map((m) => [m.id, m.acknowledged]));
  });

  it('takes a message once, even when it arrives in the fetch and on the stream', async () => {
    const l = await lab();
    const stores = createAutomatonStores(apiOver(l));
    const from = l.events.length;
    l.registry.create({ id: 'light', automaton: loadAutomaton('light-timer.automaton.json'), owner: OWNER, source: 'manual' });
    await stores.resync();
    stores.apply(framesSince(l, from));
    expect(stores.operator.state.get().messages.map((m) => m.text)).toEqual(['Light is off']);
    expect(stores.operator.state.get().critical).toBe(0);
  });
});

describe('alerts store', () => {
  const record = (id: string, status: AlertRecord['status'], startedAt: number): AlertRecord => ({
    id,
    objectId: 'k',
    owner: OWNER,
    stateId: OFF_STATE,
    stateName: 'OFF',
    mail: { from: null, to: ['ops@lab.local'], subject: 's', text: 't', html: null },
    status,
    outcome: null,
    error: null,
    startedAt,
    finishedAt: null,
    objectTime: 0,
    mailId: null,
    sessionId: null,
    attempts: null,
  });

  it('keeps the newest first, replaces by id, never turns a finished attempt back into "sending", and stays bounded', () => {
    let list = upsertAlert([], record('alert-1', 'sending', 1));
    list = upsertAlert(list, record('alert-2', 'sending', 2));
    list = upsertAlert(list, record('alert-1', 'sent', 1));
    expect(list.map((a) => `${a.id}:${a.status}`)).toEqual(['alert-2:sending', 'alert-1:sent']);
    expect(upsertAlert(list, record('alert-1', 'sending', 1))).toBe(list);
    for (let i = 3; i < 400; i++) list = upsertAlert(list, record(`alert-${i}`, 'failed', i));
    expect(list).toHaveLength(MAX_ALERTS);
    expect(list[0]!.id).toBe('alert-399');
  });
});

describe('library store and resync', () => {
  it('follows automaton frames: an import or an edit replaces the entry, a removal drops it', async () => {
    const l = await lab();
    const stores = createAutomatonStores(apiOver(l));
    await stores.resync();
    expect(stores.library.state.get().automatons.map((a) => a.id)).toEqual(['a-1']);
    const edited = entryOf('a-1', loadAutomaton('temperature-control.automaton.json'));
    stores.apply([
      { Type: 'automaton', Data: { automaton: entryOf('a-2') } },
      { Type: 'automaton', Data: { automaton: edited } },
    ]);
    expect(stores.library.state.get().automatons.map((a) => a.id)).toEqual(['a-2', 'a-1']);
    expect(stores.library.automaton('a-1')).toBe(edited);
    stores.apply([{ Type: 'automaton-removed', Data: { id: 'a-2' } }]);
    expect(stores.library.state.get().automatons.map((a) => a.id)).toEqual(['a-1']);
  });

  it('finds the model an automaton was made for', async () => {
    const l = await lab();
    const model: ModelEntry = { id: 'm-1', owner: OWNER, importedAt: '', fileName: null, model: importModel(fixtureText('kettle.model.json')) };
    const api = { ...apiOver(l), models: async () => [model] };
    const stores = createAutomatonStores(api);
    await stores.resync();
    expect(stores.library.modelFor(stores.library.automaton('a-1'))?.id).toBe('m-1');
    expect(upsertById([model], { ...model, fileName: 'x' })[0]!.fileName).toBe('x');
  });

  it('never rejects a resync: each store keeps its own error in both languages', async () => {
    const l = await lab();
    const failing = new ApiError(503, 'closed', 'closed', { ru: 'сервер закрывается', en: 'the server is closing' });
    const broken: AutomatonApi = {
      ...apiOver(l),
      automatons: () => Promise.reject(failing),
      objects: () => Promise.reject(new Error('offline')),
      operatorMessages: () => Promise.reject(failing),
      alerts: () => Promise.reject(failing),
    };
    const stores = createAutomatonStores(broken);
    await expect(stores.resync()).resolves.toBeUndefined();
    expect(stores.library.state.get().error).toEqual({ ru: 'Сервер закрывается', en: 'The server is closing' });
    expect(stores.objects.state.get().error).toEqual({ ru: 'offline', en: 'offline' });
    expect(stores.operator.state.get().loaded).toBe(true);
    expect(stores.alerts.state.get().error?.en).toBe('The server is closing');
  });
});
