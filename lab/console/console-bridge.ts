// One console: the browser's WebSocket bridged to a connection to one of the lab's own listeners,
// line by line as a terminal's would be. Each `line` frame is one line as typed: the bridge adds
// CRLF (RFC 5321 §2.3.8), checks its length for what the dialogue expects next (a command, a
// line of the message, an AUTH response: console-dialogue.ts) and echoes it as the transcript
// keeps it, secrets masked. The server's replies go back whole (reply-reader.ts). After the 220
// to STARTTLS the bridge starts TLS on the same connection, trusting only the lab's certificate
// (RFC 3207 §4), and lines typed meanwhile wait for it. Either side closing closes the other.
import net from 'node:net';
import tls from 'node:tls';
import { WebSocket, type RawData } from 'ws';
import { createConsoleDialogue } from './console-dialogue.js';
import { endText, refusalText } from './console-texts.js';
import {
  CONSOLE_CLOSE_CODES,
  type ConsoleClientFrame,
  type ConsoleEnd,
  type ConsoleLimits,
  type ConsoleRefusal,
  type ConsoleServerFrame,
  type ConsoleTarget,
} from './console-wire.js';
import { createReplyReader, type Reply } from './reply-reader.js';

export interface ConsoleBridgeDeps {
  ws: WebSocket;
  target: ConsoleTarget;
  /** Where the lab's listeners are reached (the engine's host). */
  host: string;
  /** The lab's certificate (PEM): the only one the bridge trusts. */
  certificate: string;
  limits: ConsoleLimits;
  /** Reports the lab's session of the connection from this local port, once known; returns a stop. */
  watchSession(localPort: number, found: (id: string) => void): () => void;
  /** Called once, when the console has ended. */
  onEnded(): void;
}

export interface ConsoleBridge {
  /** Ends the console; resolves once the connection to the server is closed. */
  close(reason: ConsoleEnd): Promise<void>;
}

/** The name in the lab's certificate that every version of it has (server/smtp/tls-certificate.ts). */
const CERTIFICATE_NAME = 'localhost';
/** Lines typed while STARTTLS is answered and TLS starts; more is someone pasting, not typing. */
const MAX_HELD_LINES = 16;
/** Bytes written and not yet taken by the server beyond which a line is refused. */
const MAX_UNWRITTEN = 64 * 1024;
/** After our FIN, how long the server has to close before the socket is destroyed. */
const CLOSE_GRACE_MS = 1000;

type Socket = net.Socket | tls.TLSSocket;

function parseFrame(data: RawData, isBinary: boolean): ConsoleClientFrame | undefined {
  if (isBinary) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(String(data));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const frame = value as { type?: unknown; text?: unknown };
  return frame.type === 'line' && typeof frame.text === 'string' ? { type: 'line', text: frame.text } : undefined;
}

export function createConsoleBridge(deps: ConsoleBridgeDeps): ConsoleBridge {
  const { ws, target, limits } = deps;
  const dialogue = createConsoleDialogue(limits);
  const reader = createReplyReader();
  const held: string[] = [];
  let decoder = new TextDecoder();
  let connected = false;
  let handshaking = target.security === 'implicit-tls';
  let ended = false;
  let stopWatching = () => {};
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let resolveClosed = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));

  const send = (frame: ConsoleServerFrame) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  };
  const refuse = (reason: ConsoleRefusal, limit?: number) => send({ type: 'refused', reason, text: refusalText(reason, limit) });

  const touch = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => end('idle'), limits.idleMs);
    idleTimer.unref?.();
  };

  const tlsOptions = { ca: [deps.certificate], servername: CERTIFICATE_NAME };
  // `outerRef.socket` is what is closed at the end (the TLS socket as soon as STARTTLS begins);
  // `wire` is what the lines go to (the TLS socket once its handshake is done).
  const outerRef: { socket: Socket } = {
    socket:
      target.security === 'implicit-tls'
        ? tls.connect({ host: deps.host, port: target.port, ...tlsOptions })
        : net.connect({ host: deps.host, port: target.port }),
  };
  let wire: Socket = outerRef.socket;

  function end(reason: ConsoleEnd | 'browser-left', detail?: string): void {
    if (ended) return;
    ended = true;
    clearTimeout(idleTimer);
    stopWatching();
    if (reason !== 'browser-left') {
      send({ type: 'ended', reason, text: endText(reason, { ...(detail ? { detail } : {}), idleMs: limits.idleMs }) });
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(CONSOLE_CLOSE_CODES[reason], reason);
    }
    const outer = outerRef.socket;
    if (!outer.destroyed) {
      // A FIN, as a terminal closed by its user sends; the server records the session's end.
      outer.end();
      setTimeout(() => outer.destroy(), CLOSE_GRACE_MS).unref();
    } else resolveClosed();
    deps.onEnded();
  }

  function write(text: string): void {
    const check = dialogue.check(text);
    if (!check.ok) return refuse(check.reason, check.limit);
    wire.write(`${text}\r\n`);
    const mode = dialogue.sent(text);
    send({ type: 'sent', text: check.shown, masked: check.masked, mode });
  }

  function flushHeld(): void {
    while (held.length > 0 && !handshaking && !dialogue.holding() && !ended) write(held.shift() as string);
  }

  function onLine(text: string): void {
    touch();
    if (!connected) return refuse('not-ready');
    const check = dialogue.check(text);
    if (!check.ok) return refuse(check.reason, check.limit);
    if (handshaking || check.hold) {
      if (held.length >= MAX_HELD_LINES) return refuse('too-fast');
      held.push(text);
      return;
    }
    if (wire.writableLength > MAX_UNWRITTEN) return refuse('too-fast');
    write(text);
  }

  function onReplies(replies: Reply[]): void {
    for (const reply of replies) {
      const { mode, startTls } = dialogue.replied(reply.code);
      send({ type: 'reply', lines: reply.lines, ...(reply.code !== undefined ? { code: reply.code } : {}), mode });
      if (startTls) {
        // RFC 3207 §4.2 and the STARTTLS injection attacks (CVE-2011-0411): whatever came after the
        // 220 in clear is not the server's to trust; it is dropped with the reader's state.
        startTlsOn(wire as net.Socket);
        return;
      }
    }
    flushHeld();
  }

  const onData = (chunk: Buffer) => {
    touch();
    onReplies(reader.feed(decoder.decode(chunk, { stream: true })));
  };

  function tlsFrame(socket: tls.TLSSocket, upgraded: boolean): ConsoleServerFrame {
    return { type: 'tls', protocol: socket.getProtocol() ?? '', cipher: socket.getCipher()?.name ?? '', upgraded };
  }

  function startTlsOn(plain: net.Socket): void {
    handshaking = true;
    plain.removeListener('data', onData);
    reader.reset();
    const secure = tls.connect({ socket: plain, ...tlsOptions });
    outerRef.socket = secure;
    secure.on('data', onData);
    secure.on('close', onClose);
    secure.on('error', (err) => {
      if (handshaking) end('tls-failed', err.message);
    });
    secure.once('secureConnect', () => {
      wire = secure;
      decoder = new TextDecoder();
      handshaking = false;
      dialogue.tlsStarted();
      send(tlsFrame(secure, true));
      flushHeld();
    });
  }

  function onClose(): void {
    resolveClosed();
    end('server-closed');
  }

  const first = outerRef.socket;
  const onConnected = () => {
    connected = true;
    handshaking = false;
    touch();
    send({ type: 'connected', target, localPort: first.localPort ?? 0 });
    if (first instanceof tls.TLSSocket) send(tlsFrame(first, false));
    stopWatching = deps.watchSession(first.localPort ?? 0, (id) => send({ type: 'session', id }));
  };
  if (first instanceof tls.TLSSocket) first.once('secureConnect', onConnected);
  else first.once('connect', onConnected);
  first.on('data', onData);
  first.on('close', onClose);
  first.on('error', (err) => {
    // After the connection is up an error is followed by 'close', which says the server closed it.
    if (!connected) end(target.security === 'implicit-tls' && /certificate|SSL|TLS/i.test(err.message) ? 'tls-failed' : 'connect-failed', err.message);
  });

  ws.on('message', (data, isBinary) => {
    if (ended) return;
    const frame = parseFrame(data, isBinary);
    if (!frame) return end('bad-frame');
    switch (frame.type) {
      case 'line':
        return onLine(frame.text);
    }
  });
  ws.on('close', () => end('browser-left'));
  ws.on('error', () => end('browser-left'));
  touch();

  return {
    close(reason) {
      end(reason);
      return closed;
    },
  };
}
