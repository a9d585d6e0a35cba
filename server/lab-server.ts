// createLabServer: the composition root. It builds the stores, the HTTP API with the live hub,
// and the SMTP listeners, and returns them with one close(). Everything is a factory and every
// port may be 0, so tests start as many lab servers side by side as they like.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { findPackageInfo } from './common/package-info.js';
import { createHttpApp } from './http/http-app.js';
import { createRequestPolicy } from './http/request-policy.js';
import { createEventHub } from './live/event-hub.js';
import { createMailbox, type Mailbox } from './mailbox/mailbox.js';
import { createSessionStore, type SessionsView } from './sessions/session-store.js';
import type { ListenerInfo } from './sessions/wire-types.js';
import { removeAdminFile, writeAdminFile } from './accounts/admin-file.js';
import type { AccountStore } from './accounts/account-store.js';
import { createLabAccounts } from './accounts/lab-accounts.js';
import { createTlsProfile, type TlsProfileName } from './smtp/profiles/tls-profiles.js';
import { createOpenProfile } from './smtp/profiles/open-profile.js';
import type { ProfileContext } from './smtp/profiles/profile.js';
import { createSmtpListener, type ListenerConfig, type SmtpListener } from './smtp/smtp-listener.js';
import { loadOrCreateCertificate } from './smtp/tls-certificate.js';
import type { OperationalLog } from './smtp/transcript.js';

export interface LabServerOptions {
  /** Address every listener binds to; 127.0.0.1 unless told otherwise. */
  host?: string;
  /** Plain, open SMTP (the lab's 1025). 0 picks a free port. */
  smtpPort?: number;
  /** Implicit TLS, AUTH required (the lab's 1465); false to leave it off. */
  smtpsPort?: number | false;
  /** STARTTLS, AUTH required (the lab's 1587); false to leave it off. */
  submissionPort?: number | false;
  httpPort?: number;
  maxMessages?: number;
  /** Raw bytes of mail kept in memory; the oldest mails are dropped beyond it. */
  maxMailboxBytes?: number;
  maxSessions?: number;
  maxLinesPerSession?: number;
  /** Estimated bytes of dialogue kept per session; its oldest lines are summarised beyond it. */
  maxSessionBytes?: number;
  /** Estimated bytes of dialogue kept in all; the oldest closed sessions are dropped beyond it. */
  maxTranscriptBytes?: number;
  maxMessageSize?: number;
  maxRecipients?: number;
  maxClients?: number;
  idleTimeoutMs?: number;
  greetingDelayMs?: number;
  reverseDns?: boolean;
  /** Keep mails and sessions here across restarts; memory only when absent. */
  dataDir?: string;
  /** Where the TLS certificate is kept; `<dataDir>/tls` by default, this run only without either. */
  tlsDir?: string;
  /** The server's name in its greeting. */
  hostname?: string;
  /** Origins allowed to open /api/events and make changes, besides the server's own. */
  allowedOrigins?: string[];
  /** Host names the HTTP server answers to besides loopback and its bind address. */
  allowedHosts?: string[];
  /** Flush interval of the coalesced session stream. */
  liveFlushMs?: number;
  /** A live subscriber with more than this buffered is cut off (close code 4008). */
  liveMaxBufferedBytes?: number;
  log?: OperationalLog;
  /** The profile of the TLS listeners (implicit TLS and STARTTLS): `lab` by default, or a provider's. */
  profile?: TlsProfileName;
  /** Where to write the admin token for the `smtp-lab account` CLI (mode 0600); none when absent. */
  adminFile?: string;
}

export interface LabServer {
  host: string;
  smtpPort: number;
  smtpsPort: number | undefined;
  submissionPort: number | undefined;
  httpPort: number;
  /** The browser client and API, e.g. http://127.0.0.1:8025 */
  url: string;
  listeners: ListenerInfo[];
  /** The lab's certificate (PEM), for a client that should trust it (`tls: { ca }`). */
  certificate: string;
  /** Where the certificate is kept (with tlsDir or dataDir). */
  certificatePath: string | undefined;
  mailbox: Mailbox;
  /** The sessions, read-only: get, list, listen, clear. */
  sessions: SessionsView;
  /** Lab accounts and their app passwords (persisted with dataDir). */
  accounts: AccountStore;
  /** Authorises the admin routes (/api/lab/admin) the CLI uses. */
  adminToken: string;
  /** The profile the TLS listeners run. */
  profile: TlsProfileName;
  close(): Promise<void>;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  maxMessages: 20_000,
  maxMailboxBytes: 512 * 1024 * 1024,
  maxSessions: 10_000,
  maxLinesPerSession: 10_000,
  maxSessionBytes: 1024 * 1024,
  maxTranscriptBytes: 256 * 1024 * 1024,
  maxMessageSize: 25 * 1024 * 1024,
  maxRecipients: 100,
  maxClients: 1_000,
  idleTimeoutMs: 5 * 60_000,
  greetingDelayMs: 0,
  hostname: 'smtp-lab',
  liveFlushMs: 50,
  liveMaxBufferedBytes: 8 * 1024 * 1024,
} as const;

const silent: OperationalLog = () => undefined;

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function createLabServer(options: LabServerOptions = {}): Promise<LabServer> {
  const host = options.host ?? DEFAULTS.host;
  const log = options.log ?? silent;
  const { version, root } = findPackageInfo();
  const maxMessages = options.maxMessages ?? DEFAULTS.maxMessages;

  const warn = (message: string) => log('warn', message);
  const maxMailboxBytes = options.maxMailboxBytes ?? DEFAULTS.maxMailboxBytes;
  const mailbox = await createMailbox({ maxMessages, maxBytes: maxMailboxBytes, warn, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  const sessions = await createSessionStore({
    maxSessions: options.maxSessions ?? DEFAULTS.maxSessions,
    maxLinesPerSession: options.maxLinesPerSession ?? DEFAULTS.maxLinesPerSession,
    maxSessionBytes: options.maxSessionBytes ?? DEFAULTS.maxSessionBytes,
    maxTranscriptBytes: options.maxTranscriptBytes ?? DEFAULTS.maxTranscriptBytes,
    warn,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  const hostname = options.hostname ?? DEFAULTS.hostname;
  const tlsDir = options.tlsDir ?? (options.dataDir ? join(options.dataDir, 'tls') : undefined);
  const certificate = await loadOrCreateCertificate(tlsDir, ['localhost', hostname]);
  const profile = options.profile ?? 'lab';
  const smtpListeners: SmtpListener[] = [];
  const labAccounts = await createLabAccounts({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    sessions,
    certificate: certificate.cert,
    host,
    listeners: () => smtpListeners.map((l) => l.info),
    profile,
  });

  const http: { port: number } = { port: options.httpPort ?? 0 };
  const policy = createRequestPolicy({
    bindHost: host,
    allowedHosts: options.allowedHosts ?? [],
    allowedOrigins: options.allowedOrigins ?? [],
    port: () => http.port,
  });
  const hub = createEventHub({
    mailbox,
    sessions,
    version,
    flushIntervalMs: options.liveFlushMs ?? DEFAULTS.liveFlushMs,
    coalesceMs: 10,
    statsIntervalMs: 250,
    maxBufferedBytes: options.liveMaxBufferedBytes ?? DEFAULTS.liveMaxBufferedBytes,
    policy,
  });
  const app = createHttpApp({
    mailbox,
    sessions,
    clientDir: join(root, 'dist', 'client'),
    policy,
    log: (message) => log('error', message),
    info: {
      version,
      startedAt: Date.now(),
      mailbox,
      sessions,
      listeners: () => smtpListeners.map((l) => l.info),
      connections: () =>
        smtpListeners.map((l) => ({
          Name: l.info.Name,
          Accepted: l.counters.accepted,
          DeadOnArrival: l.counters.deadOnArrival,
          ClientResets: l.counters.clientResets,
          TlsFailures: l.counters.tlsFailures,
        })),
      maxMessages,
      maxMailboxBytes,
      dataDir: options.dataDir,
      subscribers: () => hub.subscriberCount(),
    },
    routers: labAccounts.routers,
  });
  const httpServer: Server = createServer(app);
  httpServer.on('upgrade', (req, socket, head) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (err) => reject(new Error(`HTTP cannot listen on ${host}:${options.httpPort ?? 0}: ${err.message}`)));
    httpServer.listen(options.httpPort ?? 0, host, () => resolve());
  });
  const httpPort = (httpServer.address() as AddressInfo).port;
  http.port = httpPort;
  const url = `http://${urlHost(host)}:${httpPort}`;

  const context: ProfileContext = { hostname, webUrl: url };
  const openProfile = createOpenProfile(context);
  const tlsProfile = createTlsProfile(profile, context, labAccounts.store);
  const configs: ListenerConfig[] = [{ name: 'smtp', host, port: options.smtpPort ?? 0, security: 'none', profile: openProfile }];
  if (options.smtpsPort !== false) {
    configs.push({ name: 'smtps', host, port: options.smtpsPort ?? 0, security: 'implicit-tls', profile: tlsProfile });
  }
  if (options.submissionPort !== false) {
    configs.push({ name: 'submission', host, port: options.submissionPort ?? 0, security: 'starttls', profile: tlsProfile });
  }

  const closeAll = async () => {
    await Promise.all(smtpListeners.map((l) => l.close(0)));
    await waitForSessionsToEnd(sessions, 2000);
    await hub.close();
    httpServer.closeAllConnections();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    await mailbox.close();
    await sessions.close('the server stopped; the session was closed');
    await labAccounts.close();
    if (options.adminFile) await removeAdminFile(options.adminFile, labAccounts.adminToken);
  };

  try {
    for (const config of configs) {
      smtpListeners.push(
        await createSmtpListener(config, {
          sessions,
          mailbox,
          certificate,
          hostname,
          log,
          greetingDelayMs: options.greetingDelayMs ?? DEFAULTS.greetingDelayMs,
          reverseDns: options.reverseDns ?? false,
          limits: {
            maxMessageSize: options.maxMessageSize ?? DEFAULTS.maxMessageSize,
            maxRecipients: options.maxRecipients ?? DEFAULTS.maxRecipients,
            maxClients: options.maxClients ?? DEFAULTS.maxClients,
            idleTimeoutMs: options.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs,
          },
        }),
      );
    }
  } catch (err) {
    await closeAll();
    throw err;
  }

  const portOf = (name: string) => smtpListeners.find((l) => l.info.Name === name)?.port;
  if (options.adminFile) {
    await writeAdminFile(options.adminFile, {
      url,
      token: labAccounts.adminToken,
      pid: process.pid,
      ...(certificate.certPath ? { certificatePath: certificate.certPath } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    });
  }
  let closing: Promise<void> | undefined;
  return {
    host,
    smtpPort: portOf('smtp') as number,
    smtpsPort: portOf('smtps'),
    submissionPort: portOf('submission'),
    httpPort,
    url,
    listeners: smtpListeners.map((l) => l.info),
    certificate: certificate.cert,
    certificatePath: certificate.certPath,
    mailbox,
    sessions,
    accounts: labAccounts.store,
    adminToken: labAccounts.adminToken,
    profile,
    close() {
      closing ??= closeAll();
      return closing;
    },
  };
}

/** After the 421s, sockets close asynchronously; wait for their sessions to be recorded. */
async function waitForSessionsToEnd(sessions: SessionsView, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (sessions.openCount() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
