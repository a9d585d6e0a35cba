// `npm run fuzz`: a long fuzz campaign against a lab server (see fuzz-run.ts), with a seed, a count
// and a time limit; prints progress and, on a failure, the command that replays it.
//   npm run fuzz -- --dialogues 20000 --seconds 900 --seed 42 [--data-dir DIR] [--path P]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzz-run.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    dialogues: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '900' },
    parallel: { type: 'string', default: '16' },
    'data-dir': { type: 'string' },
    memory: { type: 'boolean', default: false },
    path: { type: 'string' },
  },
});

const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
// With a data dir (the default) the disk paths are fuzzed too: FIN after the dot, the journals.
const dataDir = values.memory ? undefined : (values['data-dir'] ?? (await mkdtemp(join(tmpdir(), 'smtp-lab-fuzz-'))));
console.log(`smtp-lab fuzz: seed ${seed}, ${values.dialogues} dialogues, at most ${values.seconds} s, ${dataDir ? `data dir ${dataDir}` : 'in memory'}`);

const report = await runFuzz({
  seed,
  dialogues: Number(values.dialogues),
  seconds: Number(values.seconds),
  parallel: Number(values.parallel),
  ...(dataDir ? { dataDir } : {}),
  ...(values.path ? { path: values.path } : {}),
  onProgress: (p) =>
    console.log(
      `  ${p.dialogues} dialogues (${p.accepted} mails answered 250), ${p.requests} HTTP, ${p.frames} WS frames, ${(p.elapsedMs / 1000).toFixed(0)} s, RSS ${mb(p.rssBytes)}`,
    ),
});

console.log(
  `${report.ok ? 'OK' : 'FAILED'}: ${report.dialogues} dialogues, ${report.accepted} mails answered 250 and read back, ${report.requests} HTTP requests, ` +
    `${report.frames} WebSocket frames in ${(report.elapsedMs / 1000).toFixed(0)} s${report.interrupted ? ' (stopped at the time limit)' : ''}; ` +
    `max RSS ${mb(report.maxRssBytes)}, transcript ${mb(report.transcriptBytes)} of ${mb(report.transcriptMaxBytes)}, ${report.sessions} sessions, ${report.mails} mails kept.`,
);
for (const c of report.connections) {
  console.log(
    `  ${c.Name}: ${c.Accepted} sessions, ${c.DeadOnArrival} gone before their session, ${c.ClientResets} resets, ${c.TlsFailures} failed TLS handshakes`,
  );
}
if (report.failure) {
  console.log(`\n${report.failure.property}: ${report.failure.message}\ncounterexample: ${report.failure.counterexample}`);
  console.log(`replay: npm run fuzz -- --seed ${report.failure.seed}${report.failure.path ? ` --path ${report.failure.path}` : ''}`);
}
if (dataDir && !values['data-dir']) await rm(dataDir, { recursive: true, force: true });
process.exit(report.ok ? 0 : 1);
