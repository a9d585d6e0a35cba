// The client's side of a test send as the server reports it (nodemailer's transaction log):
// "C: " a line the platform sent, "S: " a line it read (one per line of a multi-line reply),
// "* " a note of the sender library itself, in its own English words, which is kept verbatim
// and explained. Read into parts the page can lay out.
import type { Bilingual } from '../../../lab/integration/integration-types.js';
import { explainClientNote } from '../../../lab/sender/client-log-notes.js';

export interface ClientLogLine {
  dir: 'C' | 'S' | 'E';
  text: string;
  /** Server lines: the reply code, for the colour of its class. */
  code?: number;
  /** The library's notes: what they mean. */
  note?: Bilingual;
}

export function parseClientLine(line: string): ClientLogLine {
  if (line.startsWith('C: ')) return { dir: 'C', text: line.slice(3) };
  if (line.startsWith('S: ')) {
    const text = line.slice(3);
    const code = /^(\d{3})(?:[ -]|$)/.exec(text)?.[1];
    return code ? { dir: 'S', text, code: Number(code) } : { dir: 'S', text };
  }
  const text = line.startsWith('* ') ? line.slice(2) : line;
  return { dir: 'E', text, note: explainClientNote(text) };
}
