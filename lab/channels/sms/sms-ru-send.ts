// Sending one SMS through SMS.ru's HTTP API with plain fetch: the send is one form POST to
// /sms/send with json=1 and the answer one small JSON object, so a client library would add
// nothing but a dependency. The answer's status_code decides: 100 sent, 220 try later, any other
// a mistake to fix (per-number errors sit inside `sms`). No Node imports.
import type { ChannelExplanation } from '../channel-wire.js';
import type { AttemptOutcome } from '../senders/retrying-send.js';
import { explainNetwork, explainSmsRu, isTransientNetwork, type SmsExplainContext } from './sms-explain-rules.js';
import { checkNumber } from './sms-numbers.js';
import { segmentSms } from './sms-segments.js';

export interface SmsRuTarget {
  apiRoot: string;
  apiId: string;
  sender: string;
  to: string;
  text: string;
}

export interface SmsRuOutcome extends AttemptOutcome {
  explanation: ChannelExplanation | null;
  /** SMS.ru's sms_id of the message. */
  messageId: string | null;
  balance: number | null;
  networkCode?: string;
}

/** One attempt's time limit. */
const ATTEMPT_TIMEOUT_MS = 15_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The code of what failed under fetch (undici puts the socket's error in `cause`). */
function networkCodeOf(err: unknown): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string; errors?: Array<{ code?: string }> } };
  if (e?.name === 'TimeoutError') return 'ETIMEDOUT';
  if (e?.name === 'AbortError') return 'ABORTED';
  return e?.cause?.code ?? e?.cause?.errors?.[0]?.code ?? e?.code ?? 'UNKNOWN';
}

export async function smsRuAttempt(target: SmsRuTarget, signal?: AbortSignal): Promise<SmsRuOutcome> {
  const context: SmsExplainContext = {
    protocol: 'sms-ru',
    apiRoot: target.apiRoot,
    sender: target.sender,
    to: target.to,
    parts: segmentSms(target.text).parts.length,
  };
  const form = new URLSearchParams({ api_id: target.apiId, to: target.to, msg: target.text, json: '1' });
  if (target.sender) form.set('from', target.sender);
  const timeout = AbortSignal.timeout(ATTEMPT_TIMEOUT_MS);
  const failed = (partial: Partial<SmsRuOutcome> & { explanation: ChannelExplanation }): SmsRuOutcome => ({
    ok: false,
    status: null,
    reply: null,
    retryAfterSeconds: null,
    transient: false,
    messageId: null,
    balance: null,
    ...partial,
  });
  let res: Response;
  let reply: string;
  try {
    res = await fetch(`${target.apiRoot}/sms/send`, {
      method: 'POST',
      body: form,
      headers: { 'user-agent': 'smtp-lab alert sender' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    reply = await res.text();
  } catch (err) {
    const code = networkCodeOf(err);
    return failed({
      transient: isTransientNetwork(code),
      networkCode: code,
      explanation: explainNetwork(code, { ...context, detail: (err as Error).message }),
    });
  }
  if (res.status === 404) return failed({ status: 404, reply, explanation: explainNetwork('http-404', { ...context, detail: `POST /sms/send → 404` }) });
  let body: unknown;
  try {
    body = JSON.parse(reply);
  } catch {
    body = undefined;
  }
  if (!isObject(body) || typeof body.status_code !== 'number') {
    // A 5xx page in front of the API (a proxy, an outage) is SMS.ru's 220 in HTTP's words; anything else is not SMS.ru.
    if (res.status >= 500)
      return failed({ status: res.status, reply, transient: true, explanation: explainSmsRu(220, { ...context, detail: `HTTP ${res.status}` }) });
    return failed({ status: res.status, reply, explanation: explainNetwork('not-sms-ru', { ...context, detail: `HTTP ${res.status}` }) });
  }
  const balance = typeof body.balance === 'number' ? body.balance : null;
  if (body.status !== 'OK')
    return failed({
      status: body.status_code,
      reply,
      transient: body.status_code === 220,
      balance,
      explanation: explainSmsRu(body.status_code, { ...context, ...(balance !== null ? { balance } : {}) }),
    });
  const entries = isObject(body.sms) ? body.sms : {};
  const entry = entries[target.to] ?? Object.values(entries)[0];
  if (!isObject(entry) || typeof entry.status_code !== 'number')
    return failed({ status: res.status, reply, explanation: explainNetwork('not-sms-ru', { ...context, detail: 'no "sms" entry for the number' }) });
  if (entry.status_code !== 100) {
    const problem = checkNumber(target.to).problem;
    return failed({
      status: entry.status_code,
      reply,
      balance,
      explanation: explainSmsRu(entry.status_code, { ...context, ...(problem ? { numberProblem: problem } : {}) }),
    });
  }
  return {
    ok: true,
    status: 100,
    reply,
    retryAfterSeconds: null,
    transient: false,
    explanation: null,
    messageId: typeof entry.sms_id === 'string' ? entry.sms_id : null,
    balance,
  };
}
