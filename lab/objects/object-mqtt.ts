// An object's device on the broker, as lines of the object's log: its connects, subscribes and
// disconnects, and each PUBLISH with its topic and payload, read by the topic rules into the
// values the automaton gets (or the reason it gets none).
import type { Bilingual } from '../integration/integration-types.js';
import type { Parameter, ParameterValues } from '../automaton/automaton-types.js';
import type { BrokerClientEvent, BrokerMessage } from './mqtt-broker.js';
import type { ObjectSource } from './object-spec.js';
import type { LogLine } from './runner-log.js';
import { readPublish } from './telemetry-topics.js';

/** A payload shown in a log line: as text when it is UTF-8, else as Base64; cut past this. */
export const PAYLOAD_PREVIEW_CHARS = 1000;

export function payloadPreview(payload: Buffer): { text: string; encoding: 'utf8' | 'base64' } {
  let text: string;
  let encoding: 'utf8' | 'base64' = 'utf8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload.subarray(0, PAYLOAD_PREVIEW_CHARS * 4));
  } catch {
    text = payload.subarray(0, PAYLOAD_PREVIEW_CHARS).toString('base64');
    encoding = 'base64';
  }
  return { text: text.length > PAYLOAD_PREVIEW_CHARS ? `${text.slice(0, PAYLOAD_PREVIEW_CHARS)}…` : text, encoding };
}

export function mqttLine(event: BrokerClientEvent): LogLine {
  const from = event.address ? ` (${event.address})` : '';
  switch (event.kind) {
    case 'connect':
      return {
        kind: 'mqtt-connect',
        text: { ru: `Устройство подключилось к MQTT${from}`, en: `The device connected to MQTT${from}` },
        data: { clientId: event.clientId, address: event.address },
      };
    case 'disconnect':
      return {
        kind: 'mqtt-disconnect',
        text: { ru: `Устройство отключилось${from}`, en: `The device disconnected${from}` },
        data: { clientId: event.clientId, address: event.address },
      };
    case 'subscribe': {
      const topics = event.topics.map((t) => t.topic).join(', ');
      return {
        kind: 'mqtt-subscribe',
        text: { ru: `Устройство подписалось на ${topics}`, en: `The device subscribed to ${topics}` },
        data: { topics: event.topics },
      };
    }
    case 'unsubscribe':
      return {
        kind: 'mqtt-unsubscribe',
        text: { ru: `Устройство отписалось от ${event.topics.join(', ')}`, en: `The device unsubscribed from ${event.topics.join(', ')}` },
        data: { topics: event.topics },
      };
    case 'error':
      return { kind: 'mqtt-error', text: event.text, data: { code: event.code, message: event.message, address: event.address } };
  }
}

export interface DeviceMessage {
  preview: { text: string; encoding: 'utf8' | 'base64' };
  /** In order: the publish itself, each refused value, then why nothing is used. */
  lines: LogLine[];
  refused: number;
  /** What to hand the runner (with the mqtt-last values); null when the publish carries none. */
  values: ParameterValues | null;
  /** Parameters in `values` neither the model nor the automaton names. */
  unknown: string[];
}

export function readDeviceMessage(message: BrokerMessage, parameters: readonly Parameter[], source: ObjectSource): DeviceMessage {
  const preview = payloadPreview(message.payload);
  const lines: LogLine[] = [
    {
      kind: 'mqtt-publish',
      text: { ru: `MQTT ← ${message.topic}: ${preview.text}`, en: `MQTT ← ${message.topic}: ${preview.text}` },
      data: {
        topic: message.topic,
        payload: preview.text,
        encoding: preview.encoding,
        bytes: message.payload.length,
        qos: message.qos,
        retain: message.retain,
      },
    },
  ];
  if (source !== 'mqtt') {
    lines.push({
      kind: 'telemetry-ignored',
      text: {
        ru: `Публикация не учтена: телеметрия объекта идёт из источника ${source}, не из MQTT`,
        en: `The publish is not used: this object's telemetry comes from ${source}, not MQTT`,
      },
      data: { reason: 'not-mqtt-object', topic: message.topic },
    });
    return { preview, lines, refused: 0, values: null, unknown: [] };
  }
  const reading = readPublish(message.topic, message.payload, parameters);
  for (const r of reading.refused) lines.push({ kind: 'telemetry-refused', text: r.text, data: { parameter: r.parameter, raw: r.raw, origin: 'mqtt' } });
  if (Object.keys(reading.values).length === 0) {
    const why: Bilingual = reading.reasonText ?? { ru: 'Публикация не несёт значений', en: 'The publish carries no values' };
    lines.push({ kind: 'telemetry-ignored', text: why, data: { reason: reading.reason, topic: message.topic } });
    return { preview, lines, refused: reading.refused.length, values: null, unknown: [] };
  }
  return { preview, lines, refused: reading.refused.length, values: { ...reading.values, ...reading.last }, unknown: reading.unknown };
}
