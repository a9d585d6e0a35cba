// Health and info: Mailpit's /livez, /readyz and /api/v1/info, with smtp-lab's own figures
// (listeners, sessions, mails dropped by the cap) under `Lab`.
import { Router } from 'express';
import type { Mailbox } from '../../mailbox/mailbox.js';
import type { SessionStore } from '../../sessions/session-store.js';
import type { ListenerInfo } from '../../sessions/wire-types.js';

export interface InfoSource {
  version: string;
  startedAt: number;
  mailbox: Mailbox;
  sessions: SessionStore;
  listeners: () => ListenerInfo[];
  maxMessages: number;
  dataDir: string | undefined;
  subscribers: () => number;
}

export function healthRoutes(source: InfoSource): Router {
  const router = Router();
  router.get('/livez', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  router.get('/readyz', (_req, res) => {
    res.type('text/plain').send('ok');
  });
  router.get('/api/v1/info', (_req, res) => {
    const stats = source.mailbox.stats();
    const memory = process.memoryUsage();
    res.json({
      Version: source.version,
      LatestVersion: '',
      Database: source.dataDir ?? '',
      DatabaseSize: 0,
      Messages: stats.total,
      Unread: stats.unread,
      Tags: {},
      RuntimeStats: {
        Uptime: Math.round((Date.now() - source.startedAt) / 1000),
        Memory: memory.rss,
        MessagesDeleted: stats.deleted,
        SMTPAccepted: stats.accepted,
        SMTPAcceptedSize: stats.acceptedBytes,
        SMTPRejected: stats.rejected,
        SMTPIgnored: 0,
      },
      Lab: {
        Listeners: source.listeners(),
        MaxMessages: source.maxMessages,
        MessagesDropped: stats.dropped,
        Sessions: source.sessions.list({ limit: 0 }).total,
        OpenSessions: source.sessions.openCount(),
        Subscribers: source.subscribers(),
      },
    });
  });
  return router;
}
