// The inboxes: one per lab account (its id is the address), and throw-away ones a test author
// creates with a token in one call and deletes at the end. Tokens are kept as SHA-256 hashes
// (inboxes.json, 0600, with a data directory). The store is also the directory the routing
// rules (inbox-routing.ts) look names up in.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { LAB_DOMAIN, type AccountStore } from '../accounts/account-store.js';
import { readTextIfExists, writePrivateFile } from '../common/private-file.js';
import { SHARED_INBOX, type InboxView } from '../wire/inboxes.js';
import type { InboxDirectory } from './inbox-routing.js';

const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const MAX_INBOXES = 10_000;

export class InboxError extends Error {
  constructor(
    readonly code: 'invalid-name' | 'name-taken' | 'too-many' | 'no-inbox',
    readonly text: { ru: string; en: string },
  ) {
    super(text.en);
    this.name = 'InboxError';
  }
}

interface StoredInbox {
  name: string;
  tokenHash: string;
  createdAt: string;
}

export interface InboxCounts {
  messages: number;
  unread: number;
}

export interface InboxStore {
  directory: InboxDirectory;
  /** A throw-away inbox; the token is in this answer only. */
  create(input?: { name?: string }): Promise<{ inbox: InboxView; token: string }>;
  /** Forgets a throw-away inbox (its mail and sessions are the caller's to delete). */
  delete(id: string): Promise<boolean>;
  /** The throw-away inbox a token opens. */
  byToken(token: string): string | undefined;
  /** Every inbox: the accounts', the throw-away ones, and the shared one. */
  list(counts: (inbox: string) => InboxCounts): InboxView[];
  get(id: string, counts: (inbox: string) => InboxCounts): InboxView | undefined;
  close(): Promise<void>;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

function localPart(address: string): string {
  return address.slice(0, address.lastIndexOf('@'));
}

export async function createInboxStore(accounts: AccountStore, options: { dataDir?: string; warn?: (m: string) => void } = {}): Promise<InboxStore> {
  const path = options.dataDir ? join(options.dataDir, 'inboxes.json') : undefined;
  const inboxes = new Map<string, StoredInbox>();
  const byHash = new Map<string, string>();
  if (path) {
    const text = await readTextIfExists(path);
    try {
      const parsed = text === undefined ? [] : (JSON.parse(text) as { inboxes?: StoredInbox[] }).inboxes;
      for (const inbox of Array.isArray(parsed) ? parsed : []) {
        if (typeof inbox?.name !== 'string' || !NAME.test(inbox.name) || typeof inbox.tokenHash !== 'string') continue;
        inboxes.set(inbox.name, { name: inbox.name, tokenHash: inbox.tokenHash, createdAt: String(inbox.createdAt) });
        byHash.set(inbox.tokenHash, inbox.name);
      }
    } catch (err) {
      // Throw-away inboxes only: a damaged file costs their tokens, never mail or accounts.
      options.warn?.(`${path} is damaged (${(err as Error).message}); the throw-away inboxes in it are forgotten`);
    }
  }
  let writes: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    if (!path) return Promise.resolve();
    const text = JSON.stringify({ version: 1, inboxes: [...inboxes.values()] }, null, 2) + '\n';
    const next = writes.then(() => writePrivateFile(path, text));
    writes = next.catch(() => undefined);
    return next;
  };

  // Account names (local parts) change only when an account is added: rebuilt then, not per mail.
  let accountNames = new Map<string, string>();
  let accountsSeen = -1;
  const namesOfAccounts = (): Map<string, string> => {
    if (accounts.size() === accountsSeen) return accountNames;
    const names = new Map<string, string>();
    const ambiguous = new Set<string>();
    for (const { address } of accounts.list()) {
      const name = localPart(address);
      if (names.has(name)) ambiguous.add(name);
      names.set(name, address);
    }
    for (const name of ambiguous) names.delete(name);
    accountNames = names;
    accountsSeen = accounts.size();
    return names;
  };

  const directory: InboxDirectory = {
    domain: LAB_DOMAIN,
    byName(name) {
      const key = name.toLowerCase();
      if (inboxes.has(key)) return key;
      return namesOfAccounts().get(key);
    },
    byUser(user) {
      const key = user.trim().toLowerCase();
      if (key.includes('@')) return accounts.get(key) ? key : undefined;
      return directory.byName(key);
    },
  };

  const viewOf = (id: string, counts: (inbox: string) => InboxCounts): InboxView | undefined => {
    const stored = inboxes.get(id);
    if (stored) {
      return {
        id,
        name: id,
        kind: 'token',
        address: `inbox+${id}@${LAB_DOMAIN}`,
        domain: `${id}.${LAB_DOMAIN}`,
        createdAt: stored.createdAt,
        ...counts(id),
      };
    }
    if (id === SHARED_INBOX) return { id, name: null, kind: 'shared', address: null, domain: null, createdAt: '', ...counts(id) };
    const account = accounts.get(id);
    if (!account || account.address !== id) return undefined;
    const name = localPart(id);
    const unique = namesOfAccounts().get(name) === id;
    return {
      id,
      name: unique ? name : null,
      kind: 'account',
      address: id,
      domain: unique ? `${name}.${LAB_DOMAIN}` : null,
      createdAt: account.createdAt,
      ...counts(id),
    };
  };

  return {
    directory,
    async create(input = {}) {
      const name = (input.name ?? `t-${randomBytes(5).toString('hex')}`).trim().toLowerCase();
      if (!NAME.test(name) || name === SHARED_INBOX) {
        throw new InboxError('invalid-name', {
          en: `"${name}" cannot name an inbox: 1 to 40 small Latin letters, digits and dashes, not "shared"`,
          ru: `«${name}» не подходит для имени ящика: от 1 до 40 строчных латинских букв, цифр и дефисов, не «shared»`,
        });
      }
      if (inboxes.has(name) || accounts.list().some((a) => localPart(a.address) === name)) {
        throw new InboxError('name-taken', { en: `the name "${name}" is taken`, ru: `имя «${name}» уже занято` });
      }
      if (inboxes.size >= MAX_INBOXES) {
        throw new InboxError('too-many', {
          en: `at most ${MAX_INBOXES} throw-away inboxes; delete some`,
          ru: `не больше ${MAX_INBOXES} временных ящиков; удалите лишние`,
        });
      }
      const token = randomBytes(24).toString('base64url');
      const stored: StoredInbox = { name, tokenHash: hashOf(token), createdAt: new Date().toISOString() };
      inboxes.set(name, stored);
      byHash.set(stored.tokenHash, name);
      await save();
      return { inbox: viewOf(name, () => ({ messages: 0, unread: 0 })) as InboxView, token };
    },
    async delete(id) {
      const stored = inboxes.get(id);
      if (!stored) return false;
      inboxes.delete(id);
      byHash.delete(stored.tokenHash);
      await save();
      return true;
    },
    byToken(token) {
      return token ? byHash.get(hashOf(token)) : undefined;
    },
    list(counts) {
      const ids = [...accounts.list().map((a) => a.address), ...inboxes.keys(), SHARED_INBOX];
      return ids.map((id) => viewOf(id, counts)).filter((v): v is InboxView => v !== undefined);
    },
    get: (id, counts) => viewOf(id, counts),
    async close() {
      await writes;
    },
  };
}
