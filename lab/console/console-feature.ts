// The browser SMTP console as a feature of the lab server (issue 12, point 5): for students with
// no telnet or nc, a WebSocket at CONSOLE_PATH?listener=NAME bridged to a connection to one of
// the lab's own listeners (smtp, submission, smtps: looked up in the engine by name, never a host
// or port the browser gives). The upgrade is the engine's extension point (LabFeature.upgrade);
// it checks Host and Origin as /api/events does (a page elsewhere, or one served from a
// rebinding name, gets 403) and wants a signed-in lab account (the session cookie, SameSite
// Strict), so that no other site can drive SMTP through a student's browser. GET CONSOLE_PATH
// lists the listeners it reaches and its limits.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Router } from 'express';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LabEngine, LabFeature } from '../../server/engine.js';
import { endpoint } from '../../server/http/endpoint.js';
import { createLabSessionFinder } from '../sender/lab-session-finder.js';
import { createConsoleBridge, type ConsoleBridge } from './console-bridge.js';
import { LINE_LIMITS } from './console-dialogue.js';
import { endText, type EndContext } from './console-texts.js';
import {
  CONSOLE_CLOSE_CODES,
  CONSOLE_LISTENERS,
  CONSOLE_PATH,
  type ConsoleEnd,
  type ConsoleInfo,
  type ConsoleLimits,
  type ConsoleListenerName,
  type ConsoleServerFrame,
  type ConsoleTarget,
} from './console-wire.js';

export interface ConsoleFeatureOptions {
  /** Consoles one account may have open at once (3): a student needs one, two to compare. */
  perAccount?: number;
  /** Consoles open in all (100): a class, with room to spare; each is two sockets. */
  maxConsoles?: number;
  /** A console silent both ways this long is closed (5 min, the listeners' own idle timeout). */
  idleMs?: number;
}

export interface ConsoleFeature extends LabFeature {
  /** Consoles open now. */
  openCount(): number;
}

export const CONSOLE_DEFAULTS = { perAccount: 3, maxConsoles: 100, idleMs: 5 * 60_000 } as const;

/** The largest frame: a secret line at its limit, JSON-escaped, with room to spare. */
const MAX_FRAME_BYTES = 2 * LINE_LIMITS.secretOctets + 1024;

const isConsoleListener = (name: string): name is ConsoleListenerName => (CONSOLE_LISTENERS as readonly string[]).includes(name);

export function createConsoleFeature(engine: LabEngine, options: ConsoleFeatureOptions = {}): ConsoleFeature {
  const limits: ConsoleLimits = {
    ...LINE_LIMITS,
    perAccount: options.perAccount ?? CONSOLE_DEFAULTS.perAccount,
    idleMs: options.idleMs ?? CONSOLE_DEFAULTS.idleMs,
  };
  const maxConsoles = options.maxConsoles ?? CONSOLE_DEFAULTS.maxConsoles;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const finder = createLabSessionFinder(engine);
  const open = new Map<ConsoleBridge, string>();
  let closing = false;

  const targets = (): ConsoleTarget[] =>
    engine
      .listeners()
      .filter((l) => isConsoleListener(l.Name))
      .map((l) => ({ name: l.Name as ConsoleListenerName, port: l.Port, security: l.Security, profile: l.Profile }));

  /** Ends a console before it began: its one frame says why, its close code too. */
  const refuse = (ws: WebSocket, reason: ConsoleEnd, context: EndContext = {}) => {
    const frame: ConsoleServerFrame = { type: 'ended', reason, text: endText(reason, context) };
    ws.send(JSON.stringify(frame));
    ws.close(CONSOLE_CLOSE_CODES[reason], reason);
  };

  const countOf = (address: string) => [...open.values()].filter((a) => a === address).length;

  function accept(ws: WebSocket, req: IncomingMessage): void {
    if (closing) return refuse(ws, 'shutdown');
    const address = engine.signedInAccount(req.headers);
    if (!address) return refuse(ws, 'not-signed-in');
    const name = new URL(req.url ?? '/', 'http://console.invalid').searchParams.get('listener') ?? '';
    const available = targets();
    const target = available.find((t) => t.name === name);
    if (!target) return refuse(ws, 'unknown-listener', { listener: name, known: available.map((t) => t.name) });
    if (countOf(address) >= limits.perAccount || open.size >= maxConsoles) return refuse(ws, 'too-many', { perAccount: limits.perAccount });
    const bridge = createConsoleBridge({
      ws,
      target,
      host: engine.host,
      certificate: engine.certificate,
      limits,
      watchSession(localPort, found) {
        const watch = finder.watch({ host: engine.host, port: target.port });
        // The student's console session (and the mail typed in it) is the student's, whatever HELO it gives.
        watch.onSession((id) => {
          engine.claimSession(id, address);
          found(id);
        });
        watch.connected(localPort);
        return () => void watch.finish();
      },
      onEnded: () => open.delete(bridge),
    });
    open.set(bridge, address);
  }

  const router = Router();
  endpoint(router, CONSOLE_PATH, {
    get: (_req, res) => void res.json({ targets: targets(), limits } satisfies ConsoleInfo),
  });

  return {
    routers: [router],
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      if ((req.url ?? '').split('?')[0] !== CONSOLE_PATH) return false;
      if (!engine.requestPolicy.hostAllowed(req) || !engine.requestPolicy.originAllowed(req)) {
        // Cross-site WebSocket hijacking and DNS rebinding: a page elsewhere gets no socket at all.
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nHost or Origin not allowed\n');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req));
      return true;
    },
    openCount: () => open.size,
    async close() {
      closing = true;
      // Each console's connection is closed before the listeners are, so its session ends recorded.
      await Promise.all([...open.keys()].map((bridge) => bridge.close('shutdown')));
      // A browser that does not answer the closing handshake is not waited for beyond a moment.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
          resolve();
        }, 1000);
        wss.close(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
