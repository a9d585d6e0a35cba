// The signed-in account's SMTP integration (the practical work's Integrations → SMTP form) and
// its test e-mail. The password is write-only: saved, used to send, never sent back.
import { Router } from 'express';
import type { IntegrationSettings } from '../../../lab/integration/integration-types.js';
import { labPreset, PROVIDER_PRESETS } from '../../../lab/integration/presets.js';
import { integrationView, validateIntegration, validateTestMail, type TestMailLanguage } from '../../../lab/integration/validation.js';
import { sendMail, type SendOptions } from '../../../lab/sender/alert-sender.js';
import type { AccountStore } from '../../accounts/account-store.js';
import type { WebSessions } from '../../accounts/web-sessions.js';
import type { SessionStore } from '../../sessions/session-store.js';
import type { ListenerInfo, SessionSummary } from '../../sessions/wire-types.js';
import { localPartLoginOf } from '../../accounts/login-lookup.js';
import { bodyOf, INVALID_FIELDS, noStore, requireAccount, sendError } from './account-http.js';

/** The test mail's default subject and body follow the page's language, else the browser's. */
function testMailLanguage(explicit: unknown, acceptLanguage: string | undefined): TestMailLanguage {
  if (explicit === 'ru' || explicit === 'en') return explicit;
  return /^\s*ru\b/i.test(acceptLanguage ?? '') ? 'ru' : 'en';
}

export interface IntegrationRoutesDeps {
  accounts: AccountStore;
  webSessions: WebSessions;
  sessions: SessionStore;
  /** The lab's certificate (PEM), trusted by the lab preset. */
  certificate: string;
  /** The address the lab's listeners are reached at. */
  host: string;
  listeners: () => ListenerInfo[];
  /** The profile of the TLS listeners. */
  profile: string;
  sendOptions?: Omit<SendOptions, 'labCertificate'>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function integrationRoutes(deps: IntegrationRoutesDeps): Router {
  const { accounts } = deps;
  const router = Router();
  const signedIn = requireAccount(deps.webSessions);
  router.use('/api/lab/integration', noStore);

  const currentLabPreset = () =>
    labPreset({
      host: deps.host,
      port: deps.listeners().find((l) => l.Security === 'implicit-tls')?.Port ?? 1465,
      profile: deps.profile,
    });

  /**
   * After a refused sign-in at one of the lab's own listeners that checks accounts: whether the
   * login names an account (undefined anywhere else: only the lab knows its accounts).
   */
  const loginExistsAtLab = (settings: IntegrationSettings, login: string): boolean | undefined => {
    if (!isLabTarget(settings)) return undefined;
    const listener = deps.listeners().find((l) => l.Port === settings.port);
    if (!listener || listener.Profile === 'open') return undefined;
    return accounts.hasLogin(login, { localPartLogin: localPartLoginOf(listener.Profile) });
  };

  const isLabTarget = (settings: IntegrationSettings): boolean =>
    (LOOPBACK.has(settings.host.toLowerCase()) || settings.host === deps.host) && deps.listeners().some((l) => l.Port === settings.port);

  /**
   * Finds the lab session a send opens, by its client port: the session is recorded when the
   * server accepts, a moment before or after the client sees itself connected.
   */
  const watchLabSession = (settings: IntegrationSettings) => {
    let found: string | undefined;
    let stop = () => {};
    const listeners: Array<(id: string) => void> = [];
    const matches = (s: SessionSummary, port: number) => s.ClientPort === port && s.Listener.Port === settings.port;
    return {
      onSession(listener: (id: string) => void) {
        listeners.push(listener);
      },
      connected(localPort: number) {
        if (!isLabTarget(settings)) return;
        const report = (id: string) => {
          if (found) return;
          found = id;
          stop();
          for (const listener of listeners) listener(id);
        };
        stop = deps.sessions.onEvent((event) => {
          if (event.kind === 'changed' && matches(event.session, localPort)) report(event.session.ID);
        });
        const existing = deps.sessions.list({ limit: 200 }).sessions.find((s) => matches(s, localPort));
        if (existing) report(existing.ID);
      },
      finish(): string | undefined {
        stop();
        return found;
      },
    };
  };

  router.get('/api/lab/integration/presets', (_req, res) => {
    res.json({ presets: [...PROVIDER_PRESETS, currentLabPreset()] });
  });

  router.get('/api/lab/integration', signedIn, (_req, res) => {
    const saved = accounts.getIntegration(res.locals.address as string);
    res.json({ integration: saved ? integrationView(saved) : null });
  });

  router.put('/api/lab/integration', signedIn, async (req, res) => {
    const address = res.locals.address as string;
    const saved = accounts.getIntegration(address);
    const result = validateIntegration(bodyOf(req), saved ? { savedPassword: saved.password } : {});
    if (!result.ok) {
      sendError(res, 400, 'invalid_fields', INVALID_FIELDS, result.errors);
      return;
    }
    await accounts.setIntegration(address, result.value);
    res.json({ integration: integrationView(result.value) });
  });

  router.post('/api/lab/integration/test', signedIn, async (req, res) => {
    const settings = accounts.getIntegration(res.locals.address as string);
    if (!settings) {
      sendError(res, 409, 'integration_not_saved', {
        ru: 'Сначала заполните и сохраните настройки интеграции SMTP',
        en: 'Fill in and save the SMTP integration first',
      });
      return;
    }
    const body = bodyOf(req);
    const mail = validateTestMail(body, testMailLanguage(body.lang, req.headers['accept-language']));
    if (!mail.ok) {
      sendError(res, 400, 'invalid_fields', INVALID_FIELDS, mail.errors);
      return;
    }
    const watcher = watchLabSession(settings);
    // With Accept: application/x-ndjson the attempt is streamed as it happens (the client's
    // lines, then the lab's session id as soon as the server has it, then the result), so that
    // the Lab page shows the dialogue live; otherwise one JSON answer at the end.
    const stream = (req.headers.accept ?? '').includes('application/x-ndjson');
    const emit = (event: object) => {
      if (stream && !res.writableEnded) res.write(JSON.stringify(event) + '\n');
    };
    if (stream) {
      res.status(200).type('application/x-ndjson');
      res.flushHeaders();
      watcher.onSession((sessionId) => emit({ type: 'session', sessionId }));
    }
    const { localPort: _port, ...result } = await sendMail(settings, mail.value, {
      loginExists: (login) => loginExistsAtLab(settings, login),
      ...deps.sendOptions,
      labCertificate: deps.certificate,
      onClientLine: (line) => emit({ type: 'client', line }),
      onConnected: (localPort) => watcher.connected(localPort),
    });
    const sessionId = watcher.finish();
    const answer = { ...result, ...(sessionId ? { sessionId } : {}) };
    if (stream) {
      emit({ type: 'result', result: answer });
      res.end();
    } else {
      res.json(answer);
    }
  });

  return router;
}
