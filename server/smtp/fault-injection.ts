// Fault rules acting on one listener: at each stage of each session the store decides, and this
// file does it — holds a reply, answers instead of the library, drops the connection, slows the
// server's writes, breaks a TLS handshake. Every injected reply is sent exactly as the rule
// wrote it and marked in the transcript with the rule; every other effect is an E line naming it.
// The stages with a hook of smtp-server (greeting, AUTH, MAIL, RCPT, the body) go through
// `gate()`; the others through the seams: the accept gate (connect) and the command intercept
// (EHLO/HELO, STARTTLS, DATA, QUIT).
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { SMTPServer, SMTPServerSession } from 'smtp-server';
import type { FaultDecision, FaultStore, SessionFacts } from '../faults/fault-store.js';
import type { FaultStage, LineFault } from '../wire/faults.js';
import type { ListenerInfo } from '../wire/sessions.js';
import { SmtpReplyError } from './reply-error.js';
import { connectionSocket, gateAccept, interceptCommands, wrapSend, type LabConnection } from './smtp-server-seams.js';
import type { Transcript } from './transcript.js';

/** A fatal handshake_failure alert (RFC 8446 §6.2): record type 21, version 3.3, length 2, level 2, description 40. */
const HANDSHAKE_FAILURE = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);

export type GateResult = { kind: 'proceed' } | { kind: 'reply'; error: SmtpReplyError } | { kind: 'dropped' };

const PROCEED: GateResult = { kind: 'proceed' };
const DROPPED: GateResult = { kind: 'dropped' };

export interface FaultInjection {
  /** Puts the connect stage in front of the listener's accept. */
  guard(server: SMTPServer): void;
  /** A connection object exists: its replies and commands go through the rules from now on. */
  created(connection: LabConnection): void;
  /** A hook's stage: what to do before (or instead of) the library's own answer. */
  /** Synchronous when no rule fires (the usual case: no promise per command). */
  gate(stage: FaultStage, session: SMTPServerSession, extra?: { user?: string; rcpt?: string }): GateResult | Promise<GateResult>;
  closed(sessionId: string): void;
}

interface ConnectionFaults {
  connection: LabConnection;
  /** The next reply is this one, exactly (code, then its line with the enhanced code). */
  pending: { code: number; line: string; fault: LineFault } | undefined;
  bytesPerSecond: number | null;
  /** Replies wait here in order while throttled. */
  queue: Promise<void>;
  /** A connect-stage rule broke TLS and this listener starts it with STARTTLS. */
  failTls: LineFault | undefined;
}

/** What a connect-stage rule leaves for the session that follows (by client address and port). */
interface Armed {
  /** The id the connect-stage firing was recorded under, until the session has its own. */
  sessionId: string;
  note?: { fault: LineFault; text: string };
  bytesPerSecond?: number;
  failTls?: LineFault;
}

const COMMAND_STAGES: Record<string, FaultStage> = { EHLO: 'helo', HELO: 'helo', LHLO: 'helo', STARTTLS: 'starttls', DATA: 'data', QUIT: 'quit' };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ruleWords = (fault: LineFault) => `fault rule "${fault.ruleName}"`;

export function createFaultInjection(deps: {
  faults: FaultStore;
  listener: ListenerInfo;
  transcript: Transcript;
  /** Which inbox the facts point at (server/inboxes), for rules scoped to one student. */
  inboxOf?: (facts: SessionFacts) => string;
}): FaultInjection {
  const { faults, listener, transcript } = deps;
  const connections = new Map<string, ConnectionFaults>();
  const armed = new Map<string, Armed>();

  function factsOf(session: SMTPServerSession, extra: { user?: string; rcpt?: string; helo?: string } = {}): SessionFacts {
    const helo = extra.helo ?? (typeof session.hostNameAppearsAs === 'string' && session.hostNameAppearsAs !== '' ? session.hostNameAppearsAs : null);
    const facts: SessionFacts = {
      sessionId: session.id,
      listener: listener.Name,
      clientAddress: session.remoteAddress,
      helo,
      user: extra.user ?? (typeof session.user === 'string' ? session.user : null),
      mailFrom: session.envelope?.mailFrom ? session.envelope.mailFrom.address : null,
      rcptTo: session.envelope?.rcptTo?.map((r) => r.address) ?? [],
      ...(extra.rcpt !== undefined ? { rcpt: extra.rcpt } : {}),
    };
    if (deps.inboxOf) facts.inbox = deps.inboxOf(facts);
    return facts;
  }

  const alive = (state: ConnectionFaults | undefined) => Boolean(state && !connectionSocket(state.connection).destroyed);

  function drop(state: ConnectionFaults | undefined, fault: LineFault): void {
    if (!state) return;
    transcript.noteFault(state.connection.id, fault, `the lab dropped the connection without a reply (${ruleWords(fault)})`);
    connectionSocket(state.connection).destroy();
  }

  /** The effects every stage shares; a reply is left pending for the next send. */
  async function act(id: string, decision: FaultDecision): Promise<GateResult> {
    const { effect, fault } = decision;
    const state = connections.get(id);
    switch (effect.kind) {
      case 'delay':
        transcript.noteFault(id, fault, `the lab holds the server's reply ${effect.ms} ms (${ruleWords(fault)})`);
        await sleep(effect.ms);
        return alive(state) ? PROCEED : DROPPED;
      case 'reply': {
        if (effect.delayMs) {
          transcript.noteFault(id, fault, `the lab holds its reply ${effect.delayMs} ms (${ruleWords(fault)})`);
          await sleep(effect.delayMs);
          if (!alive(state)) return DROPPED;
        }
        if (state) state.pending = { code: effect.code, line: effect.enhanced ? `${effect.enhanced} ${effect.text}` : effect.text, fault };
        return { kind: 'reply', error: new SmtpReplyError(effect.code, effect.text) };
      }
      case 'disconnect':
        if (effect.delayMs) await sleep(effect.delayMs);
        drop(state, fault);
        return DROPPED;
      case 'throttle':
        if (state) state.bytesPerSecond = effect.bytesPerSecond;
        transcript.noteFault(id, fault, `the lab slows the server's writes to ${effect.bytesPerSecond} bytes a second from here on (${ruleWords(fault)})`);
        return PROCEED;
      case 'tls-failure':
        // Only at connect and STARTTLS (fault-rule-check.ts), which are handled where they happen.
        return PROCEED;
    }
  }

  function failHandshake(state: ConnectionFaults, fault: LineFault): void {
    const socket = connectionSocket(state.connection);
    transcript.noteFault(state.connection.id, fault, `the lab answers the client's TLS hello with a handshake_failure alert (${ruleWords(fault)})`);
    socket.once('data', () => socket.end(HANDSHAKE_FAILURE));
    setTimeout(() => socket.destroy(), 5000).unref();
  }

  async function onCommand(state: ConnectionFaults, stage: FaultStage, decision: FaultDecision, proceed: () => void, done: () => void): Promise<void> {
    const { effect, fault } = decision;
    // After the seam has put the client's line in the transcript, never before it.
    await Promise.resolve();
    if (stage === 'starttls' && effect.kind === 'tls-failure') {
      // The 220 is the server's own; what follows it is the failure. The parser is left waiting,
      // so the client's TLS hello is never read as commands.
      state.connection.send(220, 'Ready to start TLS');
      failHandshake(state, fault);
      return;
    }
    const result = await act(state.connection.id, decision);
    if (result.kind === 'proceed') proceed();
    else if (result.kind === 'reply') {
      state.connection.send(result.error.responseCode, result.error.message);
      done();
    }
  }

  function deliver(state: ConnectionFaults, bytes: number, write: () => void): void {
    if (state.bytesPerSecond === null) {
      write();
      return;
    }
    const wait = Math.ceil((bytes * 1000) / state.bytesPerSecond);
    state.queue = state.queue.then(() => sleep(wait)).then(write);
  }

  return {
    guard(server) {
      const implicitTls = listener.Security === 'implicit-tls';
      gateAccept(server, (socket: Socket, pass) => {
        const address = socket.remoteAddress ?? '';
        const port = socket.remotePort ?? 0;
        const sessionId = `fault-${randomBytes(6).toString('hex')}`;
        const decision = faults.decide('connect', {
          sessionId,
          listener: listener.Name,
          clientAddress: address,
          helo: null,
          user: null,
          mailFrom: null,
          rcptTo: [],
        });
        if (!decision) return pass();
        // Held or refused here, the socket has no other 'error' listener yet.
        socket.on('error', () => socket.destroy());
        const key = `${address}:${port}`;
        const arm = (what: Omit<Armed, 'sessionId'>) => {
          armed.set(key, { ...what, sessionId });
          setTimeout(() => armed.delete(key), 60_000).unref();
        };
        const { effect, fault } = decision;
        switch (effect.kind) {
          case 'delay':
            arm({ note: { fault, text: `the lab held the connection ${effect.ms} ms before the server's first byte (${ruleWords(fault)})` } });
            setTimeout(() => (socket.destroyed ? undefined : pass()), effect.ms);
            return;
          case 'disconnect':
            setTimeout(() => {
              socket.destroy();
              transcript.faultBeforeSession(sessionId, address, port, fault, `the lab dropped the connection before any reply (${ruleWords(fault)})`);
            }, effect.delayMs ?? 0);
            return;
          case 'throttle':
            arm({
              bytesPerSecond: effect.bytesPerSecond,
              note: { fault, text: `the lab slows the server's writes to ${effect.bytesPerSecond} bytes a second (${ruleWords(fault)})` },
            });
            return pass();
          case 'tls-failure':
            if (!implicitTls) {
              arm({ failTls: fault });
              return pass();
            }
            socket.once('data', () => socket.end(HANDSHAKE_FAILURE));
            setTimeout(() => socket.destroy(), 5000).unref();
            transcript.faultBeforeSession(
              sessionId,
              address,
              port,
              fault,
              `the lab answered the client's TLS hello with a handshake_failure alert (${ruleWords(fault)})`,
            );
            return;
          case 'reply':
            // A reply at connect is refused when the rule is made (it is the greeting stage).
            return pass();
        }
      });
    },
    created(connection) {
      const key = `${connection.remoteAddress}:${connection.remotePort}`;
      const arms = armed.get(key);
      armed.delete(key);
      const state: ConnectionFaults = {
        connection,
        pending: undefined,
        bytesPerSecond: arms?.bytesPerSecond ?? null,
        queue: Promise.resolve(),
        failTls: arms?.failTls,
      };
      connections.set(connection.id, state);
      if (arms) faults.relinkFirings(arms.sessionId, connection.id);
      if (arms?.note) transcript.noteFault(connection.id, arms.note.fault, arms.note.text);
      wrapSend(connection, (send) => (code, data, context) => {
        const pending = state.pending;
        if (pending) {
          state.pending = undefined;
          deliver(state, pending.line.length + 6, () => {
            transcript.markNextReply(connection.id, pending.fault);
            send(pending.code, [pending.line], false);
          });
          return;
        }
        deliver(state, (Array.isArray(data) ? data.join('\r\n') : String(data ?? '')).length + 6, () => send(code, data, context));
      });
      interceptCommands(
        connection,
        ({ verb, line, proceed, done }) => {
          const stage = COMMAND_STAGES[verb];
          if (!stage) return false;
          const helo = stage === 'helo' ? line.slice(verb.length).trim() : undefined;
          let decision = faults.decide(stage, factsOf(connection.session, helo !== undefined ? { helo } : {}));
          if (!decision && stage === 'starttls' && state.failTls) decision = { effect: { kind: 'tls-failure' }, fault: state.failTls };
          if (!decision) return false;
          void onCommand(state, stage, decision, proceed, done);
          return true;
        },
        () => !faults.isEmpty() || state.failTls !== undefined,
      );
    },
    gate(stage, session, extra = {}) {
      const decision = faults.decide(stage, factsOf(session, extra));
      return decision ? act(session.id, decision) : PROCEED;
    },
    closed(sessionId) {
      connections.delete(sessionId);
    },
  };
}
