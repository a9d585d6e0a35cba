// Serves the browser client built by Vite (dist/client). Any other GET that asks for HTML gets
// index.html, so that the client's own routes (/sessions/…) survive a reload.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

const CLIENT_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

export function staticClient(clientDir: string): Router {
  const router = Router();
  const index = join(clientDir, 'index.html');
  router.use(
    express.static(clientDir, {
      index: false,
      setHeaders(res, path) {
        res.setHeader('X-Content-Type-Options', 'nosniff');
        // Vite names assets by content hash: they never change under the same name.
        if (path.includes('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  router.get(/^\/(?!api\/|view\/|livez|readyz).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.setHeader('Content-Security-Policy', CLIENT_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('The browser client is not built yet: run `npm run build` (npm start does it).\n');
      return;
    }
    res.sendFile(index);
  });
  return router;
}
