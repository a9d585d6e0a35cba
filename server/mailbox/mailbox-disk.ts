// The mailbox on disk (--data-dir): each mail's raw bytes in messages/<id>.eml, and a journal of
// what happened to them (added with envelope and session, read state, deleted). The .eml is
// written before the journal line, and both before the 250 reply, so a mail the server accepted
// survives a restart. Files are the owner's only (0600 in 0700 folders): mail is private.
import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openJournal, readJournal, shape } from '../common/journal.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../common/private-file.js';
import type { Envelope, MessageSummary } from '../wire/mailbox.js';

type MailboxEntry =
  | { op: 'add'; id: string; created: string; envelope: Envelope; sessionId: string; username: string; inbox?: string; read?: boolean }
  | { op: 'read'; ids: string[]; read: boolean }
  | { op: 'delete'; ids: string[] }
  | { op: 'clear' };

export interface RestoredMail {
  id: string;
  created: string;
  envelope: Envelope;
  sessionId: string;
  username: string;
  /** Absent in journals written before inboxes: those mails are the shared inbox's. */
  inbox: string | undefined;
  read: boolean;
  raw: Buffer;
}

/** What the disk needs of a mail being added, and of a kept one at compaction. */
interface MailToWrite {
  raw: Buffer;
  envelope: Envelope;
  sessionId: string;
  username: string;
  inbox: string;
}

interface KeptMail {
  summary: MessageSummary;
  envelope: Envelope;
  inbox: string;
}

export interface MailboxDisk {
  load(): Promise<RestoredMail[]>;
  compact(mails: Iterable<KeptMail>): Promise<void>;
  add(summary: MessageSummary, mail: MailToWrite): Promise<void>;
  setRead(ids: string[], read: boolean): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Journals a clear; everything journaled before it is gone on reload. */
  markCleared(): Promise<void>;
  removeFiles(ids: string[]): Promise<void>;
  close(): Promise<void>;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Why a journal line is not a mailbox entry, or undefined when it is one. */
export function mailboxEntryProblem(value: unknown): string | undefined {
  if (!shape.object(value)) return 'not a mailbox entry (an object was expected)';
  switch (value.op) {
    case 'add': {
      const envelope = value.envelope;
      if (typeof value.id !== 'string' || !SAFE_ID.test(value.id)) return '"add" without a valid id';
      if (typeof value.created !== 'string' || Number.isNaN(Date.parse(value.created))) return `"add" of ${value.id}: created is not a time`;
      if (!shape.object(envelope) || typeof envelope.MailFrom !== 'string' || !shape.strings(envelope.RcptTo)) {
        return `"add" of ${value.id}: the envelope is damaged`;
      }
      if (typeof value.sessionId !== 'string' || typeof value.username !== 'string') return `"add" of ${value.id}: no session or user name`;
      if (value.read !== undefined && typeof value.read !== 'boolean') return `"add" of ${value.id}: read is not true or false`;
      return undefined;
    }
    case 'read':
      return shape.strings(value.ids) && typeof value.read === 'boolean' ? undefined : '"read" needs ids and read: true or false';
    case 'delete':
      return shape.strings(value.ids) ? undefined : '"delete" needs a list of ids';
    case 'clear':
      return undefined;
    default:
      return `unknown op ${JSON.stringify(value.op ?? null)} (expected add, read, delete or clear)`;
  }
}

export async function openMailboxDisk(dataDir: string, warn: (message: string) => void): Promise<MailboxDisk> {
  const messagesDir = join(dataDir, 'messages');
  const journalPath = join(dataDir, 'messages.jsonl');
  await ensurePrivateDir(messagesDir);
  const journal = await openJournal<MailboxEntry>(journalPath);
  const emlPath = (id: string) => {
    if (!SAFE_ID.test(id)) throw new Error(`unsafe message id ${JSON.stringify(id)}`);
    return join(messagesDir, `${id}.eml`);
  };
  const removeFiles = async (ids: string[]) => {
    await Promise.all(ids.map((id) => unlink(emlPath(id)).catch(() => undefined)));
  };

  /** .eml files no journal entry names: a kill -9 between the file and its journal line. */
  async function removeOrphans(known: Set<string>): Promise<void> {
    const orphans = (await readdir(messagesDir)).filter((name) => name.endsWith('.eml') && !known.has(name.slice(0, -4)));
    if (orphans.length === 0) return;
    await Promise.all(orphans.map((name) => unlink(join(messagesDir, name)).catch(() => undefined)));
    warn(`${messagesDir}: removed ${orphans.length} mail file(s) that were never accepted (the server stopped while writing them)`);
  }

  return {
    async load() {
      const mails = new Map<string, Omit<RestoredMail, 'raw'>>();
      for (const entry of await readJournal<MailboxEntry>(journalPath, mailboxEntryProblem, warn)) {
        switch (entry.op) {
          case 'add':
            mails.set(entry.id, {
              id: entry.id,
              created: entry.created,
              envelope: entry.envelope,
              sessionId: entry.sessionId,
              username: entry.username,
              inbox: typeof entry.inbox === 'string' ? entry.inbox : undefined,
              read: entry.read ?? false,
            });
            break;
          case 'read':
            for (const id of entry.ids) {
              const mail = mails.get(id);
              if (mail) mail.read = entry.read;
            }
            break;
          case 'delete':
            for (const id of entry.ids) mails.delete(id);
            break;
          case 'clear':
            mails.clear();
            break;
        }
      }
      const restored: RestoredMail[] = [];
      for (const mail of mails.values()) {
        try {
          restored.push({ ...mail, raw: await readFile(emlPath(mail.id)) });
        } catch (err) {
          warn(`mail ${mail.id} is in the journal but its file is unreadable: ${(err as Error).message}`);
        }
      }
      await removeOrphans(new Set(restored.map((m) => m.id)));
      return restored;
    },
    async compact(stored) {
      const entries: MailboxEntry[] = [];
      for (const mail of stored) {
        entries.push({
          op: 'add',
          id: mail.summary.ID,
          created: mail.summary.Created,
          envelope: mail.envelope,
          sessionId: mail.summary.SessionID,
          username: mail.summary.Username,
          inbox: mail.inbox,
          read: mail.summary.Read,
        });
      }
      await journal.rewrite(entries);
    },
    async add(summary, mail) {
      await writeFile(emlPath(summary.ID), mail.raw, { mode: PRIVATE_FILE_MODE });
      await journal.append({
        op: 'add',
        id: summary.ID,
        created: summary.Created,
        envelope: mail.envelope,
        sessionId: mail.sessionId,
        username: mail.username,
        inbox: mail.inbox,
      });
    },
    async setRead(ids, read) {
      await journal.append({ op: 'read', ids, read });
    },
    async remove(ids) {
      await journal.append({ op: 'delete', ids });
      await removeFiles(ids);
    },
    async markCleared() {
      await journal.append({ op: 'clear' });
    },
    // By id, not the whole folder: a mail being written right now is not part of a clear.
    removeFiles,
    close: () => journal.close(),
  };
}
