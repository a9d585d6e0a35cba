// What a student sets up with the lab's SMS provider before sending: SMPP accounts (a system_id
// and a password, as an SMS centre's contract gives them) and SMS.ru-like API keys (an api_id
// and a balance in roubles); the sender names the provider approved, the numbers in its stop
// list, the price of one part. Kept in sms.json (mode 0600) with --data-dir, in memory without;
// a password or an api_id is returned once, on creation, and kept only as a hash.
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { readTextIfExists, writePrivateFile } from '../../../server/common/private-file.js';
import type { Bilingual } from '../../../server/wire/bilingual.js';
import type { CreatedSmppAccount, CreatedSmsApiKey, SmppAccountView, SmsApiKeyView, SmsWorldView } from '../world-wire.js';
import { isSenderName } from './sms-numbers.js';

/** SMPP 3.4 §5.2: system_id is a C-Octet String of up to 16 octets, password of up to 9 — with the NUL. */
export const MAX_SYSTEM_ID = 15;
export const MAX_SMPP_PASSWORD = 8;
export const DEFAULT_SENDER_NAMES: readonly string[] = ['LabAlert', 'smtp-lab'];
/** A number that always refuses SMS in the lab (SMS.ru 209, an UNDELIV receipt over SMPP): mistakes are practised on it. */
export const LAB_STOP_NUMBER = '79000000000';
export const DEFAULT_PRICE_PER_PART = 3.5;
export const DEFAULT_BALANCE = 100;
const MAX_PER_OWNER = 10;
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export class SmsWorldError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: string,
    readonly text: Bilingual,
    readonly field?: 'systemId',
  ) {
    super(text.en);
    this.name = 'SmsWorldError';
  }
}

interface SmppAccountRecord {
  owner: string;
  systemId: string;
  salt: string;
  passwordHash: string;
  created: string;
}

interface ApiKeyRecord {
  owner: string;
  hint: string;
  apiIdHash: string;
  /** Kopecks, so that 3.5-rouble parts add up exactly. */
  kopecks: number;
  created: string;
}

interface SmsFile {
  version: 1;
  smppAccounts: SmppAccountRecord[];
  apiKeys: ApiKeyRecord[];
  senderNames: string[];
}

export interface SmppAccount {
  owner: string;
  systemId: string;
  checkPassword(password: string): boolean;
}

export interface SmsApiKey {
  owner: string;
  hint: string;
  /** Roubles. */
  balance(): number;
  /** Takes `roubles` off the balance; false (and nothing taken) when it would go below zero. */
  charge(roubles: number): boolean;
}

export interface SmsWorld {
  createSmppAccount(owner: string, input?: { systemId?: string }): CreatedSmppAccount;
  deleteSmppAccount(owner: string, systemId: string): boolean;
  createApiKey(owner: string): CreatedSmsApiKey;
  deleteApiKey(owner: string, hint: string): boolean;
  view(owner: string): SmsWorldView;
  bySystemId(systemId: string): SmppAccount | undefined;
  byApiId(apiId: string): SmsApiKey | undefined;
  senderNames(): readonly string[];
  isApprovedSender(name: string): boolean;
  setSenderNames(names: readonly string[]): void;
  isStopListed(number: string): boolean;
  readonly pricePerPart: number;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface SmsWorldOptions {
  dataDir?: string;
  warn?: (message: string) => void;
  senderNames?: readonly string[];
  stopList?: readonly string[];
  pricePerPart?: number;
  startingBalance?: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const password = () => Array.from({ length: MAX_SMPP_PASSWORD }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
const kopecks = (roubles: number) => Math.round(roubles * 100);

async function load(path: string): Promise<SmsFile | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  try {
    const file = JSON.parse(text) as Partial<SmsFile>;
    if (file.version !== 1 || !Array.isArray(file.smppAccounts) || !Array.isArray(file.apiKeys) || !Array.isArray(file.senderNames))
      throw new Error('not version 1');
    return file as SmsFile;
  } catch (err) {
    throw new Error(
      `${path} is damaged (${(err as Error).message}): restore it from a backup, or move it away (the lab's SMPP accounts and SMS API keys are then lost).`,
    );
  }
}

function checkSystemId(systemId: string): Bilingual | undefined {
  if (!/^[A-Za-z0-9_.-]+$/.test(systemId))
    return {
      ru: 'system_id — латинские буквы, цифры, точка, дефис и подчёркивание, без пробелов',
      en: 'A system_id takes Latin letters, digits, dots, hyphens and underscores, no spaces',
    };
  if (systemId.length > MAX_SYSTEM_ID)
    return {
      ru: `system_id — не длиннее ${MAX_SYSTEM_ID} символов (так в SMPP 3.4)`,
      en: `A system_id is at most ${MAX_SYSTEM_ID} characters (as SMPP 3.4 has it)`,
    };
  return undefined;
}

export async function createSmsWorld(options: SmsWorldOptions = {}): Promise<SmsWorld> {
  const path = options.dataDir ? join(options.dataDir, 'sms.json') : undefined;
  const file = path ? await load(path) : undefined;
  const accounts = new Map<string, SmppAccountRecord>((file?.smppAccounts ?? []).map((a) => [a.systemId, a]));
  const keys = new Map<string, ApiKeyRecord>((file?.apiKeys ?? []).map((k) => [k.apiIdHash, k]));
  let senderNames = [...(file?.senderNames ?? options.senderNames ?? DEFAULT_SENDER_NAMES)];
  const stopList = new Set(options.stopList ?? [LAB_STOP_NUMBER]);
  const pricePerPart = options.pricePerPart ?? DEFAULT_PRICE_PER_PART;
  const startingKopecks = kopecks(options.startingBalance ?? DEFAULT_BALANCE);

  let writes: Promise<void> = Promise.resolve();
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  const writeNow = (): Promise<void> => {
    if (!path || !dirty) return writes;
    dirty = false;
    const data: SmsFile = { version: 1, smppAccounts: [...accounts.values()], apiKeys: [...keys.values()], senderNames };
    writes = writes
      .then(() => writePrivateFile(path, JSON.stringify(data, null, 2)))
      .catch((err: Error) => options.warn?.(`${path}: not saved (${err.message})`));
    return writes;
  };
  // A burst of charges is written once, a moment later; flush() and close() write at once.
  const persist = () => {
    if (!path) return;
    dirty = true;
    timer ??= setTimeout(() => {
      timer = undefined;
      void writeNow();
    }, 50);
  };

  const accountView = (a: SmppAccountRecord): SmppAccountView => ({ systemId: a.systemId, created: a.created });
  const keyView = (k: ApiKeyRecord): SmsApiKeyView => ({ hint: k.hint, balance: k.kopecks / 100, created: k.created });
  const owned = <T extends { owner: string }>(map: Map<string, T>, owner: string) => [...map.values()].filter((r) => r.owner === owner);

  const tooMany = (what: Bilingual) =>
    new SmsWorldError(409, 'too_many', {
      ru: `Не больше ${MAX_PER_OWNER} ${what.ru} на учётную запись; удалите ненужные`,
      en: `At most ${MAX_PER_OWNER} ${what.en} per account; delete some`,
    });

  /** The owner's local part as a system_id (student@lab.local → student), numbered when taken. */
  const defaultSystemId = (owner: string) => {
    const base = (owner.split('@')[0] ?? '').replace(/[^A-Za-z0-9_.-]/g, '').slice(0, MAX_SYSTEM_ID - 3) || 'lab';
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!taken(candidate)) return candidate;
    }
  };
  const taken = (systemId: string) => [...accounts.keys()].some((id) => id.toLowerCase() === systemId.toLowerCase());

  return {
    pricePerPart,
    createSmppAccount(owner, input = {}) {
      if (owned(accounts, owner).length >= MAX_PER_OWNER) throw tooMany({ ru: 'учётных записей SMPP', en: 'SMPP accounts' });
      const systemId = input.systemId?.trim() || defaultSystemId(owner);
      const problem = checkSystemId(systemId);
      if (problem) throw new SmsWorldError(400, 'invalid_system_id', problem, 'systemId');
      if (taken(systemId))
        throw new SmsWorldError(
          409,
          'system_id_taken',
          { ru: `system_id «${systemId}» уже занят; выберите другой`, en: `The system_id "${systemId}" is taken; choose another` },
          'systemId',
        );
      const secret = password();
      const salt = randomBytes(16).toString('hex');
      const record: SmppAccountRecord = { owner, systemId, salt, passwordHash: sha256(salt + secret), created: new Date().toISOString() };
      accounts.set(systemId, record);
      persist();
      return { account: accountView(record), password: secret };
    },
    deleteSmppAccount(owner, systemId) {
      const record = accounts.get(systemId);
      if (!record || record.owner !== owner) return false;
      accounts.delete(systemId);
      persist();
      return true;
    },
    createApiKey(owner) {
      if (owned(keys, owner).length >= MAX_PER_OWNER) throw tooMany({ ru: 'ключей API', en: 'API keys' });
      // SMS.ru's api_id is 8-4-4-4-12 upper-case hex: the shape of a UUID. The hint (its first group) names it in lists and URLs.
      let apiId = randomUUID().toUpperCase();
      while ([...keys.values()].some((k) => k.hint === apiId.slice(0, 8))) apiId = randomUUID().toUpperCase();
      const record: ApiKeyRecord = { owner, hint: apiId.slice(0, 8), apiIdHash: sha256(apiId), kopecks: startingKopecks, created: new Date().toISOString() };
      keys.set(record.apiIdHash, record);
      persist();
      return { key: keyView(record), apiId };
    },
    deleteApiKey(owner, hint) {
      const record = [...keys.values()].find((k) => k.owner === owner && k.hint.toLowerCase() === hint.toLowerCase());
      if (!record) return false;
      keys.delete(record.apiIdHash);
      persist();
      return true;
    },
    view: (owner) => ({
      smppAccounts: owned(accounts, owner).map(accountView),
      apiKeys: owned(keys, owner).map(keyView),
      senderNames: [...senderNames],
      stopList: [...stopList],
    }),
    bySystemId(systemId) {
      const record = accounts.get(systemId);
      if (!record) return undefined;
      return { owner: record.owner, systemId: record.systemId, checkPassword: (p) => sameHash(sha256(record.salt + p), record.passwordHash) };
    },
    byApiId(apiId) {
      const record = keys.get(sha256(apiId.trim().toUpperCase()));
      if (!record) return undefined;
      return {
        owner: record.owner,
        hint: record.hint,
        balance: () => record.kopecks / 100,
        charge(roubles) {
          const cost = kopecks(roubles);
          if (cost > record.kopecks) return false;
          record.kopecks -= cost;
          persist();
          return true;
        },
      };
    },
    senderNames: () => senderNames,
    isApprovedSender: (name) => senderNames.includes(name),
    setSenderNames(names) {
      const bad = names.filter((n) => !isSenderName(n));
      if (bad.length || names.length === 0)
        throw new SmsWorldError(400, 'invalid_sender_names', {
          ru: `Имя отправителя — до 11 латинских букв и цифр (или номер до 15 цифр)${bad.length ? `; не подходит: ${bad.join(', ')}` : ''}`,
          en: `A sender name is up to 11 Latin letters and digits (or a number of up to 15 digits)${bad.length ? `; not one: ${bad.join(', ')}` : ''}`,
        });
      senderNames = [...new Set(names)];
      persist();
    },
    isStopListed: (number) => stopList.has(number.replace(/^\+/, '')),
    flush() {
      clearTimeout(timer);
      timer = undefined;
      return writeNow();
    },
    async close() {
      clearTimeout(timer);
      timer = undefined;
      await writeNow();
    },
  };
}
