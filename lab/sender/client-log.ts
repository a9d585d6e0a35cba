// The client's side of an SMTP dialogue, from nodemailer's transaction log (`transactionLog: true`
// with a logger): "C: ..." lines the client sent, "S: ..." replies it read, "* ..." the library's
// own notes (one entry each, possibly of several lines; client-log-notes.ts explains them).
// Secrets are masked here whatever nodemailer already hides: the argument of AUTH, every line
// answering a 334 challenge (RFC 4954 §4), and the password itself anywhere.
import { format } from 'node:util';
import type { ExternalLogger, LogEntry, LogLevel } from 'nodemailer/lib/shared';
import { MASK } from '../../server/wire/mask.js';

export { MASK };

export interface ClientLog {
  logger: ExternalLogger;
  lines(): string[];
  /** The local port of the connection, once nodemailer has connected. */
  localPort(): number | undefined;
  /** Masks the secrets in any text (an error message, for instance). */
  mask(text: string): string;
}

function secretForms(secret: string): string[] {
  if (!secret) return [];
  const forms = new Set([secret, Buffer.from(secret, 'utf8').toString('base64')]);
  return [...forms].filter((form) => form.length >= 3);
}

export interface ClientLogWatchers {
  /** Each line as it is recorded (masked), for a live view of the attempt. */
  onLine?: (line: string) => void;
  /** The connection's local port, once connected. */
  onLocalPort?: (port: number) => void;
}

export function createClientLog(secrets: string[], watchers: ClientLogWatchers = {}): ClientLog {
  const collected: string[] = [];
  const push = (line: string) => {
    collected.push(line);
    watchers.onLine?.(line);
  };
  const forms = secrets.flatMap(secretForms).sort((a, b) => b.length - a.length);
  let challenge = false;
  let port: number | undefined;

  const mask = (text: string): string => {
    let masked = text;
    for (const form of forms) masked = masked.split(form).join(MASK);
    return masked;
  };

  const clientLine = (text: string): string => {
    if (challenge) {
      challenge = false;
      return text.trim() === '*' ? '*' : MASK;
    }
    const auth = /^(AUTH\s+\S+)\s+\S/i.exec(text);
    return auth ? `${auth[1]} ${MASK}` : text;
  };

  const record =
    (level: LogLevel) =>
    (entry: LogEntry | undefined, message: unknown, ...args: unknown[]) => {
      const text = format(String(message ?? ''), ...args);
      if (entry?.tnx === 'network' && typeof entry.localPort === 'number' && port === undefined) {
        port = entry.localPort;
        watchers.onLocalPort?.(port);
      }
      if (entry?.tnx === 'client') {
        for (const line of text.split(/\r?\n/)) push(`C: ${mask(clientLine(line))}`);
        return;
      }
      if (entry?.tnx === 'server') {
        const lines = text.split(/\r?\n/);
        challenge = /^334\b/.test(lines.at(-1) ?? '');
        for (const line of lines) push(`S: ${mask(line)}`);
        return;
      }
      if (level === 'info' || level === 'warn' || level === 'error') {
        // One note is one entry, however many lines it has (a reply quoted in an error): its
        // explanation belongs to the whole of it. Blank notes carry nothing.
        const note = text.replace(/\s+$/, '');
        if (note) push(`* ${mask(note)}`);
      }
    };

  const logger: ExternalLogger = {
    trace: record('trace'),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    fatal: record('fatal'),
  };

  return {
    logger,
    lines: () => [...collected],
    localPort: () => port,
    mask,
  };
}
