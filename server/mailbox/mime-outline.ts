// A fast walk over a message's MIME tree (RFC 2045/2046) that reads headers and finds part
// boundaries without decoding attachments. It gives what a summary needs right after the 250
// reply (the body text for the snippet and search, the attachment count); mailparser does the
// full parse later, when somebody opens the mail. The rules that decide "body" or "attachment"
// are mailparser's, so both agree.
import libmime from 'libmime';
import { decode as decodeQuotedPrintable } from 'libqp';
import { firstHeader, readHeaderFields, type HeaderMap } from './header-block.js';

export interface MimeLeaf {
  contentType: string;
  charset: string;
  transferEncoding: string;
  /** 'inline' or 'attachment', normalised as mailparser does. */
  disposition: string;
  filename: string;
  contentId: string;
  /** Inside a multipart/related: an inline image of the HTML body rather than an attachment. */
  related: boolean;
  isAttachment: boolean;
  /** Inside a multipart/alternative: an HTML part here is another view of the text, not more text. */
  inAlternative: boolean;
  /** The message itself is this one part (no multipart around it). */
  root: boolean;
  /** Part of a forwarded message shown inline (message/rfc822, disposition inline). */
  embedded: boolean;
  /** The encoded body of the part, as a byte range of the raw message. */
  bodyStart: number;
  bodyEnd: number;
}

export interface MimeOutline {
  headers: HeaderMap;
  leaves: MimeLeaf[];
}

const TEXT_TYPES = new Set(['text/plain', 'text/html', 'message/delivery-status']);
/** Transfer encodings under which mailsplit opens a message/rfc822 part as an embedded message. */
const EMBEDDABLE_ENCODINGS = new Set(['', '7bit', '8bit', 'binary']);
const MAX_DEPTH = 24;
const MAX_PARTS = 2000;

interface WalkContext {
  depth: number;
  related: boolean;
  alternative: boolean;
  embedded: boolean;
  root: boolean;
}

export function outlineMime(raw: Buffer): MimeOutline {
  const leaves: MimeLeaf[] = [];
  const root = readNode(raw, 0, raw.length);
  walk(raw, root, { depth: 0, related: false, alternative: false, embedded: false, root: true }, leaves);
  return { headers: root.headers, leaves };
}

interface NodeHead {
  headers: HeaderMap;
  bodyStart: number;
  bodyEnd: number;
}

function readNode(raw: Buffer, start: number, end: number): NodeHead {
  const { headers, bodyStart } = readHeaderFields(raw, start, end);
  return { headers, bodyStart, bodyEnd: end };
}

/** RFC 2045 §5.1 comments are not part of a MIME header's value (`boundary=b (comment)` is `b`). */
function parseMimeHeader(value: string): { value: string; params: Record<string, string> } {
  // Most values are a bare type ("text/plain"): nothing for the full parser to do.
  if (!/[;("\\]/.test(value)) return { value: value.trim(), params: {} };
  return libmime.parseHeaderValue(value, { stripComments: true });
}

/**
 * A part without Content-Type: mailsplit's rule, which mailparser follows. The type is guessed from
 * the file name's extension, else an attachment is application/octet-stream, else text/plain
 * (RFC 2045 §5.2).
 */
function impliedContentType(disposition: { value: string; params: Record<string, string> }): string {
  const extension = /\.([^./\\]+)$/.exec(disposition.params.filename ?? '')?.[1];
  if (extension) return libmime.detectMimeType(extension);
  return /^attachment$/i.test(disposition.value) ? 'application/octet-stream' : 'text/plain';
}

/** A boundary is ASCII (RFC 2046 §5.1.1 bchars); mailsplit treats any other as none. */
function usableBoundary(value: string | undefined): string | undefined {
  const boundary = (value ?? '').trimEnd();
  return boundary && Buffer.byteLength(boundary) === boundary.length ? boundary : undefined;
}

function walk(raw: Buffer, node: NodeHead, context: WalkContext, out: MimeLeaf[]): void {
  if (out.length >= MAX_PARTS || context.depth > MAX_DEPTH) return;
  const dispositionHeader = parseMimeHeader(firstHeader(node.headers, 'content-disposition'));
  const typeValue = node.headers.has('content-type') ? firstHeader(node.headers, 'content-type') : impliedContentType(dispositionHeader);
  const typeHeader = parseMimeHeader(typeValue);
  // An empty Content-Type is text/plain only for the message itself, as mailparser reads it.
  const contentType = typeHeader.value.toLowerCase().trim() || (context.root ? 'text/plain' : '');
  const transferEncoding = firstHeader(node.headers, 'content-transfer-encoding')
    .replace(/\([^)]*\)/g, '')
    .toLowerCase()
    .trim();
  const rawDisposition = dispositionHeader.value.toLowerCase().trim();

  if (contentType.startsWith('multipart/')) {
    // Without a usable boundary nothing can be split and mailparser shows nothing of the body.
    const boundary = usableBoundary(typeHeader.params.boundary);
    if (!boundary) return;
    const child: WalkContext = {
      depth: context.depth + 1,
      related: context.related || contentType === 'multipart/related',
      alternative: context.alternative || contentType === 'multipart/alternative',
      embedded: context.embedded,
      root: false,
    };
    for (const [start, end] of splitMultipart(raw, node.bodyStart, node.bodyEnd, boundary)) {
      walk(raw, readNode(raw, start, end), child, out);
    }
    return;
  }
  if (contentType === 'message/rfc822' && rawDisposition === 'inline' && EMBEDDABLE_ENCODINGS.has(transferEncoding)) {
    // A forwarded message shown inline: mailparser reads into it (its text joins the body, its
    // attachments are attachments) instead of offering it as one attachment.
    const inner = readNode(raw, node.bodyStart, node.bodyEnd);
    walk(raw, inner, { ...context, depth: context.depth + 1, embedded: true, root: false }, out);
    return;
  }
  let disposition = rawDisposition;
  if (disposition && disposition !== 'attachment' && disposition !== 'inline') disposition = 'attachment';
  if (!disposition) disposition = TEXT_TYPES.has(contentType) ? 'inline' : 'attachment';
  const contentId = firstHeader(node.headers, 'content-id');
  const rawFilename = dispositionHeader.params.filename ?? typeHeader.params.name ?? '';
  const filename = rawFilename.includes('=?') ? libmime.decodeWords(rawFilename) : rawFilename;
  out.push({
    contentType,
    charset: (typeHeader.params.charset ?? '').toLowerCase(),
    transferEncoding,
    disposition,
    filename,
    contentId,
    related: context.related && node.headers.has('content-id'),
    isAttachment: !TEXT_TYPES.has(contentType) || disposition !== 'inline',
    inAlternative: context.alternative,
    root: context.root,
    embedded: context.embedded,
    bodyStart: node.bodyStart,
    bodyEnd: node.bodyEnd,
  });
}

/**
 * Whether the line at `at` is a delimiter line: `--boundary` or `--boundary--`, then only white
 * space to the end of the line (RFC 2046 §5.1.1, as mailsplit reads it). A longer boundary that
 * begins with this one (`--b1_alt` under `b1`) is not a match. Returns the kind and where the
 * line ends, or undefined.
 */
function delimiterAt(raw: Buffer, at: number, end: number, delimiter: Buffer): { close: boolean; lineEnd: number } | undefined {
  let i = at + delimiter.length;
  let close = false;
  if (raw[i] === 0x2d && raw[i + 1] === 0x2d) {
    close = true;
    i += 2;
  }
  while (i < end && (raw[i] === 0x20 || raw[i] === 0x09)) i++;
  if (i >= end) return close ? { close, lineEnd: end } : undefined;
  while (i < end && raw[i] === 0x0d) i++;
  if (i < end && raw[i] === 0x0a) return { close, lineEnd: i + 1 };
  return i >= end && close ? { close, lineEnd: end } : undefined;
}

/** Byte ranges of the parts between `--boundary` delimiter lines (RFC 2046 §5.1.1). */
function splitMultipart(raw: Buffer, start: number, end: number, boundary: string): Array<[number, number]> {
  const delimiter = Buffer.from('--' + boundary, 'latin1');
  const parts: Array<[number, number]> = [];
  let partStart = -1;
  let at = start;
  while (at < end) {
    const found = raw.indexOf(delimiter, at);
    if (found < 0 || found >= end) break;
    // A delimiter must be a whole line of its own.
    const atLineStart = found === start || raw[found - 1] === 0x0a;
    const line = atLineStart ? delimiterAt(raw, found, end, delimiter) : undefined;
    if (!line) {
      at = found + delimiter.length;
      continue;
    }
    if (partStart >= 0) {
      // The CRLF before the delimiter belongs to the delimiter.
      let partEnd = found;
      if (raw[partEnd - 1] === 0x0a) partEnd--;
      if (raw[partEnd - 1] === 0x0d) partEnd--;
      parts.push([partStart, Math.max(partStart, partEnd)]);
    }
    if (line.close) return parts;
    partStart = line.lineEnd;
    at = partStart;
  }
  // No closing delimiter: the last part runs to the end, as mailparser reads it.
  if (partStart >= 0 && partStart < end) parts.push([partStart, end]);
  return parts;
}

/** The decoded text of a leaf; `maxEncodedBytes` reads only a prefix (for snippets). */
export function decodeLeafText(raw: Buffer, leaf: MimeLeaf, maxEncodedBytes = Infinity): string {
  const end = Math.min(leaf.bodyEnd, leaf.bodyStart + maxEncodedBytes);
  const encoded = raw.subarray(leaf.bodyStart, end);
  let bytes: Buffer;
  if (leaf.transferEncoding === 'base64') {
    bytes = Buffer.from(encoded.toString('latin1'), 'base64');
  } else if (leaf.transferEncoding === 'quoted-printable') {
    bytes = decodeQuotedPrintable(encoded.toString('latin1'));
  } else {
    bytes = encoded;
  }
  return decodeCharset(bytes, leaf.charset);
}

export function decodeCharset(bytes: Buffer, charset: string): string {
  if (!charset || charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii') return bytes.toString('utf8');
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

export interface TextSource {
  leaf: MimeLeaf;
  /** An HTML part that stands for text: read it as text, not markup. */
  html: boolean;
}

/**
 * The parts mailparser makes a message's text of, in order (its getTextContent rules): every
 * inline text/plain (and delivery-status) part, and an HTML part where it is more text rather
 * than another view of the text (outside a multipart/alternative beside text, or the message
 * itself). With none of those, the first HTML part, as Mailpit makes Text from HTML.
 */
export function bodyTextSources(outline: MimeOutline): TextSource[] {
  const inline = outline.leaves.filter((leaf) => !leaf.isAttachment);
  const hasText = inline.some((leaf) => leaf.contentType !== 'text/html');
  const sources: TextSource[] = [];
  for (const leaf of inline) {
    if (leaf.contentType !== 'text/html') sources.push({ leaf, html: false });
    else if ((!leaf.inAlternative && hasText) || (leaf.root && !hasText)) sources.push({ leaf, html: true });
  }
  const html = inline.find((leaf) => leaf.contentType === 'text/html');
  if (sources.length === 0 && html) sources.push({ leaf: html, html: true });
  return sources;
}
