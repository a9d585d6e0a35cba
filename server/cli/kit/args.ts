// node:util's parseArgs reports a bad command line in English ("Unknown option '--bogus'"):
// the CLI says it in the reader's language, naming the option as typed.
import { fill, type Bilingual, type Language } from './language.js';

const PROBLEMS: Record<string, Bilingual> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: { en: 'unknown option %s (see --help)', ru: 'неизвестный параметр %s (см. --help)' },
  missing: { en: 'the option %s needs a value', ru: 'параметру %s нужно значение' },
  noValue: { en: 'the option %s takes no value', ru: 'параметр %s пишется без значения' },
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: { en: 'unexpected argument %s', ru: 'лишний аргумент %s' },
};

/** The problem with the command line, in the reader's language; the error's own text otherwise. */
export function argsProblem(err: unknown, language: Language): string {
  const { code, message } = err as { code?: string; message?: string };
  const text = message ?? String(err);
  const named = /'(-{0,2}[^' ]+)/.exec(text)?.[1] ?? '';
  const quote = (name: string) => (language === 'ru' ? `«${name}»` : `"${name}"`);
  let key: string | undefined;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') key = /does not take an argument/.test(text) ? 'noValue' : 'missing';
  else if (code && PROBLEMS[code]) key = code;
  const problem = key ? PROBLEMS[key] : undefined;
  return problem ? fill(problem[language], quote(named)) : text;
}
