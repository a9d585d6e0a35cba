// A byte-level guard in front of aedes. aedes (via mqtt-packet) buffers a packet until all the
// bytes its header announces have arrived, so a header that claims 256 MB would hold memory for
// as long as the sender trickles; and a browser or a TLS client pointed at the port would wait
// for the connect timeout before anyone is told. The guard reads only the MQTT framing (a type
// byte and the variable-length "remaining length") and ends the connection at the first byte
// that cannot be MQTT, with a reason a student can act on. The packets themselves are aedes's.
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { Bilingual } from '../integration/integration-types.js';

export type FrameProblemCode = 'not-mqtt' | 'tls' | 'http' | 'bad-length' | 'too-large';

export interface FrameProblem {
  code: FrameProblemCode;
  text: Bilingual;
}

/** Raised on the guarded stream (aedes reports it as a client error). */
export class FrameGuardError extends Error {
  override name = 'FrameGuardError';
  readonly code: FrameProblemCode;
  readonly text: Bilingual;
  constructor(problem: FrameProblem) {
    super(problem.text.en);
    this.code = problem.code;
    this.text = problem.text;
  }
}

const CONNECT_BYTE = 0x10;
const TLS_HANDSHAKE = 0x16;
const HTTP_START = /^(GET|POST|PUT|HEAD|OPTIONS|DELETE|PATCH|PRI) /;

function firstByteProblem(chunk: Buffer): FrameProblem {
  if (chunk[0] === TLS_HANDSHAKE) {
    return {
      code: 'tls',
      text: {
        ru: 'Клиент начал с TLS (mqtts, обычно порт 8883), а брокер лаборатории говорит на MQTT без шифрования: уберите TLS (--cafile, mqtts://)',
        en: "The client started TLS (mqtts, usually port 8883), but the lab's broker speaks plain MQTT: turn TLS off (--cafile, mqtts://)",
      },
    };
  }
  if (HTTP_START.test(chunk.subarray(0, 8).toString('latin1'))) {
    return {
      code: 'http',
      text: {
        ru: 'Пришёл HTTP-запрос (браузер или WebSocket): этот порт принимает MQTT поверх TCP — например, mosquitto_pub',
        en: 'An HTTP request arrived (a browser or a WebSocket): this port takes MQTT over TCP, e.g. from mosquitto_pub',
      },
    };
  }
  const hex = chunk
    .subarray(0, 8)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
  return {
    code: 'not-mqtt',
    text: {
      ru: `Первый пакет — не MQTT CONNECT (байты ${hex}): соединение закрыто`,
      en: `The first packet is not an MQTT CONNECT (bytes ${hex}): the connection is closed`,
    },
  };
}

/**
 * Follows packet boundaries across chunks. `scan` returns the first problem in `chunk`, or null.
 * MQTT's remaining length is at most four bytes of seven bits each (MQTT 3.1.1 §2.2.3).
 */
export function createFrameScanner(maxPacketBytes: number) {
  let first = true;
  let phase: 'type' | 'length' | 'body' = 'type';
  let length = 0;
  let lengthBytes = 0;
  let bodyLeft = 0;
  const tooLarge = (claimed: number): FrameProblem => ({
    code: 'too-large',
    text: {
      ru: `Пакет MQTT длиной ${claimed} байт больше предела брокера (${maxPacketBytes} байт): соединение закрыто`,
      en: `An MQTT packet of ${claimed} bytes is larger than the broker's limit (${maxPacketBytes} bytes): the connection is closed`,
    },
  });
  return {
    scan(chunk: Buffer): FrameProblem | null {
      let i = 0;
      while (i < chunk.length) {
        if (phase === 'type') {
          if (first && chunk[i] !== CONNECT_BYTE) return firstByteProblem(chunk.subarray(i));
          first = false;
          phase = 'length';
          length = 0;
          lengthBytes = 0;
          i++;
        } else if (phase === 'length') {
          const byte = chunk[i++]!;
          length += (byte & 0x7f) * 128 ** lengthBytes;
          lengthBytes++;
          if (byte & 0x80) {
            if (lengthBytes === 4) {
              return {
                code: 'bad-length',
                text: {
                  ru: 'Длина пакета MQTT записана больше чем в четыре байта: это не MQTT',
                  en: 'An MQTT packet length runs past four bytes: this is not MQTT',
                },
              };
            }
            continue;
          }
          if (length > maxPacketBytes) return tooLarge(length);
          bodyLeft = length;
          phase = bodyLeft === 0 ? 'type' : 'body';
        } else {
          const take = Math.min(bodyLeft, chunk.length - i);
          bodyLeft -= take;
          i += take;
          if (bodyLeft === 0) phase = 'type';
        }
      }
      return null;
    },
  };
}

/**
 * The socket as aedes sees it: bytes pass through unchanged once the scanner has seen them; the
 * first problem destroys the stream with a FrameGuardError. Writes go straight to the socket.
 */
export class GuardedConnection extends Duplex {
  readonly address: string;
  private readonly socket: Socket;

  constructor(socket: Socket, maxPacketBytes: number) {
    super({ allowHalfOpen: false });
    this.socket = socket;
    this.address = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    const scanner = createFrameScanner(maxPacketBytes);
    socket.on('data', (chunk: Buffer) => {
      if (this.destroyed) return;
      const problem = scanner.scan(chunk);
      if (problem) return void this.destroy(new FrameGuardError(problem));
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    // The socket's own errors (ECONNRESET) reach aedes through this stream; never unhandled.
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy());
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.socket.destroyed) return callback();
    this.socket.write(chunk, encoding, () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}
