// Reading a JSON request body the same way on every route: no body (or JSON null, which some
// Mailpit clients send with a DELETE) is an empty object; any other JSON value that is not an
// object (an array, a number, a string) is the client's mistake, a 400.
import type { Request } from 'express';
import { badRequest } from './http-error.js';

export function objectBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** A text field of a body: the string, or '' for anything else (the validation then says what is wrong). */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
