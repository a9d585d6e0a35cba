// The ports one object's runner acts through, and where each goes: «Отправить e-mail» to the
// injected sender, the lab's «Отправить SMS», «… в Telegram», «… в Discord» to the injected
// channel sender (every attempt of either in the alert log, a throw recorded and passed on so the
// runner reports it too), «Сообщение оператору» to the operator's panel, a device command with a
// model publish to the broker. The runner already survives a port that throws; these ports make
// sure the attempt is on record before it does.
import type { Bilingual } from '../integration/integration-types.js';
import type {
  ActionPorts,
  AutomatonChannelAlert,
  AutomatonMail,
  ChannelAlertOutcome,
  DeviceCommand,
  PushMessage,
  SendEmailOutcome,
} from '../automaton/runner-events.js';
import { CHANNEL_NAMES } from '../automaton/describe.js';
import type { ChannelAttempt } from '../channels/channel-wire.js';
import type { AlertDelivery } from '../sender/delivery-types.js';
import { errorInfo } from '../automaton/runner-actions.js';
import { normalizeOutcome, type AlertBegin, type AlertKind, type AlertLog, type AlertOutcome, type AlertRecord } from './alert-log.js';
import type { ObjectEvent } from './object-events.js';
import type { MqttBroker } from './mqtt-broker.js';
import type { OperatorMessageStore } from './operator-messages.js';

/** What the registry needs from outside: the mail sender (through the student's SMTP integration), and the channels' one. */
export interface ObjectActionPorts {
  /** `progress`: the delivery so far, each time an attempt ends (a retry's wait is live on the alert). */
  sendEmail(objectId: string, owner: string, mail: AutomatonMail, progress?: (delivery: AlertDelivery) => void): Promise<AlertOutcome>;
  /**
   * «Отправить SMS / в Telegram / в Discord» through the owner's integration of that channel;
   * `onAttempt` as each attempt ends. Absent: the lab has no channel sender, and the alert ends
   * not sent, saying so.
   */
  sendChannelAlert?(objectId: string, owner: string, alert: AutomatonChannelAlert, onAttempt?: (attempt: ChannelAttempt) => void): Promise<AlertOutcome>;
}

/** Counters the ports move; the object's snapshot shows them. */
export interface PortCounts {
  mailsSending: number;
  mailsSent: number;
  mailsFailed: number;
  channelAlertsSending: number;
  channelAlertsSent: number;
  channelAlertsFailed: number;
  operatorMessages: number;
  commandsPublished: number;
}

export interface ObjectPortContext {
  objectId: string;
  owner: string;
  objectTime: () => number;
  now: () => number;
  broker: MqttBroker | null;
  actions: ObjectActionPorts;
  alerts: AlertLog;
  messages: OperatorMessageStore;
  counts: PortCounts;
  emit: (event: ObjectEvent) => void;
  changed: () => void;
}

/** What a device command's port answers (the runner puts it into its action-result). */
export interface CommandOutcome {
  ok: boolean;
  published: { topic: string; payload: string } | null;
  text: Bilingual;
}

/** A channel alert where the lab was started without a sender for the channels. */
export function channelNotAvailable(alert: Pick<AutomatonChannelAlert, 'channel'>): AlertOutcome {
  const name = CHANNEL_NAMES[alert.channel];
  return {
    ok: false,
    message: {
      ru: `Канал ${name.ru} здесь недоступен: лаборатория (или smtp-lab automaton run) запущена без отправителя этого канала, оповещение не отправлено.`,
      en: `The ${name.en} channel is not available here: the lab (or smtp-lab automaton run) runs without a sender for it, so the alert was not sent.`,
    },
    reply: null,
    explanation: null,
    attempts: 0,
  };
}

const COUNTERS: Record<'mail' | 'channel', { sending: keyof PortCounts; sent: keyof PortCounts; failed: keyof PortCounts }> = {
  mail: { sending: 'mailsSending', sent: 'mailsSent', failed: 'mailsFailed' },
  channel: { sending: 'channelAlertsSending', sent: 'channelAlertsSent', failed: 'channelAlertsFailed' },
};

export function createObjectPorts(ctx: ObjectPortContext): ActionPorts {
  /**
   * One alert on record from start to end: begun (sending), its progress as the sender reports
   * it, then finished with the answer or the throw — which is passed on, so that the runner
   * reports a port-failed error in the object's log as well.
   */
  const track = async (
    begin: AlertBegin,
    kind: AlertKind,
    send: (progress: (record: AlertRecord | undefined) => void, id: string) => Promise<AlertOutcome> | AlertOutcome,
  ): Promise<SendEmailOutcome & { alertId: string }> => {
    const counters = COUNTERS[kind === 'email' ? 'mail' : 'channel'];
    const started = ctx.alerts.begin(begin);
    ctx.counts[counters.sending]++;
    ctx.emit({ Type: 'alert', Data: started });
    ctx.changed();
    const settle = (result: Parameters<AlertLog['finish']>[1]) => {
      ctx.counts[counters.sending]--;
      const record = ctx.alerts.finish(started.id, result);
      const ok = 'outcome' in result && normalizeOutcome(result.outcome, kind).ok;
      ctx.counts[ok ? counters.sent : counters.failed]++;
      // Undefined only when the alert cap dropped the record while the alert was on its way.
      if (record) ctx.emit({ Type: 'alert', Data: record });
      ctx.changed();
    };
    let answer: unknown;
    try {
      answer = await send((record) => {
        if (record) ctx.emit({ Type: 'alert', Data: record });
      }, started.id);
    } catch (error) {
      settle({ error: errorInfo(error) });
      throw error;
    }
    settle({ outcome: answer });
    // The alert's id rides along into the runner's action-result, linking the log to the alert;
    // the attempts stay on the alert, not in every log entry.
    const { delivery: _attempts, channelAttempts: _tries, ...outcome } = normalizeOutcome(answer, kind);
    return { ...outcome, alertId: started.id };
  };

  const begun = { objectId: ctx.objectId, owner: ctx.owner };
  return {
    sendEmail(mail: AutomatonMail): Promise<SendEmailOutcome> {
      return track({ ...begun, mail, objectTime: ctx.objectTime() }, 'email', (progress, id) =>
        ctx.actions.sendEmail(ctx.objectId, ctx.owner, mail, (delivery) => progress(ctx.alerts.progress(id, delivery))),
      );
    },

    sendChannelAlert(alert: AutomatonChannelAlert): Promise<ChannelAlertOutcome> {
      const attempts: ChannelAttempt[] = [];
      return track({ ...begun, alert, objectTime: ctx.objectTime() }, alert.channel, (progress, id) => {
        const send = ctx.actions.sendChannelAlert;
        if (!send) return channelNotAvailable(alert);
        return send(ctx.objectId, ctx.owner, alert, (attempt) => {
          attempts.push(attempt);
          progress(ctx.alerts.channelProgress(id, attempts));
        });
      });
    },

    pushMessage(message: PushMessage) {
      const stored = ctx.messages.add({
        objectId: ctx.objectId,
        owner: ctx.owner,
        stateId: message.stateId,
        stateName: message.stateName,
        importance: message.importance,
        text: message.body,
        time: ctx.now(),
        objectTime: ctx.objectTime(),
      });
      ctx.counts.operatorMessages++;
      ctx.emit({ Type: 'operator-message', Data: { message: stored, indicator: ctx.messages.indicator(ctx.owner) } });
      return { ok: true, messageId: stored.id };
    },

    async deviceCommand(command: DeviceCommand): Promise<CommandOutcome> {
      const publish = command.modelCommand?.publish ?? null;
      if (publish === null) {
        return {
          ok: true,
          published: null,
          text: {
            ru: `Команда «${command.id}» только записана в журнал: в модели у неё нет публикации MQTT ({ "service": "ric-gate", "command": "publish", "topic": … })`,
            en: `Command "${command.id}" logged only: the model has no MQTT publish for it ({ "service": "ric-gate", "command": "publish", "topic": … })`,
          },
        };
      }
      if (ctx.broker === null) {
        return {
          ok: false,
          published: null,
          text: {
            ru: `Команда «${command.id}» не опубликована: здесь нет брокера MQTT — у лаборатории он выключен (--mqtt-port off) или это smtp-lab automaton run без --mqtt (${publish.topic}: ${publish.payload})`,
            en: `Command "${command.id}" not published: there is no MQTT broker here — the lab's is off (--mqtt-port off), or this is smtp-lab automaton run without --mqtt (${publish.topic}: ${publish.payload})`,
          },
        };
      }
      await ctx.broker.publish(publish.topic, publish.payload);
      ctx.counts.commandsPublished++;
      return {
        ok: true,
        published: publish,
        text: {
          ru: `MQTT → ${publish.topic}: ${publish.payload} (команда «${command.id}»)`,
          en: `MQTT → ${publish.topic}: ${publish.payload} (command "${command.id}")`,
        },
      };
    },
  };
}
