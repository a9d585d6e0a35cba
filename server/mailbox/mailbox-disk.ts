// The mailbox on disk (--data-dir): each mail's raw bytes in messages/<id>.eml, and a journal of
// what happened to them (added with envelope and session, read state, deleted). The .eml is
// written before the journal line, and both before the 250 reply, so a mail the server accepted
// survives a restart.
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openJournal, readJournal } from '../common/journal.js';
import type { IncomingMail, StoredMail } from './mailbox.js';
import type { Envelope, MessageSummary } from './wire-types.js';

type MailboxEntry =
  | { op: 'add'; id: string; created: string; envelope: Envelope; sessionId: string; username: string; read?: boolean }
  | { op: 'read'; ids: string[]; read: boolean }
  | { op: 'delete'; ids: string[] }
  | { op: 'clear' };

export interface RestoredMail {
  id: string;
  created: string;
  envelope: Envelope;
  sessionId: string;
  username: string;
  read: boolean;
  raw: Buffer;
}

export interface MailboxDisk {
  load(): Promise<RestoredMail[]>;
  compact(mails: Iterable<StoredMail>): Promise<void>;
  add(summary: MessageSummary, mail: IncomingMail): Promise<void>;
  setRead(ids: string[], read: boolean): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Journals a clear; everything journaled before it is gone on reload. */
  markCleared(): Promise<void>;
  removeFiles(ids: string[]): Promise<void>;
  close(): Promise<void>;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function openMailboxDisk(dataDir: string, warn: (message: string) => void): Promise<MailboxDisk> {
  const messagesDir = join(dataDir, 'messages');
  const journalPath = join(dataDir, 'messages.jsonl');
  await mkdir(messagesDir, { recursive: true });
  const journal = await openJournal<MailboxEntry>(journalPath);
  const emlPath = (id: string) => {
    if (!SAFE_ID.test(id)) throw new Error(`unsafe message id ${JSON.stringify(id)}`);
    return join(messagesDir, `${id}.eml`);
  };
  const removeFiles = async (ids: string[]) => {
    await Promise.all(ids.map((id) => unlink(emlPath(id)).catch(() => undefined)));
  };

  return {
    async load() {
      const { entries, skipped } = await readJournal<MailboxEntry>(journalPath);
      if (skipped) warn(`${journalPath}: skipped ${skipped} damaged line(s)`);
      const mails = new Map<string, Omit<RestoredMail, 'raw'>>();
      for (const entry of entries) {
        switch (entry.op) {
          case 'add':
            mails.set(entry.id, { ...entry, read: entry.read ?? false });
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
          read: mail.summary.Read,
        });
      }
      await journal.rewrite(entries);
    },
    async add(summary, mail) {
      await writeFile(emlPath(summary.ID), mail.raw);
      await journal.append({
        op: 'add',
        id: summary.ID,
        created: summary.Created,
        envelope: mail.envelope,
        sessionId: mail.sessionId,
        username: mail.username,
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
