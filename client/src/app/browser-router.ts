// The router over the browser's history: pushState on navigation, popstate on Back/Forward.
import { createState, type Observable } from '../ui/observable.js';
import { parseRoute, routePath, type Route } from './router.js';

export interface Router {
  route: Observable<Route>;
  navigate(route: Route, options?: { replace?: boolean }): void;
  close(): void;
}

export function createRouter(win: Window, tabs: () => readonly string[], fallback: string): Router {
  const read = () => parseRoute(win.location.pathname, tabs(), fallback);
  const route = createState<Route>(read());
  if (routePath(route.get()) !== win.location.pathname) win.history.replaceState(null, '', routePath(route.get()));
  const onPop = () => route.set(read());
  win.addEventListener('popstate', onPop);
  return {
    route,
    navigate(next, options = {}) {
      const path = routePath(next);
      const current = route.get();
      if (current.tab === next.tab && current.id === next.id) return;
      if (options.replace) win.history.replaceState(null, '', path);
      else win.history.pushState(null, '', path);
      route.set(next);
    },
    close() {
      win.removeEventListener('popstate', onPop);
    },
  };
}
