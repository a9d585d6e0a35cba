// One SMPP connection as the lab shows it: one exchange, recorded again as each PDU comes and
// goes — its lines, the last command_status, the owner of the account bound, the explanation of
// the last refusal — and ended at unbind, when the connection closes, or when the centre stops.
import type { Socket } from 'node:net';
import smpp, { type Pdu, type Session } from 'smpp';
import type { ChannelStore } from '../channel-store.js';
import type { ChannelExplanation, ExchangeLine } from '../channel-wire.js';
import { explainSmpp, smppStatusName, type SmsExplainContext } from './sms-explain-rules.js';
import type { SmppAccount } from './sms-world.js';

export type BindMode = 'transceiver' | 'transmitter' | 'receiver';

export interface SmppSessionRecord {
  readonly session: Session;
  readonly socket: Socket;
  readonly exchangeId: string;
  owner: string;
  summary: string;
  account: SmppAccount | null;
  mode: BindMode | null;
  unbound: boolean;
  readonly ended: boolean;
  status: number | null;
  explanation: ChannelExplanation | null;
  messageIds: string[];
  line(dir: ExchangeLine['Dir'], text: string, masked?: boolean): void;
  /** Stores the exchange as it stands now. */
  record(): void;
  /**
   * Answers a request: its `_resp` with `status` (and `fields` when it is ESME_ROK), or
   * generic_nack for a command that has no response; a refusal is explained.
   */
  respond(pdu: Pdu, status: number, context?: SmsExplainContext, fields?: Record<string, unknown>): void;
  /** The last line, the end time, and the exchange stored for good (once). */
  end(why: string): void;
}

const RINVCMDID = 0x03;

export function openSessionRecord(store: ChannelStore, session: Session, onEnd: () => void): SmppSessionRecord {
  const socket = session.socket;
  const started = Date.now();
  const client = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
  const lines: ExchangeLine[] = [];
  let ended: string | null = null;

  const s: SmppSessionRecord = {
    session,
    socket,
    exchangeId: store.newExchangeId(),
    owner: 'local',
    summary: 'SMPP session',
    account: null,
    mode: null,
    unbound: false,
    get ended() {
      return ended !== null;
    },
    status: null,
    explanation: null,
    messageIds: [],
    line(Dir, Text, masked = false) {
      lines.push({ Dir, Ms: Date.now() - started, Text, ...(masked ? { Masked: true } : {}) });
    },
    record() {
      store.recordExchange(
        {
          Channel: 'sms',
          Service: 'smpp',
          Started: new Date(started).toISOString(),
          Ended: ended,
          Client: client,
          Summary: s.summary,
          Status: s.status,
          Ok: s.status === 0,
          Lines: lines,
          MessageIDs: s.messageIds,
          Explanation: s.explanation,
          Owner: s.owner,
        },
        s.exchangeId,
      );
    },
    respond(pdu, status, context = {}, fields = {}) {
      const reply =
        `${pdu.command}_resp` in smpp.commands
          ? pdu.response(status ? { command_status: status } : { ...fields })
          : new smpp.PDU('generic_nack', { command_status: status || RINVCMDID, sequence_number: pdu.sequence_number });
      session.send(reply);
      s.status = reply.command_status;
      if (reply.command_status) s.explanation = explainSmpp(reply.command_status, context);
      const id = fields.message_id ? ` message_id=${String(fields.message_id)}` : '';
      s.line('S', `${reply.command}${id} ${smppStatusName(reply.command_status)}`);
    },
    end(why) {
      if (ended) return;
      s.line('E', why);
      ended = new Date().toISOString();
      s.record();
      onEnd();
    },
  };
  s.line('E', `connection from ${client}`);
  s.record();
  return s;
}
