// Reads a session's dialogue as a student should: which reply answers which command (SMTP
// replies come in command order, RFC 5321 §4.1; with PIPELINING too, RFC 2920 §3), how far the
// dialogue got — the greeting, EHLO, TLS, AUTH, then the mail transaction MAIL FROM → RCPT TO →
// DATA (the three mandatory commands) — and, for a session that has ended, the verdict
// (dialogue-verdict.ts): a mail went through, or the step where the dialogue stopped.
import type { DialogueLine, SessionState } from '../../../server/wire/sessions.js';
import { stepCards, verdictOf, type Refusal, type StepCard, type Tracking, type Verdict } from './dialogue-verdict.js';
import type { ListenerFacts, TransactionProgress } from './dialogue-steps.js';
import { COMMANDS, type MandatoryCommand } from './explanations.js';

export type { Stage, StepCard, StepId, Verdict } from './dialogue-verdict.js';
export type { ListenerFacts, StepState, TransactionProgress } from './dialogue-steps.js';

export type ClosingKind = 'quit' | 'server' | 'no-quit';

export interface DialogueAnalysis {
  /** Reply Seq → the client line it answers. */
  answers: Map<number, DialogueLine>;
  /** Client line Seq → the reply that answered it. */
  replies: Map<number, DialogueLine>;
  /** The transaction under way (or the last one left unfinished); undefined when none is. */
  attempt: TransactionProgress | undefined;
  mailsAccepted: number;
  closing: ClosingKind;
  /** The session is over: its state says so, or its last line closed it (221 to QUIT, the end). */
  ended: boolean;
  /** The steps to show: TLS and AUTH where the listener requires them, then MAIL, RCPT, DATA. */
  steps: StepCard[];
  /** Only for a session that has ended. */
  verdict: Verdict | undefined;
  /** Client lines the server read as commands because DATA had been refused (the message's text). */
  strayText: Set<number>;
  /** Seq of the TLS-established event; lines after it travelled encrypted. */
  tlsAt: number | undefined;
}

const PLAIN: ListenerFacts = { Security: 'none', Profile: 'open' };

/** TLS record bytes on a port that speaks plain SMTP (the server names it TLS-HANDSHAKE; older records hold the raw bytes). */
export function isTlsHandshake(line: DialogueLine): boolean {
  return line.Dir === 'C' && (line.Command === 'TLS-HANDSHAKE' || line.Text.startsWith('\u0016\u0003'));
}

function freshProgress(): TransactionProgress {
  return { MAIL: 'none', RCPT: 'none', DATA: 'none', BODY: 'none', codes: {} };
}

function isMandatory(command: string | undefined): command is MandatoryCommand {
  return command === 'MAIL' || command === 'RCPT' || command === 'DATA';
}

const ENDING_EVENTS = new Set(['closed', 'aborted', 'timed-out']);

export function analyseDialogue(lines: readonly DialogueLine[], state: SessionState, listener: ListenerFacts = PLAIN): DialogueAnalysis {
  const answers = new Map<number, DialogueLine>();
  const replies = new Map<number, DialogueLine>();
  const strayText = new Set<number>();
  const pending: DialogueLine[] = [];
  const refusals: Refusal[] = [];
  const t: Tracking = {
    greeting: undefined,
    greetingRefused: undefined,
    tlsHandshake: undefined,
    ehlo: { state: 'none' },
    starttls: { state: 'none' },
    tlsAt: undefined,
    auth: { state: 'none' },
    mailEverAccepted: false,
    attempt: undefined,
    mailsAccepted: 0,
    refusals,
    lastMailSeq: -1,
    reset: false,
  };
  let quitSent = false;
  let quitAnswered = false;
  let lastCode: number | undefined;
  let closedEvent = false;
  let tlsFailed = false;
  // Set by a refused DATA: until a new transaction or RSET, the server reads the student's
  // message as commands.
  let dataRefused = false;

  const refuse = (step: MandatoryCommand, code: number) => {
    const progress = (t.attempt ??= freshProgress());
    if (progress[step] !== 'done') {
      progress[step] = 'refused';
      progress.codes[step] = code;
    }
  };

  for (const line of lines) {
    if (line.Dir === 'C') {
      pending.push(line);
      if (isTlsHandshake(line)) t.tlsHandshake ??= { line };
      if (dataRefused && !isTlsHandshake(line) && !(line.Command && COMMANDS[line.Command])) strayText.add(line.Seq);
      if (isMandatory(line.Command)) t.attempt ??= freshProgress();
      if (line.Command === 'QUIT') quitSent = true;
      if (line.Command === 'AUTH' && !line.Masked && t.auth.state !== 'done') t.auth = { state: 'sent' };
      if ((line.Command === 'EHLO' || line.Command === 'HELO') && t.ehlo.state !== 'done') t.ehlo = { state: 'sent' };
      if (line.Command === 'STARTTLS' && t.tlsAt === undefined) t.starttls = { state: 'sent' };
      continue;
    }
    if (line.Dir === 'E') {
      if (line.Event === 'data-incomplete' && t.attempt) t.attempt.BODY = 'incomplete';
      if (line.Event === 'tls') t.tlsAt ??= line.Seq;
      if (line.Event === 'tls-failed') tlsFailed = true;
      if (line.Event && ENDING_EVENTS.has(line.Event)) closedEvent = true;
      continue;
    }
    const code = line.Code;
    lastCode = code;
    const command = pending.shift();
    if (!command) {
      // A reply to nothing: the greeting (220), or the server refusing to start (421, 554).
      if (code === 220 && !t.greeting) t.greeting = line;
      else if (!t.greeting && code !== undefined && code >= 400) t.greetingRefused ??= line;
      continue;
    }
    answers.set(line.Seq, command);
    replies.set(command.Seq, line);
    if (code === undefined) continue;
    const ok = code >= 200 && code < 300;
    const failed = code >= 400;
    if (failed && command.Command) refusals.push({ command: command.Command, code, reply: line.Text, seq: line.Seq });
    if (t.tlsHandshake?.line === command) t.tlsHandshake.reply = line;
    switch (command.Command) {
      case 'EHLO':
      case 'HELO':
        if (ok) t.ehlo = { state: 'done' };
        else if (failed && t.ehlo.state !== 'done') t.ehlo = { state: 'refused', code, reply: line.Text };
        break;
      case 'STARTTLS':
        if (code === 220) t.starttls = { state: 'done' };
        else if (failed) t.starttls = { state: 'refused', code, reply: line.Text };
        break;
      case 'AUTH':
        if (t.auth.state === 'done') break;
        if (code === 235) t.auth = { state: 'done' };
        else if (code === 334) t.auth = { state: 'sent' };
        else if (failed) t.auth = { state: 'refused', code, reply: line.Text };
        break;
      case 'MAIL':
        if (ok) {
          t.attempt = { ...freshProgress(), MAIL: 'done' };
          t.mailEverAccepted = true;
          t.reset = false;
          dataRefused = false;
        } else if (failed) refuse('MAIL', code);
        break;
      case 'RCPT':
        if (ok && t.attempt) t.attempt.RCPT = 'done';
        else if (failed) refuse('RCPT', code);
        break;
      case 'DATA':
        if (code === 354 && t.attempt) {
          t.attempt.DATA = 'done';
          t.attempt.BODY = 'sent';
        } else if (failed) {
          refuse('DATA', code);
          dataRefused = true;
        }
        break;
      case 'DATA-BODY':
        // Whatever the answer, the transaction is over (RFC 5321 §4.1.1.4): the envelope resets.
        if (ok) {
          t.mailsAccepted++;
          t.lastMailSeq = line.Seq;
          t.attempt = undefined;
        } else if (failed && t.attempt) {
          t.attempt.BODY = 'refused';
          t.attempt.codes.BODY = code;
        }
        break;
      case 'RSET':
        if (ok) {
          if (t.attempt?.MAIL === 'done') t.reset = true;
          t.attempt = undefined;
          dataRefused = false;
        }
        break;
      case 'QUIT':
        if (code === 221) quitAnswered = true;
        break;
    }
  }

  // A failed implicit-TLS handshake is closed by the server: there was no SMTP to quit.
  const closing: ClosingKind = quitSent ? 'quit' : lastCode === 421 || tlsFailed ? 'server' : 'no-quit';
  const ended = state !== 'open' || closedEvent || quitAnswered;
  // A client that left during the AUTH exchange (after a 334) did not finish signing in.
  if (ended && t.auth.state === 'sent') t.auth = { state: 'incomplete' };
  if (ended && t.attempt?.BODY === 'sent') t.attempt.BODY = 'incomplete';
  return {
    answers,
    replies,
    attempt: t.attempt,
    mailsAccepted: t.mailsAccepted,
    closing,
    ended,
    steps: stepCards(t, listener, ended),
    verdict: ended ? verdictOf(t, listener) : undefined,
    strayText,
    tlsAt: t.tlsAt,
  };
}
