// The summary of a mail, computed at ingest from its header block and MIME outline, before the
// 250 reply goes out: cheap enough for the SMTP hot path, complete enough for lists, search and
// the `new` event.
import { decodeHTML } from 'entities';
import libmime from 'libmime';
import addressparser from 'nodemailer/lib/addressparser';
import { firstHeader, type HeaderMap } from './header-block.js';
import { bodyTextSources, decodeLeafText, outlineMime, type MimeOutline, type TextSource } from './mime-outline.js';
import type { Envelope, MailAddress, MessageSummary } from '../wire/mailbox.js';

const SNIPPET_LENGTH = 250;
/** Enough encoded bytes to yield a 250-character snippet from any encoding. */
const SNIPPET_SOURCE_BYTES = 2048;

export interface SummaryInput {
  id: string;
  raw: Buffer;
  envelope: Envelope;
  sessionId: string;
  username: string;
  created: Date;
}

export interface SummaryResult {
  summary: MessageSummary;
  outline: MimeOutline;
}

// Frozen and shared: most mails have no Cc, Reply-To or tags, and a summary's lists are never
// changed in place (freezing makes sure of it).
const NO_ADDRESSES = Object.freeze([]) as unknown as MailAddress[];
const NO_TAGS = Object.freeze([]) as unknown as string[];
const ADDRESS_CACHE_SIZE = 2_000;

export type Summarizer = (input: SummaryInput) => SummaryResult;

/**
 * Summaries for one mailbox. Its address lists are parsed once per distinct header value: an
 * alert sender, a test suite or a class send the same From and To again and again, and parsing
 * them was a tenth of the ingest path.
 */
export function createSummarizer(): Summarizer {
  let addressCache = new Map<string, readonly MailAddress[]>();

  function addressesOf(value: string): readonly MailAddress[] {
    const known = addressCache.get(value);
    if (known) return known;
    const parsed: MailAddress[] = [];
    collectAddresses(addressparser(value), parsed);
    const frozen = parsed.length === 0 ? NO_ADDRESSES : Object.freeze(parsed.map((a) => Object.freeze(a)));
    if (addressCache.size >= ADDRESS_CACHE_SIZE) addressCache = new Map();
    addressCache.set(value, frozen);
    return frozen;
  }

  function addressList(headers: HeaderMap, name: string): MailAddress[] {
    const values = headers.get(name);
    if (!values) return NO_ADDRESSES;
    if (values.length === 1) return addressesOf(values[0] as string) as MailAddress[];
    return values.flatMap((value) => addressesOf(value));
  }

  return (input) => {
    const outline = outlineMime(input.raw);
    const { headers } = outline;
    const to = addressList(headers, 'to');
    const cc = addressList(headers, 'cc');
    const summary: MessageSummary = {
      ID: input.id,
      MessageID: stripAngles(firstHeader(headers, 'message-id')),
      Read: false,
      From: addressList(headers, 'from')[0] ?? null,
      To: to,
      Cc: cc,
      Bcc: blindCopies(addressList(headers, 'bcc'), input.envelope, to, cc),
      ReplyTo: addressList(headers, 'reply-to'),
      Subject: decodeHeaderText(firstHeader(headers, 'subject')),
      Created: input.created.toISOString(),
      Username: input.username,
      Tags: NO_TAGS,
      Size: input.raw.length,
      Attachments: outline.leaves.filter((leaf) => leaf.isAttachment && !leaf.related).length,
      Snippet: makeSnippet(input.raw, outline),
      SessionID: input.sessionId,
      MailFrom: input.envelope.MailFrom,
    };
    return { summary, outline };
  };
}

/** One mail's summary, without a mailbox's caches. */
export function summarizeMessage(input: SummaryInput): SummaryResult {
  return createSummarizer()(input);
}

export function decodeHeaderText(value: string): string {
  // RFC 2047 encoded words start with "=?"; most header values have none.
  if (!value.includes('=?')) return value.trim();
  try {
    return libmime.decodeWords(value).trim();
  } catch {
    return value.trim();
  }
}

export function stripAngles(value: string): string {
  return value.trim().replace(/^<|>$/g, '').trim();
}

type ParsedAddress = ReturnType<typeof addressparser>[number];

function collectAddresses(list: ParsedAddress[], out: MailAddress[]): void {
  for (const entry of list) {
    if ('group' in entry && Array.isArray(entry.group)) {
      collectAddresses(entry.group as ParsedAddress[], out);
    } else if ('address' in entry && entry.address) {
      out.push({ Name: decodeHeaderText(entry.name ?? ''), Address: entry.address });
    }
  }
}

/** Mailpit's Bcc: the Bcc header if any, and envelope recipients that no To or Cc names. */
function blindCopies(bccHeader: MailAddress[], envelope: Envelope, to: MailAddress[], cc: MailAddress[]): MailAddress[] {
  const seen = new Set<string>();
  for (const list of [to, cc, bccHeader]) for (const a of list) seen.add(a.Address.toLowerCase());
  let bcc: MailAddress[] | undefined;
  for (const rcpt of envelope.RcptTo) {
    const key = rcpt.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    bcc ??= [...bccHeader];
    bcc.push({ Name: '', Address: rcpt });
  }
  return bcc ?? bccHeader;
}

/**
 * The start of the body text as mailparser will find it (the parts in its order, joined by line
 * breaks), reading only a prefix of each part. It ends where a forwarded message begins: mailparser
 * puts that message's header lines into its text, which a preview does not need.
 */
function makeSnippet(raw: Buffer, outline: MimeOutline): string {
  const snippet = createSnippetBuilder(SNIPPET_LENGTH);
  let first = true;
  for (const part of bodyTextSources(outline)) {
    if (part.leaf.embedded) break;
    if (!first) snippet.add('\n');
    first = false;
    if (snippet.add(sourceText(raw, part, SNIPPET_SOURCE_BYTES))) break;
  }
  return snippet.text();
}

/** JavaScript's \s (ECMA-262 WhiteSpace and LineTerminator). */
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * `truncate(text.replace(/\s+/g, ' ').trim(), max)` over text given in pieces, reading only as
 * far as the snippet needs. The result is built from character codes: a string of its own, not a
 * slice that would keep the decoded body alive for as long as the summary lives.
 */
function createSnippetBuilder(max: number): { add(text: string): boolean; text(): string } {
  const codes: number[] = [];
  let pendingSpace = false;
  let full = false;
  return {
    add(text) {
      for (let i = 0; i < text.length && !full; i++) {
        const code = text.charCodeAt(i);
        if (isSpace(code)) {
          pendingSpace = codes.length > 0;
          continue;
        }
        if (pendingSpace) codes.push(0x20);
        pendingSpace = false;
        codes.push(code);
        full = codes.length > max;
      }
      return full;
    },
    text() {
      if (codes.length <= max) return String.fromCharCode(...codes);
      let end = max - 3;
      while (end > 0 && codes[end - 1] === 0x20) end--;
      return String.fromCharCode(...codes.slice(0, end)) + '...';
    },
  };
}

function sourceText(raw: Buffer, part: TextSource, maxEncodedBytes = Infinity): string {
  // HTML carries markup around its text: read more of it for the same amount of text.
  if (part.html) return htmlToPlainText(decodeLeafText(raw, part.leaf, maxEncodedBytes * 4));
  return decodeLeafText(raw, part.leaf, maxEncodedBytes);
}

/**
 * Text for snippets, search and the Text of an HTML-only mail; not a renderer. Tags are dropped
 * by pattern (cheap enough for the capture path); character references are decoded by `entities`,
 * the WHATWG table (&mdash;, &eacute;, &#x2014; and the rest).
 */
export function htmlToPlainText(html: string): string {
  const text = html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6]|blockquote|pre|table)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  return decodeHTML(text)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/**
 * The decoded text a bare search word is matched against: every inline text part, the HTML ones
 * read as text, forwarded messages included ("a bare word matches anywhere in the message").
 */
export function searchableBody(raw: Buffer, outline: MimeOutline): string {
  const texts: string[] = [];
  for (const leaf of outline.leaves) {
    if (leaf.isAttachment) continue;
    texts.push(sourceText(raw, { leaf, html: leaf.contentType === 'text/html' }));
  }
  return texts.join('\n');
}
