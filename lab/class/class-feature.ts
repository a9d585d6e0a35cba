// Class mode's instructor side as a feature of the lab server (/api/lab/class/…, a signed-in
// instructor or the CLI's admin token): the class at a glance, the roster import, the class
// report as JSON, CSV and a printable page, and fault rules for one student or the whole class.
// The live page needs nothing new on /api/events — an instructor's subscription already gets
// every student's frames and refetches the overview — except after a roster import, which no
// other frame tells: `class-changed`, to the overseers.
import express, { Router, type Request } from 'express';
import { normalizeAddress } from '../../server/accounts/account-store.js';
import type { LabEngine, LabFeature } from '../../server/engine.js';
import { FaultError } from '../../server/faults/fault-error.js';
import { noStore } from '../../server/http/access.js';
import { endpoint } from '../../server/http/endpoint.js';
import { userError, type HttpError } from '../../server/http/http-error.js';
import { objectBody } from '../../server/http/request-body.js';
import type { FaultScope } from '../../server/wire/faults.js';
import type { ErrorBody } from '../../server/wire/http-errors.js';
import type { AlertLog } from '../objects/alert-log.js';
import type { ScenariosFeature } from '../scenarios/scenarios-feature.js';
import { ClassError, STATUS } from './class-error.js';
import { buildOverview, buildReport, type ClassSources } from './class-overview.js';
import { reportCsv, reportHtml } from './class-report-files.js';
import type { ClassChanged, ClassFaultRequest, ClassOverview, ClassReport, RosterImportResult, RosterInvalid } from './class-wire.js';
import { decodeRoster, MAX_ROSTER_BYTES, parseRoster } from './roster-csv.js';
import { importRoster } from './roster-import.js';

export interface ClassFeature extends LabFeature {
  overview(): ClassOverview;
  report(): ClassReport;
  /** The roster's CSV text: every line checked first, then the accounts created (all or nothing). */
  importRoster(csv: string): Promise<RosterImportResult>;
}

export function classErrorToHttp(err: unknown): HttpError | undefined {
  if (!(err instanceof ClassError)) return undefined;
  return userError(STATUS[err.code], err.code.replace(/-/g, '_'), err.text);
}

/** 400 roster_invalid: the usual error body, each problem also a `fields` entry ("line 3"), and RosterInvalid's problems beside it. */
function rosterInvalidBody(err: ClassError): ErrorBody & RosterInvalid {
  const fields: Record<string, { ru: string; en: string }> = {};
  for (const { line, text } of err.problems) {
    const before = fields[`line ${line}`];
    fields[`line ${line}`] = before ? { ru: `${before.ru}; ${text.ru}`, en: `${before.en}; ${text.en}` } : text;
  }
  return { error: { code: 'roster_invalid', message: err.text.en, text: err.text, fields }, problems: err.problems };
}

const BASE = '/api/lab/class';

export function createClassFeature(engine: LabEngine, deps: { runner: ScenariosFeature['runner']; alerts: Pick<AlertLog, 'list'> }): ClassFeature {
  const sources: ClassSources = { engine, runner: deps.runner, alerts: deps.alerts };
  const overview = () => buildOverview(sources);
  const report = () => buildReport(sources);

  async function rosterImport(csv: string): Promise<RosterImportResult> {
    const parsed = parseRoster(csv);
    if (!parsed.ok) {
      throw new ClassError(
        'roster-invalid',
        {
          ru: `Список не импортирован: ошибок — ${parsed.problems.length}; исправьте их и импортируйте снова (ничего не создано)`,
          en: `The roster was not imported: ${parsed.problems.length} problem(s); fix them and import again (nothing was created)`,
        },
        parsed.problems,
      );
    }
    const result = await importRoster(engine.accounts, parsed.entries);
    if (result.created.length > 0) engine.publish({ Type: 'class-changed', Data: { reason: 'roster' } satisfies ClassChanged }, 'overseers');
    return { ...result, classMode: engine.classMode() };
  }

  const csvOf = (req: Request): string => {
    if (Buffer.isBuffer(req.body)) return decodeRoster(req.body, /charset=["']?([^;"'\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]);
    if (typeof req.body === 'string') return req.body;
    const body = objectBody(req);
    if (typeof body.csv === 'string') return body.csv;
    throw new ClassError('roster-missing', {
      ru: 'Пришлите список как text/csv или JSON {"csv": "имя,адрес\\n…"}',
      en: 'Send the roster as text/csv, or as JSON {"csv": "name,address\\n…"}',
    });
  };

  const studentScope = (given: unknown): FaultScope => {
    if (given === undefined || given === null || given === '') return { kind: 'lab' };
    const address = typeof given === 'string' ? normalizeAddress(given) : '';
    if (engine.accounts.get(address)?.role !== 'student') {
      throw new ClassError('unknown-student', {
        ru: `В группе нет студента «${String(given)}»`,
        en: `There is no student "${String(given)}" in the class`,
      });
    }
    return { kind: 'student', address };
  };

  const router = Router();
  router.use(BASE, noStore, engine.requireInstructor);
  endpoint(router, BASE, { get: (_req, res) => void res.json(overview()) });
  endpoint(router, `${BASE}/roster`, {
    post: [
      // Bytes, not text: a file from a Russian Excel is Windows-1251 and says nothing of it.
      express.raw({ type: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'], limit: MAX_ROSTER_BYTES + 1024 }),
      async (req, res) => {
        try {
          res.status(201).json(await rosterImport(csvOf(req)));
        } catch (err) {
          if (!(err instanceof ClassError) || err.code !== 'roster-invalid') throw err;
          res.status(400).json(rosterInvalidBody(err));
        }
      },
    ],
  });
  endpoint(router, `${BASE}/report`, { get: (_req, res) => void res.json(report()) });
  endpoint(router, `${BASE}/report.json`, { get: (_req, res) => void res.json(report()) });
  endpoint(router, `${BASE}/report.csv`, {
    get: (_req, res) => {
      const body = report();
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="class-report-${body.generatedAt.slice(0, 10)}.csv"`);
      res.send(reportCsv(body));
    },
  });
  endpoint(router, `${BASE}/report.html`, {
    get: (req, res) => {
      const lang = req.query.lang === 'en' ? 'en' : 'ru';
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      // A page of names typed by others: nothing on it runs, nothing is fetched.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.send(reportHtml(report(), lang));
    },
  });
  endpoint(router, `${BASE}/faults`, {
    post: (req, res) => {
      const body = objectBody(req) as ClassFaultRequest;
      const scope = studentScope(body.student);
      const rule = typeof body.rule === 'object' && body.rule !== null && !Array.isArray(body.rule) ? (body.rule as Record<string, unknown>) : undefined;
      if (!rule && typeof body.preset !== 'string') {
        throw new ClassError('fault-missing', {
          ru: 'Укажите заготовку сбоя (preset, например greylisting) или правило (rule)',
          en: 'Give a fault preset (preset, e.g. greylisting) or a rule (rule)',
        });
      }
      const input = { ...(rule ?? {}), ...(typeof body.preset === 'string' ? { preset: body.preset } : {}) };
      // No addedFrom: the instructor's own address must not make the rule reach the instructor's sessions.
      res.status(201).json(engine.faults.add(input, scope));
    },
  });
  endpoint(router, `${BASE}/faults/:id`, {
    delete: (req, res) => {
      const rule = engine.faults.get(String(req.params.id));
      if (!rule) throw new FaultError('fault_not_found');
      if (rule.scope.kind === 'test') {
        throw new ClassError('fault-not-class', {
          ru: 'Это правило тестового прогона, а не группы: его снимает тот, кто добавил',
          en: "This rule is a test run's, not the class's: whoever added it removes it",
        });
      }
      engine.faults.remove(rule.id);
      res.status(204).end();
    },
  });

  return {
    routers: [router],
    errorTranslator: classErrorToHttp,
    overview,
    report,
    importRoster: rosterImport,
    async close() {},
  };
}
