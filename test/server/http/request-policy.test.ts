// DNS rebinding and cross-site requests: the server answers only Host names it is reachable as,
// and a browser's Origin must be one of those names on the server's own port (or an origin
// allowed by option) — compared with that list, never with whatever Host the request carries.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLab } from '../../helpers/lab.js';

/** A request with exactly the Host and Origin given (fetch does not let a test set Host). */
function request(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function upgrade(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/events`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.once('error', (err) => resolve(err.message));
  });
}

describe('Host and Origin', () => {
  const hosts = [
    { host: '127.0.0.1:PORT', allowed: true },
    { host: 'localhost:PORT', allowed: true },
    { host: 'LOCALHOST:PORT', allowed: true },
    { host: '[::1]:PORT', allowed: true },
    { host: 'lab.example:PORT', allowed: true },
    { host: 'rebind.example:PORT', allowed: false },
    { host: 'rebind.example', allowed: false },
    { host: '127.0.0.1.rebind.example:PORT', allowed: false },
  ];

  it.each(hosts)('Host $host → allowed: $allowed (API and event stream)', async ({ host, allowed }) => {
    const lab = await startLab({ allowedHosts: ['lab.example'] });
    const value = host.replace('PORT', String(lab.httpPort));
    const api = await request(`${lab.url}/api/v1/messages`, 'GET', { Host: value });
    expect(api.status).toBe(allowed ? 200 : 403);
    if (!allowed) expect(JSON.parse(api.text).error.code).toBe('host_not_allowed');
    expect(await upgrade(lab.url, { Host: value })).toBe(allowed ? 'open' : '403');
  });

  const origins = [
    { name: 'no Origin (curl, a test suite)', origin: () => undefined, allowed: true },
    { name: 'the server itself', origin: (port: number) => `http://127.0.0.1:${port}`, allowed: true },
    { name: 'the server by name', origin: (port: number) => `http://localhost:${port}`, allowed: true },
    { name: 'a rebinding name on the right port', origin: (port: number) => `http://rebind.example:${port}`, allowed: false },
    { name: 'loopback on another port', origin: () => 'http://127.0.0.1:1', allowed: false },
    { name: 'https of the same host', origin: (port: number) => `https://127.0.0.1:${port}`, allowed: false },
    { name: 'an allowed development server', origin: () => 'http://localhost:5173', allowed: true },
    { name: '"null" (a sandboxed page)', origin: () => 'null', allowed: false },
  ];

  it.each(origins)('Origin of $name → allowed: $allowed, whatever the Host says', async ({ origin, allowed }) => {
    const lab = await startLab({ allowedOrigins: ['http://localhost:5173'] });
    const value = origin(lab.httpPort);
    // The rebinding page's requests carry a Host that matches its Origin: that must not help.
    const hostOfOrigin = value?.startsWith('http://rebind.example') ? `rebind.example:${lab.httpPort}` : `127.0.0.1:${lab.httpPort}`;
    const headers: Record<string, string> = { Host: hostOfOrigin, ...(value ? { Origin: value } : {}) };
    const change = await request(`${lab.url}/api/v1/messages`, 'DELETE', headers);
    const signUp = await request(`${lab.url}/api/lab/account/sign-up`, 'POST', headers, JSON.stringify({ address: 'eve', password: 'longenough' }));
    expect(change.status).toBe(allowed ? 200 : 403);
    expect(signUp.status).toBe(allowed ? 201 : 403);
    expect(lab.accounts.list().length).toBe(allowed ? 1 : 0);
    expect(await upgrade(lab.url, headers)).toBe(allowed ? 'open' : '403');
  });

  it('reading is allowed cross-origin only as the browser allows it (no CORS headers are sent)', async () => {
    const lab = await startLab();
    const res = await request(`${lab.url}/api/v1/messages`, 'GET', { Origin: 'http://evil.example' });
    expect(res.status).toBe(200);
    const headers = await fetch(`${lab.url}/api/v1/messages`, { headers: { Origin: 'http://evil.example' } });
    expect(headers.headers.get('access-control-allow-origin')).toBeNull();
  });
});
