// Reading query parameters strictly: a malformed value is a 400, not a silent default.
import type { Request } from 'express';
import { badRequest } from './http-error.js';

export function stringParam(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be given once, as text`);
  return value;
}

export function intParam(req: Request, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = stringParam(req, name);
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw badRequest(`${name} must be a whole number ≥ 0, not "${value}"`);
  const n = Number(value);
  if (n > max) throw badRequest(`${name} must be at most ${max}`);
  return n;
}

export function pageParams(req: Request): { start: number; limit: number } {
  return { start: intParam(req, 'start', 0), limit: intParam(req, 'limit', 50, 10_000) };
}
