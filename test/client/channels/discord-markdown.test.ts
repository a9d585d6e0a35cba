// Discord's markdown subset into the nodes the channel view draws: each mark, their nesting,
// code that holds marks literally, links only to http(s), escapes, and markup kept as text.
import { describe, expect, it } from 'vitest';
import { embedColor, markdownText, parseDiscordMarkdown, type MdNode } from '../../../client/src/channels/discord-markdown.js';

function shape(nodes: readonly MdNode[]): string {
  return nodes
    .map((n) => {
      switch (n.kind) {
        case 'text':
          return JSON.stringify(n.text);
        case 'code':
          return `code(${JSON.stringify(n.text)})`;
        case 'codeblock':
          return `block[${n.language ?? ''}](${JSON.stringify(n.text)})`;
        case 'link':
          return `link<${n.href}>(${shape(n.children)})`;
        default:
          return `${n.kind}(${shape(n.children)})`;
      }
    })
    .join(' ');
}

function isSubsequence(part: string, whole: string): boolean {
  let at = 0;
  for (const ch of part) {
    at = whole.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

describe('parseDiscordMarkdown', () => {
  it.each([
    ['plain', 'Boiler 7 is hot', '"Boiler 7 is hot"'],
    ['bold', '**97 °C** now', 'bold("97 °C") " now"'],
    ['italic with stars', 'it is *hot*', '"it is " italic("hot")'],
    ['italic with underscores', 'it is _hot_', '"it is " italic("hot")'],
    ['snake_case is not italic', 'boiler_7_temp', '"boiler_7_temp"'],
    ['underline', '__check__ it', 'underline("check") " it"'],
    ['strikethrough', '~~cold~~ hot', 'strike("cold") " hot"'],
    ['spoiler', 'the cause: ||a valve||', '"the cause: " spoiler("a valve")'],
    ['bold and italic together', '***hot***', 'bold(italic("hot"))'],
    ['bold inside italic', '*very **hot** boiler*', 'italic("very " bold("hot") " boiler")'],
    ['two bolds', '**a** and **b**', 'bold("a") " and " bold("b")'],
    ['inline code keeps marks literally', 'run `**not bold**`', '"run " code("**not bold**")'],
    ['a code block with a language', '```js\nalert(1)\n```', 'block[js]("alert(1)")'],
    ['a code block without one', '```\nline 1\nline 2\n```', 'block[]("line 1\\nline 2")'],
    ['an empty code block is not one', '``````', '"``````"'],
    ['the line after a code block starts right under it', 'a\n```\nx\n```\nsee', '"a\\n" block[]("x") "see"'],
    ['double backticks hold one', '``a ` b``', 'code("a ` b")'],
    ['a masked link', 'see [the docs](https://example.com/a)', '"see " link<https://example.com/a>("the docs")'],
    ['a masked javascript: link is text', '[x](javascript:alert(1))', '"[x](javascript:alert(1))"'],
    ['a bare link, the full stop left out', 'see https://example.com/a.', '"see " link<https://example.com/a>("https://example.com/a") "."'],
    ['an angle-bracket link', '<https://example.com>', 'link<https://example.com/>("https://example.com")'],
    ['an escaped star is a star', '\\*not italic\\*', '"*not italic*"'],
    ['an unclosed mark stays as typed', '**half', '"**half"'],
    ['html is text', '<script>alert(1)</script><img src=x onerror=alert(1)>', '"<script>alert(1)</script><img src=x onerror=alert(1)>"'],
    ['a lone h and other letters', 'hash http is not a link', '"hash http is not a link"'],
  ] as const)('%s', (_name, src, expected) => {
    expect(shape(parseDiscordMarkdown(src))).toBe(expected);
  });

  it('markdownText drops the marks and keeps the words', () => {
    expect(markdownText(parseDiscordMarkdown('**Boiler 7**: *97 °C*, see [docs](https://x.example)'))).toBe('Boiler 7: 97 °C, see docs');
  });

  it.each([
    ['marks around nothing stay as typed', '****', '"****"'],
    ['a strike around a space stays', '~~ ~~', '"~~ ~~"'],
  ] as const)('%s', (_name, src, expected) => {
    expect(shape(parseDiscordMarkdown(src))).toBe(expected);
  });

  // Discord's limits: content 2000 characters, an embed's description 4096. A message built to
  // make a backtracking parser stall must still be read at once, and keep every character.
  it.each([
    ['stars', '*'.repeat(4096)],
    ['unclosed bolds', '**a '.repeat(1024)],
    ['unclosed italics', '*a '.repeat(1365)],
    ['underscores', '_a'.repeat(2048)],
    ['backticks', '`'.repeat(4096)],
    ['brackets', '[x]('.repeat(1024)],
    ['link starts', 'https://'.repeat(512)],
    ['escapes', '\\'.repeat(2048)],
  ] as const)('reads 4096 characters of %s quickly, inventing nothing', (_name, src) => {
    const started = performance.now();
    const text = markdownText(parseDiscordMarkdown(src));
    expect(performance.now() - started).toBeLessThan(1500);
    // What is shown is the source less its marks: its characters, in order, none added.
    expect(isSubsequence(text, src)).toBe(true);
  });
});

describe('embedColor', () => {
  it.each([
    [0xff0000, '#ff0000'],
    [0x00ff, '#0000ff'],
    [0, '#000000'],
    [undefined, null],
    [-1, null],
    [0x1000000, null],
    [1.5, null],
  ] as const)('%s → %s', (color, expected) => {
    expect(embedColor(color)).toBe(expected);
  });
});
