// Creating a checked roster's accounts: a student account each, with a first password the
// instructor hands out (readable aloud: four groups of four letters and digits, none of the
// look-alikes 0/o, 1/l/i), returned this once and kept only as a hash. An address that is
// already an account is left as it is. The hashing is memory-hard (an account password), so a
// few run at a time, leaving the thread pool to the SMTP AUTH of a class already at work.
import { randomInt } from 'node:crypto';
import { AccountError, type AccountStore } from '../../server/accounts/account-store.js';
import type { RosterImportResult } from './class-wire.js';
import type { RosterLine } from './roster-csv.js';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const AT_ONCE = 2;

/** `kx7m-q2dp-9hta-wn4e`: 16 characters of 31 (79 bits), grouped by four. */
export function generateFirstPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

export async function importRoster(
  accounts: Pick<AccountStore, 'create' | 'get'>,
  entries: readonly RosterLine[],
): Promise<Omit<RosterImportResult, 'classMode'>> {
  const created: RosterImportResult['created'] = [];
  const existing: string[] = [];
  const notCreated: NonNullable<RosterImportResult['notCreated']> = [];
  const todo = entries.filter((entry) => {
    if (accounts.get(entry.address) === undefined) return true;
    existing.push(entry.address);
    return false;
  });
  const results = new Array<RosterImportResult['created'][number] | undefined>(todo.length);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const index = next++;
      const entry = todo[index] as RosterLine;
      const password = generateFirstPassword();
      try {
        await accounts.create(entry.address, password, entry.name ? { name: entry.name } : {});
        results[index] = { address: entry.address, name: entry.name, password };
      } catch (err) {
        if (err instanceof AccountError && err.code === 'exists') existing.push(entry.address);
        // The account may be kept in memory though its file could not be written: its password is still this one.
        else if (accounts.get(entry.address)) results[index] = { address: entry.address, name: entry.name, password };
        else
          notCreated.push({
            address: entry.address,
            text: err instanceof AccountError ? err.text : { ru: `не создана: ${(err as Error).message}`, en: `not created: ${(err as Error).message}` },
          });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, todo.length) }, worker));
  for (const result of results) if (result) created.push(result);
  return { created, existing, ...(notCreated.length > 0 ? { notCreated } : {}) };
}
