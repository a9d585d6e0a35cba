// The signed-in account's SMTP integration (the practical work's Integrations → SMTP form) and
// its test e-mail. The password is write-only: saved, used to send, never sent back.
import { Router } from 'express';
import { localPartLoginOf } from '../../server/accounts/login-lookup.js';
import type { LabEngine } from '../../server/engine.js';
import { noStore } from '../../server/http/access.js';
import { endpoint } from '../../server/http/endpoint.js';
import { userError } from '../../server/http/http-error.js';
import { objectBody } from '../../server/http/request-body.js';
import type { SendOptions } from '../sender/alert-sender.js';
import { deliverMail, type DeliveryOptions } from '../sender/delivery.js';
import type { DeliveryEvent } from '../sender/delivery-types.js';
import { createLabSessionFinder } from '../sender/lab-session-finder.js';
import type { IntegrationStore } from './integration-store.js';
import type { IntegrationSettings } from './integration-types.js';
import { labPreset, PROVIDER_PRESETS } from './presets.js';
import { TEST_STREAM_TYPE, type TestStreamEvent } from './test-stream.js';
import { readTestRecord, testRecordOf, type TestLog } from './test-log.js';
import { integrationView, validateIntegration, validateTestMail, type TestMailLanguage } from './validation.js';

export interface IntegrationRoutesDeps {
  engine: LabEngine;
  integrations: IntegrationStore;
  sendOptions?: Omit<SendOptions, 'labCertificate'> & Pick<DeliveryOptions, 'policy'>;
  /** Aborted when the lab stops: a test e-mail waiting to retry stops waiting. */
  signal?: AbortSignal;
  /** Where each test e-mail's outcome is kept (the scenarios check it). */
  testLog: TestLog;
}

const INVALID_FIELDS = { ru: 'Исправьте отмеченные поля', en: 'Fix the fields marked' };

/** The test mail's default subject and body follow the page's language, else the browser's. */
function testMailLanguage(explicit: unknown, acceptLanguage: string | undefined): TestMailLanguage {
  if (explicit === 'ru' || explicit === 'en') return explicit;
  return /^\s*ru\b/i.test(acceptLanguage ?? '') ? 'ru' : 'en';
}

/** A delivery's events as the stream's lines. */
function streamEvent(event: DeliveryEvent): TestStreamEvent {
  switch (event.kind) {
    case 'attempt-start':
      return { type: 'attempt-start', attempt: event.n, of: event.of, at: event.at };
    case 'client-line':
      return { type: 'client', line: event.line, attempt: event.n };
    case 'session':
      return { type: 'session', sessionId: event.sessionId, attempt: event.n };
    case 'attempt-end':
      return { type: 'attempt', attempt: event.attempt, recipients: event.recipients };
  }
}

export function integrationRoutes({ engine, integrations, sendOptions, signal, testLog }: IntegrationRoutesDeps): Router {
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
        // With Accept: application/x-ndjson the attempts are streamed as they happen, so that the
        // Lab page shows each dialogue live and counts down to a retry; otherwise one JSON answer.
        const stream = (req.headers.accept ?? '').includes(TEST_STREAM_TYPE);
        const emit = (event: TestStreamEvent) => {
          if (stream && !res.writableEnded) res.write(JSON.stringify(event) + '\n');
        };
        if (stream) {
          res.status(200).type(TEST_STREAM_TYPE);
          res.flushHeaders();
        }
        // The student left (the page closed, the request cancelled): no more waiting to retry.
        const gone = new AbortController();
        res.on('close', () => gone.abort());
        const answer = await deliverMail(settings, mail.value, {
          loginExists: (login) => loginExistsAtLab(settings, login),
          ...sendOptions,
          labCertificate: engine.certificate,
          signal: signal ? AbortSignal.any([signal, gone.signal]) : gone.signal,
          watchAttempt: finder.watchAttempt,
          onEvent: (event) => emit(streamEvent(event)),
        });
        testLog.add(owner(res), testRecordOf(answer, Date.now()));
        if (stream) {
          emit({ type: 'result', result: answer });
          res.end();
        } else {
          res.json(answer);
        }
      },
    ],
  });

  // `smtp-lab send-test` sends from the terminal; it tells the running lab how it went.
  endpoint(router, '/api/lab/admin/test-log', {
    post: [
      engine.adminOnly,
      (req, res) => {
        const read = readTestRecord(objectBody(req));
        if (!read) throw userError(400, 'invalid_test_record', { ru: 'Запись о тестовом письме неверна', en: 'The test e-mail record is wrong' });
        res.status(201).json(testLog.add(read.owner, read.record));
      },
    ],
  });

  return router;
}
