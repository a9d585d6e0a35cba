// Declares a path with the handlers of its methods; any other method gets 405 with Allow.
// Handlers may be async: Express 5 passes a rejection to the error handler.
import type { RequestHandler, Router } from 'express';
import { methodNotAllowed } from './http-error.js';

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';

export type Handlers = Partial<Record<Method, RequestHandler | RequestHandler[]>>;

export function endpoint(router: Router, path: string, handlers: Handlers): void {
  const route = router.route(path);
  const allowed: string[] = [];
  for (const [method, handler] of Object.entries(handlers) as Array<[Method, RequestHandler | RequestHandler[]]>) {
    route[method](...(Array.isArray(handler) ? handler : [handler]));
    allowed.push(method.toUpperCase());
  }
  route.all(methodNotAllowed(allowed));
}
