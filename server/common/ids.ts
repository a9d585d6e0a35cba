import { randomBytes } from 'node:crypto';

/** A 22-character URL-safe random id, like Mailpit's message ids. */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}
