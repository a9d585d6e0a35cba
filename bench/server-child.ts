// A server under test, alone in its process: the bare smtp-server or the full lab server
// (createLabServer with its defaults, only the TLS listeners and the MQTT broker left off because
// the bench does not use them). Started by bench/server-process.ts with the spec as argv[2]; answers on IPC.
import { createLabServer, DEFAULTS } from '../server/lab-server.js';
import { createBareServer } from './bare-server.js';
import { serveBenchChild } from './child-process.js';
import type { ServerReady, ServerSpec, ServerStats } from './server-protocol.js';

const HOST = '127.0.0.1';

interface Running {
  smtpPort: number;
  url?: string;
  greetingDelayMs: number;
  counts(): { accepted: number; kept: number; sessionsKept: number };
  close(): Promise<void>;
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
    mqttPort: false,
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

void serveBenchChild<ServerSpec, Omit<ServerReady, 'type'>, ServerStats>({ kind: 'bare' }, async (spec) => {
  const running = await start(spec);
  return {
    ready: { smtpPort: running.smtpPort, ...(running.url ? { url: running.url } : {}), greetingDelayMs: running.greetingDelayMs },
    stats: () => collect(running),
    close: () => running.close(),
  };
});
