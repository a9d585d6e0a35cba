// Reading an RFC 5322 header block without the full MIME parser, for the fields a mail's summary
// needs right after the 250 reply. Values are unfolded (RFC 5322 §2.2.3) but not decoded.

export type HeaderMap = Map<string, string[]>;

/**
 * The header block of the MIME node at raw[start, end), read straight from the bytes. Each value
 * is a string of its own: a summary that keeps a Subject for hours must not keep the whole header
 * block alive behind it (V8 keeps the parent of every slice).
 */
export function readHeaderFields(raw: Buffer, start: number, end: number): { headers: HeaderMap; bodyStart: number } {
  const headers: HeaderMap = new Map();
  let name = '';
  let pieces: string[] = [];
  const flush = () => {
    if (!name) return;
    const text = pieces.length === 1 ? (pieces[0] as string) : pieces.filter((piece) => piece !== '').join(' ');
    const list = headers.get(name);
    if (list) list.push(text);
    else headers.set(name, [text]);
  };
  let at = start;
  while (at < end) {
    let lineEnd = raw.indexOf(0x0a, at);
    if (lineEnd < 0 || lineEnd >= end) lineEnd = end;
    const next = lineEnd + 1;
    const contentEnd = lineEnd > at && raw[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd;
    if (contentEnd === at) {
      // The empty line: the body follows.
      flush();
      return { headers, bodyStart: Math.min(next, end) };
    }
    const first = raw[at];
    if (first === 0x20 || first === 0x09) {
      // RFC 5322 §2.2.3: a folded line continues the previous field.
      if (name) pieces.push(readText(raw, at, contentEnd).trim());
    } else {
      flush();
      const colon = raw.indexOf(0x3a, at);
      if (colon > at && colon < contentEnd) {
        name = raw.toString('latin1', at, colon).trim().toLowerCase();
        pieces = [readText(raw, colon + 1, contentEnd).trim()];
      } else {
        name = '';
      }
    }
    at = next;
  }
  flush();
  return { headers, bodyStart: end };
}

/** Header bytes as text: raw UTF-8 when they are valid UTF-8 (RFC 6532), else byte for byte. */
function readText(raw: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    if ((raw[i] as number) >= 0x80) {
      const decoded = raw.toString('utf8', start, end);
      return decoded.includes('\ufffd') ? raw.toString('latin1', start, end) : decoded;
    }
  }
  return raw.toString('latin1', start, end);
}

export function firstHeader(map: HeaderMap, name: string): string {
  return map.get(name)?.[0] ?? '';
}

/** Go's canonical MIME header key (Mailpit is written in Go): "message-id" → "Message-Id". */
export function canonicalHeaderName(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase());
}
