// Reads a session's dialogue as a student should: which reply answers which command (SMTP
// replies come in command order, RFC 5321 §4.1; with PIPELINING too, RFC 2920 §3), how far the
// mail transaction got (MAIL FROM → RCPT TO → DATA, the three mandatory commands), and, for a
// session that has ended, whether a mail went through or which of the three was missing.
import type { DialogueLine, SessionState } from '../../../server/sessions/wire-types.js';
import type { MandatoryCommand } from './explanations.js';

/** `sent`: DATA got 354 and the body is under way; `incomplete`: the client left mid-body. */
export type StepState = 'none' | 'done' | 'refused' | 'sent' | 'incomplete';

export interface TransactionProgress {
  MAIL: StepState;
  RCPT: StepState;
  DATA: StepState;
  /** The reply code of a refused step, by step. */
  codes: Partial<Record<MandatoryCommand, number>>;
}

export type Verdict =
  | { kind: 'complete'; mails: number }
  | { kind: 'missing'; missing: MandatoryCommand; state: StepState; code?: number; mails: number };

export type ClosingKind = 'quit' | 'server' | 'no-quit';

export interface DialogueAnalysis {
  /** Reply Seq → the client line it answers. */
  answers: Map<number, DialogueLine>;
  /** The transaction under way (or the last one left unfinished); undefined when none is. */
  attempt: TransactionProgress | undefined;
  mailsAccepted: number;
  closing: ClosingKind;
  /** Only for a session that has ended. */
  verdict: Verdict | undefined;
}

function freshProgress(): TransactionProgress {
  return { MAIL: 'none', RCPT: 'none', DATA: 'none', codes: {} };
}

function isMandatory(command: string | undefined): command is MandatoryCommand {
  return command === 'MAIL' || command === 'RCPT' || command === 'DATA';
}

export function analyseDialogue(lines: readonly DialogueLine[], state: SessionState): DialogueAnalysis {
  const answers = new Map<number, DialogueLine>();
  const pending: DialogueLine[] = [];
  let attempt: TransactionProgress | undefined;
  let mailsAccepted = 0;
  let quitSent = false;
  let lastCode: number | undefined;

  const refuse = (step: MandatoryCommand, code: number) => {
    const progress = (attempt ??= freshProgress());
    if (progress[step] !== 'done') {
      progress[step] = 'refused';
      progress.codes[step] = code;
    }
  };

  for (const line of lines) {
    if (line.Dir === 'C') {
      pending.push(line);
      if (isMandatory(line.Command)) attempt ??= freshProgress();
      if (line.Command === 'QUIT') quitSent = true;
      continue;
    }
    if (line.Dir === 'E') {
      if (line.Event === 'data-incomplete' && attempt) attempt.DATA = 'incomplete';
      continue;
    }
    const code = line.Code;
    lastCode = code;
    const command = pending.shift();
    if (!command) continue;
    answers.set(line.Seq, command);
    if (code === undefined) continue;
    const ok = code >= 200 && code < 300;
    const failed = code >= 400;
    switch (command.Command) {
      case 'MAIL':
        if (ok) attempt = { ...freshProgress(), MAIL: 'done' };
        else if (failed) refuse('MAIL', code);
        break;
      case 'RCPT':
        if (ok && attempt) attempt.RCPT = 'done';
        else if (failed) refuse('RCPT', code);
        break;
      case 'DATA':
        if (code === 354 && attempt) attempt.DATA = 'sent';
        else if (failed) refuse('DATA', code);
        break;
      case 'DATA-BODY':
        // Whatever the answer, the transaction is over (RFC 5321 §4.1.1.4): the envelope resets.
        if (ok) {
          mailsAccepted++;
          attempt = undefined;
        } else if (failed && attempt) {
          attempt.DATA = 'refused';
          attempt.codes.DATA = code;
        }
        break;
    }
  }

  const closing: ClosingKind = quitSent ? 'quit' : lastCode === 421 ? 'server' : 'no-quit';
  let verdict: Verdict | undefined;
  if (state !== 'open') verdict = verdictOf(attempt, mailsAccepted);
  return { answers, attempt, mailsAccepted, closing, verdict };
}

function verdictOf(attempt: TransactionProgress | undefined, mails: number): Verdict {
  if (!attempt) {
    return mails > 0 ? { kind: 'complete', mails } : { kind: 'missing', missing: 'MAIL', state: 'none', mails };
  }
  for (const step of ['MAIL', 'RCPT', 'DATA'] as const) {
    if (attempt[step] !== 'done') {
      const code = attempt.codes[step];
      return { kind: 'missing', missing: step, state: attempt[step], ...(code !== undefined ? { code } : {}), mails };
    }
  }
  return { kind: 'complete', mails };
}
