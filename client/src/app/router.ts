// The page's address is its state: /sessions, /sessions/{id}, /mailbox, /mailbox/{id} (and the
// tabs later issues add). The lab server answers every such path with index.html
// (server/http/static-client.ts), so a reload or a shared link opens the same view.
export interface Route {
  tab: string;
  id?: string;
}

export function parseRoute(pathname: string, tabs: readonly string[], fallback: string): Route {
  const [tab = '', id] = pathname.split('/').filter((part) => part.length > 0);
  if (!tabs.includes(tab)) return { tab: fallback };
  if (id === undefined) return { tab };
  let decoded: string;
  try {
    decoded = decodeURIComponent(id);
  } catch {
    return { tab };
  }
  return { tab, id: decoded };
}

export function routePath(route: Route): string {
  return route.id === undefined ? `/${route.tab}` : `/${route.tab}/${encodeURIComponent(route.id)}`;
}
