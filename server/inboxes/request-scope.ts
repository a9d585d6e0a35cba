// What one request may see: every inbox, one inbox, or nothing. Decided once per request (and per
// WebSocket upgrade) from, in order: an inbox token (a `/inbox/<token>` prefix, Basic auth
// `name:token` as mailpit-api sends it, or `X-Inbox-Token`), the admin token, the signed-in lab
// account (an instructor sees everyone, or one student read-only with `X-Lab-View-As`; a student
// in class mode only their own inbox), and otherwise: everyone on a lab of one, nothing in a class.
// The routes and the live hub filter by it; the browser never does.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { AccountStore } from '../accounts/account-store.js';
import type { WebSessions } from '../accounts/web-sessions.js';
import { userError } from '../http/http-error.js';
import type { MailboxView } from '../mailbox/mailbox.js';
import type { InboxStore } from './inbox-store.js';

export type Scope =
  | { kind: 'all' }
  /** `readOnly`: an instructor looking at a student's inbox as the student sees it. */
  | { kind: 'inbox'; inbox: string; readOnly: boolean }
  | { kind: 'none'; why: 'class' | 'bad-token' };

export const EVERYONE: Scope = { kind: 'all' };

export interface ScopeDeps {
  inboxes: Pick<InboxStore, 'byToken'>;
  accounts: Pick<AccountStore, 'get' | 'hasInstructor'>;
  webSessions: Pick<WebSessions, 'fromHeaders'>;
  adminToken: string;
  /** `--class`, or an instructor exists. */
  classMode(): boolean;
}

const PREFIX = /^\/inbox\/([A-Za-z0-9_-]{8,64})(\/.*|$)/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function basicCredentials(headers: IncomingHttpHeaders): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const text = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** The URL without a `/inbox/<token>` prefix, and the token it carried. */
export function splitInboxPrefix(url: string): { token: string | undefined; rest: string } {
  const match = PREFIX.exec(url);
  if (!match) return { token: undefined, rest: url };
  return { token: match[1], rest: match[2] || '/' };
}

export interface ScopeResolver {
  /** The scope of a request whose URL has already lost its inbox prefix (`prefixToken`). */
  of(headers: IncomingHttpHeaders, prefixToken: string | undefined, viewAs: string | undefined): Scope;
  /** Sets res.locals.scope (and .viewingAs), strips the prefix; refuses changes in a read-only view. */
  middleware: RequestHandler;
  /** The scope of a WebSocket upgrade (its URL may carry the prefix and `?as=`). */
  ofUpgrade(req: IncomingMessage): Scope;
}

export function createScopeResolver(deps: ScopeDeps): ScopeResolver {
  function byToken(token: string): Scope {
    const inbox = deps.inboxes.byToken(token);
    return inbox ? { kind: 'inbox', inbox, readOnly: false } : { kind: 'none', why: 'bad-token' };
  }

  function of(headers: IncomingHttpHeaders, prefixToken: string | undefined, viewAs: string | undefined): Scope {
    if (prefixToken) return byToken(prefixToken);
    const inboxHeader = headers['x-inbox-token'];
    if (typeof inboxHeader === 'string' && inboxHeader) return byToken(inboxHeader);
    const basic = basicCredentials(headers);
    if (basic) {
      const scope = byToken(basic.password);
      return scope.kind === 'inbox' && scope.inbox === basic.user.toLowerCase() ? scope : { kind: 'none', why: 'bad-token' };
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
    if (bearer && sameSecret(bearer, deps.adminToken)) return EVERYONE;
    const signedIn = deps.webSessions.fromHeaders(headers);
    const account = signedIn ? deps.accounts.get(signedIn.address) : undefined;
    if (account?.role === 'instructor') {
      if (!viewAs) return EVERYONE;
      const student = deps.accounts.get(viewAs);
      return student ? { kind: 'inbox', inbox: student.address, readOnly: true } : { kind: 'none', why: 'bad-token' };
    }
    if (!deps.classMode()) return EVERYONE;
    if (account) return { kind: 'inbox', inbox: account.address, readOnly: false };
    return { kind: 'none', why: 'class' };
  }

  const viewAsOf = (headers: IncomingHttpHeaders, url: URL): string | undefined => {
    const header = headers['x-lab-view-as'];
    return (typeof header === 'string' && header) || url.searchParams.get('as') || undefined;
  };

  return {
    of,
    middleware(req, res, next) {
      const { token, rest } = splitInboxPrefix(req.url);
      if (token) req.url = rest;
      const viewAs = viewAsOf(req.headers, new URL(req.url, 'http://localhost'));
      const scope = of(req.headers, token, viewAs);
      res.locals.scope = scope;
      if (scope.kind === 'inbox' && scope.readOnly) {
        res.locals.viewingAs = scope.inbox;
        if (!SAFE_METHODS.has(req.method)) {
          next(
            userError(403, 'read_only', {
              ru: 'Это просмотр глазами студента: менять ничего нельзя',
              en: "This is a student's view: nothing can be changed here",
            }),
          );
          return;
        }
      }
      next();
    },
    ofUpgrade(req) {
      const { token, rest } = splitInboxPrefix(req.url ?? '/');
      if (token) req.url = rest;
      return of(req.headers, token, viewAsOf(req.headers, new URL(req.url ?? '/', 'http://localhost')));
    },
  };
}

export function scopeOf(res: Response): Scope {
  return (res.locals.scope as Scope | undefined) ?? EVERYONE;
}

/** The scope of a data route: nothing to see is a 401 that says how to get in. */
export function requireScope(res: Response): Exclude<Scope, { kind: 'none' }> {
  const scope = scopeOf(res);
  if (scope.kind !== 'none') return scope;
  if (scope.why === 'bad-token') {
    throw userError(401, 'bad_inbox_token', { ru: 'Неизвестный ящик или неверный токен ящика', en: 'No such inbox, or a wrong inbox token' });
  }
  throw userError(401, 'not_signed_in', {
    ru: 'Это занятие с преподавателем: войдите в свою учётную запись, чтобы видеть свою почту',
    en: 'This is a class: sign in to your account to see your mail',
  });
}

/** The mailbox as the request's scope sees it. */
export function mailboxFor(mailbox: MailboxView, res: Response): MailboxView {
  const scope = requireScope(res);
  return scope.kind === 'all' ? mailbox : mailbox.forInbox(scope.inbox);
}

/** The inbox filter of the request's scope: undefined for everyone. */
export function inboxFilter(res: Response): string | undefined {
  const scope = requireScope(res);
  return scope.kind === 'all' ? undefined : scope.inbox;
}
