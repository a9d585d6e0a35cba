// The lab scenarios as a feature of the lab server: the catalogue read from scenarios/*.yaml, the
// runner fed with what the engine and the other features recorded for each student, the routes
// of the browser's panel and of the CLI, and `scenario-progress` on the live stream.
import { ownerAudience } from '../../server/live/event-hub.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import { findPackageInfo } from '../../server/common/package-info.js';
import type { LabEngine, LabFeature } from '../../server/engine.js';
import { parseFaultSpec } from '../../server/faults/fault-spec.js';
import { endpoint } from '../../server/http/endpoint.js';
import { HttpError, userError } from '../../server/http/http-error.js';
import type { SessionRecord } from '../../server/wire/sessions.js';
import { sendEmailActions } from '../automaton/authoring.js';
import type { IntegrationStore } from '../integration/integration-store.js';
import type { TestLog } from '../integration/test-log.js';
import type { AutomatonLibrary } from '../objects/automaton-library.js';
import type { ObjectRegistry } from '../objects/object-registry.js';
import type { StudentRecords } from './evaluate-step.js';
import { readScenarioDir } from './scenario-file.js';
import { createScenarioRunner, LOCAL_STUDENT, ScenarioError, type ScenarioRunner, type ScenarioWorld } from './scenario-runner.js';
import type { ScenarioCatalogue, ScenarioProgress, ScenarioReport } from './scenario-types.js';

export interface ScenariosFeature extends LabFeature {
  runner: ScenarioRunner;
}

const MAX_SESSIONS = 500;

const STATUS: Record<ScenarioError['code'], number> = { 'unknown-scenario': 404, 'not-started': 409, 'needs-account': 409, 'setup-failed': 500 };

export function scenarioErrorToHttp(err: unknown): HttpError | undefined {
  return err instanceof ScenarioError ? userError(STATUS[err.code], err.code.replace(/-/g, '_'), err.text) : undefined;
}

export async function createScenariosFeature(
  engine: LabEngine,
  deps: { integrations: IntegrationStore; testLog: TestLog; library: AutomatonLibrary; registry: ObjectRegistry; scenariosDir?: string },
): Promise<ScenariosFeature> {
  const { root } = findPackageInfo();
  const scenarios = await readScenarioDir(deps.scenariosDir ?? join(root, 'scenarios'));
  const mine = (owner: string, student: string) => student === LOCAL_STUDENT || owner.toLowerCase() === student.toLowerCase();

  const world: ScenarioWorld = {
    records(student, since): StudentRecords {
      const testEmails = deps.testLog.list(student).filter((t) => t.at >= since);
      const alerts = deps.registry.alerts.list(student === LOCAL_STUDENT ? {} : { owner: student }).filter((a) => a.startedAt >= since);
      // The lab's own sends (test e-mails, alerts) are not the student's dialogues.
      const labMade = new Set([...testEmails.flatMap((t) => t.sessionIds), ...alerts.map((a) => a.sessionId).filter((id): id is string => id !== null)]);
      const sessions: Readonly<SessionRecord>[] = [];
      // In a class a student's dialogues are the sessions of the student's inbox, nobody else's.
      const inbox = engine.classMode() && student !== LOCAL_STUDENT ? { inbox: student.toLowerCase() } : {};
      for (const summary of engine.sessions.list({ limit: MAX_SESSIONS, ...inbox }).sessions) {
        if (Date.parse(summary.Started) < since) break;
        if (labMade.has(summary.ID) || (summary.User !== null && !mine(summary.User, student))) continue;
        const record = engine.sessions.get(summary.ID);
        if (record && record.Lines.some((l) => l.Dir === 'C')) sessions.push(record);
      }
      sessions.reverse();
      const account = student === LOCAL_STUDENT ? null : engine.accounts.get(student);
      const integration = student === LOCAL_STUDENT ? null : deps.integrations.get(student);
      const emailStates = deps.library
        .automatons()
        .filter((a) => mine(a.owner, student))
        .flatMap((a) => sendEmailActions(a.automaton).map((x) => a.automaton.states.find((s) => s.id === x.stateId)?.name ?? x.stateId));
      const objects = deps.registry.list(student === LOCAL_STUDENT ? {} : { owner: student }).map((o) => ({
        id: o.id,
        source: o.source,
        telemetry: deps.registry.log(o.id).entries.filter((e) => e.kind === 'telemetry' && e.time >= since),
      }));
      return {
        sessions,
        account: account ? { appPasswords: account.appPasswords.length } : null,
        integration: integration ? { security: integration.security, preset: integration.preset } : null,
        testEmails,
        emailStates: [...new Set(emailStates)],
        alerts,
        objects,
        passedAt: {},
      };
    },
    hasAccount: (student) => engine.accounts.get(student) !== undefined,
    async setUp(scenario, student, scope) {
      const ruleIds: string[] = [];
      for (const spec of scenario.setup.faults ?? []) {
        const parsed = parseFaultSpec(spec);
        if (!parsed.ok) throw new ScenarioError('setup-failed', parsed.problem);
        ruleIds.push(engine.faults.add({ name: `${scenario.id}: ${spec}`, ...parsed.input }, scope, { addedFrom: '127.0.0.1' }).id);
      }
      if (scenario.setup.automaton) {
        const examples = join(root, 'lab', 'automaton', 'examples');
        const owner = student === LOCAL_STUDENT ? 'cli' : student;
        const have = deps.library.automatons().some((a) => a.owner === owner && a.fileName === scenario.setup.automaton);
        if (!have) await deps.library.addAutomaton(await readFile(join(examples, scenario.setup.automaton), 'utf8'), scenario.setup.automaton, owner);
        if (scenario.setup.model && !deps.library.models().some((m) => m.owner === owner && m.fileName === scenario.setup.model))
          await deps.library.addModel(await readFile(join(examples, scenario.setup.model), 'utf8'), scenario.setup.model, owner);
      }
      return { undo: () => ruleIds.forEach((id) => engine.faults.remove(id)) };
    },
  };

  const runner = createScenarioRunner({
    scenarios,
    world,
    onProgress: (progress) => engine.publish({ Type: 'scenario-progress', Data: progress }, ownerAudience(progress.student)),
    onReset: (student, scenarioId) => engine.publish({ Type: 'scenario-reset', Data: { scenarioId, student } }, ownerAudience(student)),
  });
  const unsubscribe = [engine.sessions.onEvent(() => runner.recordsChanged()), deps.testLog.onRecord(() => runner.recordsChanged())];
  // Objects and their alerts have no hook here: the runner's ticker looks every second while a scenario runs.
  const ticker = setInterval(() => runner.recordsChanged(), 1000);
  ticker.unref();

  const catalogue = (student: string): ScenarioCatalogue => {
    const progress = new Map(runner.progress(student).map((p) => [p.scenarioId, runner.check(student, p.scenarioId) ?? p]));
    return { student, scenarios: scenarios.map((scenario) => ({ scenario, progress: progress.get(scenario.id) ?? null })) };
  };
  const report = (student: string): ScenarioReport => ({
    student,
    generatedAt: new Date().toISOString(),
    scenarios: scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      progress: runner.check(student, s.id) ?? null,
      steps: s.steps.map((step) => ({ id: step.id, title: step.title })),
    })),
  });

  const router = Router();
  // The signed-in account, or the one person at this computer (a by-hand dialogue needs no account).
  const studentOf = (req: Request, res: Response): Promise<string> =>
    new Promise((resolve) => engine.requireAccount(req, res, (err?: unknown) => resolve(err ? LOCAL_STUDENT : (res.locals.address as string))));
  const adminStudent = (req: Request) => (typeof req.query.student === 'string' && req.query.student !== '' ? req.query.student : LOCAL_STUDENT);
  for (const [base, who, guard] of [
    ['/api/lab/scenarios', studentOf, []],
    ['/api/lab/admin/scenarios', (req: Request) => Promise.resolve(adminStudent(req)), [engine.adminOnly]],
  ] as const) {
    endpoint(router, base, { get: [...guard, async (req, res) => void res.json(catalogue(await who(req, res)))] });
    endpoint(router, `${base}/report`, { get: [...guard, async (req, res) => void res.json(report(await who(req, res)))] });
    endpoint(router, `${base}/:id`, {
      get: [
        ...guard,
        async (req, res) => {
          const student = await who(req, res);
          const progress: ScenarioProgress | null = runner.check(student, String(req.params.id)) ?? null;
          res.json({ scenario: runner.scenario(String(req.params.id)), progress });
        },
      ],
    });
    endpoint(router, `${base}/:id/start`, {
      post: [...guard, async (req, res) => void res.status(201).json(await runner.start(await who(req, res), String(req.params.id)))],
    });
    endpoint(router, `${base}/:id/reset`, {
      post: [
        ...guard,
        async (req, res) => {
          runner.reset(await who(req, res), String(req.params.id));
          res.status(204).end();
        },
      ],
    });
  }

  return {
    runner,
    routers: [router],
    errorTranslator: scenarioErrorToHttp,
    async close() {
      clearInterval(ticker);
      unsubscribe.forEach((u) => u());
      runner.close();
    },
  };
}
