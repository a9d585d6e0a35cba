// One submit_sm as the lab's SMS centre judges it, in the order a centre checks: the bind, the
// rate, the sender, the number, the length, the coding, the header; then the text it carries,
// and — for one part of a longer message — the waiting for the others (3GPP TS 23.040
// §9.2.3.24.1: parts of one message share a reference and count, and are joined by number).
import type { Pdu } from 'smpp';
import type { SmsEncoding } from '../channel-wire.js';
import { decodeShortMessage, hex, isDataCoding, readUdh, type ConcatHeader } from './sms-codec.js';
import type { SmsExplainContext } from './sms-explain-rules.js';
import { checkNumber, type CheckedNumber } from './sms-numbers.js';
import type { SmsWorld } from './sms-world.js';
import { submitSmOctets } from './smpp-raw.js';

export const STATUS = {
  ROK: 0x00,
  RINVMSGLEN: 0x01,
  RINVCMDLEN: 0x02,
  RINVCMDID: 0x03,
  RINVBNDSTS: 0x04,
  RALYBND: 0x05,
  RSYSERR: 0x08,
  RINVSRCADR: 0x0a,
  RINVDSTADR: 0x0b,
  RINVPASWD: 0x0e,
  RINVSYSID: 0x0f,
  RINVESMCLASS: 0x43,
  RSUBMITFAIL: 0x45,
  RTHROTTLED: 0x58,
} as const;

/** SMPP 3.4 §5.2.21: short_message holds at most 254 octets; more goes in message_payload. */
export const MAX_SHORT_MESSAGE = 254;
const UDHI = 0x40;

export interface SubmittedPart {
  sender: string;
  number: CheckedNumber;
  text: string;
  encoding: SmsEncoding;
  concat: ConcatHeader | null;
  registeredDelivery: number;
}

export type SubmitVerdict = { line: string } & ({ ok: true; part: SubmittedPart } | { ok: false; status: number; context: SmsExplainContext });

export interface SubmitSession {
  /** null before a bind; a receiver may not submit. */
  mode: 'transceiver' | 'transmitter' | 'receiver' | null;
  /** Counts this submit against the account's rate; false when over it. */
  withinRate(): boolean;
  throttle: number;
}

const preview = (text: string) => JSON.stringify(text.length > 160 ? `${text.slice(0, 160)}…` : text);

export function judgeSubmit(pdu: Pdu, octets: Buffer, session: SubmitSession, world: SmsWorld): SubmitVerdict {
  const source = String(pdu.source_addr ?? '');
  const destination = String(pdu.destination_addr ?? '');
  const dataCoding = Number(pdu.data_coding ?? 0);
  const esmClass = Number(pdu.esm_class ?? 0);
  const registeredDelivery = Number(pdu.registered_delivery ?? 0);
  const { shortMessage, payload } = submitSmOctets(octets);
  const message = payload && payload.length > 0 ? payload : shortMessage;
  const udh = esmClass & UDHI ? readUdh(message) : null;
  const body = udh?.ok ? udh.body : message;
  const text = isDataCoding(dataCoding) && udh?.ok !== false ? decodeShortMessage(body, dataCoding) : undefined;
  const line =
    `submit_sm source_addr=${source} destination_addr=${destination} data_coding=${dataCoding} esm_class=0x${esmClass.toString(16).padStart(2, '0')}` +
    ` registered_delivery=${registeredDelivery}${udh?.ok ? ` udh=${hex(udh.udh)}` : ''}${payload ? ` message_payload(${payload.length} octets)` : ''}` +
    ` ${payload ? 'text' : 'short_message'}=${text === undefined ? `<${hex(message.subarray(0, 32))}${message.length > 32 ? ' …' : ''}>` : preview(text)}`;
  const refuse = (status: number, context: SmsExplainContext = {}): SubmitVerdict => ({ ok: false, line, status, context });

  if (session.mode === null || session.mode === 'receiver') return refuse(STATUS.RINVBNDSTS);
  if (!session.withinRate()) return refuse(STATUS.RTHROTTLED, { throttle: session.throttle });
  const sender = source || (world.senderNames()[0] ?? '');
  if (!world.isApprovedSender(sender)) return refuse(STATUS.RINVSRCADR, { sender, senderNames: world.senderNames() });
  const number = checkNumber(destination);
  if (number.problem === 'format') return refuse(STATUS.RINVDSTADR, { to: destination, numberProblem: 'format' });
  if (shortMessage.length > MAX_SHORT_MESSAGE) return refuse(STATUS.RINVMSGLEN, { detail: `${shortMessage.length} octets` });
  if (!isDataCoding(dataCoding)) return refuse(STATUS.RSUBMITFAIL, { detail: `data_coding ${dataCoding}: the lab centre reads 0, 1, 3 and 8` });
  if (udh && !udh.ok) return refuse(STATUS.RINVESMCLASS, { detail: udh.problem });

  const sar = readSar(pdu);
  const concat = (udh?.ok ? udh.concat : null) ?? sar;
  return {
    ok: true,
    line,
    part: {
      sender,
      number,
      text: text ?? '',
      encoding: dataCoding === 8 ? 'UCS-2' : 'GSM-7',
      concat: concat && concat.total > 1 ? concat : null,
      registeredDelivery,
    },
  };
}

/** SMPP 3.4 §5.3.2.22–24: the TLV way of numbering parts (sar_msg_ref_num, sar_total_segments, sar_segment_seqnum). */
function readSar(pdu: Pdu): ConcatHeader | null {
  const ref = pdu.sar_msg_ref_num;
  const total = pdu.sar_total_segments;
  const seq = pdu.sar_segment_seqnum;
  if (typeof ref !== 'number' || typeof total !== 'number' || typeof seq !== 'number' || total < 1 || seq < 1 || seq > total) return null;
  return { ref, total, seq };
}

export interface HeldPart {
  seq: number;
  text: string;
  messageId: string;
  registeredDelivery: number;
  submitted: Date;
}

/**
 * Parts waiting for the rest of their message, by account, sender, number, reference and count.
 * A part sent again replaces its earlier copy (a retry); a message never completed is dropped
 * after `timeoutMs`; past `max` messages waiting the oldest is dropped.
 */
export function createAssembler(options: { timeoutMs: number; max: number }) {
  const waiting = new Map<string, { parts: Map<number, HeldPart>; total: number; timer: NodeJS.Timeout }>();
  const drop = (key: string) => {
    clearTimeout(waiting.get(key)?.timer);
    waiting.delete(key);
  };
  return {
    /** The parts in order once all `total` are in; else how many are still missing. */
    add(key: string, total: number, part: HeldPart): { complete: HeldPart[] } | { missing: number } {
      let entry = waiting.get(key);
      if (!entry) {
        if (waiting.size >= options.max) drop(waiting.keys().next().value as string);
        entry = { parts: new Map(), total, timer: setTimeout(() => waiting.delete(key), options.timeoutMs) };
        waiting.set(key, entry);
      }
      entry.parts.set(part.seq, part);
      if (entry.parts.size < total) return { missing: total - entry.parts.size };
      drop(key);
      return { complete: [...entry.parts.values()].sort((a, b) => a.seq - b.seq) };
    },
    close() {
      for (const key of [...waiting.keys()]) drop(key);
    },
  };
}

/** SMPP 3.4 appendix B: a delivery receipt's dates are YYMMDDhhmm (the lab writes UTC). */
export function smppDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCFullYear() % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}`;
}

/** The receipt's text (SMPP 3.4 appendix B); `err` is network-specific — 000 delivered, 001 the lab's "no route/stop list" (inferred). */
export function receiptText(input: { messageId: string; submitted: Date; done: Date; delivered: boolean; text: string }): string {
  return (
    `id:${input.messageId} sub:001 dlvrd:${input.delivered ? '001' : '000'} submit date:${smppDate(input.submitted)} done date:${smppDate(input.done)}` +
    ` stat:${input.delivered ? 'DELIVRD' : 'UNDELIV'} err:${input.delivered ? '000' : '001'} text:${[...input.text].slice(0, 20).join('')}`
  );
}
