// The summary of a mail, computed at ingest from its header block and MIME outline, before the
// 250 reply goes out: cheap enough for the SMTP hot path, complete enough for lists, search and
// the `new` event.
import libmime from 'libmime';
import addressparser from 'nodemailer/lib/addressparser';
import { firstHeader, type HeaderMap } from './header-block.js';
import { bodyTextSources, decodeLeafText, outlineMime, type MimeOutline, type TextSource } from './mime-outline.js';
import type { Envelope, MailAddress, MessageSummary } from './wire-types.js';

const SNIPPET_LENGTH = 250;
/** Enough encoded bytes to yield a 250-character snippet from any encoding. */
const SNIPPET_SOURCE_BYTES = 4096;

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

export function summarizeMessage(input: SummaryInput): SummaryResult {
  const outline = outlineMime(input.raw);
  const { headers } = outline;
  const to = parseAddressList(headers, 'to');
  const cc = parseAddressList(headers, 'cc');
  const summary: MessageSummary = {
    ID: input.id,
    MessageID: stripAngles(firstHeader(headers, 'message-id')),
    Read: false,
    From: parseAddressList(headers, 'from')[0] ?? null,
    To: to,
    Cc: cc,
    Bcc: blindCopies(headers, input.envelope, to, cc),
    ReplyTo: parseAddressList(headers, 'reply-to'),
    Subject: decodeHeaderText(firstHeader(headers, 'subject')),
    Created: input.created.toISOString(),
    Username: input.username,
    Tags: [],
    Size: input.raw.length,
    Attachments: outline.leaves.filter((leaf) => leaf.isAttachment && !leaf.related).length,
    Snippet: makeSnippet(input.raw, outline),
    SessionID: input.sessionId,
  };
  return { summary, outline };
}

export function decodeHeaderText(value: string): string {
  try {
    return libmime.decodeWords(value).trim();
  } catch {
    return value.trim();
  }
}

export function stripAngles(value: string): string {
  return value.trim().replace(/^<|>$/g, '').trim();
}

export function parseAddressList(headers: HeaderMap, name: string): MailAddress[] {
  const values = headers.get(name);
  if (!values) return [];
  const out: MailAddress[] = [];
  for (const value of values) {
    collectAddresses(addressparser(value), out);
  }
  return out;
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
function blindCopies(headers: HeaderMap, envelope: Envelope, to: MailAddress[], cc: MailAddress[]): MailAddress[] {
  const bcc = parseAddressList(headers, 'bcc');
  const seen = new Set([...to, ...cc, ...bcc].map((a) => a.Address.toLowerCase()));
  for (const rcpt of envelope.RcptTo) {
    const key = rcpt.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    bcc.push({ Name: '', Address: rcpt });
  }
  return bcc;
}

/**
 * The start of the body text as mailparser will find it (the parts in its order, joined by line
 * breaks), reading only a prefix of each part. It ends where a forwarded message begins: mailparser
 * puts that message's header lines into its text, which a preview does not need.
 */
function makeSnippet(raw: Buffer, outline: MimeOutline): string {
  let source = '';
  for (const part of bodyTextSources(outline)) {
    if (part.leaf.embedded) break;
    source += (source ? '\n' : '') + sourceText(raw, part, SNIPPET_SOURCE_BYTES);
    if (source.replace(/\s+/g, ' ').trim().length > SNIPPET_LENGTH) break;
  }
  return truncate(source.replace(/\s+/g, ' ').trim(), SNIPPET_LENGTH);
}

function sourceText(raw: Buffer, part: TextSource, maxEncodedBytes = Infinity): string {
  // HTML carries markup around its text: read more of it for the same amount of text.
  if (part.html) return htmlToPlainText(decodeLeafText(raw, part.leaf, maxEncodedBytes * 4));
  return decodeLeafText(raw, part.leaf, maxEncodedBytes);
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, max - 3).trimEnd() + '...';
}

/** Text for snippets, search and the Text of an HTML-only mail; not a renderer. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6]|blockquote|pre|table)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/gi, "'")
    .replace(/&#(\d{1,7});|&#x([0-9a-f]{1,6});/gi, (whole, dec: string | undefined, hex: string | undefined) => {
      const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    })
    .replace(/&amp;/gi, '&')
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
