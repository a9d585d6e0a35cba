// What the Lab page holds while the student moves between tabs: who is signed in, the presets,
// the saved integration (without its password: the server never sends it), the form as typed,
// the test mail, and the last test attempt with its dialogue. A new app password is NOT kept
// here: the account view shows it once and forgets it when it goes.
import type { Bilingual, IntegrationView, Preset, TestResult } from '../../../lab/integration/integration-types.js';
import type { Lang } from '../i18n/bilingual.js';
import { createState, type Observable, type State } from '../ui/observable.js';
import { defaultTestMail, draftFromView, draftToInput, emptyDraft, localizeTestMail, type IntegrationDraft } from './integration-draft.js';
import { ApiError } from '../api/api-error.js';
import type { LabAccount, LabApi, NewAppPassword, TestMailInput } from './lab-api.js';

export type AuthState =
  { status: 'unknown' } | { status: 'signed-out'; expired: boolean } | { status: 'signed-in'; account: LabAccount } | { status: 'error'; message: string };

export interface Attempt {
  /** Counts the attempts of this page, so a view can tell a new one from the last. */
  n: number;
  status: 'running' | 'done' | 'failed';
  /** The client's side as it streams in (secrets already masked by the server). */
  lines: string[];
  /** The lab's session of this attempt, when the target was one of the lab's listeners. */
  sessionId?: string;
  result?: TestResult;
  /** The request itself failed (refused, no answer, or the answer was cut off). */
  error?: Bilingual;
}

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

export function createLabStore(api: LabApi, language: Observable<Lang>): LabStore {
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
    },
    async signIn(address, password) {
      await signedIn(await api.signIn(address, password));
    },
    async signOut() {
      await api.signOut();
      reset();
      auth.set({ status: 'signed-out', expired: false });
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
      attempt.set({ n, status: 'running', lines: [] });
      try {
        const result = await guard(
          api.sendTest({ ...mail.get(), lang: language.get() }, (event) => {
            if (event.type === 'client') change((a) => ({ ...a, lines: [...a.lines, event.line] }));
            else if (event.type === 'session') change((a) => ({ ...a, sessionId: event.sessionId }));
          }),
        );
        change((a) => ({
          ...a,
          status: 'done',
          result,
          // The result's log is the whole client side; the streamed lines are the same lines.
          lines: result.clientLog.length >= a.lines.length ? result.clientLog : a.lines,
          ...(result.sessionId ? { sessionId: result.sessionId } : {}),
        }));
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
