// A fast walk over a message's MIME tree (RFC 2045/2046) that reads headers and finds part
// boundaries without decoding attachments. It gives what a summary needs right after the 250
// reply (the body text for the snippet and search, the attachment count); mailparser does the
// full parse later, when somebody opens the mail. The rules that decide "body" or "attachment"
// are mailparser's, so both agree.
import libmime from 'libmime';
import { decode as decodeQuotedPrintable } from 'libqp';
import { firstHeader, parseHeaderBlock, splitHeaderBlock, type HeaderMap } from './header-block.js';

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
  /** The encoded body of the part, as a byte range of the raw message. */
  bodyStart: number;
  bodyEnd: number;
}

export interface MimeOutline {
  headers: HeaderMap;
  leaves: MimeLeaf[];
}

const TEXT_TYPES = new Set(['text/plain', 'text/html', 'message/delivery-status']);
const MAX_DEPTH = 24;
const MAX_PARTS = 2000;

export function outlineMime(raw: Buffer): MimeOutline {
  const leaves: MimeLeaf[] = [];
  const root = readNode(raw, 0, raw.length);
  walk(raw, root, 0, false, leaves);
  return { headers: root.headers, leaves };
}

interface NodeHead {
  headers: HeaderMap;
  bodyStart: number;
  bodyEnd: number;
}

function readNode(raw: Buffer, start: number, end: number): NodeHead {
  const slice = raw.subarray(start, end);
  const { header, bodyStart } = splitHeaderBlock(slice);
  return { headers: parseHeaderBlock(header), bodyStart: start + bodyStart, bodyEnd: end };
}

function walk(raw: Buffer, node: NodeHead, depth: number, related: boolean, out: MimeLeaf[]): void {
  if (out.length >= MAX_PARTS) return;
  const typeHeader = libmime.parseHeaderValue(firstHeader(node.headers, 'content-type') || 'text/plain');
  const contentType = typeHeader.value.toLowerCase().trim() || 'text/plain';
  const boundary = typeHeader.params.boundary;
  if (contentType.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    const inRelated = related || contentType === 'multipart/related';
    for (const [start, end] of splitMultipart(raw, node.bodyStart, node.bodyEnd, boundary)) {
      walk(raw, readNode(raw, start, end), depth + 1, inRelated, out);
    }
    return;
  }
  const dispositionHeader = libmime.parseHeaderValue(firstHeader(node.headers, 'content-disposition'));
  let disposition = dispositionHeader.value.toLowerCase().trim();
  if (disposition && disposition !== 'attachment' && disposition !== 'inline') disposition = 'attachment';
  if (!disposition) disposition = TEXT_TYPES.has(contentType) ? 'inline' : 'attachment';
  const contentId = firstHeader(node.headers, 'content-id');
  const filename = libmime.decodeWords(dispositionHeader.params.filename ?? typeHeader.params.name ?? '');
  out.push({
    contentType,
    charset: (typeHeader.params.charset ?? '').toLowerCase(),
    transferEncoding: firstHeader(node.headers, 'content-transfer-encoding').toLowerCase().trim(),
    disposition,
    filename,
    contentId,
    related: related && contentId !== '',
    isAttachment: !TEXT_TYPES.has(contentType) || disposition !== 'inline',
    bodyStart: node.bodyStart,
    bodyEnd: node.bodyEnd,
  });
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
    // A delimiter must begin a line.
    const atLineStart = found === start || raw[found - 1] === 0x0a;
    if (!atLineStart) {
      at = found + delimiter.length;
      continue;
    }
    const afterDelimiter = found + delimiter.length;
    const isClose = raw[afterDelimiter] === 0x2d && raw[afterDelimiter + 1] === 0x2d;
    if (partStart >= 0) {
      // The CRLF before the delimiter belongs to the delimiter.
      let partEnd = found;
      if (raw[partEnd - 1] === 0x0a) partEnd--;
      if (raw[partEnd - 1] === 0x0d) partEnd--;
      parts.push([partStart, Math.max(partStart, partEnd)]);
    }
    if (isClose) return parts;
    const lineEnd = raw.indexOf(0x0a, afterDelimiter);
    if (lineEnd < 0 || lineEnd >= end) return parts;
    partStart = lineEnd + 1;
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

export function bodyLeaves(outline: MimeOutline): { text?: MimeLeaf; html?: MimeLeaf } {
  let text: MimeLeaf | undefined;
  let html: MimeLeaf | undefined;
  for (const leaf of outline.leaves) {
    if (leaf.isAttachment) continue;
    if (!text && leaf.contentType === 'text/plain') text = leaf;
    else if (!html && leaf.contentType === 'text/html') html = leaf;
  }
  return { text, html };
}
