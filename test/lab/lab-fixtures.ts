// A lab server running a TLS profile, with one student account that has an app password, and the
// integration settings that reach its listeners.
import type { IntegrationSettings } from '../../lab/integration/integration-types.js';
import type { LabServerOptions } from '../../server/index.js';
import { startLab } from '../helpers/lab.js';

export const STUDENT = 'student@lab.local';
export const ACCOUNT_PASSWORD = 'correct horse battery';

export async function startAccountLab(options: LabServerOptions = {}) {
  const lab = await startLab(options);
  await lab.accounts.create(STUDENT, ACCOUNT_PASSWORD);
  const { password: appPassword } = await lab.accounts.createAppPassword(STUDENT, 'tests');
  const settings = (overrides: Partial<IntegrationSettings> = {}): IntegrationSettings => ({
    preset: 'lab',
    host: '127.0.0.1',
    port: lab.smtpsPort as number,
    security: 'ssl',
    login: STUDENT,
    password: appPassword,
    fromAddress: STUDENT,
    fromName: 'Alerts',
    ...overrides,
  });
  return Object.assign(lab, { appPassword, settings });
}
