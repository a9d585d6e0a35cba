// `smtp-lab send-test --to ADDRESS`: the practical work's "Send test e-mail" from the command
// line, with the saved integration: "Тестовое письмо успешно отправлено", or the server's reply
// verbatim, its cause and the field to fix, and the client's side of the dialogue.
// Exit codes: 0 sent, 1 the send failed, 2 bad input (no integration, a wrong field).
import { readFile } from 'node:fs/promises';
import { FIELD_NAMES } from '../integration/field-names.js';
import type { IntegrationSettings, TestResult } from '../integration/integration-types.js';
import { validateIntegration, validateTestMail } from '../integration/validation.js';
import { sendMail } from './alert-sender.js';
import { explainClientNote } from './client-log-notes.js';
import { CLI_FLAGS } from './explain-wording.js';
import { describeSenderError, senderErrorDetails } from './sender-error-text.js';
import { loginKnown } from '../../server/accounts/login-lookup.js';
import { defineCommand, runCommand, type CliIo, type OptionTable, type OptionValues } from '../../server/cli/kit/command.js';
import type { Bilingual, Language } from '../../server/cli/kit/language.js';
import { describeFieldErrors } from '../integration/integration-command.js';
import { integrationFilePath, loadIntegration } from '../integration/integration-file.js';
import { adminRequest, findRunningLab, labCertificatePath, type RunningLab } from '../../server/cli/kit/running-lab.js';

const HELP: Bilingual = {
  en: `Usage: smtp-lab send-test --to ADDRESS [--subject TEXT] [--body TEXT] [--json]

Sends a test e-mail with the saved SMTP integration (smtp-lab integration set) and says what
happened: success, or the server's reply, why, and which field to fix.

Options:
  --config FILE        the integration file (SMTP_LAB_CONFIG; ~/.config/smtp-lab/integration.json)
  --data-dir DIR       the lab server's data dir (SMTP_LAB_DATA_DIR), to find its certificate
  --ca FILE            trust this certificate (PEM) for the lab preset instead of the lab's own
  --greeting-timeout S seconds to wait for the server's greeting (default 10)
  --json               print the result as JSON: { ok, message, reply, explanation, clientLog, sessionId }
  --lang ru|en         language of the messages
Exit codes: 0 sent, 1 the send failed, 2 bad input.
`,
  ru: `Использование: smtp-lab send-test --to АДРЕС [--subject ТЕМА] [--body ТЕКСТ] [--json]

Отправляет тестовое письмо через сохранённую интеграцию SMTP (smtp-lab integration set) и сообщает
результат: успех или ответ сервера, причину и поле, которое нужно исправить.

Параметры:
  --config ФАЙЛ        файл интеграции (SMTP_LAB_CONFIG; ~/.config/smtp-lab/integration.json)
  --data-dir КАТАЛОГ   каталог данных сервера лаборатории (SMTP_LAB_DATA_DIR) — чтобы найти его сертификат
  --ca ФАЙЛ            доверять этому сертификату (PEM) для шаблона lab вместо сертификата лаборатории
  --greeting-timeout С секунд ждать приветствия сервера (по умолчанию 10)
  --json               напечатать результат в JSON: { ok, message, reply, explanation, clientLog, sessionId }
  --lang ru|en         язык сообщений
Коды выхода: 0 — отправлено, 1 — отправка не удалась, 2 — ошибка во входных данных.
`,
};

const T = {
  noIntegration: {
    en: 'No SMTP integration saved (%s). Set it first, for the lab: smtp-lab integration set --preset lab --login student@lab.local --password APP_PASSWORD (for the real Gmail, which needs the internet and a Google account: --preset gmail)',
    ru: 'Интеграция SMTP не сохранена (%s). Сначала задайте её, для лаборатории: smtp-lab integration set --preset lab --login student@lab.local --password ПАРОЛЬ_ПРИЛОЖЕНИЯ (для настоящего Gmail, которому нужны интернет и аккаунт Google: --preset gmail)',
  },
  badIntegration: { en: 'The saved integration has wrong fields (smtp-lab integration set fixes them)', ru: 'В сохранённой интеграции ошибки в полях (исправьте через smtp-lab integration set)' },
  badMail: { en: 'The test e-mail has wrong fields', ru: 'Ошибки в полях тестового письма' },
  noCertificate: {
    en: "note: the lab's certificate was not found (start the server, or pass --data-dir or --ca); the send will not trust it",
    ru: 'примечание: сертификат лаборатории не найден (запустите сервер или укажите --data-dir или --ca); отправка не будет ему доверять',
  },
  reply: { en: 'Server reply', ru: 'Ответ сервера' },
  noReply: { en: '(the server sent no reply)', ru: '(сервер ничего не ответил)' },
  cause: { en: 'Cause', ru: 'Причина' },
  field: { en: 'Field to fix', ru: 'Исправьте поле' },
  noField: { en: 'none: the settings are not the cause', ru: 'никакое: причина не в настройках' },
  fix: { en: 'What to do', ru: 'Что сделать' },
  dialogue: {
    en: 'Dialogue (client side): → sent, ← received; "nodemailer:" lines are the sender library\'s own notes, verbatim, each explained below it',
    ru: 'Диалог (сторона клиента): → отправлено, ← получено; строки «nodemailer:» — дословные заметки библиотеки-отправителя, под каждой — пояснение',
  },
  session: { en: 'Server side, live in the browser: %s/sessions/%s', ru: 'Сторона сервера, вживую в браузере: %s/sessions/%s' },
  badTimeout: { en: '--greeting-timeout takes seconds, e.g. 10', ru: '--greeting-timeout — число секунд, например 10' },
} satisfies Record<string, Bilingual>;


/** The running lab's listener the settings point at, if they point at one. */
async function labListener(running: RunningLab, settings: IntegrationSettings): Promise<{ Port: number; Profile: string } | undefined> {
  if (running.state !== 'running') return undefined;
  const info = await adminRequest(running.admin, 'GET', '/api/v1/info');
  const listeners: Array<{ Port: number; Profile: string }> = info.body?.Lab?.Listeners ?? [];
  const labHosts = ['localhost', '127.0.0.1', '::1', new URL(running.admin.url).hostname];
  if (!labHosts.includes(settings.host)) return undefined;
  return listeners.find((l) => l.Port === settings.port);
}

/**
 * After a refused sign-in at one of the lab's own listeners: whether the lab has an account for
 * the login (the lab can tell; a real provider never does). Undefined when not known.
 */
async function loginExistsAtLab(running: RunningLab, settings: IntegrationSettings, login: string): Promise<boolean | undefined> {
  try {
    const listener = await labListener(running, settings);
    if (!listener || listener.Profile === 'open' || running.state !== 'running') return undefined;
    const list = await adminRequest(running.admin, 'GET', '/api/lab/admin/accounts');
    if (list.status !== 200 || !Array.isArray(list.body?.accounts)) return undefined;
    return loginKnown(login, (list.body.accounts as Array<{ address: string }>).map((a) => a.address), listener.Profile);
  } catch {
    return undefined;
  }
}

/** The lab's session id of this attempt, asked of the running lab when the target is one of its listeners. */
async function labSessionId(running: RunningLab, settings: IntegrationSettings, localPort: number | undefined): Promise<string | undefined> {
  if (running.state !== 'running' || localPort === undefined) return undefined;
  try {
    if (!(await labListener(running, settings))) return undefined;
    const list = await adminRequest(running.admin, 'GET', '/api/lab/sessions?limit=200');
    const sessions: Array<{ ID: string; ClientPort: number; Listener: { Port: number } }> = list.body?.sessions ?? [];
    return sessions.find((s) => s.ClientPort === localPort && s.Listener.Port === settings.port)?.ID;
  } catch {
    return undefined;
  }
}

/** One entry of the client's log: the SMTP lines as arrows, the library's notes quoted and explained. */
function dialogueLines(entry: string, language: Language): string[] {
  if (entry.startsWith('C: ')) return [`  → ${entry.slice(3)}`];
  if (entry.startsWith('S: ')) return [`  ← ${entry.slice(3)}`];
  const note = entry.replace(/^\* /, '');
  const [first = '', ...rest] = note.split('\n');
  const quoted =
    rest.length === 0
      ? [`  nodemailer: «${first}»`]
      : [`  nodemailer: «${first}`, ...rest.slice(0, -1).map((l) => `    ${l}`), `    ${rest.at(-1)}»`];
  return [...quoted, `      — ${explainClientNote(note)[language]}`];
}

function describeResult(result: TestResult, language: Language, t: (key: keyof typeof T, ...args: string[]) => string, url: string | undefined): string {
  const lines = [result.message[language]];
  if (result.ok) {
    if (result.reply) lines.push(`  ${t('reply')}: ← ${result.reply}`);
  } else {
    // The reply as received, verbatim, marked like the dialogue's received lines.
    lines.push('', `${t('reply')}:`, ...(result.reply ? result.reply.split('\n').map((l) => `  ← ${l}`) : [`  ${t('noReply')}`]));
    if (result.error) lines.push('', describeSenderError(result.error)[language], `  ${senderErrorDetails(result.error)[language]}`);
    const explanation = result.explanation;
    if (explanation) {
      const field = explanation.field ? `${FIELD_NAMES[explanation.field][language]} (${CLI_FLAGS[explanation.field]})` : t('noField');
      lines.push('', `${t('cause')}: ${explanation.cause[language]}`, `${t('field')}: ${field}`, `${t('fix')}: ${explanation.fix[language]}`);
    }
  }
  lines.push('', `${t('dialogue')}:`, ...result.clientLog.flatMap((l) => dialogueLines(l, language)));
  if (result.sessionId && url) lines.push('', t('session', url, result.sessionId));
  return lines.join('\n') + '\n';
}

const OPTIONS = {
  to: { type: 'string' },
  subject: { type: 'string' },
  body: { type: 'string' },
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  ca: { type: 'string' },
  'greeting-timeout': { type: 'string' },
  json: { type: 'boolean' },
} satisfies OptionTable;

export const sendTestCommand = defineCommand({
  name: 'send-test',
  summary: { en: 'send a test e-mail with the saved integration; explains a failure', ru: 'отправить тестовое письмо через сохранённую интеграцию; объясняет ошибку' },
  help: HELP,
  positionals: false,
  options: OPTIONS,
  run: ({ values, language, io, say }) => sendTest(values, language, io, (key, ...args) => say(T[key], ...args)),
});

export const runSendTest = (argv: string[], io: CliIo): Promise<number> => runCommand(sendTestCommand, argv, io);

async function sendTest(
  values: OptionValues<typeof OPTIONS>,
  language: Language,
  io: CliIo,
  t: (key: keyof typeof T, ...args: string[]) => string,
): Promise<number> {
  const problem = (text: string, json: unknown): number => {
    if (values.json) io.out(JSON.stringify(json, null, 2) + '\n');
    io.err(`smtp-lab send-test: ${text}\n`);
    return 2;
  };

  const path = integrationFilePath(values.config, io.env);
  let saved: Record<string, unknown> | undefined;
  try {
    saved = await loadIntegration(path);
  } catch (err) {
    return problem(`${path}: ${(err as Error).message}`, { ok: false, error: { code: 'bad_integration_file' } });
  }
  if (!saved) return problem(t('noIntegration', path), { ok: false, error: { code: 'integration_not_saved' } });
  const settings = validateIntegration(saved);
  if (!settings.ok) {
    return problem(`${t('badIntegration')}:\n${describeFieldErrors(settings.errors, language)}`, { ok: false, error: { code: 'invalid_integration', fields: settings.errors } });
  }
  const mail = validateTestMail({ to: values.to, subject: values.subject, body: values.body }, language);
  if (!mail.ok) return problem(`${t('badMail')}:\n${describeFieldErrors(mail.errors, language)}`, { ok: false, error: { code: 'invalid_fields', fields: mail.errors } });
  const greetingSeconds = values['greeting-timeout'] === undefined ? 10 : Number(values['greeting-timeout']);
  if (!Number.isFinite(greetingSeconds) || greetingSeconds <= 0) return problem(t('badTimeout'), { ok: false, error: { code: 'invalid_fields' } });

  const dataDir = values['data-dir'] ?? (io.env.SMTP_LAB_DATA_DIR || undefined);
  const running = await findRunningLab(dataDir, io.env);
  let labCertificate: string | undefined;
  if (settings.value.preset === 'lab') {
    const caPath = values.ca ?? labCertificatePath(running, dataDir, io.env);
    labCertificate = caPath ? await readFile(caPath, 'utf8').catch(() => undefined) : undefined;
    if (!labCertificate) io.err(`${t('noCertificate')}\n`);
  }

  const { localPort, ...result } = await sendMail(settings.value, mail.value, {
    ...(labCertificate ? { labCertificate } : {}),
    greetingTimeoutMs: greetingSeconds * 1000,
    surface: 'cli',
    loginExists: (login) => loginExistsAtLab(running, settings.value, login),
  });
  const sessionId = await labSessionId(running, settings.value, localPort);
  const full: TestResult = { ...result, ...(sessionId ? { sessionId } : {}) };
  if (values.json) io.out(JSON.stringify(full, null, 2) + '\n');
  else (full.ok ? io.out : io.err)(describeResult(full, language, t, running.state === 'running' ? running.admin.url : undefined));
  return full.ok ? 0 : 1;
}
