import { randomBytes } from 'node:crypto';

const POOL_BYTES = 16 * 256;

/**
 * 22-character URL-safe random ids, like Mailpit's message ids. Random bytes are drawn 4 KB at
 * a time: one randomBytes() call per id was a measurable share of the SMTP hot path.
 */
export function createIdSource(): () => string {
  let pool = randomBytes(POOL_BYTES);
  let offset = 0;
  return () => {
    if (offset + 16 > pool.length) {
      pool = randomBytes(POOL_BYTES);
      offset = 0;
    }
    const id = pool.toString('base64url', offset, offset + 16);
    offset += 16;
    return id;
  };
}
