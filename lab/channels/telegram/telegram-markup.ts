// A sendMessage text as the Bot API turns it into a message: parse_mode (lowercased by the
// server; HTML, MarkdownV2, legacy Markdown) parsed into the text and its entities, or the exact
// error the service answers; then what Telegram does to every text — spaces and line breaks
// trimmed at both ends, entities fitted to what is left, links and @mentions found.
// Sources: tdlib/telegram-bot-api Client.cpp (get_formatted_text), tdlib MessageEntity.cpp
// (fix_formatted_text), core.telegram.org/bots/api#formatting-options.
import type { TextEntity } from '../channel-wire.js';
import { textOf, toTextEntity, utf8, type RawEntity, type RawParse } from './markup-bytes.js';
import { parseHtml } from './markup-html.js';
import { parseMarkdownLegacy, parseMarkdownV2 } from './markup-markdown.js';

export type TelegramParseMode = 'HTML' | 'MarkdownV2' | 'Markdown';

export interface FormattedText {
  text: string;
  entities: TextEntity[];
}

export type MarkupResult = ({ ok: true } & FormattedText) | { ok: false; description: string };

/** The parse modes by the lowercased name the server compares; '' and 'none' parse nothing. */
const PARSE_MODES = new Map<string, TelegramParseMode | null>([
  ['', null],
  ['none', null],
  ['html', 'HTML'],
  ['markdownv2', 'MarkdownV2'],
  ['markdown', 'Markdown'],
]);

const PARSERS: Record<TelegramParseMode, (bytes: Uint8Array) => RawParse> = {
  HTML: parseHtml,
  MarkdownV2: parseMarkdownV2,
  Markdown: parseMarkdownLegacy,
};

export function parseModeOf(value: string): { ok: true; mode: TelegramParseMode | null } | { ok: false; description: string } {
  const mode = PARSE_MODES.get(value.toLowerCase());
  return mode === undefined ? { ok: false, description: 'Bad Request: unsupported parse_mode' } : { ok: true, mode };
}

/** tdlib's sort_entities: by offset, the longer first. */
const byPosition = (a: { offset: number; length: number }, b: { offset: number; length: number }) => a.offset - b.offset || b.length - a.length;

/** The text without its markup and the entities, or the Bot API's description of why it cannot be parsed. */
export function parseTelegramMarkup(text: string, mode: TelegramParseMode | null): MarkupResult {
  if (mode === null || text === '') return { ok: true, text, entities: [] };
  const parsed = PARSERS[mode](utf8(text));
  if (!parsed.ok) return { ok: false, description: `Bad Request: can't parse entities: ${parsed.message}` };
  const entities = parsed.entities.filter((e: RawEntity) => e.length > 0).map(toTextEntity);
  return { ok: true, text: textOf(parsed.bytes), entities: entities.sort(byPosition) };
}

/** Characters as the 4096 limit counts them (Unicode code points, tdlib utf8_length). */
export const textLength = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

const isBlank = (ch: string) => ch === ' ' || ch === '\n';

/** Entities that others found inside them would break (tdlib: not "splittable"). */
const SOLID: ReadonlySet<TextEntity['type']> = new Set(['code', 'pre', 'text_link', 'custom_emoji']);

/** Links and @mentions as Telegram marks them in any text (a small part of tdlib's find_entities). */
function foundEntities(text: string): TextEntity[] {
  const found: TextEntity[] = [];
  for (const m of text.matchAll(/https?:\/\/[^\s<>"'`]+/gi)) {
    const url = m[0].replace(/[.,;:!?)\]}'"]+$/, '');
    if (/^https?:\/\/[^/?#]*\.[^/?#]/i.test(url)) found.push({ type: 'url', offset: m.index, length: url.length });
  }
  for (const m of text.matchAll(/(^|[^\w@/])@([A-Za-z][A-Za-z0-9_]{4,31})(?![\w@])/g)) {
    const offset = m.index + (m[1] ?? '').length;
    found.push({ type: 'mention', offset, length: (m[2] ?? '').length + 1 });
  }
  return found;
}

/**
 * What Telegram keeps of a parsed text: ' ' and '\n' trimmed at the end and, before the first
 * entity, at the start; entities cut to what is left; links and mentions added where no code or
 * link already is. An empty result is the service's "text must be non-empty".
 */
export function finishMessageText({ text, entities }: FormattedText): FormattedText {
  let last = text.length - 1;
  while (last >= 0 && isBlank(text[last] as string)) last--;
  if (last < 0) return { text: '', entities: [] };
  const end = last + 1;
  let kept = entities
    .filter((e) => e.length > 0 && e.offset < end)
    .map((e) => (e.offset + e.length > end ? { ...e, length: end - e.offset } : e))
    .sort(byPosition);
  const firstEntity = kept[0]?.offset ?? end;
  let start = 0;
  while (start < firstEntity && isBlank(text[start] as string)) start++;
  const trimmed = text.slice(start, end);
  kept = kept.map((e) => (start > 0 ? { ...e, offset: e.offset - start } : e));
  const overlaps = (a: TextEntity, b: TextEntity) => a.offset < b.offset + b.length && b.offset < a.offset + a.length;
  const added = foundEntities(trimmed).filter((f) => !kept.some((e) => SOLID.has(e.type) && overlaps(e, f)));
  return { text: trimmed, entities: [...kept, ...added].sort(byPosition) };
}
