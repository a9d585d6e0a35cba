// Plays one fuzz dialogue against a lab listener over a real socket (TLS where the listener
// wants it, a real STARTTLS upgrade when the server agrees to one) and reports the ids of the
// mails the server answered 250 for.
import net from 'node:net';
import tls from 'node:tls';
import { createReplyReader } from '../../server/wire/smtp-replies.js';
import type { Dialogue, Step } from './smtp-dialogue-arbitrary.js';

export interface PlayResult {
  /** Ids from "250 … queued as <id>" replies: mails the server promised to keep. */
  accepted: string[];
  replies: number;
}

const READ_WAIT_MS = 100;
const HANG_UP_MS = 50;

export async function playDialogue(dialogue: Dialogue, ports: Record<Dialogue['listener'], number>): Promise<PlayResult> {
  const port = ports[dialogue.listener];
  // The TCP socket under any TLS, kept to reset the connection (a TLS socket cannot be reset).
  const tcp = net.connect(port, '127.0.0.1');
  tcp.on('error', () => undefined);
  // Resetting the TCP socket under a TLS socket that is mid-handshake or still writing crashes
  // Node (Node 20: the client, here, segfaults), so a reset waits for both to be done; during a
  // handshake the TLS socket is only destroyed.
  const secure = dialogue.listener === 'smtps' && dialogue.approach === 'as-expected';
  let handshaking = secure;
  let socket: net.Socket = await new Promise((resolve) => {
    const s: net.Socket = secure
      ? tls.connect({ socket: tcp, rejectUnauthorized: false }, () => {
          handshaking = false;
          resolve(s);
        })
      : tcp;
    if (s === tcp) tcp.once('connect', () => resolve(s));
    s.on('error', () => resolve(s));
  });
  const accepted: string[] = [];
  let replies = 0;
  let lastCode = 0;
  let closed = false;
  let wake: (() => void) | undefined;

  const reader = createReplyReader((reply) => {
    replies++;
    lastCode = reply.code;
    const queued = /^250[ -].*queued as (\S+)/m.exec(reply.text);
    if (queued?.[1]) accepted.push(queued[1]);
    wake?.();
  });
  const onData = (chunk: Buffer) => reader.push(chunk.toString('latin1'));
  const watch = (s: net.Socket) => {
    s.on('data', onData);
    s.on('error', () => undefined);
    s.on('close', () => {
      closed = true;
      wake?.();
    });
  };
  watch(socket);

  const nextReply = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, READ_WAIT_MS);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const write = async (data: Buffer) => {
    if (closed || socket.destroyed) return;
    if (!dialogue.chunk) {
      socket.write(data);
      return;
    }
    for (let i = 0; i < data.length && !closed; i += dialogue.chunk) {
      socket.write(data.subarray(i, i + dialogue.chunk));
      if (dialogue.chunk < 8) await new Promise((resolve) => setImmediate(resolve));
    }
  };

  const upgrade = async () => {
    const before = replies;
    await write(Buffer.from('STARTTLS\r\n'));
    await nextReply();
    if (closed || replies === before || lastCode !== 220) return;
    const plain = socket;
    plain.off('data', onData);
    handshaking = true;
    socket = await new Promise((resolve) => {
      const secure = tls.connect({ socket: plain, rejectUnauthorized: false }, () => {
        handshaking = false;
        resolve(secure);
      });
      secure.on('error', () => resolve(secure));
    });
    watch(socket);
  };

  const play = async (s: Step) => {
    switch (s.kind) {
      case 'line':
        return write(Buffer.from(`${s.text}\r\n`, 'utf8'));
      case 'raw':
        return write(Buffer.from(s.bytes));
      case 'body':
        return write(Buffer.from(`${s.text}${s.dot ? '\r\n.\r\n' : ''}`, 'utf8'));
      case 'starttls':
        return upgrade();
      case 'wait':
        return new Promise<void>((resolve) => setTimeout(resolve, s.ms));
      case 'read':
        return nextReply();
    }
  };

  for (const s of dialogue.steps) {
    if (closed) break;
    await play(s);
  }
  if (!closed) {
    switch (dialogue.ending) {
      case 'quit':
        await write(Buffer.from('QUIT\r\n'));
        await nextReply();
        socket.end();
        break;
      case 'fin':
        socket.end();
        await nextReply();
        break;
      case 'rst':
        if (socket === tcp) tcp.resetAndDestroy();
        else if (handshaking) socket.destroy();
        else {
          // Under TLS the reset waits until TLS has written what it holds (see above).
          await new Promise<void>((resolve) => socket.write('', () => setImmediate(resolve)));
          if (!tcp.destroyed && !socket.destroyed) tcp.resetAndDestroy();
        }
        break;
      case 'hang-up':
        await new Promise((resolve) => setTimeout(resolve, HANG_UP_MS));
        break;
    }
  }
  // Whatever the server still owes is not waited for: the client is gone.
  socket.destroy();
  if (socket === tcp || !handshaking) tcp.destroy();
  return { accepted, replies };
}
