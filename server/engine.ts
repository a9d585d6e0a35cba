// The capture engine: SMTP listeners, sessions, the mailbox, lab accounts as SMTP AUTH needs them,
// the live hub and the HTTP core — everything smtp-lab is without the practical work's features.
// It knows nothing of lab/: a feature plugs in through `mount()` (its routers, its error
// translator, its WebSocket upgrades, its close) and reaches the engine through `LabEngine`
// (read-only views, route guards, `publish` for its live events). server/lab-server.ts composes
// the engine and the lab.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { Router, type RequestHandler } from 'express';
import { createAccountStore, type AccountStore } from './accounts/account-store.js';
import { createAdminToken } from './accounts/admin-file.js';
import { createWebSessions } from './accounts/web-sessions.js';
import { reachableHost } from './common/hosts.js';
import { findPackageInfo } from './common/package-info.js';
import { adminOnly, requireAccount, requireInstructor } from './http/access.js';
import { createInboxAssigner } from './inboxes/inbox-assigner.js';
import { createInboxStore, type InboxStore } from './inboxes/inbox-store.js';
import { createScopeResolver } from './inboxes/request-scope.js';
import { inboxErrorToHttp, inboxRoutes } from './http/routes/inbox-routes.js';
import { createHttpApp } from './http/http-app.js';
import type { ErrorTranslator } from './http/http-error.js';
import { createRequestPolicy, type RequestPolicy } from './http/request-policy.js';
import { accountErrorToHttp, accountRoutes } from './http/routes/account-routes.js';
import { faultErrorToHttp, faultRoutes } from './http/routes/fault-routes.js';
import { createFaultStore, type FaultStore } from './faults/fault-store.js';
import { createEventHub, type Audience, type FeatureFrame } from './live/event-hub.js';
import { createMailbox, type MailboxView } from './mailbox/mailbox.js';
import { createSessionStore, type SessionsView } from './sessions/session-store.js';
import { createOpenProfile } from './smtp/profiles/open-profile.js';
import type { ProfileContext } from './smtp/profiles/profile.js';
import { createTlsProfile, type TlsProfileName } from './smtp/profiles/tls-profiles.js';
import { createSmtpListener, type ListenerConfig, type SmtpListener } from './smtp/smtp-listener.js';
import { loadOrCreateCertificate } from './smtp/tls-certificate.js';
import type { OperationalLog } from './smtp/transcript.js';
import { SHARED_INBOX } from './wire/inboxes.js';
import type { ListenerInfo } from './wire/sessions.js';

export interface EngineOptions {
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
  /** Keep mails, sessions and accounts here across restarts; memory only when absent. */
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
  /** A class: every student sees only their own inbox (also on whenever an instructor account exists). */
  classMode?: boolean;
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

/** What a feature of the lab sees of the engine. */
export interface LabEngine {
  /** The address clients reach the listeners at (127.0.0.1 when bound to every interface). */
  host: string;
  /** The browser client and API, e.g. http://127.0.0.1:8025 */
  url: string;
  profile: TlsProfileName;
  /** The lab's certificate (PEM), for a client that should trust it. */
  certificate: string;
  dataDir: string | undefined;
  listeners(): ListenerInfo[];
  mailbox: MailboxView;
  sessions: SessionsView;
  accounts: AccountStore;
  /** The fault rules every listener applies (server/faults; lab/FAULTS.md). */
  faults: FaultStore;
  /** The throw-away inboxes and the directory of names the routing rules use. */
  inboxes: InboxStore;
  /** Whether this lab is a class: `--class`, or an instructor account exists. */
  classMode(): boolean;
  /** A session the lab opened for an account (the browser console): it and its mail go to the account's inbox. */
  claimSession(sessionId: string, owner: string): void;
  /** Deletes a throw-away inbox with its mail and sessions; false when there is none. */
  removeInbox(id: string): Promise<boolean>;
  inboxCounts(inbox: string): { messages: number; unread: number };
  /**
   * Route guards: the signed-in lab account (in res.locals.address; an instructor viewing as a
   * student is the student, read-only), a signed-in instructor or the admin token, the CLI's admin token.
   */
  requireAccount: RequestHandler;
  requireInstructor: RequestHandler;
  adminOnly: RequestHandler;
  /** For a feature's WebSocket upgrade, which no route guard sees: Host and Origin as /api/events checks them. */
  requestPolicy: Pick<RequestPolicy, 'hostAllowed' | 'originAllowed'>;
  /** The lab account a request's session cookie signs in, as requireAccount reads it. */
  signedInAccount(headers: IncomingHttpHeaders): string | undefined;
  /** A feature's live event, to the subscribers of /api/events its audience names. */
  publish(frame: FeatureFrame, audience: Audience): void;
  log: OperationalLog;
}

/** What a feature gives the engine to run it. */
export interface LabFeature {
  routers?: Router[];
  /** Its own errors turned into HTTP answers (one error type at the HTTP boundary). */
  errorTranslator?: ErrorTranslator;
  /**
   * A WebSocket upgrade that /api/events did not take: true when this feature took it (answered or
   * destroyed the socket), false to leave it to the next; an upgrade no one takes is destroyed.
   */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

export interface CaptureEngine extends LabEngine {
  httpPort: number;
  smtpPort: number;
  smtpsPort: number | undefined;
  submissionPort: number | undefined;
  certificatePath: string | undefined;
  /** Authorises the admin routes (/api/lab/admin) the CLI uses. */
  adminToken: string;
  /** Plugs a feature in: its routes go before the browser client; it is closed before the engine. */
  mount(feature: LabFeature): void;
  close(): Promise<void>;
}

const silent: OperationalLog = () => undefined;

function urlHost(host: string): string {
  const reachable = reachableHost(host);
  return reachable.includes(':') ? `[${reachable}]` : reachable;
}

export async function createCaptureEngine(options: EngineOptions = {}): Promise<CaptureEngine> {
  const host = options.host ?? DEFAULTS.host;
  const log = options.log ?? silent;
  const warn = (message: string) => log('warn', message);
  const { version, root } = findPackageInfo();
  const dataDir = options.dataDir;
  const maxMessages = options.maxMessages ?? DEFAULTS.maxMessages;
  const maxMailboxBytes = options.maxMailboxBytes ?? DEFAULTS.maxMailboxBytes;
  const mailbox = await createMailbox({ maxMessages, maxBytes: maxMailboxBytes, warn, ...(dataDir ? { dataDir } : {}) });
  const sessions = await createSessionStore({
    maxSessions: options.maxSessions ?? DEFAULTS.maxSessions,
    maxLinesPerSession: options.maxLinesPerSession ?? DEFAULTS.maxLinesPerSession,
    maxSessionBytes: options.maxSessionBytes ?? DEFAULTS.maxSessionBytes,
    maxTranscriptBytes: options.maxTranscriptBytes ?? DEFAULTS.maxTranscriptBytes,
    warn,
    ...(dataDir ? { dataDir } : {}),
  });
  const hostname = options.hostname ?? DEFAULTS.hostname;
  const tlsDir = options.tlsDir ?? (dataDir ? join(dataDir, 'tls') : undefined);
  const certificate = await loadOrCreateCertificate(tlsDir, ['localhost', hostname]);
  const profile = options.profile ?? 'lab';
  const accounts = await createAccountStore(dataDir ? { dataDir } : {});
  const webSessions = createWebSessions();
  const adminToken = createAdminToken();
  const smtpListeners: SmtpListener[] = [];
  const features: LabFeature[] = [];
  const featureRoutes = Router();
  const translators: ErrorTranslator[] = [accountErrorToHttp, faultErrorToHttp, inboxErrorToHttp];
  const inboxes = await createInboxStore(accounts, { warn, ...(dataDir ? { dataDir } : {}) });
  const assigner = createInboxAssigner(inboxes.directory, sessions);
  const classMode = () => options.classMode === true || accounts.hasInstructor();
  const scopes = createScopeResolver({ inboxes, accounts, webSessions, adminToken, classMode });
  const inboxCounts = (inbox: string) => {
    const stats = mailbox.forInbox(inbox).stats();
    return { messages: stats.total, unread: stats.unread };
  };
  const removeInbox = async (id: string): Promise<boolean> => {
    if (inboxes.get(id, inboxCounts)?.kind !== 'token') return false;
    await mailbox.forInbox(id).deleteAll();
    await sessions.clear(id);
    return inboxes.delete(id);
  };
  // Published through the hub made below; a rule cannot fire before the listeners exist.
  const live: { publish?: (frame: FeatureFrame, audience: Audience) => void } = {};
  const faults = createFaultStore({
    // A firing names the session it acted on: it goes to that session's inbox.
    onFired: (firing) => live.publish?.({ Type: 'fault', Data: firing }, { inbox: sessions.get(firing.sessionId)?.Inbox ?? SHARED_INBOX }),
    onChanged: () => live.publish?.({ Type: 'faults-changed', Data: null }, 'everyone'),
  });

  const http: { port: number } = { port: options.httpPort ?? 0 };
  let url = '';
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
    scopeOf: (req) => scopes.ofUpgrade(req),
  });
  const app = createHttpApp({
    mailbox,
    sessions,
    clientDir: join(root, 'dist', 'client'),
    policy,
    scope: scopes.middleware,
    log: (message) => log('error', message),
    translators,
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
      dataDir,
      subscribers: () => hub.subscriberCount(),
      classMode,
    },
    routers: [
      accountRoutes({ accounts, webSessions, adminToken, classMode }),
      inboxRoutes({ inboxes, counts: inboxCounts, remove: removeInbox, url: () => url }),
      faultRoutes({ faults, requireAccount: requireAccount(webSessions), adminToken }),
      featureRoutes,
    ],
  });
  live.publish = (frame, audience) => hub.publish(frame, audience);
  const httpServer: Server = createServer(app);
  httpServer.on('upgrade', (req, socket, head) => {
    if (hub.handleUpgrade(req, socket, head)) return;
    if (!features.some((feature) => feature.upgrade?.(req, socket, head) === true)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (err) => reject(new Error(`HTTP cannot listen on ${host}:${options.httpPort ?? 0}: ${err.message}`)));
    httpServer.listen(options.httpPort ?? 0, host, () => resolve());
  });
  http.port = (httpServer.address() as AddressInfo).port;
  url = `http://${urlHost(host)}:${http.port}`;

  const context: ProfileContext = { hostname, webUrl: url };
  const openProfile = createOpenProfile(context);
  const tlsProfile = createTlsProfile(profile, context, accounts);
  const configs: ListenerConfig[] = [{ name: 'smtp', host, port: options.smtpPort ?? 0, security: 'none', profile: openProfile }];
  if (options.smtpsPort !== false) configs.push({ name: 'smtps', host, port: options.smtpsPort ?? 0, security: 'implicit-tls', profile: tlsProfile });
  if (options.submissionPort !== false)
    configs.push({ name: 'submission', host, port: options.submissionPort ?? 0, security: 'starttls', profile: tlsProfile });

  const closeAll = async () => {
    // Features first: they may still be sending through the listeners or reading the stores.
    for (const feature of features.splice(0).reverse()) await feature.close();
    await Promise.all(smtpListeners.map((l) => l.close(0)));
    await waitForSessionsToEnd(sessions, 2000);
    await hub.close();
    httpServer.closeAllConnections();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    await mailbox.close();
    await sessions.close('the server stopped; the session was closed');
    await accounts.close();
    await inboxes.close();
    faults.close();
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
          faults,
          inboxes: assigner,
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
  let closing: Promise<void> | undefined;
  return {
    host: reachableHost(host),
    url,
    profile,
    certificate: certificate.cert,
    certificatePath: certificate.certPath,
    dataDir,
    listeners: () => smtpListeners.map((l) => l.info),
    mailbox,
    sessions,
    accounts,
    faults,
    inboxes,
    classMode,
    removeInbox,
    inboxCounts,
    claimSession: (sessionId, owner) => assigner.claim(sessionId, owner),
    requireAccount: requireAccount(webSessions),
    requireInstructor: requireInstructor(webSessions, accounts, adminToken),
    adminOnly: adminOnly(adminToken),
    requestPolicy: policy,
    signedInAccount: (headers) => webSessions.fromHeaders(headers)?.address,
    publish: (frame, audience) => hub.publish(frame, audience),
    log,
    httpPort: http.port,
    smtpPort: portOf('smtp') as number,
    smtpsPort: portOf('smtps'),
    submissionPort: portOf('submission'),
    adminToken,
    mount(feature) {
      features.push(feature);
      for (const router of feature.routers ?? []) featureRoutes.use(router);
      if (feature.errorTranslator) translators.push(feature.errorTranslator);
    },
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
