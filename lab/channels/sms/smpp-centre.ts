// The lab's SMS centre: an SMPP 3.4 server on the `smpp` package. An ESME binds with an SMPP
// account's system_id and password, submits messages (one PDU each, or the parts of a long one,
// joined here into one captured message), gets a submit_sm_resp with the message id and, when it
// asked, a delivery receipt as deliver_sm. Each connection is one exchange, updated PDU by PDU.
// A client that sends garbage or vanishes ends its own session, never the process.
import type { Socket } from 'node:net';
import smpp, { type Pdu, type Session } from 'smpp';
import type { ChannelStore } from '../channel-store.js';
import { MASK } from '../http-exchange.js';
import { decodeGsm7, encodeGsm7 } from './sms-codec.js';
import { explainSmpp, smppStatusName } from './sms-explain-rules.js';
import { LIMITS, segmentAs } from './sms-segments.js';
import type { SmsWorld } from './sms-world.js';
import { captureRawPdus } from './smpp-raw.js';
import { openSessionRecord, type BindMode, type SmppSessionRecord } from './smpp-session.js';
import { createAssembler, judgeSubmit, receiptText, STATUS, type HeldPart, type SubmittedPart } from './smpp-submit.js';

export interface SmppCentreOptions {
  host?: string;
  port?: number;
  store: ChannelStore;
  world: SmsWorld;
  /** submit_sm a second per system_id before ESME_RTHROTTLED (default 10). */
  throttle?: number;
  /** How long "the network" takes to deliver before the receipt (default 1000 ms). */
  receiptDelayMs?: number;
  warn?: (message: string) => void;
}

export interface SmppCentre {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

const CENTRE_ID = 'smtp-lab';
/** Parts of a long message wait this long for the rest (real centres keep them minutes to hours). */
const ASSEMBLY_TIMEOUT_MS = 10 * 60_000;

export async function createSmppCentre(options: SmppCentreOptions): Promise<SmppCentre> {
  const { store, world } = options;
  const host = options.host ?? '127.0.0.1';
  const throttle = options.throttle ?? 10;
  const receiptDelayMs = options.receiptDelayMs ?? 1000;
  const states = new Set<SmppSessionRecord>();
  const sockets = new Set<Socket>();
  const rates = new Map<string, number[]>();
  const timers = new Set<NodeJS.Timeout>();
  const assembler = createAssembler({ timeoutMs: ASSEMBLY_TIMEOUT_MS, max: 1000 });
  let nextId = Date.now() * 100;
  const newMessageId = () => String(nextId++).padStart(16, '0');
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const bind = (s: SmppSessionRecord, pdu: Pdu) => {
    const systemId = String(pdu.system_id ?? '');
    const password = String(pdu.password ?? '');
    const version = Number(pdu.interface_version ?? 0);
    s.line(
      'C',
      `${pdu.command} system_id=${systemId} password=${password ? MASK : ''} system_type=${String(pdu.system_type ?? '')} interface_version=0x${version.toString(16)}`,
      password !== '',
    );
    if (s.mode) return s.respond(pdu, STATUS.RALYBND);
    const account = world.bySystemId(systemId);
    if (!account) return s.respond(pdu, STATUS.RINVSYSID, { systemId });
    s.owner = account.owner;
    if (!account.checkPassword(password)) return s.respond(pdu, STATUS.RINVPASWD, { systemId });
    s.account = account;
    s.mode = pdu.command.slice('bind_'.length) as BindMode;
    s.summary = `SMPP ${pdu.command} ${systemId}`;
    s.respond(pdu, 0, {}, { system_id: CENTRE_ID });
  };

  const withinRate = (systemId: string) => () => {
    const now = Date.now();
    const recent = (rates.get(systemId) ?? []).filter((t) => now - t < 1000);
    rates.set(systemId, recent);
    if (recent.length >= throttle) return false;
    recent.push(now);
    return true;
  };

  /** The receipt goes to the session that submitted when it can receive, else to another of the account's receiving sessions. */
  const sendReceipt = (from: SmppSessionRecord, systemId: string, part: SubmittedPart, held: HeldPart, delivered: boolean) => {
    const receiving = (s: SmppSessionRecord) => !s.ended && s.account?.systemId === systemId && (s.mode === 'transceiver' || s.mode === 'receiver');
    const target = receiving(from) ? from : [...states].find(receiving);
    if (!target) return;
    const bytes = encodeGsm7(receiptText({ messageId: held.messageId, submitted: held.submitted, done: new Date(), delivered, text: held.text }));
    const fields = {
      source_addr: part.number.number,
      source_addr_ton: 1,
      source_addr_npi: 1,
      destination_addr: part.sender,
      esm_class: 0x04,
      data_coding: 0,
      short_message: bytes,
    };
    const tlvs = { receipted_message_id: held.messageId, message_state: delivered ? 2 : 5 };
    target.line('S', `deliver_sm receipt ${decodeGsm7(bytes)}`);
    // Its deliver_sm_resp comes back through the session's 'pdu' listener, which writes its line.
    target.session.deliver_sm({ ...fields, ...tlvs });
    target.record();
  };

  const submit = (s: SmppSessionRecord, pdu: Pdu, octets: Buffer) => {
    const systemId = s.account?.systemId ?? '';
    const verdict = judgeSubmit(pdu, octets, { mode: s.mode, withinRate: withinRate(systemId), throttle }, world);
    s.line('C', verdict.line);
    if (!verdict.ok) return s.respond(pdu, verdict.status, verdict.context);
    const { part } = verdict;
    const messageId = newMessageId();
    s.respond(pdu, 0, {}, { message_id: messageId });
    const held: HeldPart = { seq: part.concat?.seq ?? 1, text: part.text, messageId, registeredDelivery: part.registeredDelivery, submitted: new Date() };
    let parts = [held];
    if (part.concat) {
      const { ref, total, seq } = part.concat;
      const added = assembler.add(`${systemId}|${part.sender}|${part.number.number}|${ref}|${total}`, total, held);
      if ('missing' in added) return s.line('E', `part ${seq} of ${total} (reference ${ref}) kept; ${added.missing} more to come`);
      parts = added.complete;
    }
    const text = parts.map((p) => p.text).join('');
    // Parts the client sent count as sent; one PDU (a message_payload) is cut by the centre as a phone would count it.
    const { parts: cut, ...counts } = segmentAs(text, part.encoding);
    const count = parts.length > 1 ? parts.length : cut.length;
    counts.perPart = count > 1 ? LIMITS[part.encoding].part : LIMITS[part.encoding].single;
    const message = store.addMessage({
      channel: 'sms',
      service: 'smpp',
      exchangeId: s.exchangeId,
      owner: s.owner,
      content: {
        kind: 'sms',
        ...counts,
        parts: count,
        from: part.sender,
        to: part.number.number,
        text,
        smsId: parts[0]?.messageId ?? messageId,
        status: 'ENROUTE',
      },
    });
    s.messageIds.push(message.ID);
    s.line(
      'E',
      parts.length > 1
        ? `${parts.length} parts joined into one message of ${counts.characters} characters (${part.encoding})`
        : `message of ${counts.characters} characters (${part.encoding}) accepted`,
    );
    const delivered = part.number.kind === 'mobile' && !world.isStopListed(part.number.number);
    later(receiptDelayMs, () => {
      store.setSmsStatus(message.ID, delivered ? 'DELIVRD' : 'UNDELIV');
      // registered_delivery bits 0–1 (SMPP 3.4 §5.2.17): 1 a receipt either way, 2 on failure only.
      for (const p of parts) {
        const wanted = p.registeredDelivery & 0x03;
        if (wanted === 1 || (wanted === 2 && !delivered)) sendReceipt(s, systemId, part, p, delivered);
      }
    });
  };

  const dispatch = (s: SmppSessionRecord, pdu: Pdu, octets: Buffer) => {
    if (pdu.isResponse()) return s.line('C', `${pdu.command} ${smppStatusName(pdu.command_status)}`);
    switch (pdu.command) {
      case 'bind_transceiver':
      case 'bind_transmitter':
      case 'bind_receiver':
        return bind(s, pdu);
      case 'submit_sm':
        return submit(s, pdu, octets);
      case 'enquire_link':
        s.line('C', 'enquire_link');
        return s.respond(pdu, 0);
      case 'unbind':
        s.line('C', 'unbind');
        s.respond(pdu, 0);
        s.mode = null;
        s.unbound = true;
        return s.session.close();
      case 'unknown':
        s.line('C', `unknown command_id 0x${pdu.command_id.toString(16).padStart(8, '0')}`);
        return s.respond(pdu, STATUS.RINVCMDID, { detail: `command_id 0x${pdu.command_id.toString(16)}` });
      default:
        s.line('C', pdu.command);
        return s.respond(pdu, STATUS.RINVCMDID, { detail: pdu.command });
    }
  };

  const attach = (session: Session) => {
    const s = openSessionRecord(store, session, () => states.delete(s));
    const { socket } = s;
    states.add(s);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let broken = false;
    // Not SMPP: answered as SMPP 3.4 §5.1.3 has it (generic_nack, ESME_RINVCMDLEN), then the connection is dropped.
    const notSmpp = (why: string) => {
      if (broken) return;
      broken = true;
      session.pause();
      s.line('E', why);
      session.send(new smpp.PDU('generic_nack', { command_status: STATUS.RINVCMDLEN }));
      s.status = STATUS.RINVCMDLEN;
      s.explanation = explainSmpp(STATUS.RINVCMDLEN, { port: actualPort });
      // What else comes is read and dropped (unread, it would keep the connection from closing).
      socket.removeAllListeners('readable');
      socket.on('data', () => undefined);
      socket.resume();
      socket.end();
      s.end('connection dropped: not SMPP');
    };
    const raw = captureRawPdus(socket, { badLength: (length) => notSmpp(`command_length ${length}: shorter than a PDU header`) });
    session.on('pdu', (pdu: Pdu) => {
      const octets = raw.take();
      if (broken || s.ended) return;
      try {
        dispatch(s, pdu, octets);
      } catch (err) {
        s.line('E', `the centre failed on ${pdu.command}: ${(err as Error).message}`);
        options.warn?.(`SMPP centre: ${(err as Error).stack ?? String(err)}`);
        if (!pdu.isResponse()) s.respond(pdu, STATUS.RSYSERR);
      }
      if (!s.ended) s.record();
    });
    // Without an 'error' listener a session's error would end the process.
    session.on('error', (err: Error) => {
      if (broken) return;
      if (raw.truncated()) {
        s.line('E', 'the client closed the connection in the middle of a PDU');
        return socket.destroy();
      }
      // The socket's own failures carry a syscall; anything else was thrown decoding what came: not SMPP.
      if (!('syscall' in err)) return notSmpp(`not an SMPP PDU: ${err.message}`);
      if (!s.ended) s.line('E', `connection error: ${err.message}`);
      socket.destroy();
    });
    session.on('close', () => s.end(s.unbound ? 'connection closed after unbind' : 'connection closed without unbind'));
  };

  const server = smpp.createServer({}, attach);
  server.on('error', (err: Error) => options.warn?.(`SMPP centre: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `smpp://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
    host,
    port: actualPort,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      assembler.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of [...states]) s.end('the centre stopped');
      for (const socket of sockets) socket.destroy();
      await stopped;
    },
  };
}
