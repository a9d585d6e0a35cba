// The one way a `smtp-lab` command is defined: its options (node:util's parseArgs), its help in
// both languages, its run. `runCommand` does the rest the same for every command: --lang and
// --help, the reader's language (--lang, else LANG), a bad command line said in that language
// with the help after it, and the exit codes — 0 done, 1 it failed, 2 bad input.
import { parseArgs } from 'node:util';
import type { Bilingual } from '../../wire/bilingual.js';
import { argsProblem } from './args.js';
import { detectLanguage, fill, languageIn, type Language } from './language.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export type OptionTable = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export type OptionValues<O extends OptionTable> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string } & {
  lang?: string;
  help?: boolean;
};

/** A command line the command cannot use: exit 2, the text and the help on stderr. */
export class UsageError extends Error {
  constructor(readonly text: Bilingual | string) {
    super(typeof text === 'string' ? text : text.en);
    this.name = 'UsageError';
  }
}

export interface CommandContext<O extends OptionTable> {
  values: OptionValues<O>;
  positionals: string[];
  language: Language;
  io: CliIo;
  /** The text in the reader's language, its %s places filled in order. */
  say(text: Bilingual, ...values: string[]): string;
}

export interface Command<O extends OptionTable = OptionTable> {
  /** The word after `smtp-lab`. */
  name: string;
  /** One line for `smtp-lab --help`. */
  summary: Bilingual;
  /** The whole --help. */
  help: Bilingual | ((language: Language) => string);
  options: O;
  positionals: boolean;
  /** A command made of subcommands: none given prints the help and exits 2. */
  subcommands?: boolean;
  run(context: CommandContext<O>): Promise<number>;
}

export function defineCommand<O extends OptionTable>(command: Command<O>): Command<O> {
  return command;
}

export function helpOf(command: Pick<Command, 'help'>, language: Language): string {
  return typeof command.help === 'function' ? command.help(language) : command.help[language];
}

export async function runCommand<O extends OptionTable>(command: Command<O>, argv: string[], io: CliIo): Promise<number> {
  let parsed: { values: OptionValues<O>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: command.positionals,
      strict: true,
      options: { ...command.options, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }) as unknown as { values: OptionValues<O>; positionals: string[] };
  } catch (err) {
    const language = detectLanguage(languageIn(argv), io.env);
    io.err(`smtp-lab ${command.name}: ${argsProblem(err, language)}\n\n${helpOf(command, language)}`);
    return 2;
  }
  const language = detectLanguage(parsed.values.lang, io.env);
  const help = helpOf(command, language);
  if (parsed.values.help || parsed.positionals[0] === 'help') {
    io.out(help);
    return 0;
  }
  if (command.subcommands && parsed.positionals.length === 0) {
    io.out(help);
    return 2;
  }
  const context: CommandContext<O> = {
    values: parsed.values,
    positionals: parsed.positionals,
    language,
    io,
    say: (text, ...values) => fill(text[language], ...values),
  };
  try {
    return await command.run(context);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`smtp-lab ${command.name}: ${typeof err.text === 'string' ? err.text : err.text[language]}\n\n${help}`);
    return 2;
  }
}
