// Passwords are kept as scrypt hashes (RFC 7914), never as text. An account password is chosen
// by a person and may be weak, so it gets a memory-hard cost; an app password is 16 random
// letters (75 bits, like Google's), which no cost factor makes more or less guessable, so it gets
// a small one: the SMTP AUTH of a class must not queue behind the hashing.
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface HashCost {
  N: number;
  r: number;
  p: number;
}

export const ACCOUNT_PASSWORD_COST: HashCost = { N: 2 ** 14, r: 8, p: 1 };
export const APP_PASSWORD_COST: HashCost = { N: 2 ** 10, r: 8, p: 1 };

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: HashCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 128 * cost.N * cost.r * 2 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string, cost: HashCost = ACCOUNT_PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** 16 lowercase letters, as Google shows its app passwords (there grouped by four). */
export function generateAppPassword(): string {
  let text = '';
  for (let i = 0; i < 16; i++) text += String.fromCharCode(97 + randomInt(26));
  return text;
}

/** "abcdefghijklmnop" → "abcd efgh ijkl mnop", the way a provider displays it. */
export function groupAppPassword(password: string): string {
  return password.replace(/(.{4})(?=.)/g, '$1 ');
}
