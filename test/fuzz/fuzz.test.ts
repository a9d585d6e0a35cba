// The short fuzz run of `npm test` (the long one is `npm run fuzz`): a few hundred random and
// mutated dialogues, HTTP requests and WebSocket frames, with a fixed seed so a failure replays.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runFuzz } from './fuzz-run.js';

describe('fuzz (short)', () => {
  it('400 dialogues with --data-dir: no crash, no 500, no stuck session, every 250 readable', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-fuzz-test-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    const report = await runFuzz({ seed: 20261201, dialogues: 400, seconds: 60, dataDir });
    expect(report.failure, JSON.stringify(report.failure, null, 2)).toBeUndefined();
    expect(report.dialogues).toBe(400);
    expect(report.accepted).toBeGreaterThan(20);
  }, 120_000);
});
