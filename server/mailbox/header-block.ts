// Reading an RFC 5322 header block without the full MIME parser, for the fields a mail's summary
// needs right after the 250 reply. Values are unfolded (RFC 5322 §2.2.3) but not decoded.

export type HeaderMap = Map<string, string[]>;

const CRLFCRLF = Buffer.from('\r\n\r\n');
const LFLF = Buffer.from('\n\n');

/** Where the body starts: after the first empty line, or the end when there is none. */
export function splitHeaderBlock(raw: Buffer): { header: string; bodyStart: number } {
  const crlf = raw.indexOf(CRLFCRLF);
  const lf = raw.indexOf(LFLF);
  let end: number;
  let sep: number;
  if (crlf >= 0 && (lf < 0 || crlf < lf)) {
    end = crlf;
    sep = 4;
  } else if (lf >= 0) {
    end = lf;
    sep = 2;
  } else {
    return { header: raw.toString('latin1'), bodyStart: raw.length };
  }
  // latin1 keeps every byte; header values with raw UTF-8 (RFC 6532) are re-read below.
  return { header: raw.subarray(0, end).toString('latin1'), bodyStart: end + sep };
}

/** Header names lower-cased; values in order of appearance, unfolded. */
export function parseHeaderBlock(header: string): HeaderMap {
  const map: HeaderMap = new Map();
  const lines = header.split(/\r?\n/);
  let name = '';
  let value = '';
  const flush = () => {
    if (!name) return;
    const key = name.toLowerCase();
    const list = map.get(key);
    const text = latin1ToUtf8(value.trim());
    if (list) list.push(text);
    else map.set(key, [text]);
  };
  for (const line of lines) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      value += ' ' + line.trim();
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) {
      name = '';
      continue;
    }
    name = line.slice(0, colon).trim();
    value = line.slice(colon + 1);
  }
  flush();
  return map;
}

/** Headers may hold raw UTF-8 (RFC 6532); when the bytes are valid UTF-8, read them so. */
function latin1ToUtf8(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return text;
  const bytes = Buffer.from(text, 'latin1');
  const decoded = bytes.toString('utf8');
  return decoded.includes('\ufffd') ? text : decoded;
}

export function firstHeader(map: HeaderMap, name: string): string {
  return map.get(name)?.[0] ?? '';
}

/** Go's canonical MIME header key (Mailpit is written in Go): "message-id" → "Message-Id". */
export function canonicalHeaderName(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase());
}
