// A server under a bench, in a child process of its own, spoken to over the IPC channel of
// child_process.fork: it says `ready` (or `failed`), then answers `stats`, `gc` and `close`
// requests by id. The child runs with --expose-gc so memory can be read after a full collection,
// and optionally with --cpu-prof for the profile mode.
import { fork, type ChildProcess } from 'node:child_process';

export interface ChildOptions {
  /** Write a V8 CPU profile of the child here when it exits. */
  cpuProfile?: { dir: string; name: string };
}

export interface BenchChild<Ready, Stats> {
  ready: Ready;
  pid: number;
  stats(): Promise<Stats>;
  /** Stats after a full garbage collection. */
  statsAfterGc(): Promise<Stats>;
  close(): Promise<void>;
}

type Answer<Ready, Stats> =
  ({ type: 'ready' } & Ready) | { type: 'failed'; message: string } | { type: 'stats'; id: number; stats: Stats } | { type: 'closed'; id: number };

const CLOSE_TIMEOUT_MS = 15_000;

export async function startBenchChild<Ready, Stats>(script: string, spec: unknown, options: ChildOptions = {}): Promise<BenchChild<Ready, Stats>> {
  const execArgv = ['--expose-gc'];
  if (options.cpuProfile) {
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfile.dir}`, `--cpu-prof-name=${options.cpuProfile.name}`);
  }
  const child: ChildProcess = fork(script, [JSON.stringify(spec)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (message: Answer<Ready, Stats>) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  let exited = false;

  const ready = await new Promise<Ready>((resolve, reject) => {
    child.on('message', (message: Answer<Ready, Stats>) => {
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

  function request(type: 'stats' | 'gc' | 'close'): Promise<Answer<Ready, Stats>> {
    if (exited) return Promise.reject(new Error('server child has exited'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ type, id });
    });
  }

  async function statsOf(type: 'stats' | 'gc'): Promise<Stats> {
    const message = await request(type);
    if (message.type !== 'stats') throw new Error(`unexpected answer ${message.type}`);
    return message.stats;
  }

  return {
    ready,
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

/** What a child serves: its server, how to read its stats, and how to close it. */
export interface ServedChild<Ready, Stats> {
  ready: Ready;
  stats(): Stats;
  close(): Promise<void>;
}

/**
 * The child's side: starts the server from the spec in argv[2], says `ready` (or `failed`), and
 * answers the parent's requests until `close`. The parent going away (Ctrl+C, a crash) takes the
 * server with it.
 */
export async function serveBenchChild<Spec, Ready, Stats>(fallbackSpec: Spec, start: (spec: Spec) => Promise<ServedChild<Ready, Stats>>): Promise<void> {
  const reply = (message: Answer<Ready, Stats>) => process.send?.(message);
  const spec = process.argv[2] ? (JSON.parse(process.argv[2]) as Spec) : fallbackSpec;
  let served: ServedChild<Ready, Stats>;
  try {
    served = await start(spec);
  } catch (err) {
    reply({ type: 'failed', message: (err as Error).message });
    process.exit(1);
  }
  process.on('message', (request: { type: 'stats' | 'gc' | 'close'; id: number }) => {
    switch (request.type) {
      case 'stats':
        reply({ type: 'stats', id: request.id, stats: served.stats() });
        break;
      case 'gc':
        // Two passes: the first may only queue finalizers (e.g. of Buffers) the second frees.
        globalThis.gc?.();
        globalThis.gc?.();
        reply({ type: 'stats', id: request.id, stats: served.stats() });
        break;
      case 'close':
        served.close().then(
          () => {
            reply({ type: 'closed', id: request.id });
            // Exit explicitly so that --cpu-prof writes its profile even if a handle lingers.
            process.disconnect();
            process.exit(0);
          },
          (err: unknown) => {
            process.stderr.write(`close failed: ${(err as Error).message}\n`);
            process.exit(1);
          },
        );
        break;
    }
  });
  process.on('disconnect', () => process.exit(0));
  reply({ type: 'ready', ...served.ready });
}
