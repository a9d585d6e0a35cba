// Sending one SMS over SMPP with the `smpp` package's client: connect, bind_transceiver, one
// submit_sm per part — with the concatenation header and esm_class 0x40 when the text needs more
// than one part, data_coding 0 (GSM-7, one septet an octet) or 8 (UCS-2) —, registered_delivery 1,
// unbind. The package splits nothing and picks its own data_coding for strings, so the parts go
// as octets. A retry resumes at the first part not taken, with the same reference, so that the
// phone still joins them.
import smpp, { type Pdu, type Session } from 'smpp';
import type { ChannelExplanation } from '../channel-wire.js';
import type { AttemptOutcome } from '../senders/retrying-send.js';
import { concatUdh, encodeGsm7, encodeUcs2 } from './sms-codec.js';
import { explainNetwork, explainSmpp, isTransientNetwork, smppStatusName, SMPP_TRANSIENT, type SmsExplainContext } from './sms-explain-rules.js';
import { segmentSms } from './sms-segments.js';

export interface SmppTarget {
  host: string;
  port: number;
  systemId: string;
  password: string;
  sender: string;
  /** Digits only, with the country code. */
  to: string;
  text: string;
}

export interface SmppOutcome extends AttemptOutcome {
  explanation: ChannelExplanation | null;
  /** The centre's message_id of the first part (what it keeps the message by). */
  messageId: string | null;
  networkCode?: string;
}

/** One attempt's time limit: a centre answers a bind and a submit in well under a second. */
const ATTEMPT_TIMEOUT_MS = 15_000;
const UDHI = 0x40;

/** The octets of each part and the data_coding they go with. */
export function smppParts(text: string, ref: number): { dataCoding: 0 | 8; esmClass: number; parts: Buffer[] } {
  const split = segmentSms(text);
  const encode = split.encoding === 'GSM-7' ? encodeGsm7 : encodeUcs2;
  const total = split.parts.length;
  const parts = split.parts.map((part, i) => (total > 1 ? Buffer.concat([concatUdh({ ref, total, seq: i + 1 }), encode(part)]) : encode(part)));
  return { dataCoding: split.encoding === 'GSM-7' ? 0 : 8, esmClass: total > 1 ? UDHI : 0, parts };
}

/** SMPP 3.4 §5.2.5–6: an alphanumeric sender is TON 5 (NPI unknown), a number TON 1 international, NPI 1 E.164. */
const addressKind = (address: string) => (/^\+?\d+$/.test(address) ? { ton: 1, npi: 1 } : { ton: 5, npi: 0 });

/** A sender of one message: each `attempt()` goes on from the parts the centre has already taken. */
export function createSmppSend(target: SmppTarget) {
  const { dataCoding, esmClass, parts } = smppParts(target.text, Math.floor(Math.random() * 256));
  const context: SmsExplainContext = {
    protocol: 'smpp',
    host: target.host,
    port: target.port,
    systemId: target.systemId,
    sender: target.sender,
    to: target.to,
    parts: parts.length,
  };
  let taken = 0;
  let firstId: string | null = null;
  const host = target.host.includes(':') && !target.host.startsWith('[') ? `[${target.host}]` : target.host;

  const refused = (command: string, status: number): SmppOutcome => ({
    ok: false,
    status,
    reply: `${command} ${smppStatusName(status)} (0x${status.toString(16).padStart(8, '0')})`,
    retryAfterSeconds: null,
    transient: SMPP_TRANSIENT.has(status),
    explanation: explainSmpp(status, context),
    messageId: null,
  });
  const unreachable = (code: string, detail: string): SmppOutcome => ({
    ok: false,
    status: null,
    reply: null,
    retryAfterSeconds: null,
    transient: isTransientNetwork(code),
    explanation: explainNetwork(code, { ...context, detail }),
    messageId: null,
    networkCode: code,
  });

  const attempt = (signal?: AbortSignal): Promise<SmppOutcome> =>
    new Promise((resolve) => {
      let settled = false;
      let bound = false;
      const session: Session = smpp.connect({ url: `smpp://${host}:${target.port}` });
      const settle = (outcome: SmppOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        leave(session, bound);
        resolve(outcome);
      };
      const timer = setTimeout(() => settle(unreachable('ETIMEDOUT', `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`)), ATTEMPT_TIMEOUT_MS);
      const abort = () => settle(unreachable('ABORTED', 'the send was cancelled'));
      signal?.addEventListener('abort', abort, { once: true });
      // Without an 'error' listener the package's session error would end the process.
      session.on('error', (err: NodeJS.ErrnoException) => settle(unreachable(err.code ?? ('syscall' in err ? 'UNKNOWN' : 'not-smpp'), err.message)));
      session.on('close', () => settle(unreachable('closed', 'the centre closed the connection')));
      const submitNext = () => {
        if (taken >= parts.length) {
          const name = smppStatusName(0);
          return settle({
            ok: true,
            status: 0,
            reply: `submit_sm_resp message_id=${firstId ?? ''} ${name}`,
            retryAfterSeconds: null,
            transient: false,
            explanation: null,
            messageId: firstId,
          });
        }
        const from = addressKind(target.sender);
        const fields = {
          source_addr: target.sender,
          source_addr_ton: target.sender ? from.ton : 0,
          source_addr_npi: target.sender ? from.npi : 0,
          destination_addr: target.to,
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          esm_class: esmClass,
          registered_delivery: 1,
          data_coding: dataCoding,
          short_message: parts[taken],
        };
        session.submit_sm(fields, (resp: Pdu) => {
          if (resp.command_status !== 0) return settle(refused('submit_sm_resp', resp.command_status));
          if (taken === 0) firstId = String(resp.message_id ?? '');
          taken++;
          submitNext();
        });
      };
      session.on('connect', () => {
        session.bind_transceiver({ system_id: target.systemId, password: target.password }, (resp: Pdu) => {
          if (resp.command_status !== 0) return settle(refused('bind_transceiver_resp', resp.command_status));
          bound = true;
          submitNext();
        });
      });
    });

  return { attempt, parts: parts.length, encoding: dataCoding === 8 ? ('UCS-2' as const) : ('GSM-7' as const) };
}

/** Unbinds when bound (SMPP 3.4 §4.2), then closes; a centre that does not answer is cut off after a second. */
function leave(session: Session, bound: boolean) {
  session.removeAllListeners('close');
  session.on('error', () => undefined);
  const cutOff = setTimeout(() => session.destroy(), 1000);
  cutOff.unref();
  if (!bound || !session.unbind(() => session.close())) session.destroy();
  session.socket.once('close', () => clearTimeout(cutOff));
}
