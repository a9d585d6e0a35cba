// The CLI's small text tools: filling a message with values as they are, and a bad command line
// said in the reader's language (issue 8, point 13).
import { parseArgs } from 'node:util';
import { describe, expect, test } from 'vitest';
import { argsProblem } from '../../../server/cli/kit/args.js';
import { fill, languageIn } from '../../../server/cli/kit/language.js';

describe('fill', () => {
  test('puts values in order, and a value holding %s or $& goes in as it is', () => {
    expect(fill('письмо %s «%s» (%s)', 'id1', 'Скидка 50%s $& $1', '3 Б')).toBe('письмо id1 «Скидка 50%s $& $1» (3 Б)');
  });
});

describe('argsProblem', () => {
  const problem = (args: string[]) => {
    try {
      parseArgs({ args, options: { to: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
    } catch (err) {
      return { ru: argsProblem(err, 'ru'), en: argsProblem(err, 'en') };
    }
    throw new Error('parsed');
  };

  test.each([
    [['--bogus'], 'неизвестный параметр «--bogus» (см. --help)', 'unknown option "--bogus" (see --help)'],
    [['--to'], 'параметру «--to» нужно значение', 'the option "--to" needs a value'],
    [['--json=yes'], 'параметр «--json» пишется без значения', 'the option "--json" takes no value'],
    [['stray'], 'лишний аргумент «stray»', 'unexpected argument "stray"'],
  ])('%o', (args, ru, en) => {
    expect(problem(args)).toEqual({ ru, en });
  });

  test('the language of a line that did not parse is still read from --lang', () => {
    expect(languageIn(['--bogus', '--lang', 'ru'])).toBe('ru');
    expect(languageIn(['--lang=en'])).toBe('en');
    expect(languageIn(['--to', 'x'])).toBeUndefined();
  });
});
