// The load generator: Postfix's smtp-source (C, Debian's postfix package), the tool the figures
// in ../shared/reference/smtp-server-notes.md were measured with, so the bare baseline here can
// be compared with those. It sends `length` bytes of payload per mail plus its own headers.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const SMTP_SOURCE = process.env.SMTP_SOURCE ?? '/usr/sbin/smtp-source';

export interface SourceLoad {
  /** Parallel SMTP sessions (-s). */
  sessions: number;
  /** Mails in all (-m). */
  mails: number;
  /** Payload bytes per mail (-l). */
  length: number;
  /** Keep each connection for the next mail (-d) instead of one connection per mail. */
  reuse: boolean;
}

export interface SourceRun {
  elapsedMs: number;
  /** smtp-source's command line, for the record. */
  command: string;
}

export function checkSmtpSource(): void {
  if (!existsSync(SMTP_SOURCE)) {
    throw new Error(`${SMTP_SOURCE} not found: install Debian's postfix package (it ships smtp-source) or set SMTP_SOURCE`);
  }
}

export function sourceArgs(load: SourceLoad, host: string, port: number): string[] {
  return [
    ...(load.reuse ? ['-d'] : []),
    '-s',
    String(load.sessions),
    '-m',
    String(load.mails),
    '-l',
    String(load.length),
    '-M',
    'bench.smtp-lab.test',
    '-f',
    'load@bench.smtp-lab.test',
    '-t',
    'sink@bench.smtp-lab.test',
    // Retry a connection the kernel refused while the listen queue was full.
    '-C',
    '5',
    `${host}:${port}`,
  ];
}

/** Runs smtp-source to completion; rejects if it fails (it aborts on any unexpected reply). */
export function runSmtpSource(load: SourceLoad, host: string, port: number): Promise<SourceRun> {
  const args = sourceArgs(load, host, port);
  const command = `smtp-source ${args.join(' ')}`;
  return new Promise<SourceRun>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(SMTP_SOURCE, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const elapsedMs = performance.now() - started;
      if (code === 0) resolve({ elapsedMs, command });
      else reject(new Error(`${command} failed (code ${code}, signal ${signal}): ${stderr.trim()}`));
    });
  });
}
