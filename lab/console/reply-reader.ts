// The server's side of the dialogue, cut into whole replies: RFC 5321 §4.2.1, every line of a
// multi-line reply but the last has a hyphen after its code ("250-PIPELINING"), the last a space
// or nothing ("250 HELP"). The console shows a reply when it is whole, as a terminal user reads
// it. Anything else a server might send (a line without a code) is a reply of its own, so that
// nothing it says is hidden. Pure: the bridge feeds it decoded text.

export interface Reply {
  lines: string[];
  /** The code of its last line (RFC 5321 §4.2: three digits); absent for a line without one. */
  code?: number;
}

export interface ReplyReader {
  /** Text as it arrives; the replies it completes, in order. */
  feed(text: string): Reply[];
  /** Forgets a half-read line and reply (RFC 3207 §4.2: nothing from before TLS is kept). */
  reset(): void;
}

/** A line or a reply past these is cut where it is: the bridge holds no unbounded text. */
const MAX_LINE = 64 * 1024;
const MAX_REPLY_LINES = 1000;

export function createReplyReader(): ReplyReader {
  let partial = '';
  let lines: string[] = [];

  const finish = (code: number | undefined): Reply => {
    const reply: Reply = { lines, ...(code !== undefined ? { code } : {}) };
    lines = [];
    return reply;
  };

  const take = (line: string, out: Reply[]) => {
    const match = /^([2-5]\d\d)([ -]|$)/.exec(line);
    lines.push(line);
    if (match?.[2] === '-' && lines.length < MAX_REPLY_LINES) return;
    out.push(finish(match ? Number(match[1]) : undefined));
  };

  return {
    feed(text) {
      const out: Reply[] = [];
      partial += text;
      let end: number;
      while ((end = partial.indexOf('\n')) >= 0) {
        // CRLF ends a line (RFC 5321 §2.3.8); a bare LF is taken as one too, to show what came.
        take(partial.slice(0, end).replace(/\r$/, ''), out);
        partial = partial.slice(end + 1);
      }
      if (partial.length > MAX_LINE) {
        take(partial, out);
        partial = '';
      }
      return out;
    },
    reset() {
      partial = '';
      lines = [];
    },
  };
}
