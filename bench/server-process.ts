// Starts a server under test in a child process (bench/server-child.ts) and talks to it: stats,
// a forced GC, close. The child runs with --expose-gc so memory can be read before and after a
// full collection, and optionally with --cpu-prof for the profile mode.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentRequest, ServerReady, ServerSpec, ServerStats } from './server-protocol.js';

export interface ServerProcess extends ServerReady {
  pid: number;
  stats(): Promise<ServerStats>;
  /** Stats after a full garbage collection. */
  statsAfterGc(): Promise<ServerStats>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Write a V8 CPU profile of the child here when it exits. */
  cpuProfile?: { dir: string; name: string };
}

const CHILD = fileURLToPath(new URL('./server-child.js', import.meta.url));
const CLOSE_TIMEOUT_MS = 15_000;

export async function startServerProcess(spec: ServerSpec, options: StartOptions = {}): Promise<ServerProcess> {
  const execArgv = ['--expose-gc'];
  if (options.cpuProfile) {
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfile.dir}`, `--cpu-prof-name=${options.cpuProfile.name}`);
  }
  const child: ChildProcess = fork(CHILD, [JSON.stringify(spec)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (message: ChildMessage) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  let exited = false;

  const ready = new Promise<ServerReady>((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'failed') reject(new Error(`server child failed to start: ${message.message}`));
      else {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        waiter?.resolve(message);
      }
    });
    child.once('exit', (code, signal) => {
      exited = true;
      reject(new Error(`server child exited early (code ${code}, signal ${signal})`));
      for (const waiter of pending.values()) waiter.reject(new Error('server child has exited'));
      pending.clear();
    });
  });
  const started = await ready;

  function request(type: ParentRequest['type']): Promise<ChildMessage> {
    if (exited) return Promise.reject(new Error('server child has exited'));
    const id = nextId++;
    return new Promise<ChildMessage>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ type, id } satisfies ParentRequest);
    });
  }

  async function statsOf(type: 'stats' | 'gc'): Promise<ServerStats> {
    const message = await request(type);
    if (message.type !== 'stats') throw new Error(`unexpected answer ${message.type}`);
    return message.stats;
  }

  return {
    ...started,
    pid: child.pid as number,
    stats: () => statsOf('stats'),
    statsAfterGc: () => statsOf('gc'),
    async close() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
      await request('close').catch(() => undefined);
      await gone;
      clearTimeout(timer);
    },
  };
}
