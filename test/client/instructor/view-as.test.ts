// "Open as the student" (client/src/instructor/view-as.ts): which student a page views as (its
// `?as=`, else the tab's remembered one), the header on every request to the page's own server
// and on none elsewhere, the live stream's URL, and the paths the Instructor page links to.
// Against a real HTTP server on loopback that echoes what it was sent.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  forgetViewAs,
  installViewAs,
  readViewAs,
  sameOrigin,
  VIEW_AS_HEADER,
  VIEW_AS_STORAGE_KEY,
  viewAsFetch,
  viewAsPath,
  viewAsSocketUrl,
  type ViewAsStorage,
} from '../../../client/src/instructor/view-as.js';

function memoryStorage(): ViewAsStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

let origin = '';
let other = '';
const seen: IncomingHttpHeaders[] = [];
const servers = [0, 1].map(() =>
  createServer((req, res) => {
    seen.push(req.headers);
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ viewAs: req.headers['x-lab-view-as'] ?? null, accept: req.headers.accept ?? null }));
  }),
);

beforeAll(async () => {
  const urls = await Promise.all(
    servers.map((s) => new Promise<string>((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)))),
  );
  [origin, other] = urls as [string, string];
});
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

describe('which student the page views as', () => {
  it('?as= of the URL, remembered for the tab', () => {
    const storage = memoryStorage();
    expect(readViewAs('?as=Anna%40lab.local', storage)).toBe('anna@lab.local');
    expect(storage.map.get(VIEW_AS_STORAGE_KEY)).toBe('anna@lab.local');
    // The router's addresses drop the query: the tab still remembers.
    expect(readViewAs('', storage)).toBe('anna@lab.local');
    expect(readViewAs('?as=boris@lab.local', storage)).toBe('boris@lab.local');
    forgetViewAs(storage);
    expect(readViewAs('', storage)).toBeUndefined();
  });

  it.each(['', '?as=', '?as=anna', '?as=a b@lab.local', '?as=../x@y', '?other=anna@lab.local'])('%s: not a view', (search) => {
    expect(readViewAs(search, memoryStorage())).toBeUndefined();
  });

  it('storage refused (privacy settings): the URL still decides', () => {
    const refusing: ViewAsStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(readViewAs('?as=anna@lab.local', refusing)).toBe('anna@lab.local');
    expect(readViewAs('', refusing)).toBeUndefined();
    expect(() => forgetViewAs(refusing)).not.toThrow();
  });
});

describe('the links and the live stream', () => {
  it('paths opened as the student', () => {
    expect(viewAsPath('/mailbox', 'anna@lab.local')).toBe('/mailbox?as=anna%40lab.local');
    expect(viewAsPath('/sessions/abc%2F1', 'anna+x@lab.local')).toBe('/sessions/abc%2F1?as=anna%2Bx%40lab.local');
    expect(viewAsPath('/sessions?x=1', 'a@b')).toBe('/sessions?x=1&as=a%40b');
  });

  it('the live stream’s URL keeps its own parameters', () => {
    expect(viewAsSocketUrl('ws://127.0.0.1:8025/api/events?sessions=summary', 'anna@lab.local')).toBe(
      'ws://127.0.0.1:8025/api/events?sessions=summary&as=anna%40lab.local',
    );
  });
});

describe('the header on every request to the page’s own server', () => {
  it('same origin: relative paths, absolute URLs and Requests; another server: never', () => {
    expect(sameOrigin('/api/v1/messages', origin)).toBe(true);
    expect(sameOrigin(`${origin}/api`, origin)).toBe(true);
    expect(sameOrigin(new URL('/x', origin), origin)).toBe(true);
    expect(sameOrigin(`${other}/api`, origin)).toBe(false);
    expect(sameOrigin('https://example.com/', origin)).toBe(false);
  });

  it('adds the header, keeps the request’s own headers, and sends nothing to another server', async () => {
    const wrapped = viewAsFetch(fetch, 'anna@lab.local', origin);
    const own = await (await wrapped(`${origin}/api/lab/account`, { headers: { Accept: 'application/json' } })).json();
    expect(own).toEqual({ viewAs: 'anna@lab.local', accept: 'application/json' });
    const fromRequest = await (await wrapped(new Request(`${origin}/x`, { headers: { Accept: 'text/csv' } }))).json();
    expect(fromRequest).toEqual({ viewAs: 'anna@lab.local', accept: 'text/csv' });
    const elsewhere = await (await wrapped(`${other}/x`)).json();
    expect(elsewhere.viewAs).toBeNull();
    expect(seen.at(-1)?.[VIEW_AS_HEADER.toLowerCase()]).toBeUndefined();
  });

  it('installViewAs wraps the window’s fetch only for a view', async () => {
    const plain = { fetch, location: { search: '', origin } };
    expect(installViewAs(plain, memoryStorage())).toBeUndefined();
    expect(plain.fetch).toBe(fetch);
    const win = { fetch, location: { search: '?as=anna@lab.local', origin } };
    expect(installViewAs(win, memoryStorage())).toBe('anna@lab.local');
    expect((await (await win.fetch(`${origin}/y`)).json()).viewAs).toBe('anna@lab.local');
  });
});
