// Fault rules over HTTP (lab/FAULTS.md): a student's own (/api/lab/faults, signed in: scope
// student), the whole lab's (/api/lab/admin/faults, the CLI's admin token: scope lab), and
// Mailpit's chaos (GET/PUT /api/v1/chaos) as the compatible subset — three triggers, a code and a
// probability each, random as Mailpit's are, lab-wide. Bodies are server/wire/faults.ts.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { FaultError } from '../../faults/fault-error.js';
import { CHAOS_TRIGGERS, FAULT_PRESETS } from '../../faults/fault-presets.js';
import type { FaultStore } from '../../faults/fault-store.js';
import { requireScope } from '../../inboxes/request-scope.js';
import type { ChaosTriggers, FaultRule, FaultScope, FaultsList } from '../../wire/faults.js';
import { adminOnly, noStore, requireAccount } from '../access.js';
import { endpoint } from '../endpoint.js';
import { HttpError, userError } from '../http-error.js';
import { objectBody } from '../request-body.js';

export interface FaultRoutesDeps {
  faults: FaultStore;
  requireAccount: ReturnType<typeof requireAccount>;
  adminToken: string;
}

const STATUS: Record<FaultError['code'], number> = { invalid_fault: 400, fault_not_found: 404, fault_not_yours: 403 };

/** The HTTP answer of a fault error (registered with the HTTP app's error handler). */
export function faultErrorToHttp(err: unknown): HttpError | undefined {
  if (!(err instanceof FaultError)) return undefined;
  return userError(STATUS[err.code], err.code, err.text, err.fields);
}

type ScopeOf = (res: Response) => FaultScope;

function scopedRoutes(router: Router, base: string, faults: FaultStore, guard: RequestHandler, scopeOf: ScopeOf): void {
  // A rule the caller may change: its own, or any for the admin.
  const own = (req: Request, res: Response): FaultRule => {
    const rule = faults.get(String(req.params.id));
    if (!rule) throw new FaultError('fault_not_found');
    const scope = scopeOf(res);
    if (scope.kind !== 'lab' && (rule.scope.kind !== scope.kind || JSON.stringify(rule.scope) !== JSON.stringify(scope))) {
      throw new FaultError(rule.scope.kind === 'lab' ? 'fault_not_yours' : 'fault_not_found');
    }
    return rule;
  };
  const viewer = (res: Response): FaultScope | undefined => {
    const scope = scopeOf(res);
    return scope.kind === 'lab' ? undefined : scope;
  };

  router.use(base, noStore, guard);
  endpoint(router, base, {
    get: (_req, res) => {
      const body: FaultsList = { rules: faults.list(viewer(res)), firings: faults.firings(viewer(res)) };
      res.json(body);
    },
    post: (req, res) => {
      const rule = faults.add(req.body, scopeOf(res), { addedFrom: req.socket.remoteAddress ?? '' });
      res.status(201).json(rule);
    },
    delete: (_req, res) => {
      const scope = scopeOf(res);
      faults.clear(scope.kind === 'lab' ? undefined : scope);
      res.status(204).end();
    },
  });
  endpoint(router, `${base}/presets`, {
    get: (_req, res) => {
      res.json({ presets: FAULT_PRESETS });
    },
  });
  endpoint(router, `${base}/:id`, {
    get: (req, res) => {
      const rule = faults.get(String(req.params.id));
      if (!rule || (viewer(res) && rule.scope.kind !== 'lab' && JSON.stringify(rule.scope) !== JSON.stringify(scopeOf(res))))
        throw new FaultError('fault_not_found');
      res.json(rule);
    },
    patch: (req, res) => {
      const rule = own(req, res);
      const { enabled } = objectBody(req);
      if (typeof enabled !== 'boolean') throw new FaultError('invalid_fault', { enabled: { ru: 'Включено — true или false', en: 'Enabled is true or false' } });
      res.json(faults.setEnabled(rule.id, enabled));
    },
    delete: (req, res) => {
      faults.remove(own(req, res).id);
      res.status(204).end();
    },
  });
}

const CHAOS_KEYS = Object.keys(CHAOS_TRIGGERS) as Array<keyof ChaosTriggers>;

/**
 * Mailpit's chaos is global; here it is the request's: the whole lab's for whoever sees every
 * inbox, a throw-away inbox's for its token (its sessions are those with its name as HELO), a
 * student's own in a class.
 */
function chaosScope(res: Response): FaultScope {
  const scope = requireScope(res);
  if (scope.kind === 'all') return { kind: 'lab' };
  return scope.inbox.includes('@') ? { kind: 'student', address: scope.inbox } : { kind: 'test', name: scope.inbox };
}

const sameScope = (a: FaultScope, b: FaultScope) => JSON.stringify(a) === JSON.stringify(b);

function readChaos(faults: FaultStore, scope: FaultScope): ChaosTriggers {
  const rules = faults.list(undefined);
  const out = {} as ChaosTriggers;
  for (const key of CHAOS_KEYS) {
    const rule = rules.find((r) => r.preset === CHAOS_TRIGGERS[key].preset && sameScope(r.scope, scope));
    out[key] =
      rule && rule.effect.kind === 'reply' && rule.attempts.kind === 'probability'
        ? { ErrorCode: rule.effect.code, Probability: rule.attempts.percent }
        : { ErrorCode: 451, Probability: 0 };
  }
  return out;
}

/** Mailpit's PUT /api/v1/chaos: every trigger replaced; an omitted one goes back to 0 %. Errors are Mailpit's plain text 400s. */
function putChaos(faults: FaultStore, body: unknown, scope: FaultScope): ChaosTriggers {
  const given = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const wanted: Array<{ key: keyof ChaosTriggers; code: number; percent: number }> = [];
  for (const key of CHAOS_KEYS) {
    const trigger = given[key];
    if (trigger === undefined || trigger === null) continue;
    const { ErrorCode, Probability } = trigger as Record<string, unknown>;
    if (typeof ErrorCode !== 'number' || !Number.isInteger(ErrorCode) || ErrorCode < 400 || ErrorCode > 599)
      throw new HttpError(400, 'bad_request', `Invalid ${key} ErrorCode ${String(ErrorCode)}, must be 400 - 599`);
    if (typeof Probability !== 'number' || Probability < 0 || Probability > 100)
      throw new HttpError(400, 'bad_request', `Invalid ${key} Probability ${String(Probability)}, must be 0 - 100`);
    wanted.push({ key, code: ErrorCode, percent: Probability });
  }
  for (const rule of faults.list(undefined))
    if (sameScope(rule.scope, scope) && CHAOS_KEYS.some((k) => CHAOS_TRIGGERS[k].preset === rule.preset)) faults.remove(rule.id);
  for (const { key, code, percent } of wanted) {
    if (percent === 0) continue;
    const { stage, preset, text } = CHAOS_TRIGGERS[key];
    // Tagged as chaos's own, so GET finds it and PUT replaces it.
    faults.add({ name: `chaos ${key}`, stage, effect: { kind: 'reply', code, text }, attempts: { kind: 'probability', percent, seed: null } }, scope, {
      tag: preset,
    });
  }
  return readChaos(faults, scope);
}

export function faultRoutes(deps: FaultRoutesDeps): Router {
  const { faults } = deps;
  const router = Router();
  scopedRoutes(router, '/api/lab/faults', faults, deps.requireAccount, (res) => ({ kind: 'student', address: res.locals.address as string }));
  scopedRoutes(router, '/api/lab/admin/faults', faults, adminOnly(deps.adminToken), () => ({ kind: 'lab' }));
  endpoint(router, '/api/v1/chaos', {
    get: (_req, res) => {
      res.json(readChaos(faults, chaosScope(res)));
    },
    put: (req, res) => {
      res.json(putChaos(faults, req.body, chaosScope(res)));
    },
  });
  return router;
}
