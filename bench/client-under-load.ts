// Browser client under load: a lab server ingests mail at a fixed rate (1,000 mails/s for
// 10 s by default) while the page is open in Chromium, and we measure how the page copes:
// its main thread (busy share and long tasks), its frames, the latency from a key press to the
// next frame, its JS heap and DOM size over time, and how long it needs to show everything
// once the load stops. Not a test: it asserts nothing; it prints the figures (see bench/README.md).
//
//   npm run build && node dist/bench/client-under-load.js [--rate 1000] [--seconds 10]
//     [--connections 10] [--mails-per-session 10] [--view mailbox|sessions|both] [--json FILE]
//     [--profile FILE]   (a CPU profile of the page during the load, for Chrome DevTools)
//     [--screenshots DIR] (the page as the load ends)
//
// The load comes from a worker thread speaking raw pipelined SMTP (RFC 2920) over
// `connections` sockets: one long-lived (the session the sessions view follows), the others
// reconnecting every 10 mails, so that sessions are opened and closed too.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { chromium, type Page } from 'playwright-core';
import { createLabServer, type LabServer } from '../server/index.js';
import { findPackageInfo } from '../server/common/package-info.js';

export interface ClientLoadOptions {
  rate: number;
  seconds: number;
  connections: number;
  view: 'mailbox' | 'sessions';
  /** Mails per connection before it reconnects (the long-lived one never does). */
  mailsPerSession: number;
  /** Write a CPU profile of the page during the load here (open it in Chrome DevTools). */
  profile?: string;
  /** Save a screenshot of the page at the end of the load here (PNG). */
  screenshot?: string;
}

interface LoadJob extends ClientLoadOptions {
  port: number;
}

// ---- load generator (worker thread) -------------------------------------------------------

function smtpClient(socket: Socket): { reply(): Promise<string> } {
  let buffer = '';
  const replies: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!/^\d{3}(?: |$)/.test(line)) continue; // a continuation line of a multi-line reply
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else replies.push(line);
    }
  });
  return {
    reply: () => {
      const ready = replies.shift();
      return ready !== undefined ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
    },
  };
}

function message(n: number): string {
  const body = `Reading ${n}: pressure 9.1 bar, above the 8 bar threshold.\r\n`.repeat(12);
  return [
    'From: Plant <alert@plant.example>',
    'To: Student <student@lab.local>',
    `Subject: Load alert ${n}`,
    `Message-ID: <load-${n}@plant.example>`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
  ].join('\r\n');
}

async function runLoad(job: LoadJob): Promise<void> {
  const total = job.rate * job.seconds;
  let next = 0;
  let accepted = 0;
  let failed = 0;
  let start = 0;
  const ready = new Set<number>();
  let go: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (go = resolve));

  async function open(name: string) {
    const socket = connect(job.port, '127.0.0.1');
    socket.setNoDelay(true);
    const client = smtpClient(socket);
    await client.reply();
    socket.write(`EHLO ${name}\r\n`);
    await client.reply();
    return { socket, client };
  }

  async function lane(index: number): Promise<void> {
    const longLived = index === 0;
    let conn = await open(longLived ? 'bench-long.test' : `bench-${index}.test`);
    ready.add(index);
    if (ready.size === job.connections) parentPort?.postMessage({ type: 'ready' });
    await started;
    let sent = 0;
    while (next < total) {
      const n = next++;
      const due = start + (n * 1000) / job.rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      conn.socket.write(`MAIL FROM:<alert@plant.example>\r\nRCPT TO:<student@lab.local>\r\nDATA\r\n`);
      const replies = [await conn.client.reply(), await conn.client.reply(), await conn.client.reply()];
      if (!replies[2]!.startsWith('354')) {
        failed++;
        continue;
      }
      conn.socket.write(`${message(n)}\r\n.\r\n`);
      if ((await conn.client.reply()).startsWith('250')) accepted++;
      else failed++;
      if (!longLived && ++sent % job.mailsPerSession === 0) {
        conn.socket.end('QUIT\r\n');
        conn = await open(`bench-${index}.test`);
      }
    }
    conn.socket.end('QUIT\r\n');
  }

  const lanes = Array.from({ length: job.connections }, (_, i) => lane(i));
  parentPort?.on('message', (msg: { type: string }) => {
    if (msg.type !== 'start') return;
    start = performance.now();
    go();
    const ticker = setInterval(() => parentPort?.postMessage({ type: 'progress', accepted, failed }), 250);
    void Promise.all(lanes).then(() => {
      clearInterval(ticker);
      parentPort?.postMessage({ type: 'done', accepted, failed, ms: performance.now() - start });
    });
  });
}

// ---- page probes (run inside Chromium) -----------------------------------------------------

// Installed before the page's own script. Long tasks and key-press latency as the browser sees
// them: a key press's timeStamp is when the browser received it; "input to next frame" ends
// when the frame after its handlers has been produced (rAF, then a task after it).
const PROBES = `
window.__bench = { longTasks: [], inputs: [], frames: [] };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__bench.longTasks.push([e.startTime, e.duration]);
}).observe({ type: 'longtask', buffered: true });
document.addEventListener('keydown', (event) => {
  const t = event.timeStamp;
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => window.__bench.inputs.push([t, performance.now() - t]);
    channel.port2.postMessage(0);
  });
}, true);
let frames = 0;
const tick = () => { frames++; requestAnimationFrame(tick); };
requestAnimationFrame(tick);
setInterval(() => { window.__bench.frames.push([performance.now(), frames]); frames = 0; }, 1000);
`;

interface Sample {
  t: number;
  accepted: number;
  heapMB: number;
  nodes: number;
  busyPct: number;
}

interface PageProbes {
  longTasks: Array<[number, number]>;
  inputs: Array<[number, number]>;
  frames: Array<[number, number]>;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function metrics(cdp: import('playwright-core').CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function shownTotal(page: Page, view: ClientLoadOptions['view']): Promise<number> {
  const id = view === 'mailbox' ? 'mail-total' : 'sessions-total';
  const text = (await page.getByTestId(id).textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

export async function runClientUnderLoad(options: ClientLoadOptions) {
  const { root } = findPackageInfo(dirname(fileURLToPath(import.meta.url)));
  if (!existsSync(join(root, 'dist', 'client', 'index.html'))) {
    throw new Error('dist/client is not built: run `npx vite build --config client/vite.config.ts` (npm run build does it)');
  }
  const lab: LabServer = await createLabServer({ smtpsPort: false, submissionPort: false });
  const worker = new Worker(new URL(import.meta.url), { workerData: { ...options, port: lab.smtpPort } satisfies LoadJob });
  let progress = { accepted: 0, failed: 0 };
  const done = new Promise<{ accepted: number; failed: number; ms: number }>((resolve, reject) => {
    worker.on('message', (msg: { type: string; accepted: number; failed: number; ms: number }) => {
      if (msg.type === 'progress') progress = msg;
      if (msg.type === 'done') resolve(msg);
    });
    worker.on('error', reject);
  });
  await new Promise<void>((resolve) => worker.on('message', (msg: { type: string }) => msg.type === 'ready' && resolve()));

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await context.addInitScript(PROBES);
    const page = await context.newPage();
    let path = '/mailbox';
    if (options.view === 'sessions') {
      const long = lab.sessions.list({ limit: 1000 }).sessions.find((s) => s.Helo === 'bench-long.test');
      path = long ? `/sessions/${encodeURIComponent(long.ID)}` : '/sessions';
    }
    await page.goto(lab.url + path);
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await page.locator('[role="listbox"]').focus();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });

    const samples: Sample[] = [];
    const t0 = Date.now();
    let last = await metrics(cdp);
    let lastAt = Date.now();
    const sampler = setInterval(() => {
      void metrics(cdp).then((now) => {
        const at = Date.now();
        samples.push({
          t: (at - t0) / 1000,
          accepted: progress.accepted,
          heapMB: (now.JSHeapUsedSize ?? 0) / 2 ** 20,
          nodes: now.Nodes ?? 0,
          busyPct: (100 * ((now.TaskDuration ?? 0) - (last.TaskDuration ?? 0))) / ((at - lastAt) / 1000),
        });
        last = now;
        lastAt = at;
      });
    }, 1000);

    // A person using the page meanwhile: a key press in the list every 250 ms.
    let pressing = true;
    const pressRoundTrips: number[] = [];
    const presser = (async () => {
      for (let i = 0; pressing; i++) {
        const before = performance.now();
        await page.keyboard.press(i % 2 === 0 ? 'ArrowDown' : 'ArrowUp');
        pressRoundTrips.push(performance.now() - before);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    await new Promise((resolve) => setTimeout(resolve, 2000)); // idle baseline
    // The page's clock against ours, read while the page is idle.
    const pageClockOffset = ((await page.evaluate('performance.now()')) as number) - performance.now();
    if (options.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const loadStart = performance.now();
    worker.postMessage({ type: 'start' });
    const load = await done;
    const loadEnd = performance.now();
    if (options.screenshot) {
      mkdirSync(dirname(options.screenshot), { recursive: true });
      await page.screenshot({ path: options.screenshot });
    }
    if (options.profile) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      mkdirSync(dirname(options.profile), { recursive: true });
      writeFileSync(options.profile, JSON.stringify(profile));
    }
    const serverTotal = options.view === 'mailbox' ? lab.mailbox.stats().total : lab.sessions.list({ limit: 0 }).total;
    let caughtUpMs = NaN;
    for (let waited = 0; waited < 30_000; waited += 50) {
      if ((await shownTotal(page, options.view)) === serverTotal) {
        caughtUpMs = performance.now() - loadEnd;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 3000)); // settle
    pressing = false;
    await presser;
    clearInterval(sampler);
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = await metrics(cdp);
    const probes = (await page.evaluate('window.__bench')) as PageProbes;
    const loadFrom = loadStart + pageClockOffset;
    const during = (t: number) => t >= loadFrom && t <= loadFrom + (loadEnd - loadStart);
    const inputsDuring = probes.inputs.filter(([t]) => during(t)).map(([, ms]) => ms);
    const longDuring = probes.longTasks.filter(([t]) => during(t)).map(([, ms]) => ms);
    const framesDuring = probes.frames.filter(([t]) => during(t)).map(([, n]) => n);
    return {
      options,
      sent: load.accepted + load.failed,
      accepted: load.accepted,
      failed: load.failed,
      loadSeconds: load.ms / 1000,
      achievedRate: load.accepted / (load.ms / 1000),
      serverTotal,
      caughtUpMs,
      input: { count: inputsDuring.length, p50: percentile(inputsDuring, 50), p95: percentile(inputsDuring, 95), max: Math.max(...inputsDuring) },
      pressRoundTrip: { p50: percentile(pressRoundTrips, 50), p95: percentile(pressRoundTrips, 95), max: Math.max(...pressRoundTrips) },
      longTasks: { count: longDuring.length, totalMs: longDuring.reduce((a, b) => a + b, 0), maxMs: Math.max(0, ...longDuring) },
      framesPerSecond: { min: Math.min(...framesDuring), median: percentile(framesDuring, 50) },
      heapAfterGcMB: (afterGc.JSHeapUsedSize ?? 0) / 2 ** 20,
      nodesAfter: afterGc.Nodes ?? 0,
      samples,
    };
  } finally {
    await browser.close();
    await worker.terminate();
    await lab.close();
  }
}

type Result = Awaited<ReturnType<typeof runClientUnderLoad>>;

function report(result: Result): string {
  const r = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
  const o = result.options;
  const lines = [
    `## view: ${o.view} — target ${o.rate} mails/s for ${o.seconds} s over ${o.connections} connections`,
    `sent ${result.sent} (${result.failed} failed) in ${r(result.loadSeconds, 1)} s = ${r(result.achievedRate)} mails/s accepted; page showed all ${result.serverTotal} ${r(result.caughtUpMs)} ms after the last one`,
    `key press → next frame during load: n=${result.input.count}, p50 ${r(result.input.p50)} ms, p95 ${r(result.input.p95)} ms, max ${r(result.input.max)} ms (CDP press round trip p50 ${r(result.pressRoundTrip.p50)} / p95 ${r(result.pressRoundTrip.p95)} ms)`,
    `long tasks during load: ${result.longTasks.count}, ${r(result.longTasks.totalMs)} ms in all, longest ${r(result.longTasks.maxMs)} ms; frames/s: median ${r(result.framesPerSecond.median)}, lowest ${r(result.framesPerSecond.min)}`,
    `JS heap after the run and a GC: ${r(result.heapAfterGcMB, 1)} MB; DOM nodes: ${result.nodesAfter}`,
    '',
    '| t (s) | mails accepted | main thread busy | JS heap (MB) | DOM nodes |',
    '|---:|---:|---:|---:|---:|',
    ...result.samples.map((s) => `| ${r(s.t, 1)} | ${s.accepted} | ${r(s.busyPct)} % | ${r(s.heapMB, 1)} | ${s.nodes} |`),
  ];
  return lines.join('\n');
}

function parseArgs(argv: string[]): { options: Omit<ClientLoadOptions, 'view'>; views: ClientLoadOptions['view'][]; json?: string } {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string, fallback: number) => {
    const value = get(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a whole number > 0, not "${value}"`);
    return n;
  };
  const view = get('view') ?? 'both';
  if (!['mailbox', 'sessions', 'both'].includes(view)) throw new Error('--view must be mailbox, sessions or both');
  const json = get('json');
  const profile = get('profile');
  const screenshots = get('screenshots');
  return {
    options: {
      rate: number('rate', 1000),
      seconds: number('seconds', 10),
      connections: number('connections', 10),
      mailsPerSession: number('mails-per-session', 10),
      ...(profile ? { profile } : {}),
      ...(screenshots ? { screenshot: screenshots } : {}),
    },
    views: view === 'both' ? ['mailbox', 'sessions'] : [view as ClientLoadOptions['view']],
    ...(json ? { json } : {}),
  };
}

async function main(): Promise<void> {
  const { options, views, json } = parseArgs(process.argv.slice(2));
  const results: Result[] = [];
  for (const view of views) {
    const result = await runClientUnderLoad({
      ...options,
      view,
      ...(options.profile ? { profile: options.profile.replace(/(\.cpuprofile)?$/, `-${view}.cpuprofile`) } : {}),
      ...(options.screenshot ? { screenshot: join(options.screenshot, `client-under-load-${view}.png`) } : {}),
    });
    results.push(result);
    console.log(report(result) + '\n');
  }
  if (json) {
    mkdirSync(dirname(json), { recursive: true });
    writeFileSync(json, JSON.stringify(results, null, 2));
  }
}

if (!isMainThread) {
  void runLoad(workerData as LoadJob);
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
