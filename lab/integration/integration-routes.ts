// The signed-in account's SMTP integration (the practical work's Integrations → SMTP form) and
// its test e-mail. The password is write-only: saved, used to send, never sent back.
import { Router } from 'express';
import { localPartLoginOf } from '../../server/accounts/login-lookup.js';
import type { LabEngine } from '../../server/engine.js';
import { noStore } from '../../server/http/access.js';
import { endpoint } from '../../server/http/endpoint.js';
import { userError } from '../../server/http/http-error.js';
import { objectBody } from '../../server/http/request-body.js';
import { sendMail, type SendOptions } from '../sender/alert-sender.js';
import { createLabSessionFinder } from '../sender/lab-session-finder.js';
import type { IntegrationStore } from './integration-store.js';
import type { IntegrationSettings } from './integration-types.js';
import { labPreset, PROVIDER_PRESETS } from './presets.js';
import { TEST_STREAM_TYPE, type TestStreamEvent } from './test-stream.js';
import { integrationView, validateIntegration, validateTestMail, type TestMailLanguage } from './validation.js';

export interface IntegrationRoutesDeps {
  engine: LabEngine;
  integrations: IntegrationStore;
  sendOptions?: Omit<SendOptions, 'labCertificate'>;
}

const INVALID_FIELDS = { ru: 'Исправьте отмеченные поля', en: 'Fix the fields marked' };

/** The test mail's default subject and body follow the page's language, else the browser's. */
function testMailLanguage(explicit: unknown, acceptLanguage: string | undefined): TestMailLanguage {
  if (explicit === 'ru' || explicit === 'en') return explicit;
  return /^\s*ru\b/i.test(acceptLanguage ?? '') ? 'ru' : 'en';
}

export function integrationRoutes({ engine, integrations, sendOptions }: IntegrationRoutesDeps): Router {
  const router = Router();
  const signedIn = engine.requireAccount;
  const finder = createLabSessionFinder(engine);
  const owner = (res: { locals: Record<string, unknown> }) => res.locals.address as string;
  router.use('/api/lab/integration', noStore);

  const currentLabPreset = () =>
    labPreset({ host: engine.host, port: engine.listeners().find((l) => l.Security === 'implicit-tls')?.Port ?? 1465, profile: engine.profile });

  /**
   * After a refused sign-in at one of the lab's own listeners that checks accounts: whether the
   * login names an account (undefined anywhere else: only the lab knows its accounts).
   */
  const loginExistsAtLab = (settings: IntegrationSettings, login: string): boolean | undefined => {
    if (!finder.isLab(settings)) return undefined;
    const listener = engine.listeners().find((l) => l.Port === settings.port);
    if (!listener || listener.Profile === 'open') return undefined;
    return engine.accounts.hasLogin(login, { localPartLogin: localPartLoginOf(listener.Profile) });
  };

  endpoint(router, '/api/lab/integration/presets', {
    get: (_req, res) => void res.json({ presets: [...PROVIDER_PRESETS, currentLabPreset()] }),
  });

  endpoint(router, '/api/lab/integration', {
    get: [
      signedIn,
      (_req, res) => {
        const saved = integrations.get(owner(res));
        res.json({ integration: saved ? integrationView(saved) : null });
      },
    ],
    put: [
      signedIn,
      async (req, res) => {
        const saved = integrations.get(owner(res));
        const result = validateIntegration(objectBody(req), saved ? { savedPassword: saved.password } : {});
        if (!result.ok) throw userError(400, 'invalid_fields', INVALID_FIELDS, result.errors);
        await integrations.set(owner(res), result.value);
        res.json({ integration: integrationView(result.value) });
      },
    ],
  });

  endpoint(router, '/api/lab/integration/test', {
    post: [
      signedIn,
      async (req, res) => {
        const settings = integrations.get(owner(res));
        if (!settings) {
          throw userError(409, 'integration_not_saved', {
            ru: 'Сначала заполните и сохраните настройки интеграции SMTP',
            en: 'Fill in and save the SMTP integration first',
          });
        }
        const body = objectBody(req);
        const mail = validateTestMail(body, testMailLanguage(body.lang, req.headers['accept-language']));
        if (!mail.ok) throw userError(400, 'invalid_fields', INVALID_FIELDS, mail.errors);
        const watch = finder.watch(settings);
        // With Accept: application/x-ndjson the attempt is streamed as it happens, so that the
        // Lab page shows the dialogue live; otherwise one JSON answer at the end.
        const stream = (req.headers.accept ?? '').includes(TEST_STREAM_TYPE);
        const emit = (event: TestStreamEvent) => {
          if (stream && !res.writableEnded) res.write(JSON.stringify(event) + '\n');
        };
        if (stream) {
          res.status(200).type(TEST_STREAM_TYPE);
          res.flushHeaders();
          watch.onSession((sessionId) => emit({ type: 'session', sessionId }));
        }
        const { localPort: _port, ...result } = await sendMail(settings, mail.value, {
          loginExists: (login) => loginExistsAtLab(settings, login),
          ...sendOptions,
          labCertificate: engine.certificate,
          onClientLine: (line) => emit({ type: 'client', line }),
          onConnected: (localPort) => watch.connected(localPort),
        });
        const sessionId = watch.finish();
        const answer = { ...result, ...(sessionId ? { sessionId } : {}) };
        if (stream) {
          emit({ type: 'result', result: answer });
          res.end();
        } else {
          res.json(answer);
        }
      },
    ],
  });

  return router;
}
