// Reads the scenario files (scenarios/*.yaml): YAML, checked field by field, so that a wrong file
// is refused with its name and the path of the field ("scenarios/02-missing-commands.yaml:
// steps[1].check.replies[0].code: a reply code (250) or a class (5xx)") instead of a scenario that
// can never pass.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Bilingual } from '../../server/wire/bilingual.js';
import type { Check, CodeOrClass, Scenario, ScenarioSetup, ScenarioStep } from './scenario-types.js';

export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'ScenarioFileError';
  }
}

type Fail = (field: string, problem: string) => never;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function text(v: unknown, field: string, fail: Fail): string {
  if (typeof v !== 'string' || v.trim() === '') fail(field, 'a non-empty text');
  return (v as string).trim();
}

function bilingual(v: unknown, field: string, fail: Fail): Bilingual {
  if (!isObj(v)) fail(field, 'a text in both languages: { ru: …, en: … }');
  const o = v as Obj;
  return { ru: text(o.ru, `${field}.ru`, fail), en: text(o.en, `${field}.en`, fail) };
}

function optional<T>(o: Obj, key: string, read: (v: unknown) => T): T | undefined {
  return o[key] === undefined || o[key] === null ? undefined : read(o[key]);
}

function strings(v: unknown, field: string, fail: Fail): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) fail(field, 'a list of texts');
  return (v as string[]).map((s) => s.trim());
}

function count(v: unknown, field: string, fail: Fail): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(field, 'a whole number of at least 0');
  return v as number;
}

function code(v: unknown, field: string, fail: Fail): CodeOrClass {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 200 && v <= 599) return v;
  if (v === '2xx' || v === '3xx' || v === '4xx' || v === '5xx') return v;
  return fail(field, 'a reply code (250) or a class (5xx)');
}

function regex(v: unknown, field: string, fail: Fail): string {
  const source = text(v, field, fail);
  try {
    new RegExp(source, 'u');
  } catch (err) {
    fail(field, `a regular expression (${(err as Error).message})`);
  }
  return source;
}

function readCheck(v: unknown, field: string, fail: Fail): Check {
  if (!isObj(v)) fail(field, 'a check: { kind: …, … }');
  const o = v as Obj;
  const at = (key: string) => `${field}.${key}`;
  switch (o.kind) {
    case 'session':
      return {
        kind: 'session',
        ...strip({
          listener: optional(o, 'listener', (x) => text(x, at('listener'), fail)),
          commands: optional(o, 'commands', (x) => strings(x, at('commands'), fail).map((c) => c.toUpperCase())),
          without: optional(o, 'without', (x) => strings(x, at('without'), fail).map((c) => c.toUpperCase())),
          replies: optional(o, 'replies', (x) => {
            if (!Array.isArray(x)) fail(at('replies'), 'a list of { command, code }');
            return (x as unknown[]).map((r, i) => {
              if (!isObj(r)) fail(`${at('replies')}[${i}]`, 'a { command, code }');
              return {
                command: text(r.command, `${at('replies')}[${i}].command`, fail).toUpperCase(),
                code: code(r.code, `${at('replies')}[${i}].code`, fail),
              };
            });
          }),
          tls: optional(o, 'tls', (x) => flag(x, at('tls'), fail)),
          auth: optional(o, 'auth', (x) => flag(x, at('auth'), fail)),
          mail: optional(o, 'mail', (x) => flag(x, at('mail'), fail)),
          typedByHand: optional(o, 'typedByHand', (x) => strings(x, at('typedByHand'), fail).map((c) => c.toUpperCase())),
        }),
      };
    case 'account':
      return { kind: 'account', ...strip({ appPasswords: optional(o, 'appPasswords', (x) => count(x, at('appPasswords'), fail)) }) };
    case 'integration':
      return {
        kind: 'integration',
        ...strip({
          security: optional(o, 'security', (x) => oneOf(x, ['ssl', 'starttls', 'none'] as const, at('security'), fail)),
          preset: optional(o, 'preset', (x) => text(x, at('preset'), fail)),
        }),
      };
    case 'test-email':
      return {
        kind: 'test-email',
        outcome: oneOf(o.outcome, ['sent', 'failed', 'partial'] as const, at('outcome'), fail),
        ...strip({
          code: optional(o, 'code', (x) => code(x, at('code'), fail)),
          minAttempts: optional(o, 'minAttempts', (x) => count(x, at('minAttempts'), fail)),
          maxAttempts: optional(o, 'maxAttempts', (x) => count(x, at('maxAttempts'), fail)),
          injected: optional(o, 'injected', (x) => flag(x, at('injected'), fail)),
          after: optional(o, 'after', (x) => text(x, at('after'), fail)),
        }),
      };
    case 'automaton-email':
      return { kind: 'automaton-email', ...strip({ state: optional(o, 'state', (x) => text(x, at('state'), fail)) }) };
    case 'alert':
      return {
        kind: 'alert',
        ...strip({
          channel: optional(o, 'channel', (x) => oneOf(x, ['email', 'sms', 'telegram', 'discord'] as const, at('channel'), fail)),
          status: optional(o, 'status', (x) => oneOf(x, ['sent', 'failed'] as const, at('status'), fail)),
          subject: optional(o, 'subject', (x) => regex(x, at('subject'), fail)),
          source: optional(o, 'source', (x) => oneOf(x, ['mqtt', 'simulator', 'playback', 'manual'] as const, at('source'), fail)),
          minAlerts: optional(o, 'minAlerts', (x) => count(x, at('minAlerts'), fail)),
          withinSeconds: optional(o, 'withinSeconds', (x) => count(x, at('withinSeconds'), fail)),
        }),
      };
    case 'calm-alerts':
      return {
        kind: 'calm-alerts',
        parameter: text(o.parameter, at('parameter'), fail),
        threshold: typeof o.threshold === 'number' ? o.threshold : fail(at('threshold'), 'a number'),
        crossings: count(o.crossings, at('crossings'), fail),
        maxAlerts: count(o.maxAlerts, at('maxAlerts'), fail),
      };
    default:
      return fail(at('kind'), 'one of session, account, integration, test-email, automaton-email, alert, calm-alerts');
  }
}

function flag(v: unknown, field: string, fail: Fail): boolean {
  if (typeof v !== 'boolean') fail(field, 'true or false');
  return v as boolean;
}

function oneOf<T extends string>(v: unknown, values: readonly T[], field: string, fail: Fail): T {
  if (typeof v !== 'string' || !values.includes(v as T)) fail(field, `one of ${values.join(', ')}`);
  return v as T;
}

/** Leaves out the fields that were not given, so the check says only what the file said. */
function strip<T extends Obj>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

function readSetup(v: unknown, fail: Fail): ScenarioSetup {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) fail('setup', 'an object');
  const o = v as Obj;
  return strip({
    profile: optional(o, 'profile', (x) => text(x, 'setup.profile', fail)),
    faults: optional(o, 'faults', (x) => strings(x, 'setup.faults', fail)),
    automaton: optional(o, 'automaton', (x) => text(x, 'setup.automaton', fail)),
    model: optional(o, 'model', (x) => text(x, 'setup.model', fail)),
    account: optional(o, 'account', (x) => flag(x, 'setup.account', fail)),
  });
}

/** One scenario file's text, checked; throws a ScenarioFileError naming the field. */
export function readScenario(source: string, file: string): Scenario {
  const fail: Fail = (field, problem) => {
    throw new ScenarioFileError(file, field, `should be ${problem}`);
  };
  let data: unknown;
  try {
    data = parse(source);
  } catch (err) {
    throw new ScenarioFileError(file, '', `is not YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!isObj(data)) return fail('', 'a scenario: { id, order, title, goal, handout, steps }');
  const id = text(data.id, 'id', fail);
  if (!ID.test(id)) fail('id', 'lower-case letters, digits and dashes');
  if (!Array.isArray(data.steps) || data.steps.length === 0) fail('steps', 'a list of at least one step');
  const seen = new Set<string>();
  const steps: ScenarioStep[] = (data.steps as unknown[]).map((raw, i) => {
    const at = `steps[${i}]`;
    if (!isObj(raw)) fail(at, 'a step: { id, title, instructions, check, hints }');
    const stepId = text(raw.id, `${at}.id`, fail);
    if (!ID.test(stepId)) fail(`${at}.id`, 'lower-case letters, digits and dashes');
    if (seen.has(stepId)) fail(`${at}.id`, `unique (another step is "${stepId}")`);
    seen.add(stepId);
    if (!Array.isArray(raw.hints) || raw.hints.length === 0) fail(`${at}.hints`, 'a list of at least one hint');
    const check = readCheck(raw.check, `${at}.check`, fail);
    if (check.kind === 'test-email' && check.after !== undefined && !seen.has(check.after)) fail(`${at}.check.after`, 'the id of an earlier step');
    return {
      id: stepId,
      title: bilingual(raw.title, `${at}.title`, fail),
      instructions: bilingual(raw.instructions, `${at}.instructions`, fail),
      check,
      hints: (raw.hints as unknown[]).map((h, j) => bilingual(h, `${at}.hints[${j}]`, fail)),
    };
  });
  return {
    id,
    order: count(data.order, 'order', fail),
    title: bilingual(data.title, 'title', fail),
    goal: bilingual(data.goal, 'goal', fail),
    handout: bilingual(data.handout, 'handout', fail),
    setup: readSetup(data.setup, fail),
    steps,
  };
}

/** Every scenario of a directory, in catalogue order; two with one id are refused. */
export async function readScenarioDir(dir: string): Promise<Scenario[]> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  const scenarios: Scenario[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const scenario = readScenario(await readFile(file, 'utf8'), `scenarios/${name}`);
    const twin = scenarios.find((s) => s.id === scenario.id);
    if (twin) throw new ScenarioFileError(`scenarios/${name}`, 'id', `should be unique ("${scenario.id}" is taken)`);
    scenarios.push(scenario);
  }
  return scenarios.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}
