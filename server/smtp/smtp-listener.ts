// One SMTP listener: a profile on a port, with smtp-lab's capture wired into smtp-server's hooks.
import type { SMTPServerOptions } from 'smtp-server';
import type { Mailbox } from '../mailbox/mailbox.js';
import type { SessionStore } from '../sessions/session-store.js';
import type { ListenerInfo, ListenerSecurity } from '../wire/sessions.js';
import type { FaultStore } from '../faults/fault-store.js';
import type { InboxAssigner } from '../inboxes/inbox-assigner.js';
import { createCaptureHooks } from './capture-hooks.js';
import { createFaultInjection } from './fault-injection.js';
import type { ListenerProfile } from './profiles/profile.js';
import { closeWithin, connectionFacts, createLabSmtpServer, endPromptlyAfterLastReply, findConnection, useProtocolLogger } from './smtp-server-seams.js';
import type { TlsCertificate } from './tls-certificate.js';
import { createTranscript, type ConnectionCounters, type OperationalLog } from './transcript.js';

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
  /** The fault rules (server/faults); the listener applies them at every stage. */
  faults: FaultStore;
  /** Which inbox each session and mail belongs to (server/inboxes). */
  inboxes: InboxAssigner;
}

export interface SmtpListener {
  info: ListenerInfo;
  port: number;
  counters: ConnectionCounters;
  /** Refuses new connections; open sessions get 421 after `graceMs` (RFC 5321 §3.8). */
  close(graceMs?: number): Promise<void>;
}

export function listenerInfo(config: ListenerConfig, port: number): ListenerInfo {
  return { Name: config.name, Port: port, Security: config.security, Profile: config.profile.name };
}

export async function createSmtpListener(config: ListenerConfig, deps: SmtpListenerDeps): Promise<SmtpListener> {
  const info: ListenerInfo = listenerInfo(config, config.port);
  // The transcript asks the server about a connection; the server is made right below.
  const server = { current: undefined as ReturnType<typeof createLabSmtpServer> | undefined };
  const transcript = createTranscript({
    sessions: deps.sessions,
    listener: info,
    log: deps.log,
    heloNoted: (id) => deps.inboxes.sessionLearned(id),
    midTransaction(id) {
      const connection = server.current && findConnection(server.current, id);
      return Boolean(connection && connectionFacts(connection).session.envelope?.mailFrom);
    },
    lastReplySent(id) {
      if (server.current) endPromptlyAfterLastReply(server.current, id);
    },
  });
  const faults = createFaultInjection({
    faults: deps.faults,
    listener: info,
    transcript,
    inboxOf: (facts) =>
      deps.inboxes.preview(facts.sessionId, {
        user: facts.user,
        helo: facts.helo,
        ...(facts.mailFrom !== null ? { mailFrom: facts.mailFrom } : {}),
        rcptTo: facts.rcpt !== undefined ? [...facts.rcptTo, facts.rcpt] : facts.rcptTo,
      }),
  });
  const hooks = createCaptureHooks({ ...deps, profile: config.profile, transcript, faults });
  const profileOptions = config.profile.serverOptions(config.security);
  const profileOnConnect = profileOptions.onConnect;

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
    ...profileOptions,
    ...hooks.serverHooks,
    // The greeting stage's rules come before the profile's own onConnect (a provider's reply shaper).
    onConnect(session, callback) {
      const proceed = () => (profileOnConnect ? profileOnConnect.call(this, session, callback) : callback());
      const gate = faults.gate('greeting', session);
      if (!(gate instanceof Promise)) return gate.kind === 'proceed' ? proceed() : gate.kind === 'reply' ? callback(gate.error) : undefined;
      void gate.then((result) => (result.kind === 'proceed' ? proceed() : result.kind === 'reply' ? callback(result.error) : undefined));
    },
    onClose(session, ...rest) {
      faults.closed(session.id);
      hooks.serverHooks.onClose(session, ...rest);
    },
  };

  const smtp = createLabSmtpServer(options, deps.greetingDelayMs, {
    accepted: (connection) => hooks.accepted(connection),
    created: (connection) => faults.created(connection),
    deadOnArrival: () => transcript.deadOnArrival(),
  });
  server.current = smtp;
  faults.guard(smtp);
  useProtocolLogger(smtp, transcript.logger);
  smtp.on('error', (err: NodeJS.ErrnoException) => transcript.serverError(err));

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(new Error(`SMTP listener "${config.name}" cannot listen on ${config.host}:${config.port}: ${err.message}`));
    smtp.server.once('error', onError);
    smtp.listen(config.port, config.host, () => {
      smtp.server.off('error', onError);
      resolve();
    });
  });
  const address = smtp.server.address();
  info.Port = typeof address === 'object' && address ? address.port : config.port;

  return {
    info,
    port: info.Port,
    counters: transcript.counters,
    close: (graceMs = 0) => closeWithin(smtp, graceMs),
  };
}
