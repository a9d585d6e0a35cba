// Finds the lab's own record of a send: when the alert sender connects to one of the lab's
// listeners, the session that connection opened (matched by the client's local port), so that a
// test e-mail or an alert links to its SMTP dialogue. The session is recorded when the server
// accepts, a moment before or after the client sees itself connected: both orders are handled.
// Each attempt of a delivery is its own connection, so its own session, with what the lab's fault
// rules injected into it.
import type { LabEngine } from '../../server/engine.js';
import type { SessionSummary } from '../../server/wire/sessions.js';
import type { SendTarget, WatchAttempt } from './delivery-types.js';
import { injectedFaults } from './injected-faults.js';

export type { SendTarget };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface SessionWatch {
  /** Called once, with the session id, as soon as it is known. */
  onSession(listener: (id: string) => void): void;
  /** The sender connected from this local port. */
  connected(localPort: number): void;
  /** Stops watching; the session id, when one was found. */
  finish(): string | undefined;
}

export interface LabSessionFinder {
  /** Whether the target is one of the lab's own listeners. */
  isLab(target: SendTarget): boolean;
  watch(target: SendTarget): SessionWatch;
  /** The delivery's view of it: one attempt's session and what the lab injected into it. */
  watchAttempt: WatchAttempt;
}

export function createLabSessionFinder(engine: Pick<LabEngine, 'host' | 'listeners' | 'sessions'>): LabSessionFinder {
  const isLab = (target: SendTarget) =>
    (LOOPBACK.has(target.host.toLowerCase()) || target.host === engine.host) && engine.listeners().some((l) => l.Port === target.port);
  const watch = (target: SendTarget): SessionWatch => {
    let found: string | undefined;
    let stop = () => {};
    const listeners: Array<(id: string) => void> = [];
    const matches = (s: SessionSummary, port: number) => s.ClientPort === port && s.Listener.Port === target.port;
    return {
      onSession(listener) {
        listeners.push(listener);
      },
      connected(localPort) {
        if (!isLab(target)) return;
        const report = (id: string) => {
          if (found) return;
          found = id;
          stop();
          for (const listener of listeners) listener(id);
        };
        stop = engine.sessions.onEvent((event) => {
          if (event.kind === 'changed' && matches(event.session, localPort)) report(event.session.ID);
        });
        const existing = engine.sessions.list({ limit: 200 }).sessions.find((s) => matches(s, localPort));
        if (existing) report(existing.ID);
      },
      finish() {
        stop();
        return found;
      },
    };
  };
  return {
    isLab,
    watch,
    watchAttempt(target, onSession) {
      const session = watch(target);
      session.onSession(onSession);
      return {
        connected: (localPort) => session.connected(localPort),
        async finish() {
          const sessionId = session.finish();
          if (!sessionId) return { injected: [] };
          return { sessionId, injected: injectedFaults(engine.sessions.get(sessionId)?.Lines ?? []) };
        },
      };
    },
  };
}
