// The replies a profile may word its own way, named once. `libraryReplyKey` reads which of them
// smtp-server is about to send (from its code, its context and, where those are not enough, its
// text); a profile is then a table from these keys to its replies. The profile's own refusals
// (a password that is not an app password, a sender the account does not own) use the same keys.
import type { ConnectionFacts, LibraryReply, ProviderReply } from './provider-replies.js';

export type ReplyKey =
  /** The 220 greeting. */
  | 'greeting'
  /** The EHLO reply with its extensions, and HELO's (its first line alone, RFC 5321 §4.1.1.1). */
  | 'ehlo'
  | 'helo'
  /** 220 to STARTTLS. */
  | 'starttls-ready'
  /** MAIL (or AUTH, for a provider) in clear where TLS is required first (RFC 3207 §4). */
  | 'must-starttls'
  /** AUTH in clear: smtp-server's 538 (RFC 4954 §6); providers say "STARTTLS first" instead. */
  | 'auth-needs-tls'
  /** MAIL before AUTH, over TLS (RFC 4954 §5). */
  | 'auth-required'
  | 'auth-ok'
  | 'app-password-required'
  | 'bad-credentials'
  | 'sender-not-owned'
  | 'mail-ok'
  | 'rcpt-ok'
  | 'data-go-ahead'
  | 'too-big'
  | 'helo-first'
  | 'bye';

/** A profile's replies: fixed, or made from the connection (a session id in the text, the SIZE limit). */
export type ReplyTable = Partial<Record<ReplyKey, ProviderReply | ((facts: ConnectionFacts) => ProviderReply)>>;

/** RFC 3207 §4's words, which every provider and the lab use. */
export const MUST_STARTTLS = 'Must issue a STARTTLS command first';

/**
 * A text smtp-server sends for a condition the profile words itself; set as the server's
 * `authRequiredMessage`, so that this 530 can be told from others.
 */
export const AUTH_REQUIRED_SENTINEL = 'smtp-lab: authentication required';

/** smtp-server's texts that profiles reword. */
export const SEND_HELO_FIRST = 'Error: send HELO/EHLO first';

export function libraryReplyKey({ code, text, context }: LibraryReply, secure: boolean): ReplyKey | undefined {
  if (code === 220) return context === false && typeof text === 'string' ? 'greeting' : 'starttls-ready';
  if (code === 250 && Array.isArray(text)) return 'ehlo';
  if (code === 250 && context === false && typeof text === 'string') return 'helo';
  if (code === 250 && context === 'MAIL_FROM_OK') return 'mail-ok';
  if (code === 250 && context === 'RCPT_TO_OK') return 'rcpt-ok';
  if (code === 530 && text === AUTH_REQUIRED_SENTINEL) return secure ? 'auth-required' : 'must-starttls';
  if (code === 538) return 'auth-needs-tls';
  if (code === 235) return 'auth-ok';
  if (code === 354) return 'data-go-ahead';
  if (code === 552) return 'too-big';
  if (code === 503 && text === SEND_HELO_FIRST) return 'helo-first';
  if (code === 221) return 'bye';
  return undefined;
}

export function replyFor(table: ReplyTable, key: ReplyKey, facts: ConnectionFacts): ProviderReply | undefined {
  const entry = table[key];
  return typeof entry === 'function' ? entry(facts) : entry;
}

/** One-line reply. */
export function line(code: number, text: string): ProviderReply {
  return { code, lines: [text] };
}

/** The EHLO reply of a provider: first line, then the extensions this connection offers. */
export function ehloReply(greetingLine: string, extensions: Array<string | false | undefined>): ProviderReply {
  return { code: 250, lines: [greetingLine, ...extensions.filter((e): e is string => typeof e === 'string')] };
}
