// The Scenarios panel's calls (/api/lab/scenarios), typed with the runner's own shapes
// (lab/scenarios/scenario-types.ts). The server picks the student: the signed-in lab account, or
// "local", the one person at this computer, when the page is not signed in.
import type { ScenarioCatalogue, ScenarioProgress, ScenarioReport } from '../../../lab/scenarios/scenario-types.js';
import type { ApiClient } from '../api/api-client.js';

export const REPORT_PATH = '/api/lab/scenarios/report';

export interface ScenariosApi {
  catalogue(): Promise<ScenarioCatalogue>;
  /** Starts (or starts again) a scenario: its setup applied, its steps pending. 409 needs_account without a sign-in for one that needs it. */
  start(id: string): Promise<ScenarioProgress>;
  /** Stops it: its setup undone, its progress forgotten. */
  reset(id: string): Promise<void>;
  report(): Promise<ScenarioReport>;
}

export function createScenariosApi(api: ApiClient): ScenariosApi {
  const one = (id: string) => `/api/lab/scenarios/${encodeURIComponent(id)}`;
  return {
    catalogue: () => api.json<ScenarioCatalogue>('/api/lab/scenarios'),
    start: (id) => api.call<ScenarioProgress>('POST', `${one(id)}/start`),
    async reset(id) {
      await api.call<void>('POST', `${one(id)}/reset`);
    },
    report: () => api.json<ScenarioReport>(REPORT_PATH),
  };
}
