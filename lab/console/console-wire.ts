// The browser SMTP console's contract (issue 12, point 5), typed once for the bridge
// (lab/console/console-bridge.ts) and the page (client/src/console/): the WebSocket at
// CONSOLE_PATH?listener=NAME, its JSON text frames each way, the close codes, the limits, and
// GET CONSOLE_PATH. Types and constants only: the browser imports this file.
import type { Bilingual } from '../../server/wire/bilingual.js';
import type { ListenerSecurity } from '../../server/wire/sessions.js';

export const CONSOLE_PATH = '/api/lab/console';

/** The lab's listeners a console may reach, by name; their ports come from the engine, never the browser. */
export const CONSOLE_LISTENERS = ['smtp', 'submission', 'smtps'] as const;
export type ConsoleListenerName = (typeof CONSOLE_LISTENERS)[number];

export interface ConsoleTarget {
  name: ConsoleListenerName;
  port: number;
  security: ListenerSecurity;
  profile: string;
}

export interface ConsoleLimits {
  /** RFC 5321 §4.5.3.1.4: a command line is at most 512 octets with its CRLF. */
  commandOctets: number;
  /** RFC 5321 §4.5.3.1.6: a line of the message at most 1000 octets with its CRLF. */
  dataOctets: number;
  /** RFC 4954 §4: an AUTH response line (after 334) may be longer than a command; 12,288 octets. */
  secretOctets: number;
  /** Consoles one lab account may have open at once. */
  perAccount: number;
  /** A console with nothing typed and nothing received for this long is closed. */
  idleMs: number;
}

/** GET CONSOLE_PATH: the listeners the console offers (those the lab runs) and its limits. */
export interface ConsoleInfo {
  targets: ConsoleTarget[];
  limits: ConsoleLimits;
}

/**
 * What the next line is, as the bridge reads the replies (RFC 5321 §4.1.1.4, RFC 4954 §4):
 * a command; a line of the message (after 354, until a line with a single "."); or an AUTH
 * response after 334, which is a secret and shown masked.
 */
export type ConsoleMode = 'command' | 'data' | 'secret';

/** Browser → bridge: one line as typed, without its line ending (the bridge adds CRLF). */
export type ConsoleClientFrame = { type: 'line'; text: string };

/** A line the bridge did not send; the console stays open. */
export type ConsoleRefusal = 'line-too-long' | 'line-break' | 'not-ready' | 'too-fast';

/** Why a console ended: the bridge says so in its last frame, and closes with CONSOLE_CLOSE_CODES. */
export type ConsoleEnd =
  'not-signed-in' | 'unknown-listener' | 'too-many' | 'connect-failed' | 'tls-failed' | 'server-closed' | 'idle' | 'shutdown' | 'bad-frame';

export const CONSOLE_CLOSE_CODES: Record<ConsoleEnd, number> = {
  'server-closed': 1000,
  shutdown: 1001,
  'bad-frame': 1008,
  'not-signed-in': 4401,
  'unknown-listener': 4404,
  idle: 4408,
  'too-many': 4429,
  'connect-failed': 4502,
  'tls-failed': 4503,
};

export type ConsoleServerFrame =
  /** The connection to the listener is up (for smtps, with its TLS); the local port is the session's ClientPort. */
  | { type: 'connected'; target: ConsoleTarget; localPort: number }
  /** The lab's record of this connection (Sessions view): /sessions/{id}. */
  | { type: 'session'; id: string }
  /** One whole reply, its lines in order (a multi-line reply arrives as one frame); mode: what the next line is. */
  | { type: 'reply'; lines: string[]; code?: number; mode: ConsoleMode }
  /** A line that went to the server, as the transcript keeps it (an AUTH secret masked). */
  | { type: 'sent'; text: string; masked: boolean; mode: ConsoleMode }
  /** TLS is on between the bridge and the server: after STARTTLS's 220 (upgraded), or from the start (smtps). */
  | { type: 'tls'; protocol: string; cipher: string; upgraded: boolean }
  | { type: 'refused'; reason: ConsoleRefusal; text: Bilingual }
  /** The last frame: the console ends, the WebSocket closes with CONSOLE_CLOSE_CODES[reason]. */
  | { type: 'ended'; reason: ConsoleEnd; text: Bilingual };

export type ConsoleServerFrameType = ConsoleServerFrame['type'];
