// A bounded fuzz campaign against one lab server started in this process: random and mutated SMTP
// dialogues on all three listeners, random HTTP requests and WebSocket frames. After every batch:
// no uncaught exception or unhandled rejection, the server answers, no HTTP 500, and every mail
// answered 250 can be read back. At the end: no session stays open, every listener still greets,
// and the transcript is within its byte budget. A failure is reported with the seed (and the
// fast-check path) that replays it.
import net from 'node:net';
import tls from 'node:tls';
import fc from 'fast-check';
import WebSocket from 'ws';
import { createLabServer, type LabServer } from '../../server/index.js';
import { playDialogue } from './fuzz-client.js';
import { httpInput, wsFrame, type HttpInput } from './http-arbitrary.js';
import { dialogue, FUZZ_LOGIN, FUZZ_PASSWORD, type Dialogue } from './smtp-dialogue-arbitrary.js';

export interface FuzzOptions {
  seed: number;
  /** SMTP dialogues in all; HTTP requests and WebSocket frames are a tenth of that each. */
  dialogues: number;
  /** Stop (without failing) after this long. */
  seconds: number;
  /** Dialogues played at the same time. */
  parallel?: number;
  dataDir?: string;
  /** fast-check's path of a failure, to replay just it with its seed. */
  path?: string;
  onProgress?: (progress: FuzzProgress) => void;
}

export interface FuzzProgress {
  dialogues: number;
  accepted: number;
  requests: number;
  frames: number;
  elapsedMs: number;
  rssBytes: number;
}

export interface FuzzReport extends FuzzProgress {
  seed: number;
  ok: boolean;
  interrupted: boolean;
  /** What broke, with what replays it. */
  failure?: { property: string; message: string; seed: number; path: string; counterexample: string };
  maxRssBytes: number;
  transcriptBytes: number;
  transcriptMaxBytes: number;
  sessions: number;
  mails: number;
  /** Per listener: connections accepted, gone before their session, reset, failed TLS. */
  connections: Array<{ Name: string; Accepted: number; DeadOnArrival: number; ClientResets: number; TlsFailures: number }>;
}

interface Recorder {
  errors: string[];
  stop(): void;
}

/** Collects what would crash a server process: uncaught exceptions and unhandled rejections. */
function recordCrashes(): Recorder {
  const errors: string[] = [];
  const onError = (err: unknown) => errors.push(`${(err as Error)?.stack ?? String(err)}`);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return {
    errors,
    stop() {
      process.off('uncaughtException', onError);
      process.off('unhandledRejection', onError);
    },
  };
}

async function sendHttp(lab: LabServer, input: HttpInput): Promise<number> {
  const res = await fetch(`${lab.url}${input.path}`, {
    method: input.method,
    headers: input.headers,
    ...(input.body ? { body: Buffer.from(input.body) } : {}),
  });
  await res.arrayBuffer();
  return res.status;
}

async function sendFrames(lab: LabServer, frames: Array<string | number[]>): Promise<void> {
  const ws = new WebSocket(`${lab.url.replace('http', 'ws')}/api/events?sessions=summary`);
  await new Promise<void>((resolve) => {
    ws.once('open', () => resolve());
    ws.once('error', () => resolve());
  });
  for (const frame of frames) if (ws.readyState === WebSocket.OPEN) ws.send(typeof frame === 'string' ? frame : Buffer.from(frame));
  await new Promise((resolve) => setTimeout(resolve, 20));
  ws.terminate();
}

/** The first reply a new client gets: 220 unless something holds the listener's slots. */
function greeting(port: number, secure: boolean): Promise<string> {
  return new Promise((resolve) => {
    const socket: net.Socket = secure ? tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false }) : net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => done('no greeting within 3 s'), 3000);
    function done(text: string) {
      clearTimeout(timer);
      socket.destroy();
      resolve(text);
    }
    socket.once('data', (d: Buffer) => done(d.toString().slice(0, 3)));
    socket.once('error', (err) => done(err.message));
  });
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const parallel = options.parallel ?? 16;
  const lab = await createLabServer({
    idleTimeoutMs: 1500,
    maxClients: 5000,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  await lab.accounts.create(FUZZ_LOGIN, FUZZ_PASSWORD);
  const ports = { smtp: lab.smtpPort, smtps: lab.smtpsPort ?? lab.smtpPort, submission: lab.submissionPort ?? lab.smtpPort };
  const crashes = recordCrashes();
  const progress: FuzzProgress = { dialogues: 0, accepted: 0, requests: 0, frames: 0, elapsedMs: 0, rssBytes: 0 };
  let maxRss = 0;
  const report = () => {
    progress.elapsedMs = Date.now() - started;
    progress.rssBytes = process.memoryUsage().rss;
    maxRss = Math.max(maxRss, progress.rssBytes);
    options.onProgress?.({ ...progress });
  };

  const alive = async () => {
    if (crashes.errors.length) throw new Error(`the server threw: ${crashes.errors[0]}`);
    const res = await fetch(`${lab.url}/livez`);
    if (res.status !== 200) throw new Error(`/livez answered ${res.status}`);
  };

  const property = fc.asyncProperty(
    fc.array(dialogue, { minLength: parallel, maxLength: parallel }),
    fc.array(httpInput, { maxLength: 3 }),
    fc.array(wsFrame, { maxLength: 3 }),
    async (dialogues: Dialogue[], requests: HttpInput[], frames: Array<string | number[]>) => {
      const results = await Promise.all(dialogues.map((d) => playDialogue(d, ports)));
      await alive();
      // Checked before the HTTP requests, which may delete mail on purpose.
      for (const { accepted } of results) {
        for (const id of accepted) {
          if (!lab.mailbox.get(id)) throw new Error(`mail ${id} was answered 250 but cannot be read back`);
        }
        progress.accepted += accepted.length;
      }
      for (const request of requests) {
        const status = await sendHttp(lab, request);
        if (status >= 500) throw new Error(`${request.method} ${request.path} answered ${status}`);
      }
      if (frames.length) await sendFrames(lab, frames);
      await alive();
      progress.dialogues += dialogues.length;
      progress.requests += requests.length;
      progress.frames += frames.length;
      if (progress.dialogues % (parallel * 25) === 0) report();
    },
  );

  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: Math.ceil(options.dialogues / parallel),
    interruptAfterTimeLimit: options.seconds * 1000,
    markInterruptAsFailure: false,
    ...(options.path ? { path: options.path } : {}),
  });

  let failure: FuzzReport['failure'];
  if (details.failed) {
    failure = {
      property: 'dialogues, requests and frames leave the server up and every 250 readable',
      message: 'errorInstance' in details ? String((details.errorInstance as Error)?.message ?? details.errorInstance) : 'failed',
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      counterexample: fc.stringify(details.counterexample).slice(0, 4000),
    };
  }

  // No session may stay open once every client has gone (the idle timeout is 1.5 s).
  if (!failure) {
    const deadline = Date.now() + 8000;
    while (lab.sessions.openCount() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const stuck = lab.sessions.openCount();
    const problems: string[] = [];
    if (stuck > 0) problems.push(`${stuck} session(s) still open after every client left`);
    const stats = lab.sessions.transcriptStats();
    if (stats.bytes > stats.maxBytes) problems.push(`the transcript holds ${stats.bytes} bytes, over its budget of ${stats.maxBytes}`);
    if (crashes.errors.length) problems.push(`the server threw: ${crashes.errors[0]}`);
    for (const [name, port] of Object.entries(ports)) {
      const first = await greeting(port, name === 'smtps');
      if (first !== '220') problems.push(`a new client on ${name} got "${first}" instead of 220`);
    }
    if (problems.length) failure = { property: 'after the campaign', message: problems.join('; '), seed: options.seed, path: '', counterexample: '' };
  }
  report();
  const info = (await (await fetch(`${lab.url}/api/v1/info`)).json()) as { Lab: { Connections: FuzzReport['connections'] } };
  const stats = lab.sessions.transcriptStats();
  const result: FuzzReport = {
    ...progress,
    seed: options.seed,
    ok: !failure,
    interrupted: details.interrupted,
    ...(failure ? { failure } : {}),
    maxRssBytes: maxRss,
    transcriptBytes: stats.bytes,
    transcriptMaxBytes: stats.maxBytes,
    sessions: lab.sessions.list({ limit: 0 }).total,
    mails: lab.mailbox.stats().total,
    connections: info.Lab.Connections,
  };
  crashes.stop();
  await lab.close();
  return result;
}
