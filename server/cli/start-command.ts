// `smtp-lab start` (what `npm start` runs): start the lab server with the settings of the flags
// and environment, say where everything is, report mails as they arrive, and on Ctrl+C close
// open sessions with 421, flush the stores and exit 0.
import { createLabServer, type LabServer } from '../lab-server.js';
import type { SessionRecord } from '../sessions/wire-types.js';
import { detectLanguage, type Language } from './cli-language.js';
import { parseStartArgs, startHelp, UsageError } from './start-options.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

const T = {
  running: { en: 'is running', ru: 'запущен' },
  web: { en: 'Web client and API', ru: 'Веб-клиент и API' },
  smtp: { en: 'SMTP, open (any sender, AUTH optional)', ru: 'SMTP, открытый (любой отправитель, AUTH не обязателен)' },
  smtps: { en: 'SMTP over TLS (implicit), AUTH required', ru: 'SMTP поверх TLS (сразу), AUTH обязателен' },
  submission: { en: 'SMTP with STARTTLS, then AUTH', ru: 'SMTP со STARTTLS, затем AUTH' },
  profile: { en: 'profile', ru: 'профиль' },
  certificate: { en: 'TLS certificate', ru: 'TLS-сертификат' },
  storage: { en: 'Storage', ru: 'Хранение' },
  memory: { en: 'in memory', ru: 'в памяти' },
  cap: { en: 'mails at most', ru: 'писем максимум' },
  tryIt: { en: 'Try it', ru: 'Попробуйте' },
  stop: { en: 'Press Ctrl+C to stop.', ru: 'Ctrl+C — остановить.' },
  stopping: { en: 'Stopping: open sessions get 421, data is flushed…', ru: 'Остановка: открытым сессиям отправляется 421, данные сохраняются…' },
  stopped: { en: 'Stopped.', ru: 'Остановлен.' },
  mail: { en: 'mail', ru: 'письмо' },
} as const;

function timestamp(): string {
  return new Date().toTimeString().slice(0, 8);
}

function describeStart(lab: LabServer, language: Language, certificatePath: string | undefined, dataDir: string | undefined, cap: number): string {
  const t = (key: keyof typeof T) => T[key][language];
  const row = (label: string, value: string) => `  ${label.padEnd(44)} ${value}`;
  const lines = [`smtp-lab ${t('running')}`, row(t('web'), lab.url), row(t('smtp'), `${lab.host}:${lab.smtpPort}`)];
  const profile = `(${t('profile')} ${lab.profile})`;
  if (lab.smtpsPort !== undefined) lines.push(row(t('smtps'), `${lab.host}:${lab.smtpsPort} ${profile}`));
  if (lab.submissionPort !== undefined) lines.push(row(t('submission'), `${lab.host}:${lab.submissionPort} ${profile}`));
  if (certificatePath) lines.push(row(t('certificate'), certificatePath));
  lines.push(row(t('storage'), `${dataDir ?? t('memory')} (${cap} ${t('cap')})`));
  lines.push('', `${t('tryIt')}: swaks --server ${lab.host}:${lab.smtpPort} --to student@lab.local`, `       curl ${lab.url}/api/v1/messages`, t('stop'));
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
      for (const text of line.Text.split('\n')) io.out(`${timestamp()} ${record.ID} ${arrow} ${text}\n`);
    }
    if (record.State === 'open') printed.set(record.ID, record.LineCount);
    else printed.delete(record.ID);
  });
}

export async function runStart(argv: string[], io: CliIo): Promise<{ exitCode: Promise<number> }> {
  let settings;
  try {
    settings = parseStartArgs(argv, io.env);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`smtp-lab start: ${err.message}\n${startHelp(detectLanguage(undefined, io.env))}`);
      return { exitCode: Promise.resolve(2) };
    }
    throw err;
  }
  const language = detectLanguage(settings.lang, io.env);
  if (settings.help) {
    io.out(startHelp(language));
    return { exitCode: Promise.resolve(0) };
  }
  const lab = await createLabServer({
    ...settings.server,
    log: (level, message) => {
      if (level !== 'info' || !settings.quiet) io.err(`${timestamp()} ${level}: ${message}\n`);
    },
  });
  io.out(describeStart(lab, language, lab.certificatePath, settings.server.dataDir, settings.server.maxMessages ?? 0));
  if (!settings.quiet) {
    lab.mailbox.onEvent((event) => {
      if (event.Type !== 'new') return;
      const m = event.Data;
      const to = [...m.To, ...m.Cc, ...m.Bcc].map((a) => a.Address).join(', ');
      io.out(`${timestamp()} ${T.mail[language]} ${m.ID} ${m.From?.Address ?? '<>'} → ${to} "${m.Subject}" (${m.Size} B, session ${m.SessionID})\n`);
    });
  }
  if (settings.verbose) followDialogues(lab, io);

  const exitCode = new Promise<number>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) {
        // A second Ctrl+C: do not wait any longer.
        resolve(130);
        return;
      }
      stopping = true;
      io.out(`\n${T.stopping[language]}\n`);
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
  return { exitCode };
}
