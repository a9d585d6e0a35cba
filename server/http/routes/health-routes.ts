// Health and info: Mailpit's /livez, /readyz and /api/v1/info, with smtp-lab's own figures under
// `Lab`: listeners and their connection counts, sessions, the transcript's memory budget, mails
// dropped by the caps.
import { Router } from 'express';
import { scopeOf } from '../../inboxes/request-scope.js';
import type { MailboxView } from '../../mailbox/mailbox.js';
import type { SessionsView } from '../../sessions/session-store.js';
import type { InfoResponse, ListenerConnections } from '../../wire/info.js';
import type { ListenerInfo } from '../../wire/sessions.js';
import { endpoint } from '../endpoint.js';

export interface InfoSource {
  version: string;
  startedAt: number;
  mailbox: MailboxView;
  sessions: SessionsView;
  listeners: () => ListenerInfo[];
  connections: () => ListenerConnections[];
  maxMessages: number;
  maxMailboxBytes: number;
  dataDir: string | undefined;
  subscribers: () => number;
  classMode: () => boolean;
}

export function healthRoutes(source: InfoSource): Router {
  const router = Router();
  endpoint(router, '/livez', { get: (_req, res) => void res.type('text/plain').send('ok') });
  endpoint(router, '/readyz', { get: (_req, res) => void res.type('text/plain').send('ok') });
  endpoint(router, '/api/v1/info', {
    get(_req, res) {
      // Counts as the request's scope sees them (nothing at all for a stranger to a class).
      const scope = scopeOf(res);
      const inbox = scope.kind === 'all' ? undefined : scope.kind === 'inbox' ? scope.inbox : '';
      const stats = inbox === undefined ? source.mailbox.stats() : source.mailbox.forInbox(inbox).stats();
      const transcript = source.sessions.transcriptStats();
      const memory = process.memoryUsage();
      const body: InfoResponse = {
        Version: source.version,
        LatestVersion: '',
        Database: inbox === undefined ? (source.dataDir ?? '') : '',
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
          Sessions: source.sessions.list({ limit: 0, ...(inbox !== undefined ? { inbox } : {}) }).total,
          OpenSessions: source.sessions.openCount(),
          Transcript: {
            Bytes: transcript.bytes,
            MaxBytes: transcript.maxBytes,
            MaxSessionBytes: transcript.maxSessionBytes,
            SessionsDropped: transcript.sessionsDropped,
            LinesDropped: transcript.linesDropped,
          },
          Subscribers: source.subscribers(),
          ClassMode: source.classMode(),
        },
      };
      res.json(body);
    },
  });
  return router;
}
