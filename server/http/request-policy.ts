// Which requests come from where they claim. Browsers let any page send requests to any host,
// and a page served from a name that resolves to 127.0.0.1 (DNS rebinding) is "same origin" with
// whatever that name's Host header says. So the server answers only Host names it is reachable as
// — loopback, the address it binds, the names given with --allowed-hosts (as Mailpit does since
// 1.31.1) — and a browser's Origin must be one of those names on this server's port, or an origin
// given with --allow-origin (a development server). Clients that are not browsers send no Origin.
import type { IncomingMessage } from 'node:http';
import { networkInterfaces, hostname as machineName } from 'node:os';

export interface RequestPolicyOptions {
  /** The address the HTTP server binds. */
  bindHost: string;
  /** More host names the server may be reached as (a reverse proxy's, the machine's LAN name). */
  allowedHosts: string[];
  /** Origins allowed besides the server's own (e.g. a Vite dev server). */
  allowedOrigins: string[];
  /** The HTTP port, once listening. */
  port: () => number;
}

export interface RequestPolicy {
  /** The Host header names this server (loopback, its address, an allowed name). */
  hostAllowed(req: IncomingMessage): boolean;
  /** No Origin (not a browser), or one of the server's own origins or an allowed one. */
  originAllowed(req: IncomingMessage): boolean;
  /** Lower-cased host names accepted, for error messages and /api/v1/info. */
  hosts(): string[];
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

/** `[::1]:8025` → `::1`; `Example.test:80` → `example.test`. */
export function hostnameOf(hostHeader: string): string {
  const value = hostHeader.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end > 0 ? value.slice(1, end) : value.slice(1);
  }
  const colon = value.lastIndexOf(':');
  return colon >= 0 && value.indexOf(':') === colon ? value.slice(0, colon) : value;
}

function wildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

export function createRequestPolicy(options: RequestPolicyOptions): RequestPolicy {
  const names = new Set<string>([...LOOPBACK, ...options.allowedHosts.map((h) => hostnameOf(h))]);
  if (wildcard(options.bindHost)) {
    // Bound to every interface on purpose: every address of this machine, and its name, reach it.
    names.add(machineName().toLowerCase());
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.address.toLowerCase());
    }
  } else {
    names.add(hostnameOf(options.bindHost));
  }
  const allowedOrigins = new Set(options.allowedOrigins.map((o) => o.toLowerCase().replace(/\/$/, '')));

  return {
    hostAllowed(req) {
      const host = req.headers.host;
      // HTTP/1.0 clients may send no Host; they cannot be a rebinding browser.
      if (host === undefined) return true;
      return names.has(hostnameOf(host));
    },
    originAllowed(req) {
      const origin = req.headers.origin;
      if (origin === undefined) return true;
      if (allowedOrigins.has(origin.toLowerCase())) return true;
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      if (url.protocol !== 'http:') return false;
      const port = url.port || '80';
      return names.has(hostnameOf(url.hostname)) && port === String(options.port());
    },
    hosts: () => [...names],
  };
}
