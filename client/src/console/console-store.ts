// The SMTP console's state, made once with the page's services so that a visit to the Sessions
// tab (the session link) leaves the connection open. One console per page: a WebSocket to the
// lab's bridge (lab/console), its frames turned into what the screen shows — the lines sent, as
// the bridge echoes them (secrets already masked: the page never shows what the student typed
// after a 334), the replies whole, and notes (connected, TLS on, a refused line, the end).
import { maskAuthLine, octets, LINE_LIMITS } from '../../../lab/console/console-dialogue.js';
import {
  CONSOLE_PATH,
  type ConsoleEnd,
  type ConsoleInfo,
  type ConsoleListenerName,
  type ConsoleMode,
  type ConsoleServerFrame,
  type ConsoleTarget,
} from '../../../lab/console/console-wire.js';
import type { ApiClient } from '../api/api-client.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { createState, type Observable } from '../ui/observable.js';
import { createCommandHistory, type CommandHistory } from './command-history.js';
import { NO_PROGRESS, progressAfter, type DialogueProgress } from './console-steps.js';

/** Entries kept on screen; the oldest go first (the session keeps them all). */
export const MAX_ENTRIES = 1000;

export type ConsoleNote =
  | { type: 'connecting'; where: string }
  | { type: 'connected'; where: string; localPort: number }
  | { type: 'tls'; upgraded: boolean; details: string }
  | { type: 'refused'; text: Bilingual }
  | { type: 'ended'; reason: ConsoleEnd; text: Bilingual }
  | { type: 'lost' }
  | { type: 'left' };

export type ConsoleEntry =
  | { n: number; kind: 'sent'; text: string; masked: boolean }
  | { n: number; kind: 'reply'; lines: string[]; code?: number }
  | { n: number; kind: 'note'; note: ConsoleNote };

export type InfoState = { status: 'loading' } | { status: 'ready'; info: ConsoleInfo } | { status: 'error'; message: string };

export interface ConsoleState {
  info: InfoState;
  selected: ConsoleListenerName | undefined;
  status: 'idle' | 'connecting' | 'open' | 'ended';
  /** The listener of the current (or last) console. */
  target: ConsoleTarget | undefined;
  entries: ConsoleEntry[];
  mode: ConsoleMode;
  sessionId: string | undefined;
  tls: boolean;
  progress: DialogueProgress;
}

export type SendResult = { ok: true } | { ok: false; reason: 'too-long'; limit: number } | { ok: false; reason: 'not-open' };

type Unnumbered<E> = E extends unknown ? Omit<E, 'n'> : never;

export interface ConsoleStore {
  state: Observable<ConsoleState>;
  history: CommandHistory;
  /** Fetches the listeners and limits (once; again after an error). */
  start(): void;
  select(name: ConsoleListenerName): void;
  connect(): void;
  /** Sends one line as typed; refused here when it is over the line's limit or nothing is open. */
  send(text: string): SendResult;
  disconnect(): void;
  clear(): void;
}

export interface ConsoleStoreDeps {
  api: ApiClient;
  location: Pick<Location, 'protocol' | 'host' | 'hostname'>;
  /** The bridge said the sign-in is gone (4401): the account store shows the sign-in again. */
  onSignedOut(): void;
  openSocket?: (url: string) => WebSocket;
}

export function consoleSocketUrl(location: Pick<Location, 'protocol' | 'host'>, listener: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${CONSOLE_PATH}?listener=${encodeURIComponent(listener)}`;
}

function parseFrame(data: unknown): ConsoleServerFrame | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const frame = JSON.parse(data) as ConsoleServerFrame;
    return typeof frame === 'object' && frame !== null && typeof frame.type === 'string' ? frame : undefined;
  } catch {
    return undefined;
  }
}

export function createConsoleStore(deps: ConsoleStoreDeps): ConsoleStore {
  const openSocket = deps.openSocket ?? ((url: string) => new WebSocket(url));
  const state = createState<ConsoleState>({
    info: { status: 'loading' },
    selected: undefined,
    status: 'idle',
    target: undefined,
    entries: [],
    mode: 'command',
    sessionId: undefined,
    tls: false,
    progress: NO_PROGRESS,
  });
  const history = createCommandHistory();
  let socket: WebSocket | undefined;
  let counter = 0;
  let loading = false;

  const push = (s: ConsoleState, entry: Unnumbered<ConsoleEntry>): ConsoleEntry[] =>
    [...s.entries, { ...entry, n: ++counter } as ConsoleEntry].slice(-MAX_ENTRIES);
  const note = (s: ConsoleState, value: ConsoleNote) => push(s, { kind: 'note', note: value });
  const where = (target: ConsoleTarget) => `${deps.location.hostname}:${target.port}`;

  function onFrame(current: WebSocket, frame: ConsoleServerFrame): void {
    if (current !== socket) return;
    state.update((s) => {
      const progress = progressAfter(s.progress, frame);
      switch (frame.type) {
        case 'connected':
          return {
            ...s,
            status: 'open',
            target: frame.target,
            progress,
            entries: note(s, { type: 'connected', where: where(frame.target), localPort: frame.localPort }),
          };
        case 'session':
          return { ...s, sessionId: frame.id };
        case 'reply':
          return {
            ...s,
            mode: frame.mode,
            progress,
            entries: push(s, { kind: 'reply', lines: frame.lines, ...(frame.code !== undefined ? { code: frame.code } : {}) }),
          };
        case 'sent':
          return { ...s, mode: frame.mode, progress, entries: push(s, { kind: 'sent', text: frame.text, masked: frame.masked }) };
        case 'tls':
          return {
            ...s,
            tls: true,
            progress,
            entries: note(s, { type: 'tls', upgraded: frame.upgraded, details: [frame.protocol, frame.cipher].filter(Boolean).join(', ') }),
          };
        case 'refused':
          return { ...s, entries: note(s, { type: 'refused', text: frame.text }) };
        case 'ended':
          return { ...s, status: 'ended', entries: note(s, { type: 'ended', reason: frame.reason, text: frame.text }) };
      }
    });
    if (frame.type !== 'ended') return;
    // The last frame: the socket's close that follows adds nothing.
    socket = undefined;
    if (frame.reason === 'not-signed-in') deps.onSignedOut();
  }

  function onClose(current: WebSocket): void {
    if (current !== socket) return;
    socket = undefined;
    // No `ended` frame came: the lab went away under the console.
    state.update((s) => (s.status === 'ended' ? s : { ...s, status: 'ended', entries: note(s, { type: 'lost' }) }));
  }

  return {
    state,
    history,
    start() {
      if (loading || state.get().info.status === 'ready') return;
      loading = true;
      state.update((s) => ({ ...s, info: { status: 'loading' } }));
      deps.api.json<ConsoleInfo>(CONSOLE_PATH).then(
        (info) => {
          loading = false;
          state.update((s) => ({ ...s, info: { status: 'ready', info }, selected: s.selected ?? info.targets[0]?.name }));
        },
        (err: Error) => {
          loading = false;
          state.update((s) => ({ ...s, info: { status: 'error', message: err.message } }));
        },
      );
    },
    select(name) {
      state.update((s) => ({ ...s, selected: name }));
    },
    connect() {
      const s = state.get();
      if (s.info.status !== 'ready' || s.status === 'connecting' || s.status === 'open') return;
      const target = s.info.info.targets.find((t) => t.name === s.selected);
      if (!target) return;
      const ws = openSocket(consoleSocketUrl(deps.location, target.name));
      socket = ws;
      ws.onmessage = (event) => {
        const frame = parseFrame(event.data);
        if (frame) onFrame(ws, frame);
      };
      ws.onclose = () => onClose(ws);
      state.update((current) => ({
        ...current,
        status: 'connecting',
        target,
        mode: 'command',
        sessionId: undefined,
        tls: false,
        progress: NO_PROGRESS,
        entries: note(current, { type: 'connecting', where: where(target) }),
      }));
    },
    send(text) {
      const s = state.get();
      const limits = s.info.status === 'ready' ? s.info.info.limits : LINE_LIMITS;
      const limit = (s.mode === 'data' ? limits.dataOctets : s.mode === 'secret' ? limits.secretOctets : limits.commandOctets) - 2;
      if (!socket || socket.readyState !== WebSocket.OPEN || s.status !== 'open') return { ok: false, reason: 'not-open' };
      if (octets(text) > limit) return { ok: false, reason: 'too-long', limit };
      // A shell keeps commands; a line of the message or a credential is not one.
      if (s.mode === 'command' && !maskAuthLine(text).masked) history.add(text);
      socket.send(JSON.stringify({ type: 'line', text }));
      return { ok: true };
    },
    disconnect() {
      const ws = socket;
      if (!ws) return;
      socket = undefined;
      ws.close(1000);
      state.update((s) => ({ ...s, status: 'ended', entries: note(s, { type: 'left' }) }));
    },
    clear() {
      state.update((s) => ({ ...s, entries: [] }));
    },
  };
}
