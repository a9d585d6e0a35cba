// parse_mode=HTML as Telegram reads it (tdlib parse_html): the tags it knows, attributes in quotes
// or as name tokens, the four named character references and numeric ones. A `<` that does not
// open a known tag is an error ("Unsupported start tag"); an `&` that forms no reference stays as
// it is (tdlib keeps it, although the Bot API documentation asks for &amp;).
import {
  ascii,
  byteAt,
  ByteSink,
  checkedLink,
  isAlnum,
  isAlpha,
  isDigit,
  isHexDigit,
  isSpace,
  textOf,
  utf16Units,
  utf8,
  type RawEntity,
  type RawEntityType,
  type RawParse,
} from './markup-bytes.js';

const LT = ascii('<');
const GT = ascii('>');
const AMP = ascii('&');
const SLASH = ascii('/');
const EQ = ascii('=');
const DQ = ascii('"');
const SQ = ascii("'");
const DOT = ascii('.');
const DASH = ascii('-');
const HASH = ascii('#');
const SEMI = ascii(';');
const X = ascii('x');

const NAMED_REFERENCES = new Map<string, number>([
  ['lt', ascii('<')],
  ['gt', ascii('>')],
  ['amp', ascii('&')],
  ['quot', ascii('"')],
]);

/** Tags that make one entity type, whatever their attributes (span: only with class="tg-spoiler"). */
const SIMPLE_TAGS = new Map<string, RawEntityType>([
  ['b', 'Bold'],
  ['strong', 'Bold'],
  ['i', 'Italic'],
  ['em', 'Italic'],
  ['u', 'Underline'],
  ['ins', 'Underline'],
  ['s', 'Strikethrough'],
  ['strike', 'Strikethrough'],
  ['del', 'Strikethrough'],
  ['tg-spoiler', 'Spoiler'],
  ['span', 'Spoiler'],
]);
const SUPPORTED_TAGS = new Set([...SIMPLE_TAGS.keys(), 'a', 'tg-emoji', 'tg-time', 'pre', 'code', 'blockquote']);

interface OpenTag {
  name: string;
  argument: string;
  offset: number;
  /** Where its text starts in the output (bytes): an <a> without href links its own text. */
  start: number;
}

/** tdlib's to_lower: ASCII letters only. */
const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (s) => s.toLowerCase());

/** A character reference at `pos` (which holds `&`): its code point and where it ends, or null when it is not one. */
function decodeReference(bytes: Uint8Array, pos: number): { code: number; end: number } | null {
  const at = (i: number) => byteAt(bytes, i);
  let end = pos + 1;
  let code = 0;
  if (at(pos + 1) === HASH) {
    end++;
    if (at(pos + 2) === X) {
      end++;
      while (isHexDigit(at(end))) code = code * 16 + parseInt(String.fromCharCode(at(end++)), 16);
    } else {
      while (isDigit(at(end))) code = code * 10 + (at(end++) - 0x30);
    }
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return null;
  } else {
    while (isAlpha(at(end))) end++;
    const named = NAMED_REFERENCES.get(textOf(bytes, pos + 1, end));
    if (named === undefined) return null;
    code = named;
  }
  if (at(end) === SEMI) end++;
  return { code, end };
}

const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;
const utf8Of = (code: number) => utf8(String.fromCodePoint(code));

/** The entity a closed tag makes (pushed onto `entities`), or the error. */
function closeTag(tag: OpenTag, length: number, entities: RawEntity[], out: ByteSink): string | null {
  const { offset } = tag;
  const simple = SIMPLE_TAGS.get(tag.name);
  const last = entities.at(-1);
  const sameSpan = last !== undefined && last.offset === offset && last.length === length;
  if (simple) {
    entities.push({ type: simple, offset, length });
  } else if (tag.name === 'tg-emoji') {
    if (!/^-?\d{1,19}$/.test(tag.argument) || BigInt(tag.argument) === 0n) return 'Invalid custom emoji identifier specified';
    entities.push({ type: 'CustomEmoji', offset, length });
  } else if (tag.name === 'a') {
    const link = checkedLink(tag.argument || out.text(tag.start));
    if (link !== null) entities.push({ type: 'TextUrl', offset, length, argument: link });
  } else if (tag.name === 'pre') {
    // <pre><code class="language-x">…</code></pre>: the code closed first, with the same span.
    if (sameSpan && last.type === 'Code' && last.argument) last.type = 'PreCode';
    else entities.push({ type: 'Pre', offset, length });
  } else if (tag.name === 'code') {
    if (sameSpan && last.type === 'Pre' && tag.argument) {
      last.type = 'PreCode';
      last.argument = tag.argument;
    } else {
      entities.push({ type: 'Code', offset, length, argument: tag.argument });
    }
  } else if (tag.name === 'blockquote') {
    entities.push({ type: tag.argument ? 'ExpandableBlockQuote' : 'BlockQuote', offset, length });
  }
  // tg-time makes a date entity, which the lab does not render: its text stays plain.
  return null;
}

export function parseHtml(bytes: Uint8Array): RawParse {
  const at = (i: number) => byteAt(bytes, i);
  const fail = (message: string): RawParse => ({ ok: false, message });
  const out = new ByteSink();
  const entities: RawEntity[] = [];
  const open: OpenTag[] = [];
  let utf16 = 0;
  let surrogate = false;

  for (let i = 0; i < bytes.length; i++) {
    const c = at(i);
    if (c === AMP) {
      const reference = decodeReference(bytes, i);
      if (reference) {
        i = reference.end - 1;
        utf16 += reference.code > 0xffff ? 2 : 1;
        if (isSurrogate(reference.code)) surrogate = true;
        else out.pushAll(utf8Of(reference.code));
        continue;
      }
    }
    if (c !== LT) {
      utf16 += utf16Units(c);
      out.push(c);
      continue;
    }

    const begin = i++;
    if (at(i) !== SLASH) {
      while (!isSpace(at(i)) && at(i) !== GT) i++;
      if (at(i) === 0) return fail(`Unclosed start tag at byte offset ${begin}`);
      const name = asciiLower(textOf(bytes, begin + 1, i));
      if (!SUPPORTED_TAGS.has(name)) return fail(`Unsupported start tag "${name}" at byte offset ${begin}`);

      let argument = '';
      while (at(i) !== GT) {
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) === GT) break;
        const nameBegin = i;
        while (!isSpace(at(i)) && ![EQ, GT, SLASH, DQ, SQ].includes(at(i))) i++;
        const attribute = textOf(bytes, nameBegin, i);
        if (attribute === '') return fail(`Empty attribute name in the tag "${name}" at byte offset ${begin}`);
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) !== EQ) {
          if (at(i) === 0) return fail(`Unclosed start tag "${name}" at byte offset ${begin}`);
          if (name === 'blockquote' && attribute === 'expandable') argument = '1';
          continue;
        }
        i++;
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) === 0) return fail(`Unclosed start tag "${name}" at byte offset ${begin}`);

        let value: string;
        if (at(i) !== SQ && at(i) !== DQ) {
          // A name token: letters, digits, periods and hyphens, not case-sensitive.
          const tokenBegin = i;
          while (isAlnum(at(i)) || at(i) === DOT || at(i) === DASH) i++;
          value = asciiLower(textOf(bytes, tokenBegin, i));
          if (!isSpace(at(i)) && at(i) !== GT) return fail(`Unexpected end of name token at byte offset ${tokenBegin}`);
        } else {
          const quote = at(i++);
          const literal = new ByteSink();
          while (at(i) !== quote && at(i) !== 0) {
            const reference = at(i) === AMP ? decodeReference(bytes, i) : null;
            if (reference) {
              literal.pushAll(utf8Of(reference.code));
              i = reference.end;
            } else {
              literal.push(at(i++));
            }
          }
          if (at(i) === quote) i++;
          value = literal.text(0);
        }
        if (at(i) === 0) return fail(`Unclosed start tag at byte offset ${begin}`);

        if (name === 'a' && attribute === 'href') argument = value;
        else if (name === 'code' && attribute === 'class' && value.startsWith('language-')) argument = value.slice('language-'.length);
        else if (name === 'span' && attribute === 'class' && value.startsWith('tg-')) argument = value.slice('tg-'.length);
        else if (name === 'tg-emoji' && attribute === 'emoji-id') argument = value;
        else if (name === 'blockquote' && attribute === 'expandable') argument = '1';
      }
      if (name === 'span' && argument !== 'spoiler') return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${begin}`);
      open.push({ name, argument, offset: utf16, start: out.length });
    } else {
      const tag = open.at(-1);
      if (!tag) return fail(`Unexpected end tag at byte offset ${begin}`);
      while (!isSpace(at(i)) && at(i) !== GT) i++;
      const endName = asciiLower(textOf(bytes, begin + 2, i));
      while (isSpace(at(i)) && at(i) !== 0) i++;
      if (at(i) !== GT) return fail(`Unclosed end tag at byte offset ${begin}`);
      if (endName !== '' && endName !== tag.name) return fail(`Unmatched end tag at byte offset ${begin}, expected "</${tag.name}>", found "</${endName}>"`);
      if (utf16 > tag.offset) {
        const problem = closeTag(tag, utf16 - tag.offset, entities, out);
        if (problem) return fail(problem);
      }
      open.pop();
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) return fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  if (surrogate) return fail('Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units');
  for (const entity of entities) if (entity.type === 'Code') delete entity.argument;
  return { ok: true, bytes: out.bytes(), entities };
}
