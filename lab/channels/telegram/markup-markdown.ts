// parse_mode=MarkdownV2 and the legacy parse_mode=Markdown as Telegram reads them (tdlib
// parse_markdown_v2, parse_markdown). MarkdownV2 reserves _ * [ ] ( ) ~ ` > # + - = | { } . !
// everywhere outside code: each must be escaped with `\` unless it opens or closes an entity.
// Legacy Markdown knows only _ * ` [ and reports an unclosed one by its byte offset.
import { ascii, byteAt, ByteSink, checkedLink, isSpace, textOf, utf16Units, type RawEntity, type RawEntityType, type RawParse } from './markup-bytes.js';

const BACKSLASH = ascii('\\');
const UNDERSCORE = ascii('_');
const STAR = ascii('*');
const TILDE = ascii('~');
const PIPE = ascii('|');
const BACKTICK = ascii('`');
const LBRACKET = ascii('[');
const RBRACKET = ascii(']');
const LPAREN = ascii('(');
const RPAREN = ascii(')');
const BANG = ascii('!');
const GT = ascii('>');
const LF = ascii('\n');
const CR = ascii('\r');

const V2_RESERVED = new Set([...'_*[]()~`>#+-=|{}.!\n'].map(ascii));
const LEGACY_MARKS = new Set([UNDERSCORE, STAR, BACKTICK, LBRACKET]);
const CODE_TYPES: ReadonlySet<RawEntityType> = new Set(['Code', 'Pre', 'PreCode']);

const fail = (message: string): RawParse => ({ ok: false, message });

/** The language after ``` (up to a space or a backtick, when more text follows) and where the code starts: one line break skipped. */
function preStart(bytes: Uint8Array, i: number): { language: string; next: number } {
  const at = (j: number) => byteAt(bytes, j);
  let language = '';
  let end = i;
  while (!isSpace(at(end)) && at(end) !== BACKTICK) end++;
  if (i !== end && end < bytes.length && at(end) !== BACKTICK) {
    language = textOf(bytes, i, end);
    i = end;
  }
  if (at(i) === LF || at(i) === CR) i += (at(i + 1) === LF || at(i + 1) === CR) && at(i) !== at(i + 1) ? 2 : 1;
  return { language, next: i };
}

/** A URL in (…) from `i` (just after the parenthesis), `\` escaping: the URL and where `)` is, or null when it never closes. */
function urlUntilParen(bytes: Uint8Array, i: number): { url: string; end: number } | null {
  const at = (j: number) => byteAt(bytes, j);
  const url = new ByteSink();
  while (i < bytes.length && at(i) !== RPAREN) {
    if (at(i) === BACKSLASH && at(i + 1) > 0 && at(i + 1) <= 126) {
      url.push(at(i + 1));
      i += 2;
      continue;
    }
    url.push(at(i++));
  }
  return at(i) === RPAREN ? { url: url.text(0), end: i } : null;
}

interface OpenEntity {
  type: RawEntityType;
  argument: string;
  offset: number;
  byteOffset: number;
  /** Where its text starts in the output (bytes): [text] without (url) links its own text. */
  start: number;
}

/** Whether `c` at `i` closes the innermost open entity. */
function closes(top: OpenEntity, bytes: Uint8Array, i: number): boolean {
  const c = byteAt(bytes, i);
  const next = byteAt(bytes, i + 1);
  switch (top.type) {
    case 'Bold':
      return c === STAR;
    case 'Italic':
      return c === UNDERSCORE && next !== UNDERSCORE;
    case 'Underline':
      return c === UNDERSCORE && next === UNDERSCORE;
    case 'Strikethrough':
      return c === TILDE;
    case 'Spoiler':
      return c === PIPE && next === PIPE;
    case 'Code':
      return c === BACKTICK;
    case 'Pre':
    case 'PreCode':
      return c === BACKTICK && next === BACKTICK && byteAt(bytes, i + 2) === BACKTICK;
    case 'TextUrl':
    case 'CustomEmoji':
      return c === RBRACKET;
    default:
      return false;
  }
}

export function parseMarkdownV2(bytes: Uint8Array): RawParse {
  const at = (i: number) => byteAt(bytes, i);
  const size = bytes.length;
  const out = new ByteSink();
  const entities: RawEntity[] = [];
  const open: OpenEntity[] = [];
  let utf16 = 0;
  let haveQuote = false;
  // A block quotation starts with > at the start of a line.
  let canStartQuote = true;
  const reserved = (c: number) => fail(`Character '${String.fromCharCode(c)}' is reserved and must be escaped with the preceding '\\'`);
  const unclosed = (entity: OpenEntity) => fail(`Can't find end of ${entity.type} entity at byte offset ${entity.byteOffset}`);

  for (let i = 0; i < size; i++) {
    const c = at(i);
    if (c === BACKSLASH && at(i + 1) > 0 && at(i + 1) <= 126) {
      i++;
      utf16 += 1;
      out.push(at(i));
      if (at(i) !== CR) canStartQuote = at(i) === LF;
      continue;
    }
    const top = open.at(-1);
    const isReserved = top && CODE_TYPES.has(top.type) ? c === BACKTICK : V2_RESERVED.has(c);
    if (!isReserved) {
      const units = utf16Units(c);
      if (units > 0) {
        utf16 += units;
        if (c !== CR) canStartQuote = false;
      }
      out.push(c);
      continue;
    }

    const quoteEnds = haveQuote && c === LF && (i + 1 === size || at(i + 1) !== GT);
    if (!top || !(quoteEnds || closes(top, bytes, i))) {
      let type: RawEntityType | null;
      let argument = '';
      const byteOffset = i;
      switch (c) {
        case UNDERSCORE:
          type = at(i + 1) === UNDERSCORE ? 'Underline' : 'Italic';
          if (type === 'Underline') i++;
          break;
        case STAR:
          type = 'Bold';
          break;
        case TILDE:
          type = 'Strikethrough';
          break;
        case PIPE:
          if (at(i + 1) !== PIPE) return reserved(c);
          i++;
          type = 'Spoiler';
          break;
        case LBRACKET:
          type = 'TextUrl';
          break;
        case BACKTICK:
          if (at(i + 1) === BACKTICK && at(i + 2) === BACKTICK) {
            const pre = preStart(bytes, i + 3);
            type = pre.language ? 'PreCode' : 'Pre';
            argument = pre.language;
            i = pre.next - 1;
          } else {
            type = 'Code';
          }
          break;
        case BANG:
          if (at(i + 1) !== LBRACKET) return reserved(c);
          i++;
          type = 'CustomEmoji';
          break;
        case LF:
          utf16 += 1;
          out.push(LF);
          canStartQuote = true;
          type = null;
          break;
        case GT:
          if (!canStartQuote) return reserved(c);
          // A > that continues the block quotation on its next line is dropped.
          type = haveQuote ? null : 'BlockQuote';
          haveQuote = true;
          break;
        default:
          return reserved(c);
      }
      if (type !== null) open.push({ type, argument, offset: utf16, byteOffset, start: out.length });
      continue;
    }

    let entity = top;
    let type = entity.type;
    if (c === LF && type !== 'BlockQuote') {
      // ||⏎ at the end of a quotation's line makes the quotation expandable; anything else open is unclosed.
      const markerJustBefore = entity.byteOffset === i - 2 || (entity.byteOffset === i - 3 && out.length > 0 && out.bytes()[out.length - 1] === CR);
      if (type !== 'Spoiler' || !markerJustBefore) return unclosed(entity);
      open.pop();
      const below = open.at(-1);
      if (!below) return unclosed(entity);
      if (below.type !== 'BlockQuote') return unclosed(below);
      entity = below;
      type = 'ExpandableBlockQuote';
    }
    let argument = entity.argument;
    let skip = utf16 === entity.offset;
    switch (type) {
      case 'Underline':
      case 'Spoiler':
        i++;
        break;
      case 'Pre':
      case 'PreCode':
        i += 2;
        break;
      case 'TextUrl': {
        let url = out.text(entity.start);
        if (at(i + 1) === LPAREN) {
          const inParens = urlUntilParen(bytes, i + 2);
          if (!inParens) return fail(`Can't find end of a URL at byte offset ${i + 2}`);
          url = inParens.url;
          i = inParens.end;
        }
        const link = checkedLink(url);
        if (link === null) skip = true;
        else argument = link;
        break;
      }
      case 'CustomEmoji': {
        if (at(i + 1) !== LPAREN) return fail('The entity must contain a tg://emoji or tg://time URL');
        const inParens = urlUntilParen(bytes, i + 2);
        if (!inParens) return fail(`Can't find end of a URL at byte offset ${i + 2}`);
        i = inParens.end;
        // tg://time makes a date entity, which the lab does not render: its text stays plain.
        if (/^tg:\/\/time\?unix=\d+/i.test(inParens.url)) skip = true;
        else if (!/^tg:\/\/emoji\?id=\d+$/i.test(inParens.url)) return fail('Invalid tg://emoji or tg://time URL specified');
        break;
      }
      case 'BlockQuote':
      case 'ExpandableBlockQuote':
        haveQuote = false;
        out.push(c);
        canStartQuote = true;
        utf16 += 1;
        skip = false;
        break;
      default:
        break;
    }
    if (!skip) entities.push({ type, offset: entity.offset, length: utf16 - entity.offset, ...(argument ? { argument } : {}) });
    open.pop();
  }

  if (haveQuote) {
    let top = open.at(-1);
    let type: RawEntityType = 'BlockQuote';
    if (top?.type === 'Spoiler' && top.byteOffset === size - 2) {
      open.pop();
      top = open.at(-1);
      type = 'ExpandableBlockQuote';
    }
    if (top?.type === 'BlockQuote') {
      if (utf16 !== top.offset) entities.push({ type, offset: top.offset, length: utf16 - top.offset });
      open.pop();
    }
  }
  const left = open.at(-1);
  if (left) return unclosed(left);
  return { ok: true, bytes: out.bytes(), entities };
}

export function parseMarkdownLegacy(bytes: Uint8Array): RawParse {
  const at = (i: number) => byteAt(bytes, i);
  const size = bytes.length;
  const out = new ByteSink();
  const entities: RawEntity[] = [];
  let utf16 = 0;

  for (let i = 0; i < size; i++) {
    const c = at(i);
    if (c === BACKSLASH && LEGACY_MARKS.has(at(i + 1))) {
      out.push(at(++i));
      utf16++;
      continue;
    }
    if (!LEGACY_MARKS.has(c)) {
      utf16 += utf16Units(c);
      out.push(c);
      continue;
    }

    const begin = i++;
    const endMark = c === LBRACKET ? RBRACKET : c;
    let isPre = false;
    let language = '';
    if (c === BACKTICK && at(i) === BACKTICK && at(i + 1) === BACKTICK) {
      isPre = true;
      const pre = preStart(bytes, i + 2);
      language = pre.language;
      i = pre.next;
    }
    const offset = utf16;
    const start = out.length;
    while (i < size && (at(i) !== endMark || (isPre && !(at(i + 1) === BACKTICK && at(i + 2) === BACKTICK)))) {
      utf16 += utf16Units(at(i));
      out.push(at(i++));
    }
    if (i >= size) return fail(`Can't find end of the entity starting at byte offset ${begin}`);

    if (offset !== utf16) {
      const length = utf16 - offset;
      if (c === UNDERSCORE) entities.push({ type: 'Italic', offset, length });
      else if (c === STAR) entities.push({ type: 'Bold', offset, length });
      else if (c === BACKTICK)
        entities.push(
          isPre ? (language ? { type: 'PreCode', offset, length, argument: language } : { type: 'Pre', offset, length }) : { type: 'Code', offset, length },
        );
      else {
        let url = out.text(start);
        if (at(i + 1) === LPAREN) {
          const urlBytes = new ByteSink();
          for (i += 2; i < size && at(i) !== RPAREN; i++) urlBytes.push(at(i));
          url = urlBytes.text(0);
        }
        const link = checkedLink(url);
        if (link !== null) entities.push({ type: 'TextUrl', offset, length, argument: link });
      }
    }
    if (isPre) i += 2;
  }
  return { ok: true, bytes: out.bytes(), entities };
}
