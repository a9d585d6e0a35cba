// The small readers and writers: change-value literals (no eval), the HTML body's encodings,
// templating of mail fields.
import { describe, expect, test } from 'vitest';
import { decodeHtmlBody, encodeHtmlBody, HTML_ENCODINGS } from '../../../lab/automaton/html-encoding.js';
import { formatLiteral, parseLiteral } from '../../../lab/automaton/literal.js';
import { renderTemplate, templatePlaceholders } from '../../../lab/automaton/templating.js';
import { loadKettle } from './automaton-helpers.js';

describe('change-value literals', () => {
  test.each([
    ['"on"', 'on'],
    ["'off'", 'off'],
    ['  "spaced"  ', 'spaced'],
    ['"say \\"hi\\"\\n"', 'say "hi"\n'],
    ['"\\u0422\\x41\\u{1F525}"', 'ТA🔥'],
    ['42', 42],
    ['-3.5', -3.5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['true', true],
    ['false', false],
    ['""', ''],
  ] as const)('%s → %j', (text, value) => {
    expect(parseLiteral(text)).toEqual({ ok: true, value });
  });

  test.each([
    '',
    'on',
    'object.state.temperature + 1',
    '"unclosed',
    '"a" + "b"',
    '\'mixed"',
    '1e999',
    'NaN',
    'alert(1)',
    '"bad \\u12"',
    '"line\nbreak"',
    '`template`',
  ])('%j is not a literal', (text) => {
    expect(parseLiteral(text).ok).toBe(false);
  });

  test('formatLiteral writes what parseLiteral reads', () => {
    for (const value of ['on', 'with "quotes"\n', 42, -0.25, true, false]) expect(parseLiteral(formatLiteral(value))).toEqual({ ok: true, value });
  });
});

describe('the HTML body’s encodings', () => {
  const html = '<p>Температура <b>101 °C</b> — «перегрев» 🔥</p>';

  test.each(HTML_ENCODINGS)('%s: encode and decode give the HTML back', (encoding) => {
    expect(decodeHtmlBody(encodeHtmlBody(html, encoding), encoding)).toEqual({ ok: true, html });
  });

  test.each([
    ['Text', '<b>hi</b>', '<b>hi</b>'],
    ['JSON', '"<b>hi</b>\\n"', '<b>hi</b>\n'],
    ['HEX', '3c 62 3e 68 69\n3c2f623e', '<b>hi</b>'],
    ['HEX', '0x3C623E', '<b>'],
    ['Base64', 'PGI+aGk8L2I+', '<b>hi</b>'],
    ['Base64', 'PGI-aGk8L2I-', '<b>hi</b>'],
    ['Base64', 'PGI+aA', '<b>h'],
  ] as const)('%s %j', (encoding, value, decoded) => {
    expect(decodeHtmlBody(value, encoding)).toEqual({ ok: true, html: decoded });
  });

  test.each([
    ['JSON', '<b>not json</b>', /quoted JSON string/],
    ['JSON', '{"html": "<b>"}', /not an object/],
    ['HEX', 'abc', /pairs of hex digits/],
    ['HEX', 'zz', /pairs of hex digits/],
    ['HEX', 'ff', /not UTF-8/],
    ['Base64', 'a', /Base64 is letters/],
    ['Base64', 'PGI+!!', /Base64 is letters/],
    ['Base64', '/w==', /not UTF-8/],
  ] as const)('%s %j is refused', (encoding, value, en) => {
    const result = decodeHtmlBody(value, encoding);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.en).toMatch(en);
      expect(result.error.ru).not.toBe('');
    }
  });
});

describe('templating', () => {
  const context = {
    values: new Map<string, number | string | boolean>([
      ['temperatureC', 101],
      ['temperature', 213.8],
      ['status', 'off'],
      ['door', true],
      ['note', '<i>'],
    ]),
    parameters: loadKettle().parameters,
    objectId: 'kettle-7',
    stateName: 'OFF',
    timeMs: Date.UTC(2024, 2, 1, 8, 30),
  };

  test.each([
    ['{{temperatureC}}', '101 °C'],
    ['{{ temperature }} / {{temperatureC}}', '213.8 °F / 101 °C'],
    ['{{status}}, {{door}}', 'off, true'],
    ['{{object}} в {{state}} с {{time}}', 'kettle-7 в OFF с 2024-03-01T08:30:00.000Z'],
    ['{{humidity}} {{}} {{a b}} {single}', '{{humidity}} {{}} {{a b}} {single}'],
    ['{{note}}', '<i>'],
    ['', ''],
  ])('%j → %j', (template, text) => {
    expect(renderTemplate(template, context)).toBe(text);
  });

  test('in HTML the values are escaped, the template is not', () => {
    expect(renderTemplate('<b>{{note}}</b> {{status}}', context, { html: true })).toBe('<b>&lt;i&gt;</b> off');
  });

  test('the placeholders a template uses', () => {
    expect(templatePlaceholders('{{a}} {{ b }} {{a}} {{time}}')).toEqual(['a', 'b', 'time']);
  });
});
