// `smtp-lab automaton run`: one object running an automaton, reported as it happens. On a playback
// or the simulator it runs here, in a registry of its own (simulated time, `--speed`); with --mqtt
// it is attached to the running lab (its broker and its browser page), its events streamed back
// until Ctrl+C. Alerts go out with the integration `smtp-lab integration set` saved.
import { readFile } from 'node:fs/promises';
import type { AdminFile } from '../../server/accounts/admin-file.js';
import type { CliIo } from '../../server/cli/kit/command.js';
import type { Language } from '../../server/cli/kit/language.js';
import { findRunningLab, labCertificatePath } from '../../server/cli/kit/running-lab.js';
import { terminalSafe } from '../../server/cli/kit/terminal-text.js';
import type { Model } from '../automaton/automaton-types.js';
import { describeChannelTarget } from '../automaton/describe.js';
import type { AutomatonDocument } from '../automaton/import-automaton.js';
import { parsePlaybackFile } from '../automaton/playback-file.js';
import type { IntegrationSettings } from '../integration/integration-types.js';
import { ALERT_TEXTS } from '../sender/alert-sender.js';
import { deliverMail } from '../sender/delivery.js';
import type { AlertDelivery } from '../sender/delivery-types.js';
import { attemptLine } from '../sender/delivery-words.js';
import type { AutomatonMail } from '../automaton/runner-events.js';
import type { ChannelAlertPort } from '../channels/channel-alerts.js';
import type { ChannelAttempt } from '../channels/channel-wire.js';
import type { AlertOutcome } from './alert-log.js';
import { channelAlertSender } from './channel-alert-port.js';
import { channelAttemptLine } from './channel-alert-words.js';
import { alertOutcome, outgoingAlert, progressReporter } from './alert-port.js';
import type { ObjectEvent } from './object-events.js';
import { createObjectRegistry } from './object-registry.js';
import { simulatorKnobsFor } from './simulator-defaults.js';

export interface RunSettings {
  objectId: string;
  language: Language;
  json: boolean;
  speed: number;
  durationSeconds: number;
  seed: number;
  integration: IntegrationSettings | undefined;
  integrationPath: string;
}

export type LocalFeed = { kind: 'playback'; text: string } | { kind: 'simulator'; preset: 'overheat' | 'steady' };

const R = {
  noIntegration: {
    en: 'note: no SMTP integration is saved (%s): alerts will not be sent. smtp-lab integration set --preset lab … saves one.',
    ru: 'примечание: интеграция SMTP не сохранена (%s): оповещения не будут отправлены. Сохраните её: smtp-lab integration set --preset lab …',
  },
  sent: { en: '✉ alert sent to %s: «%s», the server replied «%s»', ru: '✉ оповещение отправлено на %s: «%s», ответ сервера «%s»' },
  failed: { en: '✉ alert NOT sent to %s: %s', ru: '✉ оповещение НЕ отправлено на %s: %s' },
  channelSent: { en: '✉ alert sent (%s): «%s»', ru: '✉ оповещение отправлено (%s): «%s»' },
  channelFailed: { en: '✉ alert NOT sent (%s): %s', ru: '✉ оповещение НЕ отправлено (%s): %s' },
  progress: { en: 'playback %s%', ru: 'воспроизведение %s%' },
  attached: {
    en: 'Object %s is attached to the lab (%s). Its device publishes with: mosquitto_pub -h %s -p %s -i %s -t base/state/<parameter> -m <value>. Ctrl+C detaches it.',
    ru: 'Объект %s подключён к лаборатории (%s). Устройство публикует так: mosquitto_pub -h %s -p %s -i %s -t base/state/<параметр> -m <значение>. Ctrl+C — отключить.',
  },
  noMqtt: {
    en: 'The running lab has no MQTT broker (started with --mqtt-port off).',
    ru: 'У запущенной лаборатории нет MQTT-брокера (запущена с --mqtt-port off).',
  },
  summary: { en: 'Done. Alerts sent: %s, not sent: %s.', ru: 'Готово: оповещений отправлено — %s, не отправлено — %s.' },
} as const;

const fill = (text: string, ...values: string[]) => values.reduce((t, v) => t.replace('%s', v), text);

/** Prints the object's events; counts the alerts that failed. */
function createPrinter(settings: RunSettings, io: CliIo) {
  const lang = settings.language;
  const counts = { sent: 0, failed: 0 };
  let lastProgress = -1;
  const clock = (ms: number, start: number) => {
    const s = Math.max(0, Math.round((ms - start) / 1000));
    return `[${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}]`;
  };
  let start: number | undefined;
  // The attempts of each alert already printed: a retry's line goes out when its attempt ends.
  const printedAttempts = new Map<string, number>();
  const printAttempts = (id: string, delivery: AlertDelivery | undefined) => {
    const attempts = delivery?.attempts ?? [];
    const done = printedAttempts.get(id) ?? 0;
    // A single attempt that settled it is said by the sent/not sent line alone.
    if (attempts.length <= done || (done === 0 && attempts.length === 1 && attempts[0]?.retryInSeconds === null)) return;
    for (const attempt of attempts.slice(done)) io.err(`  ${terminalSafe(attemptLine(attempt)[lang])}\n`);
    printedAttempts.set(id, attempts.length);
  };
  // A channel alert's retries, as its attempts end; one attempt that settled it is said by the sent/not sent line.
  const printChannelAttempts = (id: string, attempts: readonly ChannelAttempt[] | undefined) => {
    const done = printedAttempts.get(id) ?? 0;
    if (!attempts || attempts.length <= done || (done === 0 && attempts.length === 1 && !attempts[0]?.transient)) return;
    for (const attempt of attempts.slice(done)) io.err(`  ${terminalSafe(channelAttemptLine(attempt)[lang])}\n`);
    printedAttempts.set(id, attempts.length);
  };
  return {
    counts,
    print(frame: ObjectEvent) {
      if (settings.json) io.out(JSON.stringify(frame) + '\n');
      switch (frame.Type) {
        case 'object': {
          start ??= frame.Data.objectTime;
          const progress = frame.Data.feed?.progress;
          if (!settings.json && typeof progress === 'number') {
            const tenth = Math.floor(progress * 10);
            if (tenth > lastProgress) {
              lastProgress = tenth;
              io.err(`${fill(R.progress[lang], String(tenth * 10))}\n`);
            }
          }
          break;
        }
        case 'object-log':
          start ??= frame.Data.entry.objectTime;
          if (!settings.json) io.out(`${clock(frame.Data.entry.objectTime, start)} ${terminalSafe(frame.Data.entry.text[lang])}\n`);
          break;
        case 'alert': {
          if (!settings.json) printAttempts(frame.Data.id, frame.Data.delivery);
          if (!settings.json) printChannelAttempts(frame.Data.id, frame.Data.channelAttempts);
          if (frame.Data.status === 'sending') break;
          const to = frame.Data.mail.to.join(', ');
          const channel = frame.Data.channelMessage;
          const where = channel ? terminalSafe(describeChannelTarget(channel.channel, channel.to)[lang]) : '';
          if (frame.Data.status === 'sent') {
            counts.sent++;
            if (settings.json) break;
            if (channel) io.out(`${fill(R.channelSent[lang], where, terminalSafe(channel.text))}\n`);
            else io.out(`${fill(R.sent[lang], to, terminalSafe(frame.Data.mail.subject), terminalSafe(frame.Data.outcome?.reply ?? ''))}\n`);
          } else {
            counts.failed++;
            const explanation = frame.Data.outcome?.explanation as { cause?: { ru: string; en: string }; fix?: { ru: string; en: string } } | null | undefined;
            const why = [frame.Data.outcome?.message[lang], explanation?.cause?.[lang], explanation?.fix?.[lang], frame.Data.error?.message]
              .filter(Boolean)
              .join(' ');
            if (!settings.json) io.err(`${fill(channel ? R.channelFailed[lang] : R.failed[lang], channel ? where : to, terminalSafe(why))}\n`);
          }
          break;
        }
        default:
          break;
      }
    },
    summary() {
      if (!settings.json) io.out(`${fill(R.summary[lang], String(counts.sent), String(counts.failed))}\n`);
      return counts.failed > 0 ? 1 : 0;
    },
  };
}

/** Sends one alert with the saved integration, as send-test does (the lab's certificate trusted for the lab preset). */
async function localSender(settings: RunSettings, io: CliIo) {
  const running = await findRunningLab(io.env.SMTP_LAB_DATA_DIR || undefined, io.env);
  const caPath = labCertificatePath(running, io.env.SMTP_LAB_DATA_DIR || undefined, io.env);
  const labCertificate = caPath ? await readFile(caPath, 'utf8').catch(() => undefined) : undefined;
  return async (mail: AutomatonMail, progress?: (delivery: AlertDelivery) => void): Promise<AlertOutcome> => {
    if (!settings.integration) {
      return { ok: false, message: { ru: 'Интеграция SMTP не сохранена', en: 'No SMTP integration is saved' }, reply: null, explanation: null, attempts: 0 };
    }
    // The same sender as the lab's: the same retries, each attempt printed as it ends.
    const result = await deliverMail(settings.integration, outgoingAlert(mail), {
      ...(labCertificate ? { labCertificate } : {}),
      surface: 'cli',
      texts: ALERT_TEXTS,
      onEvent: progressReporter(progress),
    });
    return alertOutcome(result);
  };
}

/** `channels`: where the SMS, Telegram and Discord alerts go; without it they end not sent, saying the channel is not available. */
export async function runLocally(
  document: AutomatonDocument,
  model: Model | null,
  feed: LocalFeed,
  settings: RunSettings,
  io: CliIo,
  channels?: ChannelAlertPort,
): Promise<number> {
  if (!settings.integration && !settings.json) io.err(`${fill(R.noIntegration[settings.language], settings.integrationPath)}\n`);
  const printer = createPrinter(settings, io);
  const send = await localSender(settings, io);
  const registry = createObjectRegistry({
    actions: {
      sendEmail: (_id, _owner, mail, progress) => send(mail, progress),
      ...(channels ? { sendChannelAlert: channelAlertSender(channels) } : {}),
    },
    onEvent: (frame) => printer.print(frame),
  });
  const samples = feed.kind === 'playback' ? parsePlaybackFile(feed.text) : undefined;
  registry.create({ id: settings.objectId, automaton: document, model, owner: 'cli', source: samples ? 'playback' : 'simulator', speed: settings.speed });
  await new Promise<void>((resolve) => {
    const onStop = () => resolve();
    process.once('SIGINT', onStop);
    const timer = setInterval(() => {
      const snapshot = registry.get(settings.objectId);
      const elapsed = (snapshot.objectTime - snapshot.createdAt) / 1000;
      if (snapshot.finished || snapshot.feed?.state === 'ended' || (!samples && elapsed >= settings.durationSeconds)) {
        clearInterval(timer);
        process.off('SIGINT', onStop);
        resolve();
      }
    }, 50);
    if (samples) registry.playback(settings.objectId, samples, { speed: settings.speed });
    else
      registry.simulate(settings.objectId, {
        seed: settings.seed,
        knobs: simulatorKnobsFor(document.automaton, model, feed.kind === 'simulator' ? feed.preset : 'overheat'),
        speed: settings.speed,
      });
  });
  // Mails still on their way belong to this run.
  await registry.idle();
  registry.close();
  return printer.summary();
}

export async function runAttached(admin: AdminFile, automatonText: string, modelText: string | undefined, settings: RunSettings, io: CliIo): Promise<number> {
  const headers = { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' };
  const mqtt = (await (await fetch(`${admin.url}/api/lab/mqtt`)).json()) as { enabled: boolean; host: string; port: number | null };
  if (!mqtt.enabled || mqtt.port === null) {
    io.err(`smtp-lab automaton: ${R.noMqtt[settings.language]}\n`);
    return 1;
  }
  const created = await fetch(`${admin.url}/api/lab/admin/objects`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      id: settings.objectId,
      automaton: automatonText,
      ...(modelText ? { model: modelText } : {}),
      ...(settings.integration ? { integration: settings.integration } : {}),
    }),
  });
  if (!created.ok) {
    const body = (await created.json().catch(() => ({}))) as { error?: { text?: { ru: string; en: string }; message?: string } };
    io.err(`smtp-lab automaton: ${terminalSafe(body.error?.text?.[settings.language] ?? body.error?.message ?? `HTTP ${created.status}`)}\n`);
    return 2;
  }
  if (!settings.json) {
    io.out(`${fill(R.attached[settings.language], settings.objectId, admin.url, mqtt.host, String(mqtt.port), settings.objectId)}\n`);
    if (!settings.integration) io.err(`${fill(R.noIntegration[settings.language], settings.integrationPath)}\n`);
  }
  const printer = createPrinter(settings, io);
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const res = await fetch(`${admin.url}/api/lab/admin/objects/${encodeURIComponent(settings.objectId)}/events`, { headers, signal: abort.signal });
    const reader = res.body?.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      buffered += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        if (line.trim()) printer.print(JSON.parse(line) as ObjectEvent);
      }
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    // Closing the stream detaches the object; the DELETE makes sure of it.
    await fetch(`${admin.url}/api/lab/admin/objects/${encodeURIComponent(settings.objectId)}`, { method: 'DELETE', headers }).catch(() => undefined);
  }
  return printer.summary();
}
