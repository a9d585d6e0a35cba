// The practical work's SMTP integration as a feature of the lab server: where each account's
// settings are kept, and their routes (the form, the presets, the test e-mail).
import type { LabEngine, LabFeature } from '../../server/engine.js';
import type { SendOptions } from '../sender/alert-sender.js';
import { integrationRoutes } from './integration-routes.js';
import { createIntegrationStore, type IntegrationStore } from './integration-store.js';

export interface IntegrationFeature extends LabFeature {
  integrations: IntegrationStore;
}

export async function createIntegrationFeature(engine: LabEngine, sendOptions?: Omit<SendOptions, 'labCertificate'>): Promise<IntegrationFeature> {
  const integrations = await createIntegrationStore({
    ...(engine.dataDir ? { dataDir: engine.dataDir } : {}),
    warn: (message) => engine.log('warn', message),
  });
  return {
    integrations,
    routers: [integrationRoutes({ engine, integrations, ...(sendOptions ? { sendOptions } : {}) })],
    close: () => integrations.close(),
  };
}
