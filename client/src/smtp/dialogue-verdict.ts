// Where a session's dialogue stopped, once it has ended. A mail needs every step in order: the
// server's greeting (220, RFC 5321 §3.1), EHLO, TLS where the listener requires it (implicit on
// 465-like ports; STARTTLS and its handshake on 587-like ones, RFC 3207 §4), AUTH where it is
// required (RFC 4954 §5: 530 before it), then MAIL FROM, RCPT TO, DATA and the message ended by
// the final dot. The verdict names the first step that did not go through, the reply that
// refused it, and what the server then refused because of it.
import type { DialogueLine } from '../../../server/wire/sessions.js';
import type { ListenerFacts, StepState, TransactionProgress } from './dialogue-steps.js';

export type Stage = 'greeting' | 'ehlo' | 'tls' | 'auth' | 'mail' | 'rcpt' | 'data' | 'body';

export const STAGES: readonly Stage[] = ['greeting', 'ehlo', 'tls', 'auth', 'mail', 'rcpt', 'data', 'body'];

/** The step cards of a session: TLS and AUTH where the listener requires them, then the three mandatory commands. */
export type StepId = 'TLS' | 'AUTH' | 'MAIL' | 'RCPT' | 'DATA';

export interface StepCard {
  id: StepId;
  state: StepState;
  code?: number;
}

/** A reply of 400 or more, and the command it refused. */
export interface Refusal {
  command: string;
  code: number;
  reply: string;
  seq: number;
}

interface StepTrack {
  state: StepState;
  code?: number;
  reply?: string;
}

/** What analyseDialogue gathered on its way through the lines. */
export interface Tracking {
  greeting: DialogueLine | undefined;
  /** A 4xx/5xx the server sent instead of its greeting (421 too many clients, talk too soon, 554). */
  greetingRefused: DialogueLine | undefined;
  /** TLS record bytes sent to a port that speaks plain SMTP first, and the reply to them. */
  tlsHandshake: { line: DialogueLine; reply?: DialogueLine } | undefined;
  ehlo: StepTrack;
  starttls: StepTrack;
  tlsAt: number | undefined;
  auth: StepTrack;
  mailEverAccepted: boolean;
  attempt: TransactionProgress | undefined;
  mailsAccepted: number;
  refusals: Refusal[];
  /** Seq of the reply that accepted the last mail: what came before belongs to earlier transactions. */
  lastMailSeq: number;
  /** RSET cancelled a transaction, and no MAIL FROM was accepted after it. */
  reset: boolean;
}

export type StopReason = 'tls-on-plain-port' | 'implicit-tls' | 'handshake' | 'left' | 'reset';

export type Verdict =
  | { kind: 'complete'; mails: number }
  | {
      kind: 'stopped';
      stage: Stage;
      state: StepState;
      /** The refusing reply's code and text, verbatim. */
      code?: number;
      reply?: string;
      reason?: StopReason;
      /** What the server refused next, because of this step (e.g. MAIL FROM 530 without AUTH). */
      then?: Refusal;
      mails: number;
    };

const COMMAND_STAGE: Record<string, Stage> = {
  EHLO: 'ehlo',
  HELO: 'ehlo',
  STARTTLS: 'tls',
  AUTH: 'auth',
  MAIL: 'mail',
  RCPT: 'rcpt',
  DATA: 'data',
  'DATA-BODY': 'body',
};

/** The open profile takes mail without AUTH; every other profile requires it (RFC 4954 §5). */
export function requiresAuth(listener: ListenerFacts): boolean {
  return listener.Profile !== 'open';
}

function tlsState(t: Tracking, listener: ListenerFacts, ended: boolean): StepTrack {
  if (t.tlsAt !== undefined) return { state: 'done' };
  if (listener.Security === 'implicit-tls') return { state: ended ? 'failed' : 'sent' };
  if (t.starttls.state === 'done') return { state: ended ? 'failed' : 'sent' };
  return t.starttls;
}

function dataCard(a: TransactionProgress): StepCard {
  if (a.BODY === 'refused') return { id: 'DATA', state: 'refused', ...(a.codes.BODY !== undefined ? { code: a.codes.BODY } : {}) };
  if (a.BODY === 'incomplete' || a.BODY === 'sent') return { id: 'DATA', state: a.BODY };
  return { id: 'DATA', state: a.DATA, ...(a.codes.DATA !== undefined ? { code: a.codes.DATA } : {}) };
}

export function stepCards(t: Tracking, listener: ListenerFacts, ended: boolean): StepCard[] {
  const cards: StepCard[] = [];
  const card = (id: StepId, track: StepTrack): StepCard => ({ id, state: track.state, ...(track.code !== undefined ? { code: track.code } : {}) });
  if (listener.Security !== 'none') cards.push(card('TLS', tlsState(t, listener, ended)));
  if (requiresAuth(listener) || t.auth.state !== 'none') cards.push(card('AUTH', t.auth));
  const a = t.attempt;
  if (a) {
    cards.push(
      { id: 'MAIL', state: a.MAIL, ...(a.codes.MAIL !== undefined ? { code: a.codes.MAIL } : {}) },
      { id: 'RCPT', state: a.RCPT, ...(a.codes.RCPT !== undefined ? { code: a.codes.RCPT } : {}) },
      dataCard(a),
    );
  } else {
    const state: StepState = t.mailsAccepted > 0 ? 'done' : 'none';
    cards.push({ id: 'MAIL', state }, { id: 'RCPT', state }, { id: 'DATA', state });
  }
  return cards;
}

export function verdictOf(t: Tracking, listener: ListenerFacts): Verdict {
  const mails = t.mailsAccepted;
  if (mails > 0 && !t.attempt) return { kind: 'complete', mails };
  const stop = (stage: Stage, track: StepTrack, reason?: StopReason): Verdict => {
    const after = STAGES.indexOf(stage);
    const recent = t.refusals.filter((r) => r.seq > t.lastMailSeq);
    const then = recent.find((r) => STAGES.indexOf(COMMAND_STAGE[r.command] ?? 'greeting') > after);
    // A refused step quotes the reply that refused it.
    const own = track.state === 'refused' && track.reply === undefined ? recent.filter((r) => COMMAND_STAGE[r.command] === stage).at(-1) : undefined;
    const code = track.code ?? own?.code;
    const reply = track.reply ?? own?.reply;
    return {
      kind: 'stopped',
      stage,
      state: track.state,
      ...(code !== undefined ? { code } : {}),
      ...(reply !== undefined ? { reply } : {}),
      ...(reason ? { reason } : {}),
      ...(then ? { then } : {}),
      mails,
    };
  };
  const replyOf = (line: DialogueLine | undefined): StepTrack =>
    line ? { state: 'refused', ...(line.Code !== undefined ? { code: line.Code } : {}), reply: line.Text } : { state: 'refused' };

  if (mails === 0) {
    // On an implicit-TLS port the handshake comes first, before the greeting.
    if (listener.Security === 'implicit-tls' && t.tlsAt === undefined) return stop('tls', { state: 'failed' }, 'implicit-tls');
    if (t.tlsHandshake && t.ehlo.state !== 'done') return stop('tls', replyOf(t.tlsHandshake.reply ?? t.greetingRefused), 'tls-on-plain-port');
    if (!t.greeting) return t.greetingRefused ? stop('greeting', replyOf(t.greetingRefused)) : stop('greeting', { state: 'none' }, 'left');
    if (t.ehlo.state !== 'done') return stop('ehlo', t.ehlo);
    if (listener.Security === 'starttls' && t.tlsAt === undefined) {
      return t.starttls.state === 'done' ? stop('tls', { state: 'failed' }, 'handshake') : stop('tls', t.starttls);
    }
    const authOpen = t.auth.state !== 'done';
    if (authOpen && (requiresAuth(listener) || (t.auth.state !== 'none' && !t.mailEverAccepted))) return stop('auth', t.auth);
  }
  const a = t.attempt;
  if (!a || a.MAIL !== 'done') {
    return stop(
      'mail',
      a ? { state: a.MAIL, ...(a.codes.MAIL !== undefined ? { code: a.codes.MAIL } : {}) } : { state: 'none' },
      t.reset && a?.MAIL !== 'refused' ? 'reset' : undefined,
    );
  }
  if (a.RCPT !== 'done') return stop('rcpt', { state: a.RCPT, ...(a.codes.RCPT !== undefined ? { code: a.codes.RCPT } : {}) });
  if (a.DATA !== 'done') return stop('data', { state: a.DATA, ...(a.codes.DATA !== undefined ? { code: a.codes.DATA } : {}) });
  return stop('body', { state: a.BODY, ...(a.codes.BODY !== undefined ? { code: a.codes.BODY } : {}) });
}
