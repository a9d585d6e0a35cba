// Inboxes as the API carries them: every mail and session belongs to one, and a request sees the
// inboxes its scope allows (README "Inboxes and class mode"). No Node imports: the browser client
// imports this file too.

/** Mail and sessions that no rule gave to anyone; in class mode only the instructor sees them. */
export const SHARED_INBOX = 'shared';

/**
 * Why a mail or session is in its inbox, strongest first: the lab opened the session for an
 * account (the browser console), the AUTH user, a recipient's plus tag or domain (`x+anna@…`,
 * `x@anna.lab.local`), the sender's, the HELO name; otherwise shared.
 */
export type InboxRule = 'owner' | 'auth' | 'recipient' | 'sender' | 'helo' | 'shared';

export type InboxKind = 'account' | 'token' | 'shared';

/** One inbox: a lab account's (its id is the address) or a throw-away one with a token. */
export interface InboxView {
  id: string;
  /** What the routing rules match: the account's local part, or the throw-away inbox's name. */
  name: string | null;
  kind: InboxKind;
  /** Mail to these reaches the inbox without AUTH (plus-addressing, a domain of its own). */
  address: string | null;
  domain: string | null;
  createdAt: string;
  messages: number;
  unread: number;
}

/** `POST /api/lab/inboxes`: the only answer that carries the token (kept as a hash). */
export interface NewInboxResponse {
  inbox: InboxView;
  token: string;
  /** The inbox's Mailpit API: `new MailpitClient(url)`, or the plain URL with Basic auth name:token. */
  mailpitUrl: string;
}

export interface InboxesList {
  inboxes: InboxView[];
}
