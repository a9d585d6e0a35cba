// Reading what an SMTP server sends, as a client does: text comes in chunks, a reply is one or
// more lines, "250-…" continues it and "250 …" (or a bare "250") ends it (RFC 5321 §4.2.1).
// Shared by the test helpers, the benchmarks, the fuzzer and the browser's SMTP console.

export interface SmtpReply {
  code: number;
  lines: string[];
  /** The lines joined with "\n". */
  text: string;
}

export interface ReplyReader {
  /** Feeds text as it arrives; complete replies go to the listener, in order. */
  push(text: string): void;
  /** What has come after the last complete line. */
  rest(): string;
}

export function createReplyReader(onReply: (reply: SmtpReply) => void): ReplyReader {
  let buffered = '';
  let lines: string[] = [];
  return {
    push(text) {
      buffered += text;
      let end: number;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        lines.push(line);
        if (!/^\d{3}(?: |$)/.test(line)) continue;
        const reply = { code: Number(line.slice(0, 3)), lines, text: lines.join('\n') };
        lines = [];
        onReply(reply);
      }
    },
    rest: () => buffered,
  };
}
