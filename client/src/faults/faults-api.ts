// The Faults panel's calls (/api/lab/faults), typed with the server's own shapes
// (server/wire/faults.ts). Every call goes through the page's one ApiClient, which sends the
// page's Origin with the state-changing ones; a failure is its ApiError (a 400 names each wrong
// field by its path: "effect.code", "attempts.n").
import type { FaultRule, FaultRuleInput, FaultsList } from '../../../server/wire/faults.js';
import type { ApiClient } from '../api/api-client.js';

export interface FaultsApi {
  /** The student's own rules and the lab-wide ones, and the newest firings. */
  list(): Promise<FaultsList>;
  add(input: FaultRuleInput): Promise<FaultRule>;
  setEnabled(id: string, enabled: boolean): Promise<FaultRule>;
  remove(id: string): Promise<void>;
  /** Every rule of the student's own (the lab-wide ones stay). */
  clear(): Promise<void>;
}

const PATH = '/api/lab/faults';

export function createFaultsApi(api: ApiClient): FaultsApi {
  const one = (id: string) => `${PATH}/${encodeURIComponent(id)}`;
  return {
    list: () => api.call<FaultsList>('GET', PATH),
    add: (input) => api.call<FaultRule>('POST', PATH, input),
    // The ApiClient's call() knows no PATCH; json() takes the request as it is.
    setEnabled: (id, enabled) =>
      api.json<FaultRule>(one(id), {
        method: 'PATCH',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ enabled }),
      }),
    async remove(id) {
      await api.call<void>('DELETE', one(id));
    },
    async clear() {
      await api.call<void>('DELETE', PATH);
    },
  };
}
