// parse_mode as Telegram parses it: each row a text, its mode, and what the Bot API makes of it —
// the text without markup and its entities (UTF-16 offsets), or the description it answers with
// (byte offsets into the UTF-8 text). Then what every message text goes through: the trimming.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextEntity } from '../../../../lab/channels/channel-wire.js';
import { finishMessageText, parseModeOf, parseTelegramMarkup, textLength, type TelegramParseMode } from '../../../../lab/channels/telegram/telegram-markup.js';

type Row = [name: string, mode: TelegramParseMode, input: string, expected: { text: string; entities?: TextEntity[] } | string];

const CANT = "Bad Request: can't parse entities: ";
const e = (type: TextEntity['type'], offset: number, length: number, extra: Partial<TextEntity> = {}): TextEntity => ({ type, offset, length, ...extra });

const HTML: Row[] = [
  ['bold', 'HTML', '<b>bold</b> text', { text: 'bold text', entities: [e('bold', 0, 4)] }],
  [
    'every simple tag and its synonyms',
    'HTML',
    '<strong>a</strong><em>b</em><ins>c</ins><del>d</del><s>e</s><strike>f</strike><u>g</u><i>h</i>',
    {
      text: 'abcdefgh',
      entities: [
        e('bold', 0, 1),
        e('italic', 1, 1),
        e('underline', 2, 1),
        e('strikethrough', 3, 1),
        e('strikethrough', 4, 1),
        e('strikethrough', 5, 1),
        e('underline', 6, 1),
        e('italic', 7, 1),
      ],
    },
  ],
  ['tag names in any case', 'HTML', '<B>x</B>', { text: 'x', entities: [e('bold', 0, 1)] }],
  ['spoiler as span', 'HTML', '<span class="tg-spoiler">x</span>', { text: 'x', entities: [e('spoiler', 0, 1)] }],
  ['spoiler as tg-spoiler', 'HTML', '<tg-spoiler>x</tg-spoiler>', { text: 'x', entities: [e('spoiler', 0, 1)] }],
  ['a link, normalised', 'HTML', '<a href="https://example.com">site</a>', { text: 'site', entities: [e('text_link', 0, 4, { url: 'https://example.com/' })] }],
  [
    'a link without a scheme is http',
    'HTML',
    "<a href='example.com/x'>x</a>",
    { text: 'x', entities: [e('text_link', 0, 1, { url: 'http://example.com/x' })] },
  ],
  ['a link of another scheme is dropped', 'HTML', '<a href="ftp://example.com">x</a>', { text: 'x', entities: [] }],
  ['code', 'HTML', 'run <code>ls -l</code>', { text: 'run ls -l', entities: [e('code', 4, 5)] }],
  ['pre', 'HTML', '<pre>block</pre>', { text: 'block', entities: [e('pre', 0, 5)] }],
  [
    'pre with a language',
    'HTML',
    '<pre><code class="language-python">print(1)</code></pre>',
    { text: 'print(1)', entities: [e('pre', 0, 8, { language: 'python' })] },
  ],
  ['blockquote', 'HTML', '<blockquote>quote</blockquote>', { text: 'quote', entities: [e('blockquote', 0, 5)] }],
  ['nested', 'HTML', '<b>a<i>b</i></b>', { text: 'ab', entities: [e('bold', 0, 2), e('italic', 1, 1)] }],
  ['named and numeric references', 'HTML', '&lt;t&gt; &amp; &quot;q&quot; &#65;&#x42;', { text: '<t> & "q" AB' }],
  ['an & that forms no reference stays', 'HTML', 'AT&T &copy; x', { text: 'AT&T &copy; x' }],
  ['a > outside a tag is text', 'HTML', 't > 50', { text: 't > 50' }],
  ['Cyrillic: UTF-16 offsets', 'HTML', 'Привет <b>мир</b>', { text: 'Привет мир', entities: [e('bold', 7, 3)] }],
  ['an emoji counts two UTF-16 units', 'HTML', '😀 <b>x</b>', { text: '😀 x', entities: [e('bold', 3, 1)] }],
  ['an empty tag makes no entity', 'HTML', 'a<b></b>b', { text: 'ab' }],
  ['a bare < is an unsupported tag ""', 'HTML', 't < 50', `${CANT}Unsupported start tag "" at byte offset 2`],
  ['an unknown tag', 'HTML', 'line<br>next', `${CANT}Unsupported start tag "br" at byte offset 4`],
  ['byte offsets count UTF-8 bytes', 'HTML', 'Привет <x>', `${CANT}Unsupported start tag "x" at byte offset 13`],
  ['an unclosed tag', 'HTML', '<b>bold', `${CANT}Can't find end tag corresponding to start tag "b"`],
  ['a mismatched end tag', 'HTML', '<b>x</i>', `${CANT}Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`],
  ['an end tag with nothing open', 'HTML', 'x</b>', `${CANT}Unexpected end tag at byte offset 1`],
  ['a span without the spoiler class', 'HTML', '<span>x</span>', `${CANT}Tag "span" must have class "tg-spoiler" at byte offset 0`],
  ['a start tag never closed', 'HTML', 'x <b', `${CANT}Unclosed start tag at byte offset 2`],
  ['an unquoted URL is a broken name token', 'HTML', '<a href=https://example.com>x</a>', `${CANT}Unexpected end of name token at byte offset 8`],
  ['a self-closing slash is part of the name', 'HTML', '<b/>', `${CANT}Unsupported start tag "b/" at byte offset 0`],
  ['a slash after a space is an empty attribute', 'HTML', '<b />', `${CANT}Empty attribute name in the tag "b" at byte offset 0`],
];

const MARKDOWN_V2: Row[] = [
  [
    'every entity',
    'MarkdownV2',
    '*bold* _italic_ __underline__ ~strike~ ||spoiler||',
    {
      text: 'bold italic underline strike spoiler',
      entities: [e('bold', 0, 4), e('italic', 5, 6), e('underline', 12, 9), e('strikethrough', 22, 6), e('spoiler', 29, 7)],
    },
  ],
  ['a dot must be escaped', 'MarkdownV2', 'Temperature 85.5', `${CANT}Character '.' is reserved and must be escaped with the preceding '\\'`],
  ['escaped', 'MarkdownV2', 'Temperature 85\\.5\\!', { text: 'Temperature 85.5!' }],
  ['a hyphen must be escaped', 'MarkdownV2', 'a-b', `${CANT}Character '-' is reserved and must be escaped with the preceding '\\'`],
  ['a > inside a line', 'MarkdownV2', 'a > b', `${CANT}Character '>' is reserved and must be escaped with the preceding '\\'`],
  ['a lone |', 'MarkdownV2', 'x|y', `${CANT}Character '|' is reserved and must be escaped with the preceding '\\'`],
  ['an unclosed bold', 'MarkdownV2', '*bold', `${CANT}Can't find end of Bold entity at byte offset 0`],
  ['byte offsets after Cyrillic', 'MarkdownV2', 'Привет *мир', `${CANT}Can't find end of Bold entity at byte offset 13`],
  ['an unclosed code', 'MarkdownV2', 'a `b', `${CANT}Can't find end of Code entity at byte offset 2`],
  ['a link', 'MarkdownV2', '[site](https://example.com)', { text: 'site', entities: [e('text_link', 0, 4, { url: 'https://example.com/' })] }],
  ['a link never closed', 'MarkdownV2', '[text](https://example.com', `${CANT}Can't find end of a URL at byte offset 7`],
  ['code keeps reserved characters', 'MarkdownV2', '`a.b-c`', { text: 'a.b-c', entities: [e('code', 0, 5)] }],
  ['pre with a language', 'MarkdownV2', '```python\nprint(1)\n```', { text: 'print(1)\n', entities: [e('pre', 0, 9, { language: 'python' })] }],
  ['a block quotation', 'MarkdownV2', '>quote', { text: 'quote', entities: [e('blockquote', 0, 5)] }],
  ['a block quotation of two lines', 'MarkdownV2', '>one\n>two', { text: 'one\ntwo', entities: [e('blockquote', 0, 7)] }],
  ['an expandable block quotation', 'MarkdownV2', '>line1\n>line2||', { text: 'line1\nline2', entities: [e('blockquote', 0, 11)] }],
  ['an escaped underscore', 'MarkdownV2', 'snake\\_case', { text: 'snake_case' }],
  ['a bold line break inside a quotation', 'MarkdownV2', '>*a\nb*', `${CANT}Can't find end of Bold entity at byte offset 1`],
];

const MARKDOWN: Row[] = [
  ['bold, italic, code', 'Markdown', '*bold* _italic_ `code`', { text: 'bold italic code', entities: [e('bold', 0, 4), e('italic', 5, 6), e('code', 12, 4)] }],
  ['dots are plain text', 'Markdown', 'Temperature 85.5!', { text: 'Temperature 85.5!' }],
  ['snake_case turns italic', 'Markdown', 'snake_case_name', { text: 'snakecasename', entities: [e('italic', 5, 4)] }],
  ['a lone underscore', 'Markdown', 'under_score', `${CANT}Can't find end of the entity starting at byte offset 5`],
  ['an unclosed star', 'Markdown', '*bold', `${CANT}Can't find end of the entity starting at byte offset 0`],
  ['a link', 'Markdown', '[site](http://example.com)', { text: 'site', entities: [e('text_link', 0, 4, { url: 'http://example.com/' })] }],
  ['escapes', 'Markdown', '\\*not bold\\*', { text: '*not bold*' }],
  ['pre with a language', 'Markdown', '```js\ncode```', { text: 'code', entities: [e('pre', 0, 4, { language: 'js' })] }],
];

describe('parse modes as the Bot API parses them', () => {
  it.each([...HTML, ...MARKDOWN_V2, ...MARKDOWN])('%s (%s): %j', (_name, mode, input, expected) => {
    const result = parseTelegramMarkup(input, mode);
    if (typeof expected === 'string') {
      expect(result).toEqual({ ok: false, description: expected });
    } else {
      expect(result).toEqual({ ok: true, text: expected.text, entities: expected.entities ?? [] });
    }
  });

  it.each([
    ['HTML', 'HTML'],
    ['html', 'HTML'],
    ['MarkdownV2', 'MarkdownV2'],
    ['MARKDOWNV2', 'MarkdownV2'],
    ['Markdown', 'Markdown'],
    ['', null],
    ['None', null],
  ] as const)('parse_mode %j is %j (the server lowercases it)', (value, mode) => {
    expect(parseModeOf(value)).toEqual({ ok: true, mode });
  });

  it.each(['markdown2', 'text/html', 'Markdown V2'])('parse_mode %j is unsupported', (value) => {
    expect(parseModeOf(value)).toEqual({ ok: false, description: 'Bad Request: unsupported parse_mode' });
  });
});

describe('what Telegram keeps of a text', () => {
  const finish = (mode: TelegramParseMode | null, input: string) => {
    const parsed = parseTelegramMarkup(input, mode);
    if (!parsed.ok) throw new Error(parsed.description);
    return finishMessageText(parsed);
  };

  it.each<[string, TelegramParseMode | null, string, { text: string; entities?: TextEntity[] }]>([
    ['spaces and line breaks at both ends go', null, '  \n hello \n ', { text: 'hello' }],
    ['leading line breaks before the first entity go', 'HTML', '\n\n<b>x</b>\n', { text: 'x', entities: [e('bold', 0, 1)] }],
    ['an entity is cut to what is left', 'HTML', ' <b> x </b> ', { text: ' x', entities: [e('bold', 0, 2)] }],
    ['markup around nothing leaves nothing', 'HTML', '<b> </b>', { text: '' }],
    ['a link in the text is marked', null, 'see https://example.com/x.', { text: 'see https://example.com/x.', entities: [e('url', 4, 21)] }],
    ['a mention is marked', null, 'ping @lab_admin', { text: 'ping @lab_admin', entities: [e('mention', 5, 10)] }],
    ['nothing is marked inside code', 'HTML', '<code>https://example.com</code>', { text: 'https://example.com', entities: [e('code', 0, 19)] }],
  ])('%s', (_name, mode, input, expected) => {
    expect(finish(mode, input)).toEqual({ text: expected.text, entities: expected.entities ?? [] });
  });

  it('counts characters as code points (an emoji is one)', () => {
    expect(textLength('😀ab')).toBe(3);
  });
});

describe('any text at all', () => {
  // Markup characters weighted in, so that the parsers' corners are reached, not only plain text.
  const piece = fc.oneof(
    fc.constantFrom(...'<>&/"\'=_*`[]()~|>#+-.!\\\n '.split(''), '<b>', '</b>', '&lt;', '&#x1F600;', '```', '||', '__', '😀', 'я'),
    fc.string({ unit: 'binary', maxLength: 3 }),
  );
  const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

  it.each<TelegramParseMode>(['HTML', 'MarkdownV2', 'Markdown'])('%s: never throws; entities stay inside the text', (mode) => {
    fc.assert(
      fc.property(text, (input) => {
        const parsed = parseTelegramMarkup(input, mode);
        if (!parsed.ok) {
          expect(parsed.description).toMatch(/^Bad Request: can't parse entities: /);
          return;
        }
        const finished = finishMessageText(parsed);
        for (const { text: t, entities } of [parsed, finished]) {
          for (const entity of entities) {
            expect(entity.length).toBeGreaterThan(0);
            expect(entity.offset).toBeGreaterThanOrEqual(0);
            expect(entity.offset + entity.length).toBeLessThanOrEqual(t.length);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
