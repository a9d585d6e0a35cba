// The SMTP layer tells the assigner what it learned (a HELO name, an AUTH user, a mail about to
// be stored); the assigner applies the routing rules and tells the session store when a session
// moves. A mail's inbox is chosen from its own envelope, the session's from HELO and AUTH (or,
// while it is still shared, from its first mail).
import type { SessionStore } from '../sessions/session-store.js';
import type { Envelope } from '../wire/mailbox.js';
import { chooseInbox, sessionMoves, type InboxChoice, type InboxDirectory, type RoutingFacts } from './inbox-routing.js';

export interface InboxAssigner {
  /** The lab opened this session for an account (the browser console): it and its mail are the account's. */
  claim(sessionId: string, inbox: string): void;
  /** After EHLO/HELO or AUTH: the session may move to the inbox they name. */
  sessionLearned(sessionId: string): void;
  /** The inbox of a mail the session is about to store; a shared session follows it. */
  mailInbox(sessionId: string, envelope: Envelope, user: string): InboxChoice;
  /** Where the session is, or while shared where what it said so far points (nothing moves). */
  preview(sessionId: string, facts: RoutingFacts): string;
}

export function createInboxAssigner(directory: InboxDirectory, sessions: SessionStore): InboxAssigner {
  const current = (sessionId: string): InboxChoice | undefined => {
    const record = sessions.get(sessionId);
    return record ? { inbox: record.Inbox, rule: record.InboxRule } : undefined;
  };
  const move = (sessionId: string, next: InboxChoice) => {
    const now = current(sessionId);
    if (now && sessionMoves(now, next)) sessions.moveToInbox(sessionId, next.inbox, next.rule);
  };
  return {
    claim(sessionId, inbox) {
      move(sessionId, { inbox, rule: 'owner' });
    },
    sessionLearned(sessionId) {
      const record = sessions.get(sessionId);
      if (record) move(sessionId, chooseInbox({ user: record.User, helo: record.Helo }, directory));
    },
    preview(sessionId, facts) {
      const record = sessions.get(sessionId);
      if (record && record.InboxRule !== 'shared') return record.Inbox;
      return chooseInbox(facts, directory).inbox;
    },
    mailInbox(sessionId, envelope, user) {
      const record = sessions.get(sessionId);
      if (record?.InboxRule === 'owner') return { inbox: record.Inbox, rule: 'owner' };
      const choice = chooseInbox({ user, helo: record?.Helo ?? null, mailFrom: envelope.MailFrom, rcptTo: envelope.RcptTo }, directory);
      move(sessionId, choice);
      return choice;
    },
  };
}
