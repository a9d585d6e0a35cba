// "Open as the student": the page opened with `?as=<address>` is an instructor looking at one
// student's inbox as the student sees it. Every request of the page to its own server carries
// `X-Lab-View-As: <address>` and the live stream's URL `as=<address>`; the server then answers as
// for that student and refuses every change (403 read_only) — the page only says so (the banner).
// The address is read once, at start, and kept in the tab's sessionStorage: the router's
// addresses drop the query, and a reload of the same tab stays the student's view.
// One place for all of it: the page's every fetch (the ApiClient, the Lab page's and the
// channels' own calls) goes through the window's fetch, which is wrapped here. No DOM types:
// the unit tests run it under Node.
export const VIEW_AS_HEADER = 'X-Lab-View-As';
export const VIEW_AS_PARAM = 'as';
export const VIEW_AS_STORAGE_KEY = 'smtp-lab.view-as';

export interface ViewAsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A lab account's address as `?as=` may give it; anything else is not a view. */
const plausible = (value: string | null | undefined): string | undefined => {
  const text = value?.trim().toLowerCase();
  return text && text.length <= 320 && /^[^\s@/?#]+@[^\s@/?#]+$/.test(text) ? text : undefined;
};

/** The student this page views as: `?as=` of its URL, else the tab's remembered one, else none. */
export function readViewAs(search: string, storage: ViewAsStorage | undefined): string | undefined {
  const given = plausible(new URLSearchParams(search).get(VIEW_AS_PARAM));
  try {
    if (given) storage?.setItem(VIEW_AS_STORAGE_KEY, given);
    return given ?? plausible(storage?.getItem(VIEW_AS_STORAGE_KEY));
  } catch {
    return given;
  }
}

/** Forgets the view (the banner's "leave"). */
export function forgetViewAs(storage: ViewAsStorage | undefined): void {
  try {
    storage?.removeItem(VIEW_AS_STORAGE_KEY);
  } catch {
    // nothing remembered
  }
}

/** The page's path opened as the student (`/mailbox` → `/mailbox?as=anna%40lab.local`). */
export function viewAsPath(path: string, address: string): string {
  const [base, query = ''] = path.split('?') as [string, string?];
  const params = new URLSearchParams(query);
  params.set(VIEW_AS_PARAM, address);
  return `${base}?${params.toString()}`;
}

/** The live stream's URL for the view (the server reads `as` on the upgrade). */
export function viewAsSocketUrl(url: string, address: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set(VIEW_AS_PARAM, address);
  return parsed.toString();
}

type Fetch = typeof fetch;

/** Whether a request goes to the page's own server (only those carry the header). */
export function sameOrigin(input: string | URL | { url: string }, origin: string): boolean {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    return new URL(url, origin).origin === origin;
  } catch {
    return false;
  }
}

/** `fetch` with the view's header on every request to the page's own server. */
export function viewAsFetch(inner: Fetch, address: string, origin: string): Fetch {
  return (input, init) => {
    if (!sameOrigin(input as string | URL | { url: string }, origin)) return inner(input, init);
    const headers = new Headers(init?.headers ?? (typeof input === 'object' && 'headers' in input ? input.headers : undefined));
    headers.set(VIEW_AS_HEADER, address);
    return inner(input, { ...init, headers });
  };
}

export interface ViewAsWindow {
  fetch: Fetch;
  location: { search: string; origin: string };
}

/** Reads the view and, when there is one, wraps the window's fetch; the address, or undefined. */
export function installViewAs(win: ViewAsWindow, storage: ViewAsStorage | undefined): string | undefined {
  const address = readViewAs(win.location.search, storage);
  if (!address) return undefined;
  win.fetch = viewAsFetch(win.fetch.bind(win), address, win.location.origin);
  return address;
}
