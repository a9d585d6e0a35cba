// Signed-in browsers: a random token in an HttpOnly, SameSite=Strict cookie maps to an account.
// Kept in memory: a restart signs everyone out, which a lab can afford and which keeps no
// bearer secrets on disk.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_COOKIE = 'smtp_lab_session';
const DEFAULT_TTL_MS = 7 * 24 * 3600_000;

export interface WebSessions {
  create(address: string): string;
  /** The account a request's cookie signs in, if any. */
  fromHeaders(headers: IncomingHttpHeaders): { token: string; address: string } | undefined;
  destroy(token: string): void;
  /** Set-Cookie value that sets (token) or clears (no token) the session cookie. */
  cookie(token: string | undefined): string;
}

export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  const header = headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export function createWebSessions(options: { ttlMs?: number; now?: () => number } = {}): WebSessions {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, { address: string; expires: number }>();

  const sweep = () => {
    const t = now();
    for (const [token, session] of sessions) if (session.expires <= t) sessions.delete(token);
  };

  return {
    create(address) {
      sweep();
      const token = randomBytes(32).toString('base64url');
      sessions.set(token, { address, expires: now() + ttlMs });
      return token;
    },
    fromHeaders(headers) {
      const token = readCookie(headers, SESSION_COOKIE);
      if (!token) return undefined;
      const session = sessions.get(token);
      if (!session) return undefined;
      if (session.expires <= now()) {
        sessions.delete(token);
        return undefined;
      }
      return { token, address: session.address };
    },
    destroy(token) {
      sessions.delete(token);
    },
    cookie(token) {
      const attributes = 'Path=/; HttpOnly; SameSite=Strict';
      return token ? `${SESSION_COOKIE}=${token}; ${attributes}; Max-Age=${Math.floor(ttlMs / 1000)}` : `${SESSION_COOKIE}=; ${attributes}; Max-Age=0`;
    },
  };
}
