// Encodes text in a single-byte legacy charset (koi8-r, windows-1251, ...), as older Russian mail
// clients still send it. Node's TextEncoder speaks only UTF-8, so the table is the inverse of
// TextDecoder's for the 256 byte values: no dependency, and exactly the mapping the decoders use.

export function encodeSingleByte(text: string, charset: string): Buffer {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    const ch = decoder.decode(Uint8Array.of(byte));
    if (ch !== '\ufffd' && !table.has(ch)) table.set(ch, byte);
  }
  const out: number[] = [];
  for (const ch of text) {
    const byte = table.get(ch);
    if (byte === undefined) throw new Error(`${JSON.stringify(ch)} has no byte in ${charset}`);
    out.push(byte);
  }
  return Buffer.from(out);
}

/** An RFC 2047 encoded word (B encoding) in a legacy charset. */
export function encodedWord(text: string, charset: string): string {
  return `=?${charset}?B?${encodeSingleByte(text, charset).toString('base64')}?=`;
}
