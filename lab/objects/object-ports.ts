// The three ports one object's runner acts through, and where each goes: «Отправить e-mail»
// to the injected sender (every attempt in the alert log, a throw recorded and passed on so the
// runner reports it too), «Сообщение оператору» to the operator's panel, a device command with a
// model publish to the broker. The runner already survives a port that throws; these ports make
// sure the attempt is on record before it does.
import type { Bilingual } from '../integration/integration-types.js';
import type { ActionPorts, AutomatonMail, DeviceCommand, PushMessage, SendEmailOutcome } from '../automaton/runner-events.js';
import type { AlertDelivery } from '../sender/delivery-types.js';
import { errorInfo } from '../automaton/runner-actions.js';
import { normalizeOutcome, type AlertLog, type AlertOutcome } from './alert-log.js';
import type { ObjectEvent } from './object-events.js';
import type { MqttBroker } from './mqtt-broker.js';
import type { OperatorMessageStore } from './operator-messages.js';

/** What the registry needs from outside: the mail sender (through the student's SMTP integration). */
export interface ObjectActionPorts {
  /** `progress`: the delivery so far, each time an attempt ends (a retry's wait is live on the alert). */
  sendEmail(objectId: string, owner: string, mail: AutomatonMail, progress?: (delivery: AlertDelivery) => void): Promise<AlertOutcome>;
}

/** Counters the ports move; the object's snapshot shows them. */
export interface PortCounts {
  mailsSending: number;
  mailsSent: number;
  mailsFailed: number;
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

export function createObjectPorts(ctx: ObjectPortContext): ActionPorts {
  return {
    async sendEmail(mail: AutomatonMail): Promise<SendEmailOutcome> {
      const started = ctx.alerts.begin({ objectId: ctx.objectId, owner: ctx.owner, mail, objectTime: ctx.objectTime() });
      ctx.counts.mailsSending++;
      ctx.emit({ Type: 'alert', Data: started });
      ctx.changed();
      const settle = (result: Parameters<AlertLog['finish']>[1]) => {
        ctx.counts.mailsSending--;
        const record = ctx.alerts.finish(started.id, result);
        const ok = 'outcome' in result && normalizeOutcome(result.outcome).ok;
        if (ok) ctx.counts.mailsSent++;
        else ctx.counts.mailsFailed++;
        // Undefined only when the alert cap dropped the record while the mail was on its way.
        if (record) ctx.emit({ Type: 'alert', Data: record });
        ctx.changed();
      };
      let answer: unknown;
      try {
        answer = await ctx.actions.sendEmail(ctx.objectId, ctx.owner, mail, (delivery) => {
          const record = ctx.alerts.progress(started.id, delivery);
          if (record) ctx.emit({ Type: 'alert', Data: record });
        });
      } catch (error) {
        settle({ error: errorInfo(error) });
        // Passed on: the runner reports a port-failed error in the object's log as well.
        throw error;
      }
      settle({ outcome: answer });
      // The alert's id rides along into the runner's action-result, linking the log to the alert;
      // the attempts stay on the alert, not in every log entry.
      const { delivery: _attempts, ...outcome } = normalizeOutcome(answer);
      const answered: SendEmailOutcome & { alertId: string } = { ...outcome, alertId: started.id };
      return answered;
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
