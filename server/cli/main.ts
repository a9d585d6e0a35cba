#!/usr/bin/env node
// The `smtp-lab` command: the commands of the engine and of the lab, each defined once with the
// CLI kit (kit/command.ts). `start` runs the lab server and is the default when none is given.
import { channelCommand } from '../../lab/channels/channel-command.js';
import { classCommand } from '../../lab/class/class-command.js';
import { integrationCommand } from '../../lab/integration/integration-command.js';
import { automatonCommand } from '../../lab/objects/automaton-command.js';
import { scenarioCommand } from '../../lab/scenarios/scenario-command.js';
import { sendTestCommand } from '../../lab/sender/send-test-command.js';
import { accountCommand } from './account-command.js';
import { faultCommand } from './fault-command.js';
import { inboxCommand } from './inbox-command.js';
import { runCommand, type CliIo, type Command, type OptionTable } from './kit/command.js';
import { detectLanguage, type Language } from './kit/language.js';
import { startCommand } from './start-command.js';

const COMMANDS: readonly Command<OptionTable>[] = [
  startCommand,
  accountCommand,
  integrationCommand,
  sendTestCommand,
  channelCommand,
  automatonCommand,
  faultCommand,
  scenarioCommand,
  classCommand,
  inboxCommand,
];

function usage(language: Language): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(width)} ${c.summary[language]}`);
  const help = language === 'ru' ? 'эта справка' : 'this text';
  return language === 'ru'
    ? `Использование: smtp-lab <команда> [параметры]\n\nКоманды:\n${rows.join('\n')}\n  ${'help'.padEnd(width)} ${help}\n\nsmtp-lab <команда> --help — подробнее.\n`
    : `Usage: smtp-lab <command> [options]\n\nCommands:\n${rows.join('\n')}\n  ${'help'.padEnd(width)} ${help}\n\nsmtp-lab <command> --help tells more.\n`;
}

async function main(argv: string[]): Promise<number> {
  const io: CliIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), env: process.env };
  const [name, ...rest] = argv;
  const language = detectLanguage(undefined, process.env);
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(usage(language));
    return 0;
  }
  if (name === undefined || name.startsWith('-')) return runCommand(startCommand, argv, io);
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return runCommand(command, rest, io);
  io.err(`smtp-lab: ${language === 'ru' ? `неизвестная команда «${name}»` : `unknown command "${name}"`}\n\n${usage(language)}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`smtp-lab: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  },
);
