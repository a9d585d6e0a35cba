// `smtp-lab automaton show | add-email | add-sms | add-telegram | add-discord | run`: the
// platform's automaton exports on the command line. `show` puts an export into words; `add-email`
// adds «Отправить e-mail» to a state and writes the platform's file, and `add-sms`, `add-telegram`,
// `add-discord` the lab's own channel commands beside it; `run` runs one object on a playback file
// or the simulator (here, in this process) or on MQTT (attached to the running lab, so
// `mosquitto_pub -i ID` reaches it and the browser shows it), printing what happens, and exits 1
// when an alert could not be sent.
import { readFile, writeFile } from 'node:fs/promises';
import { defineCommand, runCommand, UsageError, type CliIo, type OptionTable } from '../../server/cli/kit/command.js';
import { fill, type Language } from '../../server/cli/kit/language.js';
import { fileProblem } from '../../server/cli/kit/file-problem.js';
import { findRunningLab } from '../../server/cli/kit/running-lab.js';
import { terminalSafe } from '../../server/cli/kit/terminal-text.js';
import { addSendEmail, type EmailFields } from '../automaton/authoring.js';
import type { ActionList, AlertChannel, HtmlEncoding } from '../automaton/automaton-types.js';
import { addChannelAlert, CHANNEL_FIELDS, type ChannelField, type ChannelFields } from '../automaton/channel-authoring.js';
import { exportAutomaton } from '../automaton/export-automaton.js';
import { importAutomaton } from '../automaton/import-automaton.js';
import { AutomatonImportError } from '../automaton/import-error.js';
import { importModel } from '../automaton/import-model.js';
import { integrationFilePath, loadIntegration } from '../integration/integration-file.js';
import { validateIntegration } from '../integration/validation.js';
import { describeAutomaton } from './automaton-words.js';
import { runAttached, runLocally, type RunSettings } from './automaton-run.js';
import { cliChannelPort } from '../channels/channel-cli.js';
import { ObjectError } from './object-error.js';

const HELP = {
  en: `Usage:
  smtp-lab automaton show FILE [--model FILE]
  smtp-lab automaton add-email FILE --state NAME [--on enter|exit] --to ADDRESSES [--subject S] [--text T]
                                [--html H] [--encoding Text|JSON|HEX|Base64] [--from ADDRESS] [-o OUT]
  smtp-lab automaton add-sms FILE --state NAME [--on enter|exit] --to PHONE --text T [-o OUT]
  smtp-lab automaton add-telegram FILE --state NAME [--on enter|exit] --text T [--to CHAT_ID]
                                   [--parse-mode none|HTML|MarkdownV2] [-o OUT]
  smtp-lab automaton add-discord FILE --state NAME [--on enter|exit] --text T [--title TITLE] [-o OUT]
  smtp-lab automaton run FILE [--model FILE] [--object ID] (--telemetry FILE | --simulate overheat|steady [--seed N] | --mqtt)
                          [--speed N] [--duration SECONDS] [--json]

FILE is the platform's automaton export (Export on the automaton's page); --model its model export.
add-email prints the new export (or writes it to OUT); {{param}}, {{object}}, {{state}} and {{time}}
in the subject, text and HTML are the object's current values (the lab's own addition).
add-sms, add-telegram and add-discord add the lab's own commands «Отправить SMS», «Отправить в
Telegram» and «Отправить в Discord» (ids send-sms, send-telegram, send-discord: the platform has no
such commands). The same placeholders work in their text, title and SMS number. --to is the phone
number with its country code (+7 925 507-06-02) for SMS; for Telegram another chat than the
integration's (a chat id or @channel; a group's id starts with a minus, so write it with =:
--to=-1001234567890). They go out through the channel's saved integration.
run sends the alerts with the saved integration (smtp-lab integration set), like send-test:
  --telemetry FILE   a JSON array or a CSV file with a "t" column (seconds) and one per parameter
  --simulate NAME    the lab's simulator: overheat (a rise past 100 °C after 2 minutes) or steady
  --mqtt             attach the object to the running lab's MQTT broker until Ctrl+C:
                     mosquitto_pub -i ID -t base/state/temperatureC -m 101 reaches it
  --speed N          simulated seconds per real second (playback and simulator; default 60)
  --duration S       stop the simulator after S simulated seconds (default 600)
  --json             one event per line, as JSON
Options: --config FILE (the integration file), --data-dir DIR (the lab's), --lang ru|en
Exit codes: 0 done, 1 an alert was not sent, 2 bad input.
`,
  ru: `Использование:
  smtp-lab automaton show ФАЙЛ [--model ФАЙЛ]
  smtp-lab automaton add-email ФАЙЛ --state ИМЯ [--on enter|exit] --to АДРЕСА [--subject ТЕМА] [--text ТЕКСТ]
                                [--html HTML] [--encoding Text|JSON|HEX|Base64] [--from АДРЕС] [-o КУДА]
  smtp-lab automaton add-sms ФАЙЛ --state ИМЯ [--on enter|exit] --to ТЕЛЕФОН --text ТЕКСТ [-o КУДА]
  smtp-lab automaton add-telegram ФАЙЛ --state ИМЯ [--on enter|exit] --text ТЕКСТ [--to ID_ЧАТА]
                                   [--parse-mode none|HTML|MarkdownV2] [-o КУДА]
  smtp-lab automaton add-discord ФАЙЛ --state ИМЯ [--on enter|exit] --text ТЕКСТ [--title ЗАГОЛОВОК] [-o КУДА]
  smtp-lab automaton run ФАЙЛ [--model ФАЙЛ] [--object ID] (--telemetry ФАЙЛ | --simulate overheat|steady [--seed N] | --mqtt)
                          [--speed N] [--duration СЕКУНДЫ] [--json]

ФАЙЛ — экспорт автомата с платформы (кнопка «Экспорт» на странице автомата); --model — экспорт модели.
add-email печатает новый экспорт (или записывает его в КУДА); {{параметр}}, {{object}}, {{state}} и
{{time}} в теме, тексте и HTML — текущие значения объекта (дополнение лаборатории).
add-sms, add-telegram и add-discord добавляют собственные команды лаборатории «Отправить SMS»,
«Отправить в Telegram» и «Отправить в Discord» (ID send-sms, send-telegram, send-discord: на
платформе таких команд нет). Те же подстановки работают в их тексте, заголовке и номере SMS. --to —
номер телефона с кодом страны (+7 925 507-06-02) для SMS, а для Telegram — другой чат, не из
интеграции (ID чата или @канал; ID группы начинается с минуса, поэтому пишите его через =:
--to=-1001234567890). Отправляются через сохранённую интеграцию канала.
run отправляет оповещения через сохранённую интеграцию (smtp-lab integration set), как send-test:
  --telemetry ФАЙЛ   массив JSON или CSV со столбцом «t» (секунды) и столбцом на параметр
  --simulate ИМЯ     симулятор лаборатории: overheat (рост выше 100 °C через 2 минуты) или steady
  --mqtt             подключить объект к MQTT-брокеру запущенной лаборатории до Ctrl+C:
                     mosquitto_pub -i ID -t base/state/temperatureC -m 101 дойдёт до него
  --speed N          секунд модельного времени за секунду (воспроизведение и симулятор; по умолчанию 60)
  --duration С       остановить симулятор через С секунд модельного времени (по умолчанию 600)
  --json             по событию на строку, в JSON
Параметры: --config ФАЙЛ (файл интеграции), --data-dir КАТАЛОГ (лаборатории), --lang ru|en
Коды выхода: 0 — готово, 1 — оповещение не отправлено, 2 — ошибка во входных данных.
`,
};

const T = {
  noFile: { en: 'the automaton export (FILE) is missing', ru: 'не указан экспорт автомата (ФАЙЛ)' },
  unreadable: { en: 'cannot read %s: %s', ru: 'не удаётся прочитать %s: %s' },
  unknownSub: { en: 'unknown subcommand "%s"', ru: 'неизвестная подкоманда «%s»' },
  noState: { en: 'there is no state "%s" (states: "%s")', ru: 'состояния «%s» нет (есть: «%s»)' },
  stateSeparator: { en: '", "', ru: '», «' },
  needsState: { en: '--state is missing: which state sends the alert', ru: 'не указан --state: в каком состоянии отправлять оповещение' },
  badOn: { en: '--on takes enter or exit', ru: '--on — enter или exit' },
  oneSource: { en: 'give one of --telemetry FILE, --simulate NAME or --mqtt', ru: 'укажите одно из: --telemetry ФАЙЛ, --simulate ИМЯ или --mqtt' },
  badSimulation: { en: '--simulate takes overheat or steady', ru: '--simulate — overheat или steady' },
  badNumber: { en: '%s takes a number', ru: '%s — число' },
  written: { en: 'Written to %s.', ru: 'Записано в %s.' },
  noServer: {
    en: 'No running smtp-lab answers (admin file %s): --mqtt attaches the object to the running lab. Start it (smtp-lab start).',
    ru: 'Запущенный smtp-lab не отвечает (файл администратора %s): --mqtt подключает объект к запущенной лаборатории. Запустите её (smtp-lab start).',
  },
  badIntegration: {
    en: 'The saved integration has wrong fields (smtp-lab integration set fixes them): %s',
    ru: 'В сохранённой интеграции ошибки (исправьте через smtp-lab integration set): %s',
  },
};

const OPTIONS = {
  model: { type: 'string' },
  state: { type: 'string' },
  on: { type: 'string' },
  to: { type: 'string' },
  subject: { type: 'string' },
  text: { type: 'string' },
  html: { type: 'string' },
  encoding: { type: 'string' },
  from: { type: 'string' },
  title: { type: 'string' },
  'parse-mode': { type: 'string' },
  output: { type: 'string', short: 'o' },
  object: { type: 'string' },
  telemetry: { type: 'string' },
  simulate: { type: 'string' },
  seed: { type: 'string' },
  mqtt: { type: 'boolean' },
  speed: { type: 'string' },
  duration: { type: 'string' },
  json: { type: 'boolean' },
  config: { type: 'string' },
  'data-dir': { type: 'string' },
} satisfies OptionTable;

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

async function readText(path: string, say: (t: { en: string; ru: string }, ...v: string[]) => string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const why = fileProblem(err);
    throw new UsageError({ en: fill(T.unreadable.en, path, why.en), ru: fill(T.unreadable.ru, path, why.ru) });
  }
}

function numberOf(value: string | boolean | undefined, flag: string, fallback: number, say: (t: { en: string; ru: string }, ...v: string[]) => string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(n) || n <= 0) throw new UsageError(say(T.badNumber, flag));
  return n;
}

export const automatonCommand = defineCommand({
  name: 'automaton',
  summary: {
    en: "the platform's automaton exports: show, add-email, add-sms, add-telegram, add-discord, run (on telemetry, the simulator or MQTT)",
    ru: 'экспорты автоматов платформы: show, add-email, add-sms, add-telegram, add-discord, run (на телеметрии, симуляторе или MQTT)',
  },
  help: HELP,
  positionals: true,
  subcommands: true,
  options: OPTIONS,
  async run({ values, positionals, language, io, say }) {
    const [sub = '', file] = positionals;
    if (!['show', 'add-email', ...Object.keys(ADD_CHANNEL), 'run'].includes(sub)) throw new UsageError(say(T.unknownSub, sub));
    if (!file) throw new UsageError(T.noFile);
    const v = values as Values;
    try {
      const text = await readText(file, say);
      const document = importAutomaton(text);
      const model = typeof v.model === 'string' ? importModel(await readText(v.model, say)) : null;
      if (sub === 'show') {
        io.out(describeAutomaton(document.automaton, model, language));
        return 0;
      }
      if (sub === 'add-email') return await addEmail(document, v, io, say);
      const channel = ADD_CHANNEL[sub];
      if (channel) return await addChannel(document, channel, v, io, say);
      return await run(text, document, model, v, io, language, say);
    } catch (err) {
      if (err instanceof AutomatonImportError || err instanceof ObjectError) {
        io.err(`smtp-lab automaton: ${terminalSafe(err.text[language])}${err instanceof AutomatonImportError ? ` (${err.where})` : ''}\n`);
        return 2;
      }
      throw err;
    }
  },
});

export const runAutomaton = (argv: string[], io: CliIo): Promise<number> => runCommand(automatonCommand, argv, io);

type Say = (t: { en: string; ru: string }, ...v: string[]) => string;
type Document = ReturnType<typeof importAutomaton>;

const ADD_CHANNEL: Record<string, AlertChannel | undefined> = { 'add-sms': 'sms', 'add-telegram': 'telegram', 'add-discord': 'discord' };
/** The flag each channel field is given with, for the message that names it. */
const FLAG: Record<ChannelField, string> = { to: '--to', text: '--text', title: '--title', parseMode: '--parse-mode' };

/** Where the new action goes: --state (by name or id) and --on. */
function placeOf(document: Document, v: Values, say: Say): { stateId: string; list: ActionList } {
  if (typeof v.state !== 'string') throw new UsageError(T.needsState);
  const on = v.on === undefined ? 'enter' : v.on;
  if (on !== 'enter' && on !== 'exit') throw new UsageError(T.badOn);
  const states = document.automaton.states.filter((s) => s.type === 'state');
  const state = states.find((s) => s.name === v.state || s.id === v.state);
  if (!state) throw new UsageError(say(T.noState, v.state, states.map((s) => s.name).join(say(T.stateSeparator))));
  return { stateId: state.id, list: on === 'enter' ? 'onenter' : 'onexit' };
}

/** The edited export, to -o FILE or to the standard output. */
async function writeOut(document: Document, v: Values, io: CliIo, say: Say): Promise<number> {
  const out = exportAutomaton(document);
  if (typeof v.output === 'string') {
    await writeFile(v.output, out);
    io.err(`${say(T.written, v.output)}\n`);
  } else {
    io.out(out);
  }
  return 0;
}

async function addEmail(document: Document, v: Values, io: CliIo, say: Say): Promise<number> {
  const place = placeOf(document, v, say);
  const fields: EmailFields = {
    recipients: typeof v.to === 'string' ? v.to : '',
    ...(typeof v.subject === 'string' ? { subject: v.subject } : {}),
    ...(typeof v.text === 'string' ? { text: v.text } : {}),
    ...(typeof v.html === 'string' ? { html: v.html } : {}),
    ...(typeof v.encoding === 'string' ? { encoding: v.encoding as HtmlEncoding } : {}),
    ...(typeof v.from === 'string' ? { sender: v.from } : {}),
  };
  const result = addSendEmail(document, place, fields);
  if (!result.ok) throw new UsageError(result.error);
  return writeOut(result.document, v, io, say);
}

/** add-sms, add-telegram, add-discord: the lab's channel command with its fields from the flags. */
async function addChannel(document: Document, channel: AlertChannel, v: Values, io: CliIo, say: Say): Promise<number> {
  const place = placeOf(document, v, say);
  const given: Record<ChannelField, string | boolean | undefined> = { to: v.to, text: v.text, title: v.title, parseMode: v['parse-mode'] };
  const fields: ChannelFields = {};
  for (const field of CHANNEL_FIELDS[channel]) {
    const value = given[field];
    if (typeof value === 'string') fields[field] = value;
  }
  const result = addChannelAlert(document, place, channel, fields);
  if (!result.ok) {
    const flag = result.field in FLAG ? FLAG[result.field as ChannelField] : null;
    throw new UsageError(flag ? { en: `${flag}: ${result.error.en}`, ru: `${flag}: ${result.error.ru}` } : result.error);
  }
  return writeOut(result.document, v, io, say);
}

async function run(
  text: string,
  document: ReturnType<typeof importAutomaton>,
  model: ReturnType<typeof importModel> | null,
  v: Values,
  io: CliIo,
  language: Language,
  say: (t: { en: string; ru: string }, ...v: string[]) => string,
): Promise<number> {
  const sources = [v.telemetry !== undefined, v.simulate !== undefined, v.mqtt === true].filter(Boolean).length;
  if (sources !== 1) throw new UsageError(T.oneSource);
  if (v.simulate !== undefined && v.simulate !== 'overheat' && v.simulate !== 'steady') throw new UsageError(T.badSimulation);
  const configPath = integrationFilePath(typeof v.config === 'string' ? v.config : undefined, io.env);
  const saved = await loadIntegration(configPath).catch(() => undefined);
  const checked = saved ? validateIntegration(saved) : undefined;
  if (checked && !checked.ok) throw new UsageError(say(T.badIntegration, Object.keys(checked.errors).join(', ')));
  const settings: RunSettings = {
    objectId: typeof v.object === 'string' ? v.object : 'object-1',
    language,
    json: v.json === true,
    speed: numberOf(v.speed, '--speed', 60, say),
    durationSeconds: numberOf(v.duration, '--duration', 600, say),
    seed: numberOf(v.seed, '--seed', 1, say),
    integration: checked?.ok ? checked.value : undefined,
    integrationPath: configPath,
  };
  if (v.mqtt === true) {
    const dataDir = typeof v['data-dir'] === 'string' ? v['data-dir'] : io.env.SMTP_LAB_DATA_DIR || undefined;
    const running = await findRunningLab(dataDir, io.env);
    if (running.state !== 'running') {
      io.err(`smtp-lab automaton: ${say(T.noServer, running.adminFile)}\n`);
      return 1;
    }
    return runAttached(running.admin, text, typeof v.model === 'string' ? await readFile(v.model, 'utf8') : undefined, settings, io);
  }
  const telemetry = typeof v.telemetry === 'string' ? await readText(v.telemetry, say) : undefined;
  return runLocally(
    document,
    model,
    telemetry !== undefined ? { kind: 'playback', text: telemetry } : { kind: 'simulator', preset: v.simulate as 'overheat' | 'steady' },
    settings,
    io,
    cliChannelPort(configPath),
  );
}
