// Browsers send Origin with every WebSocket upgrade and let any page open a socket to any
// host, so the server must refuse pages from elsewhere (cross-site WebSocket hijacking; Mailpit
// fixed the same hole). Clients that are not browsers send no Origin and are let in.
import type { IncomingMessage } from 'node:http';

export function isOriginAllowed(req: IncomingMessage, allowedOrigins: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowedOrigins.includes(origin)) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  return originHost !== '' && originHost === req.headers.host;
}
