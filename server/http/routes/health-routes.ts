// Health and info: Mailpit's /livez, /readyz and /api/v1/info, with smtp-lab's own figures under
// `Lab`: listeners and their connection counts, sessions, the transcript's memory budget, mails
// dropped by the caps.
import { Router } from 'express';
import type { Mailbox } from '../../mailbox/mailbox.js';
import type { SessionsView } from '../../sessions/session-store.js';
import type { InfoResponse, ListenerConnections } from '../../wire/info.js';
import type { ListenerInfo } from '../../wire/sessions.js';
import { endpoint } from '../endpoint.js';

export interface InfoSource {
  version: string;
  startedAt: number;
  mailbox: Mailbox;
  sessions: SessionsView;
  listeners: () => ListenerInfo[];
  connections: () => ListenerConnections[];
  maxMessages: number;
  maxMailboxBytes: number;
  dataDir: string | undefined;
  subscribers: () => number;
}

export function healthRoutes(source: InfoSource): Router {
  const router = Router();
  endpoint(router, '/livez', { get: (_req, res) => void res.type('text/plain').send('ok') });
  endpoint(router, '/readyz', { get: (_req, res) => void res.type('text/plain').send('ok') });
  endpoint(router, '/api/v1/info', {
    get(_req, res) {
      const stats = source.mailbox.stats();
      const transcript = source.sessions.transcriptStats();
      const memory = process.memoryUsage();
      const body: InfoResponse = {
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
          Connections: source.connections(),
          MaxMessages: source.maxMessages,
          MailboxBytes: stats.bytes,
          MaxMailboxBytes: source.maxMailboxBytes,
          MessagesDropped: stats.dropped,
          Sessions: source.sessions.list({ limit: 0 }).total,
          OpenSessions: source.sessions.openCount(),
          Transcript: {
            Bytes: transcript.bytes,
            MaxBytes: transcript.maxBytes,
            MaxSessionBytes: transcript.maxSessionBytes,
            SessionsDropped: transcript.sessionsDropped,
            LinesDropped: transcript.linesDropped,
          },
          Subscribers: source.subscribers(),
        },
      };
      res.json(body);
    },
  });
  return router;
}
