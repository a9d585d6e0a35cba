// The channels on the command line: `smtp-lab integration set|show --channel telegram|discord|sms`
// (each field of the channel's form is a flag: botToken → --bot-token), `smtp-lab send-test
// --channel …` with the same exit codes and --json as the test e-mail (0 sent, 1 failed, 2 bad
// input), and `smtp-lab channel list`. The CLI keeps its channel integrations beside its SMTP one,
// in channel-integrations.json (mode 0600: it holds tokens and passwords), and sends from its own
// process, as the e-mail test does; secrets are never printed.
import { dirname, join } from 'node:path';
import { readTextIfExists, writePrivateFile } from '../../server/common/private-file.js';
import type { CliIo, OptionTable } from '../../server/cli/kit/command.js';
import { UsageError } from '../../server/cli/kit/command.js';
import type { Bilingual, Language } from '../../server/cli/kit/language.js';
import { findRunningLab } from '../../server/cli/kit/running-lab.js';
import type { ChannelAlertPort } from './channel-alerts.js';
import type { ChannelDriver, SimulatorAddresses } from './channel-driver.js';
import { channelView } from './channel-integration-store.js';
import {
  CHANNEL_IDS,
  type ChannelAttempt,
  type ChannelId,
  type ChannelPreset,
  type ChannelSendResult,
  type FieldErrors,
  type SimulatorInfo,
} from './channel-wire.js';
import { CHANNEL_DRIVERS } from './channel-drivers.js';

export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The flags of every channel's form and test (those the SMTP commands have already are shared). */
export const CHANNEL_OPTIONS: OptionTable = Object.fromEntries([
  ['channel', { type: 'string' }],
  ...CHANNEL_DRIVERS.flatMap((d) => [...d.fields, ...d.testFields].map((f) => [kebab(f.name), { type: 'string' }] as const)),
]);

const T = {
  unknownChannel: { en: '--channel: "%s" is not one of %s', ru: '--channel: «%s» — не один из каналов %s' },
  saved: { en: 'Saved to %s.', ru: 'Сохранено в %s.' },
  notSaved: {
    en: 'No %s integration saved in %s yet: smtp-lab integration set --channel %s --preset lab …',
    ru: 'Интеграция «%s» в %s ещё не сохранена: smtp-lab integration set --channel %s --preset lab …',
  },
  invalid: { en: 'Not saved: fix these fields', ru: 'Не сохранено: исправьте поля' },
  testInvalid: { en: 'Not sent: fix these', ru: 'Не отправлено: исправьте' },
  secretSet: { en: '•••••••• (set, never shown)', ru: '•••••••• (задан, не показывается)' },
  secretUnset: { en: '(not set)', ru: '(не задан)' },
  unknownPreset: { en: '--preset: "%s" is not one of %s', ru: '--preset: «%s» — не один из шаблонов %s' },
  unreadable: { en: '%s is not a JSON file of channel integrations: %s', ru: '%s — не файл интеграций каналов в JSON: %s' },
  attempt: { en: 'attempt %s of %s: %s', ru: 'попытка %s из %s: %s' },
  noAnswer: { en: 'no answer', ru: 'нет ответа' },
  retryIn: { en: 'the next in %s s (the service asked: retry_after)', ru: 'следующая через %s с (так просит сервис: retry_after)' },
  reply: { en: 'Reply', ru: 'Ответ' },
  cause: { en: 'Why', ru: 'Причина' },
  fix: { en: 'What to do', ru: 'Что сделать' },
  field: { en: 'Field', ru: 'Поле' },
  simulators: { en: 'Simulators of the running lab (%s):', ru: 'Имитаторы запущенной лаборатории (%s):' },
  notRunning: {
    en: 'No lab server is running (smtp-lab start): its simulators are not up.',
    ru: 'Сервер лаборатории не запущен (smtp-lab start): его имитаторов нет.',
  },
  savedHere: { en: 'Integrations saved for the CLI (%s):', ru: 'Интеграции, сохранённые для командной строки (%s):' },
  none: { en: '(none)', ru: '(нет)' },
} satisfies Record<string, Bilingual>;

const say = (text: Bilingual, language: Language, ...values: string[]) => values.reduce((s, v) => s.replace('%s', v), text[language]);

export function driverOf(channel: string, language: Language): ChannelDriver {
  const driver = CHANNEL_DRIVERS.find((d) => d.channel === channel);
  if (!driver) throw new UsageError(say(T.unknownChannel, language, channel, CHANNEL_IDS.join(', ')));
  return driver;
}

export function channelFilePath(smtpConfigPath: string): string {
  return join(dirname(smtpConfigPath), 'channel-integrations.json');
}

type Saved = Partial<Record<ChannelId, Record<string, string | number | boolean>>>;

async function load(path: string, language: Language): Promise<Saved> {
  const text = await readTextIfExists(path);
  if (text === undefined) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Saved;
  } catch (err) {
    throw new UsageError(say(T.unreadable, language, path, (err as Error).message));
  }
}

/** Where the running lab's simulators are (its /api/lab/channels), or the `npm start` defaults. */
async function labAddresses(
  dataDir: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<{ simulators: SimulatorInfo[] | null; addresses: SimulatorAddresses }> {
  const running = await findRunningLab(dataDir, env);
  if (running.state === 'running') {
    try {
      const res = await fetch(`${running.admin.url}/api/lab/channels`);
      const body = (await res.json()) as { simulators: SimulatorInfo[] };
      const addresses: SimulatorAddresses = {};
      for (const sim of body.simulators) {
        if (sim.service === 'telegram-bot-api') addresses.telegram = sim.url;
        if (sim.service === 'discord-webhook') addresses.discord = sim.url;
        if (sim.service === 'sms-ru') addresses.smsRu = sim.url;
        if (sim.service === 'smpp') addresses.smpp = { host: new URL(sim.url.replace(/^smpp:/, 'http:')).hostname, port: sim.port };
      }
      return { simulators: body.simulators, addresses };
    } catch {
      // A server that does not answer: the defaults below.
    }
  }
  return {
    simulators: null,
    addresses: { telegram: 'http://127.0.0.1:8026', discord: 'http://127.0.0.1:8027', smsRu: 'http://127.0.0.1:8028', smpp: { host: '127.0.0.1', port: 2775 } },
  };
}

export function describeChannelErrors(driver: ChannelDriver, errors: FieldErrors, language: Language): string {
  const fields = [...driver.fields, ...driver.testFields];
  const label = (name: string) => {
    const field = fields.find((f) => f.name === name);
    return field ? `${field.label[language]} (--${kebab(name)})` : name;
  };
  const width = Math.max(0, ...Object.keys(errors).map((name) => label(name).length));
  return Object.entries(errors)
    .map(([name, text]) => `  ${label(name).padEnd(width)}  ${text?.[language] ?? ''}`)
    .join('\n');
}

function describeSettings(driver: ChannelDriver, settings: Record<string, string | number | boolean>, language: Language): string {
  const view = channelView(driver, settings);
  const width = Math.max(...driver.fields.map((f) => f.label[language].length));
  return driver.fields
    .map((f) => {
      const value = f.secret ? (view.secretsSet[f.name] ? T.secretSet[language] : T.secretUnset[language]) : String(view.values[f.name] ?? '');
      return `  ${f.label[language].padEnd(width)}  ${value}`;
    })
    .join('\n');
}

type Values = Record<string, string | boolean | undefined>;

/** `smtp-lab integration set|show --channel C`: exit 0 saved / shown, 1 nothing saved (show), 2 a wrong field. */
export async function channelIntegration(sub: string, values: Values, smtpConfigPath: string, language: Language, io: CliIo): Promise<number> {
  const driver = driverOf(String(values.channel), language);
  const path = channelFilePath(smtpConfigPath);
  const all = await load(path, language);
  const saved = all[driver.channel];
  if (sub === 'show') {
    if (!saved) {
      io.err(`${say(T.notSaved, language, driver.name[language], path, driver.channel)}\n`);
      return 1;
    }
    io.out(
      values.json
        ? JSON.stringify(channelView(driver, saved), null, 2) + '\n'
        : `${driver.name[language]} (${path})\n${describeSettings(driver, saved, language)}\n`,
    );
    return 0;
  }
  const merged: Record<string, unknown> = { ...saved };
  if (typeof values.preset === 'string') {
    const { addresses } = await labAddresses(typeof values['data-dir'] === 'string' ? values['data-dir'] : io.env.SMTP_LAB_DATA_DIR || undefined, io.env);
    const presets: ChannelPreset[] = driver.presets(addresses);
    const preset = presets.find((p) => p.id === values.preset);
    if (!preset) throw new UsageError(say(T.unknownPreset, language, values.preset, presets.map((p) => p.id).join(', ')));
    Object.assign(merged, preset.values, { preset: preset.id });
  }
  for (const field of driver.fields) {
    const value = values[kebab(field.name)];
    if (typeof value === 'string') merged[field.name] = value;
    // A secret not given keeps the saved one: the driver's validation is told by an empty value.
    else if (field.secret) merged[field.name] = '';
  }
  const checked = driver.validate(merged, saved);
  if (!checked.ok) {
    io.err(`smtp-lab integration: ${T.invalid[language]}:\n${describeChannelErrors(driver, checked.errors, language)}\n`);
    return 2;
  }
  await writePrivateFile(path, JSON.stringify({ ...all, [driver.channel]: checked.value }, null, 2) + '\n');
  io.out(`${say(T.saved, language, path)}\n${describeSettings(driver, checked.value, language)}\n`);
  return 0;
}

function attemptLine(attempt: ChannelAttempt, language: Language): string {
  const what = attempt.status === null ? (attempt.reply ?? T.noAnswer[language]) : `${attempt.status} ${attempt.reply ?? ''}`.trim();
  const next =
    attempt.n < attempt.of && attempt.transient && attempt.retryAfterSeconds !== null ? `; ${say(T.retryIn, language, String(attempt.retryAfterSeconds))}` : '';
  return say(T.attempt, language, String(attempt.n), String(attempt.of), what) + next;
}

export function describeChannelResult(driver: ChannelDriver, result: ChannelSendResult, language: Language): string {
  const lines = [result.message[language]];
  if (!result.ok && result.reply !== null) lines.push(`  ${T.reply[language]}: ${result.reply}`);
  const e = result.explanation;
  if (e) {
    lines.push(`  ${T.cause[language]}: ${e.cause[language]}`, `  ${T.fix[language]}: ${e.fix[language]}`);
    const field = e.field ? [...driver.fields, ...driver.testFields].find((f) => f.name === e.field) : undefined;
    if (field) lines.push(`  ${T.field[language]}: ${field.label[language]} (--${kebab(field.name)})`);
  }
  return lines.join('\n');
}

/** `smtp-lab send-test --channel C`: 0 sent, 1 the send failed, 2 bad input (nothing saved, a wrong field). */
export async function channelSendTest(values: Values, smtpConfigPath: string, language: Language, io: CliIo): Promise<number> {
  const driver = driverOf(String(values.channel), language);
  const path = channelFilePath(smtpConfigPath);
  const saved = (await load(path, language))[driver.channel];
  if (!saved) {
    io.err(`${say(T.notSaved, language, driver.name[language], path, driver.channel)}\n`);
    return 2;
  }
  const input: Record<string, unknown> = {};
  for (const field of driver.testFields) {
    const value = values[kebab(field.name)];
    if (typeof value === 'string') input[field.name] = value;
  }
  const test = driver.validateTest(input, saved);
  if (!test.ok) {
    io.err(`smtp-lab send-test: ${T.testInvalid[language]}:\n${describeChannelErrors(driver, test.errors, language)}\n`);
    return 2;
  }
  const attempts = typeof values.attempts === 'string' ? Number(values.attempts) : undefined;
  const { serviceMessageId: _id, ...result } = await driver.send(saved, test.value, {
    ...(attempts && Number.isInteger(attempts) ? { attempts } : {}),
    // Each attempt that is retried, on stderr as it ends: --json's stdout stays JSON.
    onAttempt: (attempt) => {
      if (attempt.n < attempt.of && attempt.transient && !attempt.status?.toString().startsWith('2')) io.err(`${attemptLine(attempt, language)}\n`);
    },
  });
  if (values.json) io.out(JSON.stringify(result, null, 2) + '\n');
  else (result.ok ? io.out : io.err)(`${describeChannelResult(driver, result, language)}\n`);
  return result.ok ? 0 : 1;
}

/** `smtp-lab channel list`: the running lab's simulators and the integrations saved for the CLI. */
export async function listChannels(values: Values, smtpConfigPath: string, language: Language, io: CliIo): Promise<number> {
  const { simulators } = await labAddresses(typeof values['data-dir'] === 'string' ? values['data-dir'] : io.env.SMTP_LAB_DATA_DIR || undefined, io.env);
  const path = channelFilePath(smtpConfigPath);
  const saved = await load(path, language);
  if (values.json) {
    const integrations = Object.fromEntries(CHANNEL_DRIVERS.filter((d) => saved[d.channel]).map((d) => [d.channel, channelView(d, saved[d.channel] ?? {})]));
    io.out(JSON.stringify({ simulators, integrations }, null, 2) + '\n');
    return 0;
  }
  const lines: string[] = [];
  if (simulators) {
    lines.push(say(T.simulators, language, String(simulators.length)));
    const width = Math.max(...simulators.map((s) => s.name[language].length));
    for (const sim of simulators) lines.push(`  ${sim.channel.padEnd(9)} ${sim.name[language].padEnd(width)}  ${sim.url}`);
  } else lines.push(T.notRunning[language]);
  lines.push('', say(T.savedHere, language, path));
  const kept = CHANNEL_DRIVERS.filter((d) => saved[d.channel]);
  lines.push(
    ...(kept.length > 0
      ? kept.map((d) => `  ${d.channel.padEnd(9)} ${d.name[language]} (${String(saved[d.channel]?.preset ?? '')})`)
      : [`  ${T.none[language]}`]),
  );
  io.out(lines.join('\n') + '\n');
  return 0;
}

/** The part of --help about --channel, generated from each channel's fields. */
export function channelHelp(language: Language, command: 'integration' | 'send-test'): string {
  const head =
    command === 'integration'
      ? {
          en: `\nOther alert channels: smtp-lab integration set|show --channel ${CHANNEL_IDS.join('|')} [--preset P] [flags]\n(kept in channel-integrations.json beside the SMTP file, mode 0600; secrets never printed)\n`,
          ru: `\nДругие каналы оповещений: smtp-lab integration set|show --channel ${CHANNEL_IDS.join('|')} [--preset ШАБЛОН] [параметры]\n(хранятся в channel-integrations.json рядом с файлом SMTP, права 0600; секреты не печатаются)\n`,
        }
      : {
          en: `\nOther alert channels: smtp-lab send-test --channel ${CHANNEL_IDS.join('|')} [flags] [--json]\n(429 is retried after the service's retry_after; the same exit codes)\n`,
          ru: `\nДругие каналы оповещений: smtp-lab send-test --channel ${CHANNEL_IDS.join('|')} [параметры] [--json]\n(на 429 повтор через retry_after сервиса; коды выхода те же)\n`,
        };
  const lines = [head[language]];
  for (const driver of CHANNEL_DRIVERS) {
    const fields = command === 'integration' ? driver.fields : driver.testFields;
    if (fields.length === 0) continue;
    const presets =
      command === 'integration'
        ? ` (--preset ${driver
            .presets({})
            .map((p) => p.id)
            .join('|')})`
        : '';
    lines.push(`  --channel ${driver.channel}${presets}`);
    for (const f of fields)
      lines.push(`    --${kebab(f.name).padEnd(16)} ${f.label[language]}${f.secret ? (language === 'ru' ? ' (секрет)' : ' (secret)') : ''}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The channel alerts of `smtp-lab automaton run` without a lab: sent from the CLI's process with
 * the channel integrations saved for the CLI (as its e-mail alerts use its SMTP integration).
 */
export function cliChannelPort(smtpConfigPath: string): ChannelAlertPort {
  return {
    async send(_owner, channel, alert, onAttempt, signal) {
      const driver = CHANNEL_DRIVERS.find((d) => d.channel === channel);
      const saved = driver ? (await load(channelFilePath(smtpConfigPath), 'en').catch(() => ({}) as Saved))[channel] : undefined;
      if (!driver || !saved) {
        return {
          ok: false,
          message: {
            ru: `Интеграция канала ${channel} для командной строки не сохранена: smtp-lab integration set --channel ${channel} …`,
            en: `No ${channel} integration is saved for the command line: smtp-lab integration set --channel ${channel} …`,
          },
          status: null,
          reply: null,
          explanation: null,
          attempts: [],
          messageId: null,
          exchangeId: null,
        };
      }
      const { serviceMessageId: _id, ...result } = await driver.send(
        saved,
        {
          text: alert.text,
          ...(alert.to ? { to: alert.to } : {}),
          ...(alert.title ? { title: alert.title } : {}),
          ...(alert.parseMode ? { parseMode: alert.parseMode } : {}),
        },
        { ...(signal ? { signal } : {}), ...(onAttempt ? { onAttempt } : {}) },
      );
      return result;
    },
  };
}
