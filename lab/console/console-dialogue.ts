// What the bridge knows of the dialogue it carries, read from the replies as a terminal user
// would: whether the next line is a command, a line of the message or an AUTH secret, how long
// it may be, how it is shown, and when TLS is to start. Pure: no sockets, no Node; the bridge
// holds one per console, tests drive it directly.
import { MASK } from '../../server/wire/mask.js';
import type { ConsoleLimits, ConsoleMode, ConsoleRefusal } from './console-wire.js';

export type LineLimits = Pick<ConsoleLimits, 'commandOctets' | 'dataOctets' | 'secretOctets'>;

export const LINE_LIMITS: LineLimits = {
  // RFC 5321 §4.5.3.1.4: "The maximum total length of a command line including the command word
  // and the <CRLF> is 512 octets."
  commandOctets: 512,
  // RFC 5321 §4.5.3.1.6: "The maximum total length of a text line including the <CRLF> is 1000
  // octets (not counting the leading dot duplicated for transparency)."
  dataOctets: 1000,
  // RFC 4954 §4: an AUTH response is not bound by the command limit; 12,288 octets is what
  // servers are told to accept, far beyond PLAIN or LOGIN.
  secretOctets: 12_288,
};

const CRLF_OCTETS = 2;
const encoder = new TextEncoder();

export function octets(text: string): number {
  return encoder.encode(text).length;
}

/** `AUTH PLAIN <secret>` → `AUTH PLAIN ••••••••` (RFC 4954 §4: the initial response is a credential). */
export function maskAuthLine(text: string): { shown: string; masked: boolean } {
  const parts = text.trim().split(/\s+/);
  if (parts[0]?.toUpperCase() !== 'AUTH' || parts.length <= 2) return { shown: text, masked: false };
  return { shown: `${parts[0]} ${parts[1]} ${MASK}`, masked: true };
}

export type LineCheck = { ok: true; shown: string; masked: boolean; mode: ConsoleMode; hold: boolean } | { ok: false; reason: ConsoleRefusal; limit?: number };

export interface ConsoleDialogue {
  mode(): ConsoleMode;
  /** Whether the line may go now, and how it is shown; nothing changes until `sent`. */
  check(text: string): LineCheck;
  /** The line went to the server; the mode after it. */
  sent(text: string): ConsoleMode;
  /** A whole reply came; `startTls`: it was the 220 to STARTTLS (RFC 3207 §4), TLS starts now. */
  replied(code: number | undefined): { mode: ConsoleMode; startTls: boolean };
  /** TLS is on: RFC 3207 §4.2, what was learnt before it is forgotten; the dialogue starts again at EHLO. */
  tlsStarted(): void;
  /** Lines typed after STARTTLS wait for its reply and the handshake (RFC 3207 §5: none may go in clear). */
  holding(): boolean;
}

function verbOf(text: string): string {
  return /^\s*([A-Za-z][A-Za-z0-9-]*)/.exec(text)?.[1]?.toUpperCase() ?? '';
}

export function createConsoleDialogue(limits: LineLimits = LINE_LIMITS): ConsoleDialogue {
  let mode: ConsoleMode = 'command';
  let lastVerb = '';
  // STARTTLS sent, its reply not in yet; or its 220 in and the handshake under way.
  let tlsPending = false;

  const limitOf = (m: ConsoleMode) => (m === 'data' ? limits.dataOctets : m === 'secret' ? limits.secretOctets : limits.commandOctets);

  return {
    mode: () => mode,
    check(text) {
      if (/[\r\n]/.test(text)) return { ok: false, reason: 'line-break' };
      const limit = limitOf(mode) - CRLF_OCTETS;
      if (octets(text) > limit) return { ok: false, reason: 'line-too-long', limit };
      switch (mode) {
        case 'secret':
          // Whatever answers a 334 is the AUTH exchange's, a "*" cancel too (RFC 4954 §4).
          return { ok: true, shown: MASK, masked: true, mode: 'command', hold: tlsPending };
        case 'data':
          // RFC 5321 §4.1.1.4: the line with a single "." ends the message; the others go as typed
          // (a line that starts with "." is the student's to double, §4.5.2, as with nc).
          return { ok: true, shown: text, masked: false, mode: text === '.' ? 'command' : 'data', hold: tlsPending };
        case 'command': {
          const { shown, masked } = maskAuthLine(text);
          return { ok: true, shown, masked, mode: 'command', hold: tlsPending };
        }
      }
    },
    sent(text) {
      switch (mode) {
        case 'secret':
          mode = 'command';
          break;
        case 'data':
          if (text === '.') mode = 'command';
          break;
        case 'command':
          lastVerb = verbOf(text);
          if (lastVerb === 'STARTTLS') tlsPending = true;
          break;
      }
      return mode;
    },
    replied(code) {
      const startTls = lastVerb === 'STARTTLS' && code === 220;
      if (code !== undefined) {
        // A refused STARTTLS (454, 503) leaves the dialogue in clear, the held lines go as they are.
        if (lastVerb === 'STARTTLS') tlsPending = startTls;
        lastVerb = '';
      }
      mode = code === 354 ? 'data' : code === 334 ? 'secret' : 'command';
      return { mode, startTls };
    },
    tlsStarted() {
      tlsPending = false;
      lastVerb = '';
      mode = 'command';
    },
    holding: () => tlsPending,
  };
}
