// Which inbox a mail or a session belongs to: rules an instructor or a test author can predict,
// as a table, strongest first. A name is an account's local part (anna@lab.local → anna) or a
// throw-away inbox's name; the directory turns names and AUTH users into inbox ids.
import { SHARED_INBOX, type InboxRule } from '../wire/inboxes.js';

export interface InboxDirectory {
  /** The inbox a name stands for (an account's local part, a throw-away inbox's name). */
  byName(name: string): string | undefined;
  /** The inbox an AUTH user stands for: an account's address, or a name. */
  byUser(user: string): string | undefined;
  /** The domain whose subdomains are names: `anna.lab.local`. */
  domain: string;
}

export interface RoutingFacts {
  user?: string | null;
  helo?: string | null;
  mailFrom?: string;
  rcptTo?: readonly string[];
}

export interface InboxChoice {
  inbox: string;
  rule: InboxRule;
}

/**
 * The inbox an address reaches: an account's own address (`anna@lab.local`), a plus tag
 * (`x+anna@…`), or a subdomain of the lab's domain (`x@anna.lab.local`).
 */
function nameInAddress(address: string, domain: string, directory: InboxDirectory): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0) return undefined;
  const own = directory.byUser(address);
  if (own) return own;
  const local = address.slice(0, at).toLowerCase();
  const plus = local.indexOf('+');
  if (plus >= 0) {
    const found = directory.byName(local.slice(plus + 1));
    if (found) return found;
  }
  const host = address.slice(at + 1).toLowerCase();
  if (host.endsWith(`.${domain}`)) {
    const label = host.slice(0, -domain.length - 1);
    if (!label.includes('.')) return directory.byName(label);
  }
  return undefined;
}

/** A HELO name that names an inbox: `anna`, or `anna.lab.local`. */
function nameInHelo(helo: string, directory: InboxDirectory): string | undefined {
  const name = helo
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  const suffix = `.${directory.domain}`;
  return directory.byName(name.endsWith(suffix) ? name.slice(0, -suffix.length) : name);
}

type Rule = { rule: Exclude<InboxRule, 'shared' | 'owner'>; find(facts: RoutingFacts, directory: InboxDirectory): string | undefined };

/** The rules in the order they are tried; the first that finds an inbox decides. */
export const INBOX_RULES: readonly Rule[] = [
  { rule: 'auth', find: (facts, dir) => (facts.user ? dir.byUser(facts.user) : undefined) },
  {
    rule: 'recipient',
    find: (facts, dir) => {
      for (const rcpt of facts.rcptTo ?? []) {
        const found = nameInAddress(rcpt, dir.domain, dir);
        if (found) return found;
      }
      return undefined;
    },
  },
  { rule: 'sender', find: (facts, dir) => (facts.mailFrom ? nameInAddress(facts.mailFrom, dir.domain, dir) : undefined) },
  { rule: 'helo', find: (facts, dir) => (facts.helo ? nameInHelo(facts.helo, dir) : undefined) },
];

export function chooseInbox(facts: RoutingFacts, directory: InboxDirectory): InboxChoice {
  for (const { rule, find } of INBOX_RULES) {
    const inbox = find(facts, directory);
    if (inbox) return { inbox, rule };
  }
  return { inbox: SHARED_INBOX, rule: 'shared' };
}

/**
 * Whether a session in `current` moves to `next`. A shared session goes to the first inbox found
 * (its HELO, AUTH or first mail); after that only AUTH moves it, so the mails a student sends to
 * others never take the student's own dialogue with them.
 */
export function sessionMoves(current: InboxChoice, next: InboxChoice): boolean {
  if (next.inbox === current.inbox || next.rule === 'shared' || current.rule === 'owner') return false;
  if (next.rule === 'owner') return true;
  return current.rule === 'shared' || (next.rule === 'auth' && current.rule !== 'auth');
}
