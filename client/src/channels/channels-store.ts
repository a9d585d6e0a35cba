// What the Messages tab holds while the student moves between tabs: the channels and their
// forms (GET /api/lab/channels), what each simulator captured — messages and exchanges — fed by
// the live stream (channel-* frames), the exchange opened, and, for the signed-in account, its
// bots/chats/webhooks/SMS accounts, each form as typed, each test message and each test send as
// it happens. A secret the server hands out once (a token, a URL, a password) is NOT kept here:
// the view that shows it forgets it when it closes.
import { CHANNEL_IDS, type ChannelExchange, type ChannelId, type ChannelIntegrationView, type SimulatorInfo } from '../../../lab/channels/channel-wire.js';
import type { LiveEvent } from '../../../lab/live-events.js';
import { ApiError } from '../api/api-error.js';
import type { Bilingual, Lang } from '../i18n/bilingual.js';
import type { AuthState } from '../lab/lab-store.js';
import { createState, type Observable, type State } from '../ui/observable.js';
import { draftFromView, inputFromDraft, type FormDraft } from './channel-form-values.js';
import { applyChannelEvents, emptyData, MAX_EXCHANGES, MAX_MESSAGES, type ChannelData, type ChannelsData } from './channel-live.js';
import type { ChannelInfo, ChannelsApi, WorldViews } from './channels-api.js';
import { cm } from './channels-messages.js';
import { startRun, withAttempt, withFailure, withResult, type TestRun } from './test-run.js';

export interface Catalog {
  status: 'loading' | 'ready' | 'error';
  error?: Bilingual;
  simulators: SimulatorInfo[];
  channels: ChannelInfo[];
}

export type { ChannelData };

export interface WorldSlot<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  view?: T;
  error?: Bilingual;
}

export type Worlds = { [C in ChannelId]: WorldSlot<WorldViews[C]> };

export interface ExchangeDetail {
  id: string | undefined;
  status: 'idle' | 'loading' | 'ready' | 'missing' | 'error';
  exchange?: ChannelExchange;
  error?: Bilingual;
}

export interface ChannelsAccount {
  auth: Observable<AuthState>;
  signedOutElsewhere(): void;
}

export interface ChannelsStore {
  catalog: Observable<Catalog>;
  data: Observable<ChannelsData>;
  worlds: Observable<Worlds>;
  exchange: Observable<ExchangeDetail>;
  /** Each channel's form as typed (secrets empty unless typed). */
  drafts: State<Partial<Record<ChannelId, FormDraft>>>;
  /** Each channel's test message: `text` and its test fields (SMS: the number). */
  tests: State<Record<ChannelId, FormDraft>>;
  runs: Observable<Partial<Record<ChannelId, TestRun>>>;
  /** Fetches everything the stream continues from; never rejects (errors are kept in the state). */
  resync(): Promise<void>;
  apply(events: readonly LiveEvent[]): void;
  selectExchange(id: string | undefined): void;
  loadWorld(channel: ChannelId): Promise<void>;
  /** A call of the world's (create a bot, press Start …), then the world fetched again. */
  act<T>(channel: ChannelId, work: (api: ChannelsApi) => Promise<T>): Promise<T>;
  save(channel: ChannelId): Promise<ChannelIntegrationView>;
  removeIntegration(channel: ChannelId): Promise<void>;
  /** A ApiError with `fields` when the server refused the test's fields (nothing was sent). */
  sendTest(channel: ChannelId): Promise<void>;
  clear(channel: ChannelId): Promise<void>;
}

const emptyWorlds = (): Worlds => ({ telegram: { status: 'idle' }, discord: { status: 'idle' }, sms: { status: 'idle' } });
const textOf = (err: unknown): Bilingual => {
  if (err instanceof ApiError) return err.bilingual();
  const message = (err as Error).message;
  return { ru: message, en: message };
};
const isDefaultText = (text: string | undefined) => text === undefined || text === cm.test.defaultText.ru || text === cm.test.defaultText.en;

export function createChannelsStore(api: ChannelsApi, account: ChannelsAccount, language: Observable<Lang>): ChannelsStore {
  const catalog = createState<Catalog>({ status: 'loading', simulators: [], channels: [] });
  const data = createState(emptyData());
  const worlds = createState<Worlds>(emptyWorlds());
  const exchange = createState<ExchangeDetail>({ id: undefined, status: 'idle' });
  const drafts = createState<Partial<Record<ChannelId, FormDraft>>>({});
  const tests = createState<Record<ChannelId, FormDraft>>({ telegram: {}, discord: {}, sms: {} });
  const runs = createState<Partial<Record<ChannelId, TestRun>>>({});
  let runCount = 0;

  const address = () => {
    const auth = account.auth.get();
    return auth.status === 'signed-in' ? auth.account.address : undefined;
  };
  async function guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) account.signedOutElsewhere();
      throw err;
    }
  }
  const info = (channel: ChannelId) => catalog.get().channels.find((c) => c.channel === channel);

  // The default test text is in the page's language and follows it, unless the student changed it.
  const withTestDefaults = (channel: ChannelId, current: FormDraft, lang: Lang): FormDraft => {
    const fields = info(channel)?.testFields ?? [];
    const next: FormDraft = { ...current, text: isDefaultText(current.text) ? cm.test.defaultText[lang] : (current.text ?? '') };
    for (const field of fields) next[field.name] ??= '';
    return next;
  };
  const refreshTests = () => {
    const lang = language.get();
    const now = tests.get();
    tests.set(Object.fromEntries(CHANNEL_IDS.map((c) => [c, withTestDefaults(c, now[c], lang)])) as Record<ChannelId, FormDraft>);
  };
  language.subscribe(refreshTests);
  refreshTests();

  async function loadCatalog(): Promise<void> {
    try {
      const next = await api.catalog();
      const before = catalog.get().channels;
      const typed = drafts.get();
      const kept: Partial<Record<ChannelId, FormDraft>> = {};
      for (const ch of next.channels) {
        const old = before.find((c) => c.channel === ch.channel);
        const draft = typed[ch.channel];
        // A form the student has not touched follows what is saved; one being typed in stays.
        const untouched = !draft || !old || JSON.stringify(draft) === JSON.stringify(draftFromView(old.fields, old.integration, old.presets));
        kept[ch.channel] = untouched ? draftFromView(ch.fields, ch.integration, ch.presets) : draft;
      }
      catalog.set({ status: 'ready', simulators: next.simulators, channels: next.channels });
      drafts.set(kept);
      refreshTests();
    } catch (err) {
      catalog.update((c) => ({ ...c, status: c.status === 'ready' ? 'ready' : 'error', error: textOf(err) }));
    }
  }

  async function loadData(channel: ChannelId): Promise<void> {
    try {
      const [messages, exchanges] = await Promise.all([api.messages(channel, MAX_MESSAGES), api.exchanges(channel, MAX_EXCHANGES)]);
      data.update((d) => ({ ...d, [channel]: { loaded: true, messages: messages.messages, total: messages.total, exchanges: exchanges.exchanges } }));
    } catch (err) {
      data.update((d) => ({ ...d, [channel]: { ...d[channel], error: textOf(err) } }));
    }
  }

  const setWorld = <C extends ChannelId>(channel: C, slot: WorldSlot<WorldViews[C]>) => worlds.update((w) => ({ ...w, [channel]: slot }));
  async function loadWorld(channel: ChannelId): Promise<void> {
    const who = address();
    if (!who) return;
    const before = worlds.get()[channel];
    if (!before.view) setWorld(channel, { status: 'loading' });
    try {
      const view = await guard(api.world(channel));
      if (address() === who) setWorld(channel, { status: 'ready', view });
    } catch (err) {
      if (address() === who) setWorld(channel, { ...worlds.get()[channel], status: 'error', error: textOf(err) });
    }
  }

  let fetchingExchange: string | undefined;
  let fetchAgain = false;
  async function loadExchange(id: string): Promise<void> {
    if (fetchingExchange === id) {
      fetchAgain = true;
      return;
    }
    fetchingExchange = id;
    try {
      do {
        fetchAgain = false;
        try {
          const found = await api.exchange(id);
          if (exchange.get().id === id) exchange.set({ id, status: 'ready', exchange: found });
        } catch (err) {
          if (exchange.get().id !== id) return;
          exchange.set(err instanceof ApiError && err.status === 404 ? { id, status: 'missing' } : { id, status: 'error', error: textOf(err) });
        }
      } while (fetchAgain && exchange.get().id === id);
    } finally {
      fetchingExchange = undefined;
    }
  }

  // Another account signed in (or none): its worlds, forms and tests are not this one's.
  let shownFor = address();
  account.auth.subscribe((auth) => {
    const who = auth.status === 'signed-in' ? auth.account.address : undefined;
    if (who === shownFor || auth.status === 'unknown') return;
    shownFor = who;
    worlds.set(emptyWorlds());
    runs.set({});
    drafts.set({});
    void loadCatalog();
    if (who) for (const c of CHANNEL_IDS) void loadWorld(c);
  });

  return {
    catalog,
    data,
    worlds,
    exchange,
    drafts,
    tests,
    runs,
    async resync() {
      await Promise.all([loadCatalog(), ...CHANNEL_IDS.map((c) => loadData(c)), ...(address() ? CHANNEL_IDS.map((c) => loadWorld(c)) : [])]);
      const open = exchange.get().id;
      if (open) await loadExchange(open);
    },
    apply(events) {
      const open = exchange.get();
      const who = address();
      const outcome = applyChannelEvents(data.get(), events, {
        ...(open.id ? { openExchange: { id: open.id, channel: open.exchange?.Channel } } : {}),
        ...(who ? { owner: who } : {}),
      });
      data.set(outcome.data);
      if (outcome.exchangeGone && open.id) exchange.set({ id: open.id, status: 'missing' });
      else if (outcome.refetchExchange && open.id) void loadExchange(open.id);
      for (const channel of outcome.worlds) void loadWorld(channel);
    },
    selectExchange(id) {
      if (exchange.get().id === id) return;
      exchange.set(id ? { id, status: 'loading' } : { id: undefined, status: 'idle' });
      if (id) void loadExchange(id);
    },
    loadWorld,
    async act(channel, work) {
      try {
        return await guard(work(api));
      } finally {
        void loadWorld(channel);
      }
    },
    async save(channel) {
      const ch = info(channel);
      if (!ch) throw new Error(`no channel ${channel}`);
      const view = await guard(api.saveIntegration(channel, inputFromDraft(ch.fields, drafts.get()[channel] ?? {})));
      catalog.update((c) => ({ ...c, channels: c.channels.map((x) => (x.channel === channel ? { ...x, integration: view } : x)) }));
      drafts.update((d) => ({ ...d, [channel]: draftFromView(ch.fields, view) }));
      return view;
    },
    async removeIntegration(channel) {
      await guard(api.removeIntegration(channel));
      const ch = info(channel);
      catalog.update((c) => ({ ...c, channels: c.channels.map((x) => (x.channel === channel ? { ...x, integration: null } : x)) }));
      if (ch) drafts.update((d) => ({ ...d, [channel]: draftFromView(ch.fields, null, ch.presets) }));
    },
    async sendTest(channel) {
      const n = ++runCount;
      const previous = runs.get()[channel];
      const change = (update: (r: TestRun) => TestRun) => {
        const r = runs.get()[channel];
        if (r && r.n === n) runs.set({ ...runs.get(), [channel]: update(r) });
      };
      runs.set({ ...runs.get(), [channel]: startRun(n) });
      const input: Record<string, string> = {};
      for (const [key, value] of Object.entries(tests.get()[channel]))
        if (key === 'text' || value.trim() !== '') input[key] = key === 'text' ? value : value.trim();
      try {
        const result = await guard(
          api.sendTest(channel, input, (event) => {
            if (event.type === 'attempt') change((r) => withAttempt(r, event.attempt, Date.now()));
          }),
        );
        change((r) => withResult(r, result));
      } catch (err) {
        if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).length > 0) {
          // The test's fields were refused before anything was sent: the last result stays.
          if (runs.get()[channel]?.n === n) runs.set({ ...runs.get(), [channel]: previous });
          throw err;
        }
        change((r) => withFailure(r, textOf(err)));
        throw err;
      }
    },
    async clear(channel) {
      await guard(api.clear(channel));
      data.update((d) => ({ ...d, [channel]: { ...d[channel], messages: [], total: 0, exchanges: [] } }));
    },
  };
}
