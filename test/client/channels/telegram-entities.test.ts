// A Telegram message's text and entities into the nodes the chat view draws: nesting as the Bot
// API allows it, partial overlaps cut rather than lost, offsets in UTF-16 code units, links only
// to safe addresses, and text that looks like markup kept as text.
import { describe, expect, it } from 'vitest';
import type { TextEntity } from '../../../lab/channels/channel-wire.js';
import { plainText, safeHref, segmentEntities, type EntityNode } from '../../../client/src/channels/telegram-entities.js';

/** A compact picture of a tree: text as is, an entity as type(children), a link with its href. */
function shape(nodes: readonly EntityNode[]): string {
  return nodes
    .map((n) => (n.kind === 'text' ? JSON.stringify(n.text) : `${n.type}${n.href !== undefined ? `<${n.href}>` : ''}(${shape(n.children)})`))
    .join(' ');
}

const e = (type: TextEntity['type'], offset: number, length: number, extra: Partial<TextEntity> = {}): TextEntity => ({ type, offset, length, ...extra });

describe('segmentEntities', () => {
  it.each([
    ['plain text', 'Boiler 7 is hot', [], '"Boiler 7 is hot"'],
    ['one bold word', 'Boiler 7 is hot', [e('bold', 0, 6)], 'bold("Boiler") " 7 is hot"'],
    ['italic inside bold', 'Boiler 7 is hot', [e('bold', 0, 15), e('italic', 12, 3)], 'bold("Boiler 7 is " italic("hot"))'],
    ['the inner given first', 'Boiler 7 is hot', [e('italic', 12, 3), e('bold', 0, 15)], 'bold("Boiler 7 is " italic("hot"))'],
    ['two side by side', 'ab cd', [e('bold', 0, 2), e('underline', 3, 2)], 'bold("ab") " " underline("cd")'],
    ['the same range twice', 'hot', [e('bold', 0, 3), e('italic', 0, 3)], 'bold(italic("hot"))'],
    ['a partial overlap cut at the end of the first', 'abcdef', [e('bold', 0, 4), e('italic', 2, 4)], 'bold("ab" italic("cd")) italic("ef")'],
    [
      'strikethrough, spoiler and code',
      'a b c',
      [e('strikethrough', 0, 1), e('spoiler', 2, 1), e('code', 4, 1)],
      'strikethrough("a") " " spoiler("b") " " code("c")',
    ],
    ['pre keeps its language', 'x = 1', [e('pre', 0, 5, { language: 'python' })], 'pre("x = 1")'],
    ['a text_link', 'see docs', [e('text_link', 4, 4, { url: 'https://example.com/docs' })], '"see " text_link<https://example.com/docs>("docs")'],
    ['a javascript: text_link is no link', 'click', [e('text_link', 0, 5, { url: 'javascript:alert(1)' })], 'text_link<null>("click")'],
    ['a data: text_link is no link', 'x', [e('text_link', 0, 1, { url: 'data:text/html,<script>alert(1)</script>' })], 'text_link<null>("x")'],
    ['a bare url gets http://', 'go example.com now', [e('url', 3, 11)], '"go " url<http://example.com/>("example.com") " now"'],
    ['a mention links to t.me', 'hi @duty_bot', [e('mention', 3, 9)], '"hi " mention<https://t.me/duty_bot>("@duty_bot")'],
    ['an entity past the end is clamped', 'abc', [e('bold', 1, 50)], '"a" bold("bc")'],
    ['nonsense entities are dropped', 'abc', [e('bold', -1, 2), e('italic', 1, 0), e('code', 9, 1), e('underline', 0.5, 1)], '"abc"'],
    ['offsets count UTF-16 code units (an emoji is two)', '🔥 hot', [e('bold', 3, 3)], '"🔥 " bold("hot")'],
    ['markup in the text stays text', '<b>x</b> <img src=x onerror=alert(1)>', [e('italic', 0, 8)], 'italic("<b>x</b>") " <img src=x onerror=alert(1)>"'],
  ] as const)('%s', (_name, text, entities, expected) => {
    expect(shape(segmentEntities(text, entities as readonly TextEntity[]))).toBe(expected);
  });

  it('an empty text is no nodes', () => {
    expect(segmentEntities('', [e('bold', 0, 1)])).toEqual([]);
  });

  it('never loses, repeats or reorders a character, whatever the entities (random sets)', () => {
    const types: TextEntity['type'][] = ['bold', 'italic', 'underline', 'strikethrough', 'spoiler', 'code', 'pre', 'url', 'mention', 'blockquote'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const text = 'Котёл 7 🔥 перегрелся: 97 °C — <b>срочно</b>'.slice(0, 10 + random(35));
      const entities = Array.from({ length: random(6) }, () => e(types[random(types.length)]!, random(text.length + 3), random(text.length + 2)));
      const nodes = segmentEntities(text, entities);
      expect(plainText(nodes)).toBe(text);
    }
  });
});

describe('safeHref', () => {
  it.each([
    ['https://t.me/x', 'https://t.me/x'],
    ['http://127.0.0.1:8025/', 'http://127.0.0.1:8025/'],
    ['mailto:ops@lab.local', 'mailto:ops@lab.local'],
    ['tg://resolve?domain=x', 'tg://resolve?domain=x'],
    ['example.com', 'http://example.com/'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['data:text/html,x', null],
    ['vbscript:x', null],
    ['', null],
    ['http://', null],
  ] as const)('%s → %s', (raw, expected) => {
    expect(safeHref(raw)).toBe(expected);
  });
});
