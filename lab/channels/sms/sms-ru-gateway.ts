// The lab's HTTP SMS gateway, shaped like SMS.ru (sms.ru/api): /sms/send with api_id, to (up to
// 100 numbers, comma-separated), msg, from, json=1 and test=1, GET or POST; /my/balance;
// /auth/check. Its answers are SMS.ru's: HTTP 200 even for an error, the status_code telling —
// JSON with json=1, otherwise the code on the first line. Each SMS accepted is captured, and its
// api key's balance pays for its parts.
import { createServer } from 'node:http';
import express, { type Request, type Response } from 'express';
import type { ChannelStore } from '../channel-store.js';
import { exchangeIdOf, httpExchangeRecorder, MASK, notesOf, requestParams } from '../http-exchange.js';
import { explainNetwork, explainSmsRu, SMS_RU_TEXTS, type SmsExplainContext } from './sms-explain-rules.js';
import { checkNumber } from './sms-numbers.js';
import { segmentSms } from './sms-segments.js';
import type { SmsApiKey, SmsWorld } from './sms-world.js';

export interface SmsRuGatewayOptions {
  host?: string;
  port?: number;
  store: ChannelStore;
  world: SmsWorld;
  /** Numbers a key may send to in a UTC day before 206 (SMS.ru's per-account limit, off unless set). */
  dailyLimit?: number;
  /** How long "the network" takes before a captured SMS shows DELIVRD (default 1000 ms). */
  receiptDelayMs?: number;
}

export interface SmsRuGateway {
  url: string;
  host: string;
  port: number;
  /** Answers 220 ("temporarily unavailable") to everything while on: an outage, for the sender's retries. */
  setUnavailable(on: boolean): void;
  close(): Promise<void>;
}

/** SMS.ru sends at most 8 parts as one message and to at most 100 numbers a request (its 205 and 207). */
export const MAX_PARTS = 8;
export const MAX_NUMBERS = 100;

/** api_id in a query or form, in JSON, and anything shaped like one (8-4-4-4-12 hex) wherever it is. */
export function maskApiId(text: string): string {
  return text
    .replace(/(api_id=)[^&\s]*/gi, `$1${MASK}`)
    .replace(/("api_id"\s*:\s*)("[^"]*"|[^,}\s]+)/gi, `$1"${MASK}"`)
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, MASK);
}

const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : Array.isArray(value) ? value.map(textOf).join(',') : '';
const flag = (value: unknown) => ['1', 'true', 'yes'].includes(textOf(value).toLowerCase());
const roubles = (n: number) => Math.round(n * 100) / 100;

interface NumberResult {
  number: string;
  code: number;
  smsId?: string;
}

export async function createSmsRuGateway(options: SmsRuGatewayOptions): Promise<SmsRuGateway> {
  const { store, world } = options;
  const host = options.host ?? '127.0.0.1';
  const receiptDelayMs = options.receiptDelayMs ?? 1000;
  const timers = new Set<NodeJS.Timeout>();
  const sentToday = new Map<string, { day: string; count: number }>();
  const idPrefix = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
  let nextId = 10_000_000;
  let unavailable = false;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(
    httpExchangeRecorder({ store, channel: 'sms', service: 'sms-ru', mask: maskApiId }, (res) => {
      res.status(413).type('text/plain').send('Request Entity Too Large');
    }),
  );

  /** The request's parameters and a replier that speaks JSON with json=1, plain text otherwise. */
  const begin = (req: Request, res: Response) => {
    const read = requestParams(req);
    const params = read.ok ? read.params : Object.fromEntries(new URL(req.originalUrl, 'http://lab').searchParams);
    const json = flag(params.json);
    const reply = (body: Record<string, unknown>, plain: string[]) => {
      if (json) res.json(body);
      else res.type('text/plain; charset=utf-8').send(plain.join('\n'));
    };
    const fail = (code: number, context: SmsExplainContext = {}) => {
      notesOf(res).explanation = explainSmsRu(code, context);
      reply({ status: 'ERROR', status_code: code, status_text: SMS_RU_TEXTS[code] }, [String(code)]);
    };
    /** The key the api_id names, or undefined once 200 (or 220 during an outage) is answered. */
    const key = (): SmsApiKey | undefined => {
      if (unavailable) return void fail(220);
      const found = world.byApiId(textOf(params.api_id));
      if (!found) return void fail(200);
      notesOf(res).owner = found.owner;
      return found;
    };
    return { params, reply, fail, key };
  };

  const countToday = (hint: string, add = 0) => {
    const day = new Date().toISOString().slice(0, 10);
    const entry = sentToday.get(hint);
    const count = (entry?.day === day ? entry.count : 0) + add;
    if (add) sentToday.set(hint, { day, count });
    return count;
  };

  app.all('/sms/send', (req, res) => {
    const { params, reply, fail, key: keyOf } = begin(req, res);
    const key = keyOf();
    if (!key) return;
    const text = textOf(params.msg ?? params.text);
    if (text.trim() === '') return fail(203);
    const numbers = [
      ...new Set(
        textOf(params.to)
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
      ),
    ];
    if (numbers.length === 0) return fail(202, { to: '' });
    if (numbers.length > MAX_NUMBERS) return fail(207, { to: `${numbers.length}` });
    const sender = textOf(params.from).trim() || (world.senderNames()[0] ?? '');
    if (!world.isApprovedSender(sender)) return fail(204, { sender, senderNames: world.senderNames() });
    const split = segmentSms(text);
    const parts = split.parts.length;
    if (parts > MAX_PARTS) return fail(205, { parts });

    const results: NumberResult[] = numbers.map((raw) => {
      const checked = checkNumber(raw);
      if (checked.kind === 'invalid') return { number: raw, code: 202 };
      if (checked.kind === 'no-route') return { number: checked.number, code: 207 };
      if (world.isStopListed(checked.number)) return { number: checked.number, code: 209 };
      return { number: checked.number, code: 100 };
    });
    const accepted = results.filter((r) => r.code === 100);
    const cost = accepted.length * parts * world.pricePerPart;
    if (options.dailyLimit !== undefined && countToday(key.hint) + accepted.length > options.dailyLimit) return fail(206);
    // test=1: SMS.ru checks everything and answers as for a send, but sends nothing and charges nothing (its ids then are inferred).
    const test = flag(params.test);
    if (!test) {
      if (!key.charge(cost)) return fail(201, { balance: key.balance(), cost, parts });
      countToday(key.hint, accepted.length);
    }
    const notes = notesOf(res);
    for (const r of accepted) {
      r.smsId = `${idPrefix}-${nextId++}`;
      if (test) continue;
      const { parts: _cut, ...counts } = split;
      const message = store.addMessage({
        channel: 'sms',
        service: 'sms-ru',
        exchangeId: exchangeIdOf(res),
        owner: key.owner,
        content: { kind: 'sms', ...counts, parts, from: sender, to: r.number, text, smsId: r.smsId, status: 'ENROUTE' },
      });
      notes.messageIds.push(message.ID);
      const timer = setTimeout(() => {
        timers.delete(timer);
        store.setSmsStatus(message.ID, 'DELIVRD');
      }, receiptDelayMs);
      timers.add(timer);
    }
    const refused = results.find((r) => r.code !== 100);
    if (refused) {
      const checked = checkNumber(refused.number);
      notes.explanation = explainSmsRu(refused.code, { to: refused.number, ...(checked.problem ? { numberProblem: checked.problem } : {}) });
    }
    const sms = Object.fromEntries(
      results.map((r) => [
        r.number,
        r.code === 100 ? { status: 'OK', status_code: 100, sms_id: r.smsId } : { status: 'ERROR', status_code: r.code, status_text: SMS_RU_TEXTS[r.code] },
      ]),
    );
    const balance = roubles(key.balance());
    // The plain answer: the code, then one line per number (its sms_id, or its error code — inferred), then the balance.
    reply({ status: 'OK', status_code: 100, sms, balance }, ['100', ...results.map((r) => r.smsId ?? String(r.code)), `balance=${balance.toFixed(2)}`]);
  });

  app.all('/my/balance', (req, res) => {
    const { reply, key: keyOf } = begin(req, res);
    const key = keyOf();
    if (key) reply({ status: 'OK', status_code: 100, balance: roubles(key.balance()) }, ['100', roubles(key.balance()).toFixed(2)]);
  });

  app.all('/auth/check', (req, res) => {
    const { reply, key: keyOf } = begin(req, res);
    if (keyOf()) reply({ status: 'OK', status_code: 100 }, ['100']);
  });

  app.use((req, res) => {
    notesOf(res).explanation = explainNetwork('http-404', { protocol: 'sms-ru', detail: `${req.method} ${maskApiId(req.path)}` });
    res.status(404).type('text/plain').send('Not Found');
  });

  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Past start-up a failing listener is not the process's end.
  server.on('error', () => undefined);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    setUnavailable(on) {
      unavailable = on;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
