// The part of the `smpp` package (farhadi/node-smpp 0.5.1, CommonJS, no published types) the lab
// uses, as its lib/smpp.js and lib/pdu.js define it. Import it as `import smpp from 'smpp'`: the
// module's exports object is the default export under Node's CommonJS interop.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  /** A decoded PDU: the header, then the command's mandatory parameters and TLVs by their SMPP names. */
  export interface Pdu {
    command: string;
    command_id: number;
    command_length: number;
    command_status: number;
    sequence_number: number;
    isResponse(): boolean;
    /** The response to this request (`generic_nack` for an unknown command). */
    response(options?: Record<string, unknown>): Pdu;
    /** The PDU's octets, as it goes on the wire. */
    toBuffer(): Buffer;
    [field: string]: unknown;
  }

  export type ResponseCallback = (pdu: Pdu) => void;

  export interface Session extends EventEmitter {
    socket: Socket;
    /** Sends a request (a sequence number is given) or a response; false when the socket is not writable. */
    send(pdu: Pdu, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
    bind_transceiver(options: Record<string, unknown>, callback?: ResponseCallback): boolean;
    bind_transmitter(options: Record<string, unknown>, callback?: ResponseCallback): boolean;
    bind_receiver(options: Record<string, unknown>, callback?: ResponseCallback): boolean;
    submit_sm(options: Record<string, unknown>, callback?: ResponseCallback): boolean;
    deliver_sm(options: Record<string, unknown>, callback?: ResponseCallback): boolean;
    enquire_link(callback?: ResponseCallback): boolean;
    unbind(callback?: ResponseCallback): boolean;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export interface PduConstructor {
    new (command: string, options?: Record<string, unknown>): Pdu;
    maxLength: number;
  }

  export interface Smpp {
    connect(options: { url: string; auto_enquire_link_period?: number; connectTimeout?: number }): Session;
    createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;
    PDU: PduConstructor;
    /** command_status names and values: ESME_ROK 0, ESME_RINVMSGLEN 1, … */
    errors: Record<string, number>;
    /** The commands the package knows, by name (`submit_sm`, `submit_sm_resp`, …). */
    commands: Record<string, { id: number }>;
  }

  const smpp: Smpp;
  export default smpp;
}
