// A Telegram message as the app draws it: the plain `text` and its `entities` (offsets and
// lengths in UTF-16 code units, which is how JavaScript strings count, so slicing needs no
// conversion) turned into a tree of nodes that the chat view renders as DOM elements — never as
// markup. The Bot API only lets entities nest fully ("if two entities have common characters,
// one of them is fully contained inside another", core.telegram.org/bots/api#messageentity);
// a message that breaks that rule is still drawn: an entity that runs past its parent is cut
// at the parent's end and continues after it.
import type { TextEntity } from '../../../lab/channels/channel-wire.js';

export type EntityType = TextEntity['type'];

export type EntityNode =
  | { kind: 'text'; text: string }
  | {
      kind: 'entity';
      type: EntityType;
      /** Links (text_link, url, mention): a safe address to open, or null when the address is not one. */
      href?: string | null;
      /** pre: the language of the code block. */
      language?: string;
      children: EntityNode[];
    };

/** Schemes a link in a message may open; anything else (javascript:, data:) is shown as text. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tg:']);

/** The address as a link may use it, or null: only http(s), mailto and tg, as Telegram allows. */
export function safeHref(raw: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  // The app opens a bare "example.com" (a `url` entity) as http://example.com.
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
}

interface Span {
  type: EntityType;
  start: number;
  end: number;
  url?: string;
  language?: string;
}

/** Outer first: by start, then the longer one (the container) first. */
const byPosition = (a: Span, b: Span) => a.start - b.start || b.end - a.end;

function spansOf(text: string, entities: readonly TextEntity[]): Span[] {
  const spans: Span[] = [];
  for (const e of entities) {
    if (!Number.isInteger(e.offset) || !Number.isInteger(e.length) || e.offset < 0 || e.length <= 0) continue;
    const start = e.offset;
    const end = Math.min(text.length, e.offset + e.length);
    if (start >= end) continue;
    spans.push({ type: e.type, start, end, ...(e.url !== undefined ? { url: e.url } : {}), ...(e.language ? { language: e.language } : {}) });
  }
  return spans.sort(byPosition);
}

function hrefOf(span: Span, text: string): string | null | undefined {
  switch (span.type) {
    case 'text_link':
      return span.url !== undefined ? safeHref(span.url) : null;
    case 'url':
      return safeHref(text.slice(span.start, span.end));
    case 'mention': {
      const name = text.slice(span.start, span.end).replace(/^@/, '');
      return /^[A-Za-z0-9_]{1,32}$/.test(name) ? `https://t.me/${name}` : null;
    }
    default:
      return undefined;
  }
}

function build(text: string, start: number, end: number, spans: Span[]): EntityNode[] {
  const nodes: EntityNode[] = [];
  let pos = start;
  let queue = spans;
  while (queue.length > 0) {
    const [first, ...others] = queue as [Span, ...Span[]];
    // A span that began inside the previous sibling and outlived it continues from here.
    const span = first.start < pos ? { ...first, start: pos } : first;
    if (span.start >= span.end) {
      queue = others;
      continue;
    }
    if (span.start > pos) nodes.push({ kind: 'text', text: text.slice(pos, span.start) });
    const inner: Span[] = [];
    const rest: Span[] = [];
    for (const other of others) {
      if (other.start >= span.end) rest.push(other);
      else if (other.end <= span.end) inner.push(other);
      else {
        inner.push({ ...other, end: span.end });
        rest.push({ ...other, start: span.end });
      }
    }
    const href = hrefOf(span, text);
    nodes.push({
      kind: 'entity',
      type: span.type,
      ...(href !== undefined ? { href } : {}),
      ...(span.language ? { language: span.language } : {}),
      children: build(text, span.start, span.end, inner),
    });
    pos = span.end;
    queue = rest.sort(byPosition);
  }
  if (pos < end) nodes.push({ kind: 'text', text: text.slice(pos, end) });
  return nodes;
}

/** The message's text as nodes: plain runs and entities, nested as the app nests them. */
export function segmentEntities(text: string, entities: readonly TextEntity[]): EntityNode[] {
  if (text.length === 0) return [];
  return build(text, 0, text.length, spansOf(text, entities));
}

/** The text a node tree holds (what a screen reader or a copy would get). */
export function plainText(nodes: readonly EntityNode[]): string {
  return nodes.map((n) => (n.kind === 'text' ? n.text : plainText(n.children))).join('');
}
