// The octets of an SMPP short_message: the text in the data_coding it names (SMPP 3.4 §5.2.19:
// 0 the centre's default alphabet — GSM 03.38 here, one septet per octet, unpacked, as SMPP
// carries it —, 1 IA5/ASCII, 3 Latin-1, 8 UCS-2 big-endian), and the concatenation header in
// front of a part (3GPP TS 23.040 §9.2.3.24.1: UDHL, IEI 0x00, length 3, reference, total, number;
// IEI 0x08 is the same with a 16-bit reference).
import { GSM_BASIC, GSM_EXTENSION, gsmIndexOf } from './sms-segments.js';

export type DataCoding = 0 | 1 | 3 | 8;
export const DATA_CODINGS: Readonly<Record<DataCoding, string>> = { 0: 'GSM-7', 1: 'IA5', 3: 'Latin-1', 8: 'UCS-2' };

const ESCAPE = 0x1b;
const EXTENSION_BY_SEPTET = new Map([...GSM_EXTENSION].map(([c, s]) => [s, c] as [number, string]));

/** GSM-7, one septet per octet; a character outside the alphabet becomes `?` (as a centre would show it). */
export function encodeGsm7(text: string): Buffer {
  const out: number[] = [];
  for (const char of text) {
    const basic = gsmIndexOf(char);
    if (basic !== undefined) out.push(basic);
    else {
      const ext = GSM_EXTENSION.get(char);
      out.push(...(ext === undefined ? [0x3f] : [ESCAPE, ext]));
    }
  }
  return Buffer.from(out);
}

export function decodeGsm7(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const septet = (bytes[i] ?? 0) & 0x7f;
    if (septet === ESCAPE && i + 1 < bytes.length) {
      const next = (bytes[++i] ?? 0) & 0x7f;
      // An unknown escape shows the basic character (23.038 §6.2.1.1: "display ... the default alphabet").
      text += EXTENSION_BY_SEPTET.get(next) ?? GSM_BASIC[next] ?? '';
    } else if (septet !== ESCAPE) text += GSM_BASIC[septet] ?? '';
  }
  return text;
}

export const encodeUcs2 = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

export function decodeShortMessage(bytes: Uint8Array, dataCoding: DataCoding): string {
  switch (dataCoding) {
    case 0:
      return decodeGsm7(bytes);
    case 1:
      return Buffer.from(bytes).toString('ascii');
    case 3:
      return Buffer.from(bytes).toString('latin1');
    case 8:
      // An odd trailing octet is half a character: dropped rather than guessed.
      return new TextDecoder('utf-16be').decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  }
}

export const isDataCoding = (value: number): value is DataCoding => value === 0 || value === 1 || value === 3 || value === 8;

export interface ConcatHeader {
  ref: number;
  total: number;
  seq: number;
}

/** The concatenation header for one part of `total`. */
export function concatUdh({ ref, total, seq }: ConcatHeader): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, ref & 0xff, total, seq]);
}

export type UdhRead = { ok: true; body: Buffer; concat: ConcatHeader | null; udh: Buffer } | { ok: false; problem: string };

/** Splits the user data header off a short_message sent with esm_class UDHI (0x40). */
export function readUdh(message: Buffer): UdhRead {
  const udhl = message[0];
  if (udhl === undefined || udhl + 1 > message.length)
    return { ok: false, problem: `the UDH length ${udhl ?? '(none)'} runs past the ${message.length} octets of short_message` };
  const udh = message.subarray(0, udhl + 1);
  let concat: ConcatHeader | null = null;
  for (let at = 1; at + 1 < udh.length;) {
    const iei = udh[at] ?? 0;
    const length = udh[at + 1] ?? 0;
    const data = udh.subarray(at + 2, at + 2 + length);
    if (data.length < length) return { ok: false, problem: `information element 0x${iei.toString(16).padStart(2, '0')} is cut short` };
    if (iei === 0x00 && length === 3) concat = { ref: data[0] ?? 0, total: data[1] ?? 0, seq: data[2] ?? 0 };
    if (iei === 0x08 && length === 4) concat = { ref: data.readUInt16BE(0), total: data[2] ?? 0, seq: data[3] ?? 0 };
    at += 2 + length;
  }
  if (concat && (concat.total < 1 || concat.seq < 1 || concat.seq > concat.total))
    return { ok: false, problem: `part ${concat.seq} of ${concat.total} is not a part` };
  return { ok: true, body: message.subarray(udhl + 1), concat, udh };
}

export const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
