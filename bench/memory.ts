// Resident memory of the lab server after 20,000 mails, read in its own process. Each mail comes
// on its own connection, so the lab ends up holding 20,000 mails *and* 20,000 session records
// (both default caps), the most it keeps. Measured with the live subscriber connected throughout
// (the capture path of the throughput figures) and again with nobody watching (a CI run), because
// what the hub does for a subscriber changes what the heap keeps.
import type { BenchConfig } from './bench-config.js';
import { connectSubscriber } from './event-subscriber.js';
import { note, watchProgress } from './progress.js';
import type { ServerStats } from './server-protocol.js';
import { startServerProcess } from './server-process.js';
import { runSmtpSource } from './smtp-source.js';
import { mb } from './stats.js';

const HOST = '127.0.0.1';

export interface MemorySnapshot {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

export interface MemoryResult {
  /** Whether a live subscriber was connected during the load. */
  subscriber: boolean;
  mails: number;
  sessions: number;
  reuse: boolean;
  mailsKept: number;
  sessionsKept: number;
  gcExposed: boolean;
  idle: MemorySnapshot;
  loaded: MemorySnapshot;
  loadedAfterGc: MemorySnapshot;
  problems: string[];
}

function snapshot(stats: ServerStats): MemorySnapshot {
  return {
    rssMb: mb(stats.rssBytes),
    heapUsedMb: mb(stats.heapUsedBytes),
    heapTotalMb: mb(stats.heapTotalBytes),
    externalMb: mb(stats.externalBytes),
    arrayBuffersMb: mb(stats.arrayBuffersBytes),
  };
}

export async function measureMemory(config: BenchConfig, withSubscriber: boolean): Promise<MemoryResult> {
  const shape = config.memory;
  const who = withSubscriber ? 'with one subscriber' : 'with no subscriber';
  note(`memory: ${shape.mails} mails, ${shape.reuse ? 'reused connections' : 'a new connection per mail'}, into a fresh lab ${who}`);
  const server = await startServerProcess({ kind: 'lab' });
  const subscriber = withSubscriber ? await connectSubscriber(server.url as string) : undefined;
  const problems: string[] = [];
  try {
    const idle = await server.statsAfterGc();
    const stop = watchProgress('memory', server, idle.accepted, shape.mails);
    await runSmtpSource({ sessions: shape.sessions, mails: shape.mails, length: config.mailBytes, reuse: shape.reuse }, HOST, server.smtpPort).finally(stop);
    await subscriber?.waitForNewEvents(shape.mails, 60_000).catch((err: Error) => problems.push(err.message));
    // Let the hub's last coalesced flushes and the closing sessions finish before reading.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const loaded = await server.stats();
    const loadedAfterGc = await server.statsAfterGc();
    if (loaded.accepted !== shape.mails) problems.push(`server counted ${loaded.accepted} mails, smtp-source sent ${shape.mails}`);
    const result: MemoryResult = {
      subscriber: withSubscriber,
      mails: shape.mails,
      sessions: shape.sessions,
      reuse: shape.reuse,
      mailsKept: loadedAfterGc.kept,
      sessionsKept: loadedAfterGc.sessionsKept,
      gcExposed: loadedAfterGc.gcExposed,
      idle: snapshot(idle),
      loaded: snapshot(loaded),
      loadedAfterGc: snapshot(loadedAfterGc),
      problems,
    };
    note(
      `memory (${who}): ${result.loaded.rssMb} MB resident after ${shape.mails} mails, ${result.loadedAfterGc.rssMb} MB after a forced GC (idle ${result.idle.rssMb} MB); heap ${result.loadedAfterGc.heapUsedMb} MB used after GC`,
    );
    return result;
  } finally {
    await subscriber?.close();
    await server.close();
  }
}
