// A server under test, alone in its process: the bare smtp-server or the full lab server
// (createLabServer with its defaults, only the TLS listeners left off because the bench does not
// use them). Started by bench/server-process.ts with the spec as argv[2]; answers on IPC.
import { createLabServer, DEFAULTS } from '../server/lab-server.js';
import { createBareServer } from './bare-server.js';
import type { ChildMessage, ParentRequest, ServerSpec, ServerStats } from './server-protocol.js';

const HOST = '127.0.0.1';

interface Running {
  smtpPort: number;
  url?: string;
  greetingDelayMs: number;
  counts(): { accepted: number; kept: number; sessionsKept: number };
  close(): Promise<void>;
}

function reply(message: ChildMessage): void {
  process.send?.(message);
}

async function start(spec: ServerSpec): Promise<Running> {
  if (spec.kind === 'bare') {
    const bare = await createBareServer(HOST);
    return {
      smtpPort: bare.port,
      // smtp-server's fixed anti-early-talker delay (smtp-connection.js).
      greetingDelayMs: 100,
      counts: () => ({ accepted: bare.accepted(), kept: 0, sessionsKept: 0 }),
      close: () => bare.close(),
    };
  }
  const greetingDelayMs = spec.greetingDelayMs ?? DEFAULTS.greetingDelayMs;
  const lab = await createLabServer({
    host: HOST,
    smtpPort: 0,
    smtpsPort: false,
    submissionPort: false,
    httpPort: 0,
    greetingDelayMs,
    log: (level, message) => process.stderr.write(`lab ${level}: ${message}\n`),
  });
  return {
    smtpPort: lab.smtpPort,
    url: lab.url,
    greetingDelayMs,
    counts: () => {
      const stats = lab.mailbox.stats();
      return { accepted: stats.accepted, kept: stats.total, sessionsKept: lab.sessions.list({ limit: 0 }).total };
    },
    close: () => lab.close(),
  };
}

function collect(running: Running): ServerStats {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    ...running.counts(),
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    externalBytes: memory.external,
    arrayBuffersBytes: memory.arrayBuffers,
    cpuUserMicros: cpu.user,
    cpuSystemMicros: cpu.system,
    gcExposed: typeof globalThis.gc === 'function',
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{"kind":"bare"}') as ServerSpec;
  let running: Running;
  try {
    running = await start(spec);
  } catch (err) {
    reply({ type: 'failed', message: (err as Error).message });
    process.exit(1);
  }
  process.on('message', (request: ParentRequest) => {
    switch (request.type) {
      case 'stats':
        reply({ type: 'stats', id: request.id, stats: collect(running) });
        break;
      case 'gc':
        // Two passes: the first may only queue finalizers (e.g. of Buffers) the second frees.
        globalThis.gc?.();
        globalThis.gc?.();
        reply({ type: 'stats', id: request.id, stats: collect(running) });
        break;
      case 'close':
        running.close().then(
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
  // The parent going away (Ctrl+C, a crash) takes the server with it.
  process.on('disconnect', () => process.exit(0));
  reply({ type: 'ready', smtpPort: running.smtpPort, ...(running.url ? { url: running.url } : {}), greetingDelayMs: running.greetingDelayMs });
}

void main();
