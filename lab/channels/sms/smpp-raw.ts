// The octets of each PDU as they came, beside the `smpp` package's decoding of them: the package
// decodes short_message itself (data_coding 1 with its GSM table, not as IA5), so the centre
// reads the message's octets from the PDU and decodes them by SMPP 3.4's own table.
import type { Socket } from 'node:net';

/** SMPP 3.4 §3.2: a PDU is at least its 16-octet header; the `smpp` package refuses over 16384. */
export const MIN_PDU = 16;

/**
 * Keeps what the package reads from the socket (it reads a PDU as its 4-octet length, then the
 * rest), so that each decoded PDU can be matched with its octets: `take()` returns them and
 * starts the next. A length under 16 is no PDU: the package would wait for it forever, so
 * `badLength` is told at once.
 */
export function captureRawPdus(socket: Socket, events: { badLength(length: number): void }): { take(): Buffer; truncated(): boolean } {
  let chunks: Buffer[] = [];
  let short = false;
  const read = socket.read.bind(socket);
  socket.read = ((size?: number) => {
    const chunk: unknown = read(size);
    if (Buffer.isBuffer(chunk)) {
      if (chunks.length === 0 && size === 4 && chunk.length === 4 && chunk.readUInt32BE(0) < MIN_PDU) events.badLength(chunk.readUInt32BE(0));
      // Fewer octets than asked for come only once the peer has ended: it left in the middle of a PDU.
      if (size !== undefined && size > 0 && chunk.length < size) short = true;
      chunks.push(chunk);
    }
    return chunk;
  }) as Socket['read'];
  return {
    take() {
      const pdu = Buffer.concat(chunks);
      chunks = [];
      return pdu;
    },
    truncated: () => short,
  };
}

/** TLV tags of SMPP 3.4 §5.3.2 the centre reads from the octets. */
const MESSAGE_PAYLOAD = 0x0424;

/**
 * submit_sm's short_message and message_payload as octets (SMPP 3.4 §4.4.1: service_type,
 * source ton/npi/addr, dest ton/npi/addr, esm_class, protocol_id, priority_flag,
 * schedule_delivery_time, validity_period, registered_delivery, replace_if_present_flag,
 * data_coding, sm_default_msg_id, sm_length, short_message, then the TLVs).
 */
export function submitSmOctets(pdu: Buffer): { shortMessage: Buffer; payload: Buffer | null } {
  let at = MIN_PDU;
  const cString = () => {
    const end = pdu.indexOf(0, at);
    at = end < 0 ? pdu.length : end + 1;
  };
  cString();
  at += 2;
  cString();
  at += 2;
  cString();
  at += 3;
  cString();
  cString();
  at += 4;
  const length = pdu[at] ?? 0;
  at += 1;
  const shortMessage = pdu.subarray(at, at + length);
  at += length;
  let payload: Buffer | null = null;
  while (at + 4 <= pdu.length) {
    const tag = pdu.readUInt16BE(at);
    const size = pdu.readUInt16BE(at + 2);
    if (tag === MESSAGE_PAYLOAD) payload = pdu.subarray(at + 4, at + 4 + size);
    at += 4 + size;
  }
  return { shortMessage, payload };
}
