// Progress on stderr (stdout stays free for the summary): a line per step, and while a long
// load runs, the server's count of accepted mails every couple of seconds.
import { performance } from 'node:perf_hooks';
import type { ServerProcess } from './server-process.js';

const POLL_MS = 2_000;

export function note(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Reports `label: n / total mails` until stopped; `base` is the server's count before the load. */
export function watchProgress(label: string, server: ServerProcess, base: number, total: number): () => void {
  const started = performance.now();
  const timer = setInterval(() => {
    server.stats().then(
      (stats) => {
        const seconds = ((performance.now() - started) / 1000).toFixed(0);
        note(`  ${label}: ${stats.accepted - base} / ${total} mails (${seconds} s)`);
      },
      () => undefined,
    );
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
