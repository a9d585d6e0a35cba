// A browser's side of the SMTP console for the bridge's tests: a real WebSocket (ws) to
// /api/lab/console with the session cookie a real sign-up gave and the page's Origin, every
// frame kept (raw, for the no-secret checks) and read in order.
import { WebSocket } from 'ws';
import { CONSOLE_PATH, type ConsoleServerFrame } from '../../../lab/console/console-wire.js';
import { createBrowser } from '../browser-client.js';

type FrameOf<T extends ConsoleServerFrame['type']> = Extract<ConsoleServerFrame, { type: T }>;

export interface ConsoleClient {
  ws: WebSocket;
  /** Every frame received, in order, as parsed and as sent. */
  frames: ConsoleServerFrame[];
  raw: string[];
  /** The next frame of this type after the last one taken (frames before it are passed over). */
  next<T extends ConsoleServerFrame['type']>(type: T, timeoutMs?: number): Promise<FrameOf<T>>;
  line(text: string): void;
  /** Sends a line and waits for the reply to it. */
  say(text: string): Promise<FrameOf<'reply'>>;
  /** The close code and reason, once closed. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Signs a new account up over HTTP, as the page does; its session cookie. */
export async function signedInCookie(url: string, name = 'student', password = 'account-password-1'): Promise<string> {
  const browser = createBrowser(url);
  const res = await browser.request('POST', '/api/lab/account/sign-up', { address: name, password });
  if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${res.text}`);
  return `smtp_lab_session=${browser.cookie() ?? ''}`;
}

export interface ConsoleOpenOptions {
  listener?: string;
  cookie?: string;
  origin?: string;
}

export function consoleUrl(labUrl: string, listener: string): string {
  return `${labUrl.replace(/^http/, 'ws')}${CONSOLE_PATH}?listener=${encodeURIComponent(listener)}`;
}

export function openConsole(labUrl: string, options: ConsoleOpenOptions = {}): ConsoleClient {
  const headers: Record<string, string> = { Origin: options.origin ?? labUrl };
  if (options.cookie) headers.Cookie = options.cookie;
  const ws = new WebSocket(consoleUrl(labUrl, options.listener ?? 'smtp'), { headers });
  const frames: ConsoleServerFrame[] = [];
  const raw: string[] = [];
  const waiters = new Set<() => void>();
  let cursor = 0;
  ws.on('message', (data) => {
    raw.push(String(data));
    frames.push(JSON.parse(String(data)) as ConsoleServerFrame);
    for (const waiter of [...waiters]) waiter();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
    ws.on('error', () => undefined);
  });

  const next = <T extends ConsoleServerFrame['type']>(type: T, timeoutMs = 5000) =>
    new Promise<FrameOf<T>>((resolve, reject) => {
      const look = () => {
        for (let i = cursor; i < frames.length; i++) {
          if (frames[i]?.type === type) {
            cursor = i + 1;
            waiters.delete(look);
            clearTimeout(timer);
            resolve(frames[i] as FrameOf<T>);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(look);
        reject(new Error(`no "${type}" frame within ${timeoutMs} ms; frames: ${raw.slice(-5).join(' | ')}`));
      }, timeoutMs);
      waiters.add(look);
      look();
    });

  const line = (text: string) => ws.send(JSON.stringify({ type: 'line', text }));
  return {
    ws,
    frames,
    raw,
    next,
    line,
    async say(text) {
      line(text);
      return next('reply');
    },
    closed,
  };
}
