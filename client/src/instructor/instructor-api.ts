// The Instructor page's calls (/api/lab/class/…, lab/class/class-wire.ts), through the page's one
// ApiClient; a failure is its ApiError. A roster the server refuses (400 roster_invalid) is an
// answer, not a failure: its problems, line by line. They come beside the body's `error`, which
// the ApiClient's error does not keep, so that one call reads its answer itself (same origin,
// the same cookie, the same window fetch).
import type { ClassFaultRequest, ClassOverview, RosterImportResult, RosterProblem } from '../../../lab/class/class-wire.js';
import type { Bilingual } from '../../../server/wire/bilingual.js';
import type { FaultRule } from '../../../server/wire/faults.js';
import type { ApiClient, ApiError } from '../api/api-client.js';
import { apiErrorOf } from '../api/api-error.js';

export const CLASS_PATH = '/api/lab/class';
export const REPORT_PATHS = { html: `${CLASS_PATH}/report.html`, csv: `${CLASS_PATH}/report.csv`, json: `${CLASS_PATH}/report.json` } as const;

export interface FaultPresetInfo {
  id: string;
  name: Bilingual;
}

export type RosterOutcome = { kind: 'imported'; result: RosterImportResult } | { kind: 'invalid'; problems: RosterProblem[] };

const isProblem = (value: unknown): value is RosterProblem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RosterProblem).line === 'number' &&
  typeof (value as RosterProblem).text?.ru === 'string' &&
  typeof (value as RosterProblem).text?.en === 'string';

/** The problems of a 400 roster_invalid body: `problems` beside `error`; else its `error.fields` ("line 3"). */
export function rosterProblems(body: unknown, err: ApiError): RosterProblem[] {
  const given = (body as { problems?: unknown } | null)?.problems;
  if (Array.isArray(given)) return given.filter(isProblem);
  return Object.entries(err.fields)
    .map(([key, text]) => ({ line: Number(/^line (\d+)$/.exec(key)?.[1] ?? NaN), text }))
    .filter((p) => Number.isInteger(p.line))
    .sort((a, b) => a.line - b.line);
}

export interface InstructorApi {
  overview(): Promise<ClassOverview>;
  importRoster(csv: string): Promise<RosterOutcome>;
  addFault(request: ClassFaultRequest): Promise<FaultRule>;
  removeFault(id: string): Promise<void>;
  presets(): Promise<FaultPresetInfo[]>;
}

export function createInstructorApi(api: ApiClient, base = ''): InstructorApi {
  return {
    overview: () => api.json<ClassOverview>(CLASS_PATH),
    async importRoster(csv) {
      const res = await fetch(`${base}${CLASS_PATH}/roster`, {
        method: 'POST',
        cache: 'no-store',
        headers: { Accept: 'application/json', 'Content-Type': 'text/csv; charset=utf-8' },
        body: csv,
      });
      if (res.ok) return { kind: 'imported', result: (await res.json()) as RosterImportResult };
      const err = await apiErrorOf(res.clone());
      if (err.code !== 'roster_invalid') throw err;
      const body: unknown = await res.json().catch(() => null);
      return { kind: 'invalid', problems: rosterProblems(body, err) };
    },
    addFault: (request) => api.call<FaultRule>('POST', `${CLASS_PATH}/faults`, request),
    async removeFault(id) {
      await api.call<void>('DELETE', `${CLASS_PATH}/faults/${encodeURIComponent(id)}`);
    },
    presets: async () => (await api.json<{ presets: FaultPresetInfo[] }>('/api/lab/faults/presets')).presets,
  };
}
