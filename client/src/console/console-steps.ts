// Where the student's dialogue stands, read from the console's frames as a teacher reading over
// their shoulder would: greeted, EHLO answered, TLS on, signed in, MAIL FROM, RCPT TO and DATA
// accepted, mails delivered. It picks the next step to hint at and the commands to offer. Pure.
import type { ConsoleServerFrame, ConsoleTarget } from '../../../lab/console/console-wire.js';

export interface DialogueProgress {
  greeted: boolean;
  ehlo: boolean;
  tls: boolean;
  authed: boolean;
  mail: boolean;
  rcpt: boolean;
  data: boolean;
  delivered: number;
  quit: boolean;
  /** The command the next reply answers: its verb, "." for the end of a message, "" for none. */
  pending: string;
}

export const NO_PROGRESS: DialogueProgress = {
  greeted: false,
  ehlo: false,
  tls: false,
  authed: false,
  mail: false,
  rcpt: false,
  data: false,
  delivered: 0,
  quit: false,
  pending: '',
};

const verbOf = (text: string) => /^\s*([A-Za-z][A-Za-z0-9-]*)/.exec(text)?.[1]?.toUpperCase() ?? '';

function afterReply(p: DialogueProgress, code: number | undefined, dataMode: boolean): DialogueProgress {
  const ok = code !== undefined && code >= 200 && code < 300;
  const next = { ...p, pending: p.pending === 'AUTH' && code === 334 ? 'AUTH' : '', data: dataMode };
  switch (p.pending) {
    case '':
      return code === 220 ? { ...next, greeted: true } : next;
    case 'EHLO':
    case 'HELO':
      return ok ? { ...next, ehlo: true } : next;
    case 'AUTH':
      return code === 235 ? { ...next, authed: true } : next;
    case 'MAIL':
      return ok ? { ...next, mail: true } : next;
    case 'RCPT':
      return ok ? { ...next, rcpt: true } : next;
    case '.':
      // RFC 5321 §4.1.1.4: the reply to the dot ends the mail transaction, accepted or not.
      return { ...next, mail: false, rcpt: false, delivered: p.delivered + (ok ? 1 : 0) };
    case 'RSET':
      return ok ? { ...next, mail: false, rcpt: false } : next;
    case 'QUIT':
      return code === 221 ? { ...next, quit: true } : next;
    default:
      return next;
  }
}

export function progressAfter(p: DialogueProgress, frame: ConsoleServerFrame): DialogueProgress {
  switch (frame.type) {
    case 'sent':
      if (p.data) return frame.text === '.' ? { ...p, pending: '.' } : p;
      // A masked line that is not AUTH itself answers a 334: it stays within AUTH.
      return { ...p, pending: frame.masked && verbOf(frame.text) !== 'AUTH' ? 'AUTH' : verbOf(frame.text) };
    case 'reply':
      return afterReply(p, frame.code, frame.mode === 'data');
    case 'tls':
      // RFC 3207 §4.2: after STARTTLS the server forgets the EHLO and any sign-in before it.
      return frame.upgraded ? { ...p, tls: true, ehlo: false, authed: false } : { ...p, tls: true };
    case 'connected':
    case 'session':
    case 'refused':
    case 'ended':
      return p;
  }
}

export type StepKey = 'wait' | 'ehlo' | 'starttls' | 'ehloAgain' | 'auth' | 'mail' | 'rcpt' | 'data' | 'body' | 'done' | 'quit';

export function nextStep(p: DialogueProgress, target: ConsoleTarget): StepKey {
  if (p.quit) return 'quit';
  if (!p.greeted) return 'wait';
  if (p.data) return 'body';
  if (!p.ehlo) return p.tls && target.security === 'starttls' ? 'ehloAgain' : 'ehlo';
  if (target.security === 'starttls' && !p.tls) return 'starttls';
  if (target.profile !== 'open' && !p.authed) return 'auth';
  if (!p.mail) return p.delivered > 0 ? 'done' : 'mail';
  if (!p.rcpt) return 'rcpt';
  return 'data';
}

export interface QuickCommand {
  /** What goes into the input line. */
  text: string;
  /** The step it is for; the next step's command is marked. */
  step: StepKey;
}

/** The commands offered as buttons: the dialogue's, or the message's lines in DATA mode. */
export function quickCommands(p: DialogueProgress, target: ConsoleTarget, sender: string): QuickCommand[] {
  if (p.data) {
    return [
      { text: 'Subject: ', step: 'body' },
      { text: '', step: 'body' },
      { text: '.', step: 'body' },
    ];
  }
  return [
    { text: 'EHLO student.example', step: p.tls && target.security === 'starttls' ? 'ehloAgain' : 'ehlo' },
    ...(target.security === 'starttls' ? [{ text: 'STARTTLS', step: 'starttls' as const }] : []),
    { text: 'AUTH LOGIN', step: 'auth' },
    { text: `MAIL FROM:<${sender}>`, step: p.delivered > 0 && !p.mail ? 'done' : 'mail' },
    { text: 'RCPT TO:<operator@lab.local>', step: 'rcpt' },
    { text: 'DATA', step: 'data' },
    { text: 'QUIT', step: 'done' },
  ];
}

/** What a 334 asks, decoded (RFC 4954 §4: the challenge is base64): "Username:", "Password:". */
export function serverPrompt(lines: readonly string[]): string | undefined {
  const payload = /^334 (\S+)$/.exec(lines.at(-1) ?? '')?.[1];
  if (!payload) return undefined;
  try {
    const text = atob(payload);
    return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Base64 of the UTF-8 bytes (btoa takes one byte per character). */
export function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
