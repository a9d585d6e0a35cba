// Lab accounts, kept the way a mail provider keeps them: an address, an account password, and
// app passwords generated for mail clients (each shown once, revocable), all stored as hashes.
// The SMTP profiles ask `verifySmtp` which of them a login used; the web sign-in asks `signIn`.
// What an account's owner sets up for the practical work (the SMTP integration, ...) is the
// lab's, kept by the lab (lab/integration/integration-store.ts), not here.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readTextIfExists, writePrivateFile } from '../common/private-file.js';
import type { AccountRole, AccountView, AppPasswordView } from '../wire/accounts.js';
import type { Bilingual } from '../wire/bilingual.js';
import { isEmailAddress } from '../wire/email-address.js';
import { ACCOUNT_PASSWORD_COST, APP_PASSWORD_COST, generateAppPassword, hashPassword, verifyPassword } from './password-hash.js';

export const LAB_DOMAIN = 'lab.local';
export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 256;
const MAX_LABEL_LENGTH = 64;
const MAX_APP_PASSWORDS = 50;

export type { AccountRole, AccountView, AppPasswordView };

/** How an SMTP login matched; the profile turns it into its provider's reply. */
export type CredentialVerdict = { result: 'app-password'; address: string } | { result: 'account-password'; address: string } | { result: 'wrong' };

export type AccountErrorCode = 'invalid-address' | 'invalid-password' | 'invalid-label' | 'invalid-name' | 'exists' | 'no-account' | 'too-many';

export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    readonly text: Bilingual,
  ) {
    super(text.en);
    this.name = 'AccountError';
  }
}

interface StoredAppPassword extends AppPasswordView {
  hash: string;
}

interface StoredAccount {
  address: string;
  /** Absent for a student: only the CLI makes instructors. */
  role?: AccountRole;
  /** The person's name, from a class roster. */
  name?: string;
  passwordHash: string;
  createdAt: string;
  appPasswords: StoredAppPassword[];
}

interface AccountsFile {
  version: 1;
  accounts: StoredAccount[];
}

export interface NewAccountOptions {
  role?: AccountRole;
  /** The person's name (a roster's first column). */
  name?: string;
}

export interface AccountStore {
  /** `name` alone becomes `name@lab.local`. */
  create(address: string, password: string, options?: NewAccountOptions): Promise<AccountView>;
  /** The account when the account password is right (app passwords do not sign in, as with a provider). */
  signIn(address: string, password: string): Promise<AccountView | undefined>;
  get(address: string): AccountView | undefined;
  list(): AccountView[];
  size(): number;
  /** Whether an instructor exists: a lab with one is a class (README "Class mode"). */
  hasInstructor(): boolean;
  /** The new app password in clear, this once; only its hash is kept. */
  createAppPassword(address: string, label?: string): Promise<{ appPassword: AppPasswordView; password: string }>;
  revokeAppPassword(address: string, id: string): Promise<boolean>;
  /**
   * What an SMTP AUTH used. `login` is the full address, or with `localPartLogin` (Yandex) the
   * part before @ when exactly one account has it.
   */
  verifySmtp(login: string, password: string, options?: { localPartLogin?: boolean }): Promise<CredentialVerdict>;
  /** Whether `verifySmtp` would find an account for this login (its password aside). */
  hasLogin(login: string, options?: { localPartLogin?: boolean }): boolean;
  /** Resolves when every change so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface AccountStoreOptions {
  /** accounts.json is kept here; memory only without it. */
  dataDir?: string;
}

/**
 * The account an SMTP login names, among these addresses: the full address, or with
 * `localPartLogin` (Yandex) the part before @ when exactly one account has it.
 */
export function accountForLogin(login: string, addresses: Iterable<string>, localPartLogin: boolean): string | undefined {
  const normalized = login.trim().toLowerCase();
  const all = [...addresses];
  if (normalized.includes('@')) return all.find((address) => address === normalized);
  if (!localPartLogin) return undefined;
  const matches = all.filter((address) => address.split('@')[0] === normalized);
  return matches.length === 1 ? matches[0] : undefined;
}

export function normalizeAddress(input: string): string {
  const trimmed = input.trim().toLowerCase();
  return trimmed.includes('@') ? trimmed : `${trimmed}@${LAB_DOMAIN}`;
}

function view(account: StoredAccount): AccountView {
  return {
    address: account.address,
    role: account.role ?? 'student',
    ...(account.name ? { name: account.name } : {}),
    createdAt: account.createdAt,
    appPasswords: account.appPasswords.map(({ id, label, createdAt }) => ({ id, label, createdAt })),
  };
}

const noAccount = (address: string) => new AccountError('no-account', { en: `there is no account ${address}`, ru: `учётной записи ${address} нет` });

export function checkNewPassword(password: unknown): string {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw new AccountError('invalid-password', {
      en: `the password must have at least ${MIN_PASSWORD_LENGTH} characters`,
      ru: `пароль должен содержать не менее ${MIN_PASSWORD_LENGTH} символов`,
    });
  }
  if (password.length > MAX_PASSWORD_LENGTH || /[\x00-\x1f\x7f]/.test(password)) {
    throw new AccountError('invalid-password', {
      en: `the password must be at most ${MAX_PASSWORD_LENGTH} characters, without line breaks or control characters`,
      ru: `пароль — не длиннее ${MAX_PASSWORD_LENGTH} символов, без переводов строки и управляющих символов`,
    });
  }
  return password;
}

const MAX_NAME_LENGTH = 100;

function checkPersonName(name: string | undefined): string | undefined {
  const text = (name ?? '').trim();
  if (!text) return undefined;
  if (text.length > MAX_NAME_LENGTH || /[\x00-\x1f\x7f]/.test(text)) {
    throw new AccountError('invalid-name', {
      en: `the name must be at most ${MAX_NAME_LENGTH} characters on one line`,
      ru: `имя — не длиннее ${MAX_NAME_LENGTH} символов, в одну строку`,
    });
  }
  return text;
}

/** Why a stored account is unusable, or undefined when it is whole. */
function accountProblem(value: unknown, index: number): string | undefined {
  const a = value as Partial<StoredAccount> | null;
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return `accounts[${index}] is not an account`;
  if (typeof a.address !== 'string' || typeof a.passwordHash !== 'string' || typeof a.createdAt !== 'string') {
    return `accounts[${index}] has no address, password hash or creation time`;
  }
  if (!Array.isArray(a.appPasswords) || !a.appPasswords.every((p) => typeof p?.id === 'string' && typeof p.hash === 'string')) {
    return `accounts[${index}] (${a.address}): its app passwords are damaged`;
  }
  return undefined;
}

/**
 * The accounts file, checked whole: accounts hold password hashes, so a damaged file is not
 * half-loaded (an account would silently vanish) but refused, saying which file and what to do.
 */
async function load(path: string): Promise<StoredAccount[]> {
  const text = await readTextIfExists(path);
  if (text === undefined) return [];
  const damaged = (what: string) =>
    new Error(
      `${path} is damaged (${what}). The lab cannot start with it: restore it from a backup, or move it away ` +
        '(the lab then starts with no accounts and creates a new file).',
    );
  let parsed: Partial<AccountsFile>;
  try {
    parsed = JSON.parse(text) as Partial<AccountsFile>;
  } catch (err) {
    throw damaged(`not JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || parsed.version !== 1 || !Array.isArray(parsed.accounts)) {
    throw damaged('not an smtp-lab accounts file of version 1');
  }
  parsed.accounts.forEach((account, i) => {
    const problem = accountProblem(account, i);
    if (problem) throw damaged(problem);
  });
  return parsed.accounts;
}

export async function createAccountStore(options: AccountStoreOptions = {}): Promise<AccountStore> {
  const path = options.dataDir ? join(options.dataDir, 'accounts.json') : undefined;
  const accounts = new Map<string, StoredAccount>();
  if (path) for (const account of await load(path)) accounts.set(account.address, account);
  // Hashing a password nobody has keeps "no such login" as slow as "wrong password".
  const decoy = await hashPassword(randomBytes(12).toString('base64'), ACCOUNT_PASSWORD_COST);

  let writes: Promise<void> = Promise.resolve();
  let closed = false;
  const save = (): Promise<void> => {
    if (!path) return Promise.resolve();
    const file: AccountsFile = { version: 1, accounts: [...accounts.values()] };
    const text = JSON.stringify(file, null, 2) + '\n';
    const next = writes.then(() => writePrivateFile(path, text));
    writes = next.catch(() => undefined);
    return next;
  };

  const mustGet = (address: string): StoredAccount => {
    const account = accounts.get(normalizeAddress(address));
    if (!account) throw noAccount(normalizeAddress(address));
    return account;
  };

  async function matchAppPassword(account: StoredAccount, password: string): Promise<boolean> {
    for (const app of account.appPasswords) {
      if (await verifyPassword(password, app.hash)) return true;
    }
    return false;
  }

  function findLogin(login: string, localPartLogin: boolean): StoredAccount | undefined {
    const address = accountForLogin(login, accounts.keys(), localPartLogin);
    return address === undefined ? undefined : accounts.get(address);
  }

  return {
    async create(input, password, options = {}) {
      const address = normalizeAddress(input);
      if (!isEmailAddress(address)) {
        throw new AccountError('invalid-address', {
          en: `"${input}" is not an e-mail address (name@lab.local, or a name alone)`,
          ru: `«${input}» — не адрес электронной почты (имя@lab.local или просто имя)`,
        });
      }
      checkNewPassword(password);
      if (accounts.has(address)) {
        throw new AccountError('exists', { en: `the account ${address} already exists`, ru: `учётная запись ${address} уже есть` });
      }
      const name = checkPersonName(options.name);
      const account: StoredAccount = {
        address,
        ...(options.role === 'instructor' ? { role: 'instructor' as const } : {}),
        ...(name ? { name } : {}),
        passwordHash: await hashPassword(password, ACCOUNT_PASSWORD_COST),
        createdAt: new Date().toISOString(),
        appPasswords: [],
      };
      // A second create of the same address may have finished while this one was hashing.
      if (accounts.has(address)) {
        throw new AccountError('exists', { en: `the account ${address} already exists`, ru: `учётная запись ${address} уже есть` });
      }
      accounts.set(address, account);
      await save();
      return view(account);
    },
    async signIn(input, password) {
      const account = accounts.get(normalizeAddress(input));
      const ok = await verifyPassword(password, account?.passwordHash ?? decoy);
      return account && ok ? view(account) : undefined;
    },
    get(address) {
      const account = accounts.get(normalizeAddress(address));
      return account ? view(account) : undefined;
    },
    list() {
      return [...accounts.values()].map(view);
    },
    size: () => accounts.size,
    hasInstructor() {
      for (const account of accounts.values()) if (account.role === 'instructor') return true;
      return false;
    },
    async createAppPassword(address, label) {
      const account = mustGet(address);
      const text = (label ?? '').trim();
      if (text.length > MAX_LABEL_LENGTH || /[\x00-\x1f\x7f]/.test(text)) {
        throw new AccountError('invalid-label', {
          en: `the label must be at most ${MAX_LABEL_LENGTH} characters on one line`,
          ru: `название — не длиннее ${MAX_LABEL_LENGTH} символов, в одну строку`,
        });
      }
      if (account.appPasswords.length >= MAX_APP_PASSWORDS) {
        throw new AccountError('too-many', {
          en: `an account has at most ${MAX_APP_PASSWORDS} app passwords; revoke one first`,
          ru: `у учётной записи не больше ${MAX_APP_PASSWORDS} паролей приложений; сначала отзовите один`,
        });
      }
      const password = generateAppPassword();
      const appPassword: AppPasswordView = {
        id: randomBytes(6).toString('base64url'),
        label: text || `app password ${account.appPasswords.length + 1}`,
        createdAt: new Date().toISOString(),
      };
      account.appPasswords.push({ ...appPassword, hash: await hashPassword(password, APP_PASSWORD_COST) });
      await save();
      return { appPassword, password };
    },
    async revokeAppPassword(address, id) {
      const account = mustGet(address);
      const before = account.appPasswords.length;
      account.appPasswords = account.appPasswords.filter((app) => app.id !== id);
      if (account.appPasswords.length === before) return false;
      await save();
      return true;
    },
    async verifySmtp(login, password, verifyOptions = {}) {
      const account = findLogin(login, verifyOptions.localPartLogin ?? false);
      if (!account || !password) {
        await verifyPassword(password, decoy);
        return { result: 'wrong' };
      }
      if (await matchAppPassword(account, password)) return { result: 'app-password', address: account.address };
      if (await verifyPassword(password, account.passwordHash)) return { result: 'account-password', address: account.address };
      return { result: 'wrong' };
    },
    hasLogin(login, loginOptions = {}) {
      return findLogin(login, loginOptions.localPartLogin ?? false) !== undefined;
    },
    flush() {
      return writes;
    },
    async close() {
      if (closed) return;
      closed = true;
      await writes;
    },
  };
}
