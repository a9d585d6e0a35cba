// createLabServer: the composition root. It starts the capture engine (server/engine.ts) and
// plugs the practical work's features (lab/) into it, writes the admin file the CLI finds the
// server by, and returns everything with one close(). Every part is a factory and every port may
// be 0, so tests start as many lab servers side by side as they like.
import { createChannelsFeature, type ChannelsFeature } from '../lab/channels/channels-feature.js';
import { createClassFeature, type ClassFeature } from '../lab/class/class-feature.js';
import { createConsoleFeature } from '../lab/console/console-feature.js';
import { createIntegrationFeature } from '../lab/integration/integration-feature.js';
import type { IntegrationStore } from '../lab/integration/integration-store.js';
import { createObjectsFeature, type ObjectsFeature } from '../lab/objects/objects-feature.js';
import { createScenariosFeature, type ScenariosFeature } from '../lab/scenarios/scenarios-feature.js';
import { removeAdminFile, writeAdminFile } from './accounts/admin-file.js';
import type { AccountStore } from './accounts/account-store.js';
import { createCaptureEngine, DEFAULTS, type EngineOptions } from './engine.js';
import { createLabFaults, type LabFaults } from './faults/lab-faults.js';
import type { InboxStore } from './inboxes/inbox-store.js';
import type { MailboxView } from './mailbox/mailbox.js';
import type { InboxView } from './wire/inboxes.js';
import type { SessionsView } from './sessions/session-store.js';
import type { TlsProfileName } from './smtp/profiles/tls-profiles.js';
import type { FaultRuleInput } from './wire/faults.js';
import type { ListenerInfo } from './wire/sessions.js';

export { DEFAULTS };

export interface LabServerOptions extends EngineOptions {
  /** Where to write the admin token for the `smtp-lab account` CLI (mode 0600); none when absent. */
  adminFile?: string;
  /** The MQTT broker objects' devices publish to (1883 with `npm start`); 0 any free port, false none. */
  mqttPort?: number | false;
  /** The alert channels' simulators (`npm start`: 8026, 8027, 8028, 2775); 0 any free port, false none. */
  telegramPort?: number | false;
  discordPort?: number | false;
  smsPort?: number | false;
  smppPort?: number | false;
  /** The simulators' rate limits (tests make them small). */
  channelLimits?: Parameters<typeof createChannelsFeature>[1]['limits'];
  /** How many objects may run at once (default 100). */
  maxObjects?: number;
  /** Lab-wide fault rules from the start (`--fault`); a rule that makes no sense throws a FaultError. */
  faults?: FaultRuleInput[];
}

export interface LabServer {
  /** The address the listeners bind to. */
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
  /** The mails: list, search, read, wait for, delete (mail arrives over SMTP only). */
  mailbox: MailboxView;
  /** The sessions, read-only: get, list, listen, clear. */
  sessions: SessionsView;
  /** Lab accounts and their app passwords (persisted with dataDir). */
  accounts: AccountStore;
  /**
   * The inboxes: `create()` a throw-away one (its token once), `delete()`, `list()`; the mail of one
   * is `lab.mailbox.forInbox(id)`, its sessions `lab.sessions.list({ inbox: id })`.
   */
  inboxes: {
    create: InboxStore['create'];
    delete(id: string): Promise<boolean>;
    list(): InboxView[];
  };
  /** Whether this lab is a class (`classMode`, or an instructor account exists). */
  classMode(): boolean;
  /** Each account's saved SMTP integration (the practical work's form). */
  integrations: IntegrationStore;
  /** The objects running the platform's automatons, their imported exports, alerts and messages. */
  objects: Pick<ObjectsFeature, 'registry' | 'library'>;
  /**
   * The alert channels besides e-mail: where each simulator listens, what they captured (list, get,
   * waitFor, delete; the exchanges line by line), the bots, webhooks and SMS accounts of each
   * account, and each account's saved integration of each channel.
   */
  channels: {
    simulators: ChannelsFeature['simulators'];
    messages: Pick<ChannelsFeature['store'], 'list' | 'get' | 'waitFor' | 'delete' | 'exchange' | 'exchanges' | 'onEvent'>;
    telegram: ChannelsFeature['worlds']['telegram'];
    discord: ChannelsFeature['worlds']['discord'];
    sms: ChannelsFeature['worlds']['sms'];
    integrations: ChannelsFeature['integrations'];
    /** Sends as an automaton's «send-telegram» (…) does: through the owner's saved integration. */
    send: ChannelsFeature['alerts']['send'];
  };
  /** The MQTT broker's port; undefined when it is off. */
  mqttPort: number | undefined;
  /** The lab scenarios (scenarios/*.yaml) and each student's progress: start, check, reset. */
  scenarios: ScenariosFeature['runner'];
  /**
   * The class as the instructor sees it (/api/lab/class): the overview, the report, and a roster
   * import (CSV `name,address`; every line checked first, nothing created when one is broken).
   */
  class: Pick<ClassFeature, 'overview' | 'report' | 'importRoster'>;
  /** Fault rules: `lab.faults.add({ preset: 'greylisting' })`, `lab.faults.scope()` for one test's own (lab/FAULTS.md). */
  faults: LabFaults;
  /** Authorises the admin routes (/api/lab/admin) the CLI uses. */
  adminToken: string;
  /** The profile the TLS listeners run. */
  profile: TlsProfileName;
  close(): Promise<void>;
}

export async function createLabServer(options: LabServerOptions = {}): Promise<LabServer> {
  const engine = await createCaptureEngine(options);
  try {
    const integration = await createIntegrationFeature(engine);
    engine.mount(integration);
    const channels = await createChannelsFeature(engine, {
      host: options.host ?? DEFAULTS.host,
      telegramPort: options.telegramPort ?? 0,
      discordPort: options.discordPort ?? 0,
      smsPort: options.smsPort ?? 0,
      smppPort: options.smppPort ?? 0,
      maxMessages: options.maxMessages ?? DEFAULTS.maxMessages,
      ...(options.channelLimits ? { limits: options.channelLimits } : {}),
    });
    engine.mount(channels);
    const objects = await createObjectsFeature(engine, integration.integrations, {
      mqttPort: options.mqttPort ?? 0,
      mqttHost: options.host ?? DEFAULTS.host,
      ...(options.maxObjects !== undefined ? { maxObjects: options.maxObjects } : {}),
      channels: channels.alerts,
    });
    engine.mount(objects);
    const scenarios = await createScenariosFeature(engine, {
      integrations: integration.integrations,
      testLog: integration.testLog,
      library: objects.library,
      registry: objects.registry,
    });
    engine.mount(scenarios);
    const classFeature = createClassFeature(engine, { runner: scenarios.runner, alerts: objects.registry.alerts });
    engine.mount(classFeature);
    engine.mount(createConsoleFeature(engine));
    for (const rule of options.faults ?? []) engine.faults.add(rule, { kind: 'lab' });
    if (options.adminFile) {
      await writeAdminFile(options.adminFile, {
        url: engine.url,
        token: engine.adminToken,
        pid: process.pid,
        ...(engine.certificatePath ? { certificatePath: engine.certificatePath } : {}),
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      });
    }
    let closing: Promise<void> | undefined;
    return {
      host: options.host ?? DEFAULTS.host,
      smtpPort: engine.smtpPort,
      smtpsPort: engine.smtpsPort,
      submissionPort: engine.submissionPort,
      httpPort: engine.httpPort,
      url: engine.url,
      listeners: engine.listeners(),
      certificate: engine.certificate,
      certificatePath: engine.certificatePath,
      mailbox: engine.mailbox,
      sessions: engine.sessions,
      accounts: engine.accounts,
      inboxes: {
        create: (input) => engine.inboxes.create(input),
        delete: engine.removeInbox,
        list: () => engine.inboxes.list(engine.inboxCounts),
      },
      classMode: engine.classMode,
      integrations: integration.integrations,
      objects: { registry: objects.registry, library: objects.library },
      channels: {
        simulators: channels.simulators,
        messages: channels.store,
        telegram: channels.worlds.telegram,
        discord: channels.worlds.discord,
        sms: channels.worlds.sms,
        integrations: channels.integrations,
        send: channels.alerts.send,
      },
      mqttPort: objects.mqttPort,
      faults: createLabFaults(engine.faults),
      scenarios: scenarios.runner,
      class: { overview: classFeature.overview, report: classFeature.report, importRoster: classFeature.importRoster },
      adminToken: engine.adminToken,
      profile: engine.profile,
      close() {
        closing ??= (async () => {
          await engine.close();
          if (options.adminFile) await removeAdminFile(options.adminFile, engine.adminToken);
        })();
        return closing;
      },
    };
  } catch (err) {
    await engine.close();
    throw err;
  }
}
