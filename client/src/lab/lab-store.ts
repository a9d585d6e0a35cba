// What the Lab page holds while the student moves between tabs: who is signed in, the presets,
// the saved integration (without its password: the server never sends it), the form as typed,
// the test mail, and the last test attempt with its dialogue. A new app password is NOT kept
// here: the account view shows it once and forgets it when it goes.
import type { Bilingual, IntegrationView, Preset } from '../../../lab/integration/integration-types.js';
import type { DeliveryResult, LoggedAttempt, RecipientOutcome } from '../../../lab/sender/delivery-types.js';
import type { Lang } from '../i18n/bilingual.js';
import { createState, type Observable, type State } from '../ui/observable.js';
import { defaultTestMail, draftFromView, draftToInput, emptyDraft, localizeTestMail, type IntegrationDraft } from './integration-draft.js';
import { ApiError } from '../api/api-error.js';
import type { LabAccount, LabApi, NewAppPassword, TestMailInput } from './lab-api.js';

export type AuthState =
  { status: 'unknown' } | { status: 'signed-out'; expired: boolean } | { status: 'signed-in'; account: LabAccount } | { status: 'error'; message: string };

/** One connection of the sender's delivery: the first try, or a retry. */
export interface Try {
  /** 1-based, of `of` at most. */
  n: number;
  of: number;
  /** The client's side of this try, as it streams in. */
  lines: string[];
  sessionId?: string;
  /** How it ended (its reply, explanation, verdict, what the lab injected); absent while it runs. */
  ended?: LoggedAttempt;
}

export interface Attempt {
  /** Counts the test sends of this page, so a view can tell a new one from the last. */
  n: number;
  status: 'running' | 'done' | 'failed';
  /** Each try of the sender (a retry is a new connection), in order. */
  tries: Try[];
  /** The client's side of the latest try as it streams in (secrets already masked by the server). */
  lines: string[];
  /** The lab's session of the latest try, when the target was one of the lab's listeners. */
  sessionId?: string;
  /** While the sender waits to retry: when the next try starts (this page's clock, epoch ms). */
  nextAt?: number;
  /** Each recipient's outcome so far. */
  recipients?: RecipientOutcome[];
  result?: DeliveryResult;
  /** The request itself failed (refused, no answer, or the answer was cut off). */
  error?: Bilingual;
}

/** The tries of a result that came in one piece (a server that does not stream). */
const triesOf = (result: DeliveryResult): Try[] =>
  result.attempts.map((a) => ({ n: a.n, of: a.of, lines: a.clientLog, ...(a.sessionId ? { sessionId: a.sessionId } : {}), ended: a }));

export interface LabStore {
  auth: Observable<AuthState>;
  presets: Observable<Preset[] | undefined>;
  /** undefined: not loaded yet; null: nothing saved yet. */
  saved: Observable<IntegrationView | null | undefined>;
  draft: State<IntegrationDraft>;
  mail: State<TestMailInput>;
  attempt: Observable<Attempt | undefined>;
  /** Loads who is signed in and what they saved, once (again after an error). */
  start(): void;
  signUp(address: string, password: string): Promise<void>;
  signIn(address: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Another page's call got 401: the server forgot the sign-in; show the sign-in form. */
  signedOutElsewhere(): void;
  createAppPassword(label: string): Promise<NewAppPassword>;
  revokeAppPassword(id: string): Promise<void>;
  /** Saves the form; a ApiError with `fields` when the server refuses fields. */
  save(): Promise<IntegrationView>;
  /** Runs a test send with the saved settings; a ApiError with `fields` for a bad test mail. */
  sendTest(): Promise<void>;
}

/** `identityChanged`: after a sign-in or sign-out (in a class, what the page may see changes with it). */
export function createLabStore(api: LabApi, language: Observable<Lang>, identityChanged: () => void = () => undefined): LabStore {
  const auth = createState<AuthState>({ status: 'unknown' });
  const presets = createState<Preset[] | undefined>(undefined);
  const saved = createState<IntegrationView | null | undefined>(undefined);
  const draft = createState<IntegrationDraft>(emptyDraft());
  const mail = createState<TestMailInput>(defaultTestMail(language.get()));
  // The default subject and body are in the page's language, and follow it when it changes.
  language.subscribe((lang) => mail.set(localizeTestMail(mail.get(), lang)));
  const attempt = createState<Attempt | undefined>(undefined);
  let started = false;
  let attempts = 0;

  const reset = () => {
    saved.set(undefined);
    draft.set(emptyDraft());
    mail.set(defaultTestMail(language.get()));
    attempt.set(undefined);
  };

  /** The server forgot the session (a restart, a sign-out elsewhere): back to the sign-in form. */
  async function guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && auth.get().status === 'signed-in') {
        auth.set({ status: 'signed-out', expired: true });
        reset();
      }
      throw err;
    }
  }

  async function loadIntegration(): Promise<void> {
    const view = await guard(api.integration());
    saved.set(view);
    draft.set(view ? draftFromView(view) : emptyDraft());
  }

  async function signedIn(account: LabAccount): Promise<void> {
    reset();
    auth.set({ status: 'signed-in', account });
    await loadIntegration();
  }

  async function refreshAppPasswords(): Promise<void> {
    const list = await guard(api.appPasswords());
    const now = auth.get();
    if (now.status === 'signed-in') auth.set({ status: 'signed-in', account: { ...now.account, appPasswords: list } });
  }

  return {
    auth,
    presets,
    saved,
    draft,
    mail,
    attempt,
    start() {
      if (presets.get() === undefined) {
        api.presets().then(
          (list) => presets.set(list),
          () => presets.set([]),
        );
      }
      if (started && auth.get().status !== 'error') return;
      started = true;
      auth.set({ status: 'unknown' });
      api
        .account()
        .then(async (account) => {
          if (!account) auth.set({ status: 'signed-out', expired: false });
          else await signedIn(account);
        })
        .catch((err: Error) => {
          if (auth.get().status !== 'signed-out') auth.set({ status: 'error', message: err.message });
        });
    },
    async signUp(address, password) {
      await signedIn(await api.signUp(address, password));
      identityChanged();
    },
    async signIn(address, password) {
      await signedIn(await api.signIn(address, password));
      identityChanged();
    },
    async signOut() {
      await api.signOut();
      reset();
      auth.set({ status: 'signed-out', expired: false });
      identityChanged();
    },
    signedOutElsewhere() {
      if (auth.get().status !== 'signed-in') return;
      auth.set({ status: 'signed-out', expired: true });
      reset();
    },
    async createAppPassword(label) {
      const created = await guard(api.createAppPassword(label));
      await refreshAppPasswords().catch(() => undefined);
      return created;
    },
    async revokeAppPassword(id) {
      await guard(api.revokeAppPassword(id));
      await refreshAppPasswords();
    },
    async save() {
      const view = await guard(api.saveIntegration(draftToInput(draft.get())));
      saved.set(view);
      // The password field empties: what was typed is saved and is not kept in the page.
      draft.set(draftFromView(view));
      return view;
    },
    async sendTest() {
      const n = ++attempts;
      const current = () => attempt.get()?.n === n;
      const change = (update: (a: Attempt) => Attempt) => {
        const a = attempt.get();
        if (a && a.n === n) attempt.set(update(a));
      };
      const previous = attempt.get();
      attempt.set({ n, status: 'running', tries: [], lines: [] });
      const onTry = (k: number, update: (t: Try) => Try) => change((a) => ({ ...a, tries: a.tries.map((t) => (t.n === k ? update(t) : t)) }));
      const latest = (a: Attempt, k: number) => (a.tries.at(-1)?.n ?? k) === k;
      try {
        const result = await guard(
          api.sendTest({ ...mail.get(), lang: language.get() }, (event) => {
            switch (event.type) {
              case 'attempt-start': {
                const started: Try = { n: event.attempt, of: event.of, lines: [] };
                change(({ nextAt: _wait, sessionId: _previous, ...a }) => ({ ...a, tries: [...a.tries, started], lines: [] }));
                break;
              }
              case 'client':
                onTry(event.attempt, (t) => ({ ...t, lines: [...t.lines, event.line] }));
                change((a) => (latest(a, event.attempt) ? { ...a, lines: [...a.lines, event.line] } : a));
                break;
              case 'session':
                onTry(event.attempt, (t) => ({ ...t, sessionId: event.sessionId }));
                change((a) => (latest(a, event.attempt) ? { ...a, sessionId: event.sessionId } : a));
                break;
              case 'attempt': {
                const ended = event.attempt;
                onTry(ended.n, (t) => ({ ...t, ended, lines: ended.clientLog.length >= t.lines.length ? ended.clientLog : t.lines }));
                const wait = ended.retryInSeconds;
                change((a) => ({ ...a, recipients: event.recipients, ...(wait !== null ? { nextAt: Date.now() + wait * 1000 } : {}) }));
                break;
              }
              case 'result':
                break;
            }
          }),
        );
        change(({ nextAt: _wait, ...a }) => {
          const tries = a.tries.length > 0 ? a.tries : triesOf(result);
          const last = tries.at(-1);
          return {
            ...a,
            status: 'done',
            result,
            tries,
            recipients: result.recipients,
            // The result's log is the last try's whole client side; the streamed lines are the same lines.
            lines: result.clientLog.length >= a.lines.length ? result.clientLog : a.lines,
            ...(last?.sessionId ? { sessionId: last.sessionId } : {}),
          };
        });
      } catch (err) {
        if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).length > 0) {
          // The test mail's fields were refused before anything was sent: the last attempt stays.
          if (current()) attempt.set(previous);
          throw err;
        }
        const message = (err as Error).message;
        const text = err instanceof ApiError && err.text ? err.text : { ru: message, en: message };
        change((a) => ({ ...a, status: 'failed', error: text }));
        throw err;
      }
    },
  };
}
