#!/usr/bin/env node
// The `smtp-lab` command. `start` runs the lab server (the default when no command is given).
import { runAccount } from './account-command.js';
import { runIntegration } from './integration-command.js';
import { runSendTest } from './send-test-command.js';
import { runStart, type CliIo } from './start-command.js';
import { detectLanguage } from './cli-language.js';

const USAGE = {
  en: `Usage: smtp-lab <command> [options]

Commands:
  start        run the lab SMTP server, web client and API (default)
  account      lab accounts and their app passwords: add, app-password, list, revoke
  integration  the SMTP integration of the practical work: set, show
  send-test    send a test e-mail with the saved integration; explains a failure
  help         this text

smtp-lab <command> --help tells more.
`,
  ru: `Использование: smtp-lab <команда> [параметры]

Команды:
  start        запустить лабораторный SMTP-сервер, веб-клиент и API (по умолчанию)
  account      учётные записи лаборатории и пароли приложений: add, app-password, list, revoke
  integration  интеграция SMTP из практической работы: set, show
  send-test    отправить тестовое письмо через сохранённую интеграцию; объясняет ошибку
  help         эта справка

smtp-lab <команда> --help — подробнее.
`,
};

async function main(argv: string[]): Promise<number> {
  const io: CliIo = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
  };
  const [command, ...rest] = argv;
  const language = detectLanguage(undefined, process.env);
  if (command === undefined || command.startsWith('-')) {
    if (command === '--help' || command === '-h') {
      io.out(USAGE[language]);
      return 0;
    }
    return (await runStart(argv, io)).exitCode;
  }
  switch (command) {
    case 'start':
      return (await runStart(rest, io)).exitCode;
    case 'account':
      return runAccount(rest, io);
    case 'integration':
      return runIntegration(rest, io);
    case 'send-test':
      return runSendTest(rest, io);
    case 'help':
      io.out(USAGE[language]);
      return 0;
    default:
      io.err(`smtp-lab: ${language === 'ru' ? `неизвестная команда «${command}»` : `unknown command "${command}"`}\n\n${USAGE[language]}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`smtp-lab: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  },
);
