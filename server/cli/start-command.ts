// `smtp-lab start` (what `npm start` runs): start the lab server with the settings of the flags
// and environment, say where everything is, report mails as they arrive, and on Ctrl+C close
// open sessions with 421, flush the stores and exit 0.
import { createLabServer, type LabServer } from '../lab-server.js';
import type { SessionRecord } from '../wire/sessions.js';
import type { MessageSummary } from '../wire/mailbox.js';
import { defineCommand, runCommand, type CliIo } from './kit/command.js';
import { detectLanguage, fill, type Language } from './kit/language.js';
import { terminalSafe } from './kit/terminal-text.js';
import { START_PARSE_OPTIONS, startHelp, startSettings, type StartSettings, type StartValues } from './start-options.js';

export type { CliIo };

const T = {
  running: { en: 'is running', ru: 'запущен' },
  web: { en: 'Web client and API', ru: 'Веб-клиент и API' },
  smtp: { en: 'SMTP, open (any sender, AUTH optional)', ru: 'SMTP, открытый (любой отправитель, AUTH не обязателен)' },
  smtps: { en: 'SMTP over TLS (implicit), AUTH required', ru: 'SMTP поверх TLS (сразу), AUTH обязателен' },
  submission: { en: 'SMTP with STARTTLS, then AUTH', ru: 'SMTP со STARTTLS, затем AUTH' },
  mqtt: { en: "MQTT, the objects' telemetry", ru: 'MQTT, телеметрия объектов' },
  objectId: { en: '<object id>', ru: '<id объекта>' },
  channels: { en: 'Alert channels', ru: 'Каналы оповещений' },
  faults: { en: 'Fault rules', ru: 'Правила сбоев' },
  faultsNote: { en: '%s lab-wide (smtp-lab fault list)', ru: '%s для всей лаборатории (smtp-lab fault list)' },
  profile: { en: 'profile', ru: 'профиль' },
  certificate: { en: 'TLS certificate', ru: 'TLS-сертификат' },
  storage: { en: 'Storage', ru: 'Хранение' },
  memory: { en: 'in memory only, lost when the lab stops', ru: 'только в памяти, при остановке теряется' },
  onDisk: { en: 'on disk in %s', ru: 'на диске в %s' },
  cap: { en: 'at most %s mails', ru: 'не больше %s писем' },
  tryIt: { en: 'Try it', ru: 'Попробуйте' },
  stop: { en: 'Press Ctrl+C to stop.', ru: 'Ctrl+C — остановить.' },
  stoppingDisk: {
    en: 'Stopping: open sessions get 421, mails and sessions are written to disk…',
    ru: 'Остановка: открытым сессиям отправляется 421, письма и сессии записываются на диск…',
  },
  stoppingMemory: {
    en: 'Stopping: open sessions get 421; mails and sessions were in memory only and are not kept…',
    ru: 'Остановка: открытым сессиям отправляется 421; письма и сессии были только в памяти и не сохраняются…',
  },
  stopped: { en: 'Stopped.', ru: 'Остановлен.' },
  mail: { en: 'mail %s from %s → %s "%s" (%s, session %s)', ru: 'письмо %s от %s → %s «%s» (%s, сессия %s)' },
  noFrom: { en: '(no "From" header)', ru: '(нет заголовка «From»)' },
} as const;

/** Sizes as the terminal's reader writes them: 185 B / 185 Б, 1.4 KB / 1,4 КБ. */
function size(bytes: number, language: Language): string {
  const units = language === 'ru' ? ['Б', 'КБ', 'МБ', 'ГБ'] : ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1 }).format(value);
  return `${number} ${units[unit]}`;
}

/** The line printed when a mail arrives. */
function describeMail(m: MessageSummary, language: Language): string {
  const to = [...m.To, ...m.Cc, ...m.Bcc].map((a) => a.Address).join(', ');
  return fill(T.mail[language], m.ID, m.From?.Address || T.noFrom[language], to, m.Subject, size(m.Size, language), m.SessionID);
}

function timestamp(): string {
  return new Date().toTimeString().slice(0, 8);
}

function describeStart(lab: LabServer, language: Language, certificatePath: string | undefined, dataDir: string | undefined, cap: number): string {
  const t = (key: keyof typeof T) => T[key][language];
  const profile = `(${t('profile')} ${lab.profile})`;
  const rows: Array<[string, string]> = [
    [t('web'), lab.url],
    [t('smtp'), `${lab.host}:${lab.smtpPort}`],
  ];
  if (lab.smtpsPort !== undefined) rows.push([t('smtps'), `${lab.host}:${lab.smtpsPort} ${profile}`]);
  if (lab.submissionPort !== undefined) rows.push([t('submission'), `${lab.host}:${lab.submissionPort} ${profile}`]);
  if (lab.mqttPort !== undefined) rows.push([t('mqtt'), `${lab.host}:${lab.mqttPort}`]);
  for (const sim of lab.channels.simulators()) rows.push([`${t('channels')}: ${sim.name[language]}`, sim.url]);
  if (certificatePath) rows.push([t('certificate'), certificatePath]);
  const faults = lab.faults.list();
  if (faults.length > 0) rows.push([t('faults'), `${fill(t('faultsNote'), String(faults.length))}: ${faults.map((f) => f.name).join(', ')}`]);
  const capText = fill(t('cap'), new Intl.NumberFormat(language).format(cap));
  rows.push([t('storage'), `${dataDir ? fill(t('onDisk'), dataDir) : t('memory')}; ${capText}`]);
  // One column for the values, however long the labels are in this language.
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [`smtp-lab ${t('running')}`, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)];
  const tryIt = `${t('tryIt')}: `;
  lines.push(
    '',
    `${tryIt}swaks --server ${lab.host}:${lab.smtpPort} --to student@lab.local`,
    `${' '.repeat(tryIt.length)}curl ${lab.url}/api/v1/messages`,
    ...(lab.mqttPort !== undefined
      ? [`${' '.repeat(tryIt.length)}mosquitto_pub -h ${lab.host} -p ${lab.mqttPort} -i ${t('objectId')} -t base/state/temperatureC -m 101`]
      : []),
    t('stop'),
  );
  return lines.join('\n') + '\n';
}

/** --verbose: each new dialogue line of each session, as it is recorded. */
function followDialogues(lab: LabServer, io: CliIo): void {
  const printed = new Map<string, number>();
  lab.sessions.onEvent((event) => {
    if (event.kind !== 'changed') return;
    const record: SessionRecord = event.session;
    const from = printed.get(record.ID) ?? 0;
    const start = Math.max(0, from - record.DroppedLines);
    for (const line of record.Lines.slice(start)) {
      const arrow = line.Dir === 'C' ? 'C:' : line.Dir === 'S' ? 'S:' : '--';
      for (const text of line.Text.split('\n')) io.out(`${timestamp()} ${record.ID} ${arrow} ${terminalSafe(text)}\n`);
    }
    if (record.State === 'open') printed.set(record.ID, record.LineCount);
    else printed.delete(record.ID);
  });
}

export const startCommand = defineCommand({
  name: 'start',
  summary: { en: 'run the lab SMTP server, web client and API (default)', ru: 'запустить лабораторный SMTP-сервер, веб-клиент и API (по умолчанию)' },
  help: startHelp,
  positionals: false,
  options: START_PARSE_OPTIONS,
  run: ({ values, io }) => start(startSettings(values as StartValues, io.env), io),
});

export const runStart = (argv: string[], io: CliIo): Promise<number> => runCommand(startCommand, argv, io);

/** Runs the lab until Ctrl+C (or SIGTERM); resolves with the exit code. */
async function start(settings: StartSettings, io: CliIo): Promise<number> {
  // SMTP_LAB_LANG counts too here: the table reads it like any other setting.
  const language = detectLanguage(settings.lang, io.env);
  const lab = await createLabServer({
    ...settings.server,
    log: (level, message) => {
      if (level !== 'info' || !settings.quiet) io.err(`${timestamp()} ${level}: ${terminalSafe(message)}\n`);
    },
  });
  io.out(describeStart(lab, language, lab.certificatePath, settings.server.dataDir, settings.server.maxMessages ?? 0));
  if (!settings.quiet) {
    lab.mailbox.onEvent((event) => {
      if (event.Type !== 'new') return;
      const m = event.Data;
      const line = describeMail(m, language);
      io.out(`${timestamp()} ${terminalSafe(line)}\n`);
    });
  }
  if (settings.verbose) followDialogues(lab, io);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) {
        // A second Ctrl+C: do not wait any longer.
        resolve(130);
        return;
      }
      stopping = true;
      io.out(`\n${T[settings.server.dataDir ? 'stoppingDisk' : 'stoppingMemory'][language]}\n`);
      lab.close().then(
        () => {
          io.out(`${T.stopped[language]}\n`);
          resolve(0);
        },
        (err: unknown) => {
          io.err(`${(err as Error).message}\n`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
