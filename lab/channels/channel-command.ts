// `smtp-lab channel list`: the running lab's channel simulators (where a bot's apiRoot, a webhook
// URL, an SMPP client or an SMS.ru client points) and the channel integrations saved for the CLI.
import { defineCommand, runCommand, UsageError, type CliIo, type OptionTable } from '../../server/cli/kit/command.js';
import type { Bilingual } from '../../server/cli/kit/language.js';
import { integrationFilePath } from '../integration/integration-file.js';
import { listChannels } from './channel-cli.js';

const HELP: Bilingual = {
  en: `Usage: smtp-lab channel list [--json]

The alert channels besides e-mail: the running lab's simulators (Telegram Bot API, Discord
webhooks, the SMS.ru-like gateway, the SMPP centre) with their addresses, and the channel
integrations saved for the command line (smtp-lab integration set --channel …).

Options:
  --config FILE    the SMTP integration file; the channels are kept beside it (SMTP_LAB_CONFIG)
  --data-dir DIR   the lab server's data dir, to find it (SMTP_LAB_DATA_DIR)
  --json           { simulators, integrations } as JSON (secrets never included)
  --lang ru|en     language of the messages
Exit codes: 0 listed, 2 bad input.
`,
  ru: `Использование: smtp-lab channel list [--json]

Каналы оповещений кроме e-mail: имитаторы запущенной лаборатории (Telegram Bot API, вебхуки
Discord, SMS-шлюз как у SMS.ru, SMS-центр SMPP) и их адреса, а также интеграции каналов,
сохранённые для командной строки (smtp-lab integration set --channel …).

Параметры:
  --config ФАЙЛ      файл интеграции SMTP; каналы хранятся рядом с ним (SMTP_LAB_CONFIG)
  --data-dir КАТАЛОГ каталог данных сервера лаборатории — чтобы его найти (SMTP_LAB_DATA_DIR)
  --json             { simulators, integrations } в JSON (без секретов)
  --lang ru|en       язык сообщений
Коды выхода: 0 — выведено, 2 — ошибка во входных данных.
`,
};

const OPTIONS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
} satisfies OptionTable;

export const channelCommand = defineCommand({
  name: 'channel',
  summary: {
    en: 'the alert channels: Telegram, Discord, SMS simulators and integrations',
    ru: 'каналы оповещений: имитаторы Telegram, Discord, SMS и интеграции',
  },
  help: HELP,
  positionals: true,
  subcommands: true,
  options: OPTIONS,
  run: ({ values, positionals, language, io }) => {
    if (positionals[0] !== 'list') {
      throw new UsageError({ en: `unknown subcommand "${positionals[0] ?? ''}"`, ru: `неизвестная подкоманда «${positionals[0] ?? ''}»` });
    }
    return listChannels(values, integrationFilePath(values.config, io.env), language, io);
  },
});

export const runChannel = (argv: string[], io: CliIo): Promise<number> => runCommand(channelCommand, argv, io);
