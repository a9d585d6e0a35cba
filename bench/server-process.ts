// Starts a server of the capture bench (bench/server-child.ts) in a child process of its own and
// talks to it: stats, a forced GC, close.
import { fileURLToPath } from 'node:url';
import { startBenchChild, type ChildOptions } from './child-process.js';
import type { ServerReady, ServerSpec, ServerStats } from './server-protocol.js';

export interface ServerProcess extends ServerReady {
  pid: number;
  stats(): Promise<ServerStats>;
  /** Stats after a full garbage collection. */
  statsAfterGc(): Promise<ServerStats>;
  close(): Promise<void>;
}

export type StartOptions = ChildOptions;

const CHILD = fileURLToPath(new URL('./server-child.js', import.meta.url));

export async function startServerProcess(spec: ServerSpec, options: StartOptions = {}): Promise<ServerProcess> {
  const child = await startBenchChild<ServerReady, ServerStats>(CHILD, spec, options);
  return { ...child.ready, pid: child.pid, stats: child.stats, statsAfterGc: child.statsAfterGc, close: child.close };
}
