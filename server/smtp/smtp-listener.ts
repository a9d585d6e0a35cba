// One SMTP listener: a profile on a port, with smtp-lab's capture wired into smtp-server's hooks.
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { Mailbox } from '../mailbox/mailbox.js';
import type { SessionStore } from '../sessions/session-store.js';
import type { ListenerInfo, ListenerSecurity } from '../sessions/wire-types.js';
import { createCaptureHooks } from './capture-hooks.js';
import type { ListenerProfile } from './profiles/profile.js';
import type { TlsCertificate } from './tls-certificate.js';
import { createTranscript, type OperationalLog } from './transcript.js';

export interface SmtpLimits {
  /** Largest message accepted, in bytes (RFC 1870 SIZE); larger gets 552. */
  maxMessageSize: number;
  /** RCPT TOs per transaction; more get 452 (RFC 5321 §4.5.3.1.8 asks for at least 100). */
  maxRecipients: number;
  /** Idle time before the server closes with 421 (RFC 5321 §4.5.3.2.7 suggests 5 minutes). */
  idleTimeoutMs: number;
  maxClients: number;
}

export interface ListenerConfig {
  name: string;
  host: string;
  port: number;
  security: ListenerSecurity;
  profile: ListenerProfile;
}

export interface SmtpListenerDeps {
  sessions: SessionStore;
  mailbox: Mailbox;
  certificate: TlsCertificate;
  limits: SmtpLimits;
  hostname: string;
  /** Wait before the greeting; smtp-server's own anti-early-talker delay is 100 ms. */
  greetingDelayMs: number;
  reverseDns: boolean;
  log: OperationalLog;
}

export interface SmtpListener {
  info: ListenerInfo;
  port: number;
  /** Refuses new connections; open sessions get 421 after `graceMs` (RFC 5321 §3.8). */
  close(graceMs?: number): Promise<void>;
}

type AcceptHandler = (connection: { id: string; remoteAddress: string; remotePort: number }, socket: Socket | TLSSocket) => void;

/**
 * smtp-server waits a fixed 100 ms before its greeting and offers no hook at accept time; this
 * subclass takes over the connection right after the library sets it up, to record the session
 * from its first moment and to make the delay a setting.
 */
class LabSmtpServer extends SMTPServer {
  constructor(
    options: SMTPServerOptions,
    private readonly greetingDelayMs: number,
    private readonly onAccept: AcceptHandler,
  ) {
    super(options);
  }

  override connect(socket: Socket | TLSSocket, socketOptions?: Parameters<SMTPServer['connect']>[1]): void {
    super.connect(socket, socketOptions);
    // The connection just created is the newest in the (insertion-ordered) set.
    let connection;
    for (const c of this.connections) connection = c;
    if (!connection) return;
    this.onAccept(connection, socket);
    // The library has armed its 100 ms timer calling connectionReady(); that call is made a
    // no-op and ours runs after the configured delay instead.
    const ready = connection.connectionReady.bind(connection);
    connection.connectionReady = () => undefined;
    const timer = setTimeout(() => ready(), this.greetingDelayMs);
    timer.unref();
  }
}

export function listenerInfo(config: ListenerConfig, port: number): ListenerInfo {
  return { Name: config.name, Port: port, Security: config.security, Profile: config.profile.name };
}

export async function createSmtpListener(config: ListenerConfig, deps: SmtpListenerDeps): Promise<SmtpListener> {
  const info: ListenerInfo = listenerInfo(config, config.port);
  const transcript = createTranscript(deps.sessions, info, deps.log);
  const hooks = createCaptureHooks({ ...deps, profile: config.profile, transcript });

  const options: SMTPServerOptions = {
    name: deps.hostname,
    logger: transcript.logger,
    secure: config.security === 'implicit-tls',
    key: deps.certificate.key,
    cert: deps.certificate.cert,
    hideSTARTTLS: config.security !== 'starttls',
    disabledCommands: config.security === 'starttls' ? [] : ['STARTTLS'],
    hideENHANCEDSTATUSCODES: false,
    disableReverseLookup: !deps.reverseDns,
    size: deps.limits.maxMessageSize,
    rejectOversized: true,
    maxRecipients: deps.limits.maxRecipients,
    maxClients: deps.limits.maxClients,
    socketTimeout: deps.limits.idleTimeoutMs,
    ...config.profile.serverOptions(config.security),
    ...hooks.serverHooks,
  };

  const server = new LabSmtpServer(options, deps.greetingDelayMs, (connection, socket) => {
    hooks.accepted(connection, socket);
  });
  // smtp-server wraps the logger it is given in nodemailer's getLogger, which copies every entry
  // into a new object: a cost on every line of every dialogue. Connections read `server.logger`
  // at each call, so the transcript takes its place directly.
  server.logger = transcript.logger as typeof server.logger;
  server.on('error', (err: Error) => deps.log('warn', `smtp ${config.name}: ${err.message}`));

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(new Error(`SMTP listener "${config.name}" cannot listen on ${config.host}:${config.port}: ${err.message}`));
    server.server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const address = server.server.address();
  info.Port = typeof address === 'object' && address ? address.port : config.port;

  return {
    info,
    port: info.Port,
    close(graceMs = 0) {
      // smtp-server reads 0 as "use the 30 s default".
      server.options.closeTimeout = Math.max(1, graceMs);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
