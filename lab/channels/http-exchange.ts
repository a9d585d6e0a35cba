// The HTTP side every HTTP simulator (Telegram, Discord, SMS.ru) shares: the raw request body
// read once, its parameters as the services read them (query string, form, JSON), and each
// request with its reply recorded as an exchange — the request line, the headers that matter,
// the body, the status, the rate-limit headers and the reply's body — with every secret masked.
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ChannelStore } from './channel-store.js';
import type { ChannelExplanation, ChannelId, ChannelService, ExchangeLine } from './channel-wire.js';

export const MASK = '●●●●';
const MAX_BODY_TEXT = 4096;
const MAX_BODY_BYTES = 1024 * 1024;

/** What a simulator leaves on `res.locals.exchange` for the record. */
export interface ExchangeNotes {
  owner: string;
  messageIds: string[];
  explanation: ChannelExplanation | null;
}

export interface HttpExchangeOptions {
  store: ChannelStore;
  channel: ChannelId;
  service: ChannelService;
  /** Replaces the secrets of a path, a query or a body (tokens, api_id) with MASK. */
  mask(text: string): string;
  /** Reply headers worth a line (rate limits): lower-case names. */
  replyHeaders?: readonly string[];
  /** The request headers worth a line: lower-case names (content-type by default). */
  requestHeaders?: readonly string[];
}

export function notesOf(res: Response): ExchangeNotes {
  const locals = res.locals as { exchange?: ExchangeNotes };
  locals.exchange ??= { owner: 'local', messageIds: [], explanation: null };
  return locals.exchange;
}

/** The request's body as received (an empty Buffer when there was none). */
export function rawBody(req: Request): Buffer {
  return (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
}

export type Params = { ok: true; params: Record<string, unknown> } | { ok: false; problem: string };

/**
 * The parameters as the Bot API (and the gateways) read them: the query string, then the body —
 * `application/json` (an object), `application/x-www-form-urlencoded`; a body of another type is
 * a problem the simulator answers in its own words.
 */
export function requestParams(req: Request): Params {
  const params: Record<string, unknown> = {};
  const url = new URL(req.originalUrl, 'http://lab');
  for (const [key, value] of url.searchParams) params[key] = value;
  const body = rawBody(req);
  if (body.length === 0) return { ok: true, params };
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = body.toString('utf8');
  if (type === 'application/json') {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'the JSON body is not an object' };
      return { ok: true, params: { ...params, ...(value as Record<string, unknown>) } };
    } catch (err) {
      return { ok: false, problem: `the body is not valid JSON (${(err as Error).message})` };
    }
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    for (const [key, value] of new URLSearchParams(text)) params[key] = value;
    return { ok: true, params };
  }
  return { ok: false, problem: `a body of type ${type} is not read by the lab's simulator (send JSON or a form)` };
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const clip = (text: string) => (text.length <= MAX_BODY_TEXT ? text : `${text.slice(0, MAX_BODY_TEXT)}… (${text.length} characters)`);

/**
 * Reads the body (answering 413 through `tooLarge` past 1 MB) and records the exchange when the
 * reply has gone. Put it first on a simulator's app.
 */
export function httpExchangeRecorder(options: HttpExchangeOptions, tooLarge: (res: Response) => void): RequestHandler {
  const { store, channel, service, mask } = options;
  const replyHeaders = options.replyHeaders ?? [];
  const requestHeaders = options.requestHeaders ?? ['content-type'];
  return (req: Request, res: Response, next: NextFunction) => {
    const started = Date.now();
    const lines: ExchangeLine[] = [];
    const line = (Dir: ExchangeLine['Dir'], raw: string) => {
      const text = mask(raw);
      lines.push({ Dir, Ms: Date.now() - started, Text: text, ...(text !== raw ? { Masked: true } : {}) });
    };
    const path = mask(req.originalUrl);
    line('C', `${req.method} ${req.originalUrl} HTTP/${req.httpVersion}`);
    for (const name of requestHeaders) {
      const value = req.headers[name];
      if (value !== undefined) line('C', `${name}: ${String(value)}`);
    }
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const keep = (chunk: unknown) => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
      else if (Buffer.isBuffer(chunk)) chunks.push(chunk);
    };
    (res as unknown as { write: (...a: unknown[]) => boolean }).write = (chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return write(chunk, ...rest);
    };
    (res as unknown as { end: (...a: unknown[]) => Response }).end = (chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') keep(chunk);
      return end(chunk, ...rest);
    };
    const exchangeId = store.newExchangeId();
    (res.locals as { exchangeId?: string }).exchangeId = exchangeId;
    res.on('finish', () => {
      line('S', `HTTP/1.1 ${res.statusCode} ${res.statusMessage}`);
      for (const name of replyHeaders) {
        const value = res.getHeader(name);
        if (value !== undefined) line('S', `${name}: ${String(value)}`);
      }
      const reply = Buffer.concat(chunks).toString('utf8');
      if (reply) line('S', clip(reply));
      const notes = notesOf(res);
      store.recordExchange(
        {
          Channel: channel,
          Service: service,
          Started: new Date(started).toISOString(),
          Ended: new Date().toISOString(),
          Client: `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`,
          Summary: `${req.method} ${path.split('?')[0]}`,
          Status: res.statusCode,
          Ok: res.statusCode < 400,
          Lines: lines,
          MessageIDs: notes.messageIds,
          Explanation: notes.explanation,
          Owner: notes.owner,
        },
        exchangeId,
      );
    });
    readBody(req).then(
      (body) => {
        if (body === 'too-large') {
          line('C', `<a body of more than ${MAX_BODY_BYTES} bytes, not kept>`);
          return tooLarge(res);
        }
        (req as Request & { rawBody?: Buffer }).rawBody = body;
        if (body.length > 0) line('C', clip(body.toString('utf8')));
        next();
      },
      () => res.destroy(),
    );
  };
}

/** The exchange id the recorder gave this request (for messages recorded before the reply). */
export function exchangeIdOf(res: Response): string {
  return (res.locals as { exchangeId?: string }).exchangeId ?? '';
}
