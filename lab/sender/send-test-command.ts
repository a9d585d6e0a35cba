// `smtp-lab send-test --to ADDRESS`: the practical work's "Send test e-mail" from the command
// line, with the saved integration and the same sender as the Lab page and the automaton: each
// attempt the sender retries printed as it ends, then "Тестовое письмо успешно отправлено", or the
// server's reply verbatim, its cause and the field to fix, and the client's side of the dialogue.
// Exit codes: 0 sent, 1 the send failed, 2 bad input (no integration, a wrong field).
import { readFile } from 'node:fs/promises';
import { validateIntegration, validateTestMail } from '../integration/validation.js';
import { deliverMail } from './delivery.js';
import { attemptsOverHttp, loginExistsAtLab } from './lab-over-http.js';
import { describeAttemptEnd, describeResult } from './send-test-output.js';
import { defineCommand, runCommand, type CliIo, type OptionTable, type OptionValues } from '../../server/cli/kit/command.js';
import type { Bilingual, Language } from '../../server/cli/kit/language.js';
import { describeFieldErrors } from '../integration/integration-command.js';
import { integrationFilePath, loadIntegration } from '../integration/integration-file.js';
import { adminRequest, findRunningLab, labCertificatePath } from '../../server/cli/kit/running-lab.js';
import { testRecordOf } from '../integration/test-log.js';
import { CHANNEL_OPTIONS, channelHelp, channelSendTest } from '../channels/channel-cli.js';

const HELP: Bilingual = {
  en: `Usage: smtp-lab send-test --to ADDRESS [--subject TEXT] [--body TEXT] [--json]

Sends a test e-mail with the saved SMTP integration (smtp-lab integration set) and says what
happened: success, or the server's reply, why, and which field to fix. A transient failure (4xx,
a dropped or refused connection, a timeout) is tried again after the integration's attempt
interval, doubled each time, up to its attempts (3 and 10 s by default); a permanent one (5xx)
is not. Each attempt that is retried is printed as it ends.

Options:
  --config FILE        the integration file (SMTP_LAB_CONFIG; ~/.config/smtp-lab/integration.json)
  --data-dir DIR       the lab server's data dir (SMTP_LAB_DATA_DIR), to find its certificate
  --ca FILE            trust this certificate (PEM) for the lab preset instead of the lab's own
  --greeting-timeout S seconds to wait for the server's greeting (default 10)
  --attempts N         attempts in all for this send (1-10; the integration's by default)
  --attempt-interval S seconds before the second attempt (10s, 1m; the integration's by default)
  --json               print the result as JSON (each attempt in attempts, each recipient in recipients):
                       { ok, message, reply, explanation, clientLog, sessionId, attempts, recipients, partial, summary }
  --lang ru|en         language of the messages
Exit codes: 0 sent (to at least one recipient), 1 the send failed, 2 bad input.
`,
  ru: `Использование: smtp-lab send-test --to АДРЕС [--subject ТЕМА] [--body ТЕКСТ] [--json]

Отправляет тестовое письмо через сохранённую интеграцию SMTP (smtp-lab integration set) и сообщает
результат: успех или ответ сервера, причину и поле, которое нужно исправить. Временную ошибку (4xx,
оборванное или отклонённое соединение, тайм-аут) отправитель повторяет через интервал из интеграции,
каждый раз вдвое дольше, пока не исчерпает число попыток (по умолчанию 3 и 10 с); окончательную (5xx)
не повторяет. Каждая попытка перед повтором печатается, как только закончится.

Параметры:
  --config ФАЙЛ        файл интеграции (SMTP_LAB_CONFIG; ~/.config/smtp-lab/integration.json)
  --data-dir КАТАЛОГ   каталог данных сервера лаборатории (SMTP_LAB_DATA_DIR) — чтобы найти его сертификат
  --ca ФАЙЛ            доверять этому сертификату (PEM) для шаблона lab вместо сертификата лаборатории
  --greeting-timeout С секунд ждать приветствия сервера (по умолчанию 10)
  --attempts N         число попыток для этой отправки (1–10; по умолчанию — из интеграции)
  --attempt-interval С секунд до второй попытки (10s, 1m; по умолчанию — из интеграции)
  --json               напечатать результат в JSON (каждая попытка и каждый получатель — отдельно):
                       { ok, message, reply, explanation, clientLog, sessionId, attempts, recipients, partial, summary }
  --lang ru|en         язык сообщений
Коды выхода: 0 — отправлено (хотя бы одному получателю), 1 — отправка не удалась, 2 — ошибка во входных данных.
`,
};

const T = {
  noIntegration: {
    en: 'No SMTP integration saved (%s). Set it first, for the lab: smtp-lab integration set --preset lab --login student@lab.local --password APP_PASSWORD (for the real Gmail, which needs the internet and a Google account: --preset gmail)',
    ru: 'Интеграция SMTP не сохранена (%s). Сначала задайте её, для лаборатории: smtp-lab integration set --preset lab --login student@lab.local --password ПАРОЛЬ_ПРИЛОЖЕНИЯ (для настоящего Gmail, которому нужны интернет и аккаунт Google: --preset gmail)',
  },
  badIntegration: {
    en: 'The saved integration has wrong fields (smtp-lab integration set fixes them)',
    ru: 'В сохранённой интеграции ошибки в полях (исправьте через smtp-lab integration set)',
  },
  badMail: { en: 'The test e-mail has wrong fields', ru: 'Ошибки в полях тестового письма' },
  badRetry: { en: 'Wrong --attempts or --attempt-interval', ru: 'Неверное значение --attempts или --attempt-interval' },
  noCertificate: {
    en: "note: the lab's certificate was not found (start the server, or pass --data-dir or --ca); the send will not trust it",
    ru: 'примечание: сертификат лаборатории не найден (запустите сервер или укажите --data-dir или --ca); отправка не будет ему доверять',
  },
  badTimeout: { en: '--greeting-timeout takes seconds, e.g. 10', ru: '--greeting-timeout — число секунд, например 10' },
} satisfies Record<string, Bilingual>;

const OPTIONS = {
  to: { type: 'string' },
  subject: { type: 'string' },
  body: { type: 'string' },
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  ca: { type: 'string' },
  'greeting-timeout': { type: 'string' },
  attempts: { type: 'string' },
  'attempt-interval': { type: 'string' },
  json: { type: 'boolean' },
} satisfies OptionTable;

export const sendTestCommand = defineCommand({
  name: 'send-test',
  summary: {
    en: 'send a test e-mail with the saved integration; explains a failure',
    ru: 'отправить тестовое письмо через сохранённую интеграцию; объясняет ошибку',
  },
  help: (language) => HELP[language] + channelHelp(language, 'send-test'),
  positionals: false,
  options: { ...CHANNEL_OPTIONS, ...OPTIONS } as OptionTable,
  run: ({ values, language, io, say }) =>
    values.channel !== undefined
      ? channelSendTest(values, integrationFilePath(values.config as string | undefined, io.env), language, io)
      : sendTest(values as OptionValues<typeof OPTIONS>, language, io, (key, ...args) => say(T[key], ...args)),
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
  // --attempts and --attempt-interval try other retry settings for this send only.
  const overrides = {
    ...(values.attempts !== undefined ? { attempts: values.attempts } : {}),
    ...(values['attempt-interval'] !== undefined ? { attemptInterval: values['attempt-interval'] } : {}),
  };
  const settings = validateIntegration({ ...saved, ...overrides });
  if (!settings.ok) {
    const fromOptions = Object.keys(settings.errors).every((field) => field in overrides);
    return problem(`${t(fromOptions ? 'badRetry' : 'badIntegration')}:\n${describeFieldErrors(settings.errors, language)}`, {
      ok: false,
      error: { code: fromOptions ? 'invalid_fields' : 'invalid_integration', fields: settings.errors },
    });
  }
  const mail = validateTestMail({ to: values.to, subject: values.subject, body: values.body }, language);
  if (!mail.ok)
    return problem(`${t('badMail')}:\n${describeFieldErrors(mail.errors, language)}`, { ok: false, error: { code: 'invalid_fields', fields: mail.errors } });
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

  const url = running.state === 'running' ? running.admin.url : undefined;
  const result = await deliverMail(settings.value, mail.value, {
    ...(labCertificate ? { labCertificate } : {}),
    greetingTimeoutMs: greetingSeconds * 1000,
    surface: 'cli',
    loginExists: (login) => loginExistsAtLab(running, settings.value, login),
    watchAttempt: attemptsOverHttp(running),
    // Each attempt that is retried, on the terminal as it ends (stderr: --json's stdout stays JSON).
    onEvent: (event) => {
      if (event.kind === 'attempt-end') {
        const text = describeAttemptEnd(event.attempt, language, url);
        if (text) io.err(text);
      }
    },
  });
  // The running lab keeps how each test went, for the scenarios; a lab that does not answer loses nothing here.
  if (running.state === 'running') {
    await adminRequest(running.admin, 'POST', '/api/lab/admin/test-log', { owner: settings.value.login, record: testRecordOf(result, Date.now()) }).catch(
      () => undefined,
    );
  }
  if (values.json) io.out(JSON.stringify(result, null, 2) + '\n');
  else (result.ok ? io.out : io.err)(describeResult(result, language, url));
  return result.ok ? 0 : 1;
}
