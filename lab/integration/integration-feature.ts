// The practical work's SMTP integration as a feature of the lab server: where each account's
// settings are kept, and their routes (the form, the presets, the test e-mail).
import type { LabEngine, LabFeature } from '../../server/engine.js';
import type { IntegrationRoutesDeps } from './integration-routes.js';
import { integrationRoutes } from './integration-routes.js';
import { createIntegrationStore, type IntegrationStore } from './integration-store.js';
import { createTestLog, type TestLog } from './test-log.js';

export interface IntegrationFeature extends LabFeature {
  integrations: IntegrationStore;
  /** Each account's test e-mails and how they went (the scenarios check them). */
  testLog: TestLog;
}

export async function createIntegrationFeature(engine: LabEngine, sendOptions?: IntegrationRoutesDeps['sendOptions']): Promise<IntegrationFeature> {
  const integrations = await createIntegrationStore({
    ...(engine.dataDir ? { dataDir: engine.dataDir } : {}),
    warn: (message) => engine.log('warn', message),
  });
  // A test e-mail waiting to retry when the lab stops stops waiting, and answers with what it has.
  const stopping = new AbortController();
  const testLog = createTestLog();
  return {
    integrations,
    testLog,
    routers: [integrationRoutes({ engine, integrations, signal: stopping.signal, testLog, ...(sendOptions ? { sendOptions } : {}) })],
    close: () => {
      stopping.abort();
      return integrations.close();
    },
  };
}
