// What `smtp-lab send-test` asks the running lab when the integration points at one of its
// listeners (over loopback, with the admin token): whether a login has an account, and each
// attempt's session with what the lab's fault rules injected into it — what the lab's own routes
// read in-process (lab-session-finder.ts). Every question may go unanswered: the send goes on.
import { loginKnown } from '../../server/accounts/login-lookup.js';
import { adminRequest, type RunningLab } from '../../server/cli/kit/running-lab.js';
import type { DialogueLine } from '../../server/wire/sessions.js';
import type { IntegrationSettings } from '../integration/integration-types.js';
import type { SendTarget, WatchAttempt } from './delivery-types.js';
import { injectedFaults } from './injected-faults.js';

interface LabListener {
  Port: number;
  Profile: string;
}

/** The running lab's listener the target is, if it is one. */
async function labListener(running: RunningLab, target: SendTarget): Promise<LabListener | undefined> {
  if (running.state !== 'running') return undefined;
  const labHosts = ['localhost', '127.0.0.1', '::1', new URL(running.admin.url).hostname];
  if (!labHosts.includes(target.host)) return undefined;
  const info = await adminRequest(running.admin, 'GET', '/api/v1/info');
  const listeners: LabListener[] = info.body?.Lab?.Listeners ?? [];
  return listeners.find((l) => l.Port === target.port);
}

/**
 * After a refused sign-in at one of the lab's own listeners: whether the lab has an account for
 * the login (the lab can tell; a real provider never does). Undefined when not known.
 */
export async function loginExistsAtLab(running: RunningLab, settings: IntegrationSettings, login: string): Promise<boolean | undefined> {
  try {
    const listener = await labListener(running, settings);
    if (!listener || listener.Profile === 'open' || running.state !== 'running') return undefined;
    const list = await adminRequest(running.admin, 'GET', '/api/lab/admin/accounts');
    if (list.status !== 200 || !Array.isArray(list.body?.accounts)) return undefined;
    return loginKnown(
      login,
      (list.body.accounts as Array<{ address: string }>).map((a) => a.address),
      listener.Profile,
    );
  } catch {
    return undefined;
  }
}

/** The lab's session of the connection from this local port, when the target is one of its listeners. */
async function labSessionId(running: RunningLab, target: SendTarget, localPort: number | undefined): Promise<string | undefined> {
  if (running.state !== 'running' || localPort === undefined) return undefined;
  if (!(await labListener(running, target))) return undefined;
  const list = await adminRequest(running.admin, 'GET', '/api/lab/sessions?limit=200');
  const sessions: Array<{ ID: string; ClientPort: number; Listener: { Port: number } }> = list.body?.sessions ?? [];
  return sessions.find((s) => s.ClientPort === localPort && s.Listener.Port === target.port)?.ID;
}

/** Each attempt's session, and what the lab injected into it, asked after the attempt. */
export function attemptsOverHttp(running: RunningLab): WatchAttempt {
  return (target, onSession) => {
    let localPort: number | undefined;
    return {
      connected(port) {
        localPort = port;
      },
      async finish() {
        try {
          const sessionId = await labSessionId(running, target, localPort);
          if (!sessionId || running.state !== 'running') return { injected: [] };
          onSession(sessionId);
          const record = await adminRequest(running.admin, 'GET', `/api/lab/sessions/${encodeURIComponent(sessionId)}`);
          const lines: DialogueLine[] = Array.isArray(record.body?.Lines) ? record.body.Lines : [];
          return { sessionId, injected: injectedFaults(lines) };
        } catch {
          return { injected: [] };
        }
      },
    };
  };
}
