// Memory is bounded by bytes, not only by counts: a session that pipelines thousands of lines
// keeps its newest within its byte budget and says what it did not keep; all sessions together
// stay within the total budget, the oldest closed ones going first. /api/v1/info shows both.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { eventually, getJson, startLab } from '../../helpers/lab.js';

/** A client that pipelines `count` NOOPs after EHLO, reads every reply, then QUITs. */
function noopFlood(port: number, count: number, padding = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let replies = 0;
    let started = false;
    let quitting = false;
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (!started) {
        started = true;
        socket.write(`EHLO flood.test\r\n${`NOOP ${'p'.repeat(padding)}\r\n`.repeat(count)}`);
      }
      replies += text.split('\r\n').length - 1;
      if (replies >= count + 2 && !quitting) {
        quitting = true;
        socket.end('QUIT\r\n');
      }
    });
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

describe('transcript byte budget', () => {
  it('a long session keeps its newest lines within its budget and counts the rest by kind', async () => {
    const lab = await startLab({ maxSessionBytes: 64 * 1024 });
    await noopFlood(lab.smtpPort, 6000);
    await eventually(() => (lab.sessions.openCount() === 0 ? true : undefined));
    const id = lab.sessions.list().sessions[0]?.ID as string;
    const record = lab.sessions.get(id);
    expect(record).toBeDefined();
    if (!record) return;
    expect(record.LineCount).toBeGreaterThan(12_000);
    expect(record.DroppedLines + record.Lines.length).toBe(record.LineCount);
    // The newest lines are kept, numbered without a gap up to the end.
    expect(record.Lines.at(-1)?.Seq).toBe(record.LineCount - 1);
    expect(record.Lines.map((l) => l.Seq)).toEqual(record.Lines.map((_, i) => record.DroppedLines + i));
    const noops = record.DroppedKinds?.find((k) => k.Dir === 'C' && k.Key === 'NOOP')?.Count ?? 0;
    const okays = record.DroppedKinds?.find((k) => k.Dir === 'S' && k.Key === '250')?.Count ?? 0;
    const keptNoops = record.Lines.filter((l) => l.Command === 'NOOP').length;
    expect(noops + keptNoops).toBe(6000);
    expect(okays).toBeGreaterThan(5000);
    const { body } = await getJson<{ Lab: { Transcript: { Bytes: number; MaxSessionBytes: number; LinesDropped: number } } }>(`${lab.url}/api/v1/info`);
    expect(body.Lab.Transcript.MaxSessionBytes).toBe(64 * 1024);
    expect(body.Lab.Transcript.Bytes).toBeLessThanOrEqual(64 * 1024);
    expect(body.Lab.Transcript.LinesDropped).toBe(record.DroppedLines);
  });

  it('all sessions together stay within the total budget; the oldest closed sessions go first', async () => {
    const lab = await startLab({ maxSessionBytes: 64 * 1024, maxTranscriptBytes: 256 * 1024 });
    for (let i = 0; i < 12; i++) await noopFlood(lab.smtpPort, 800, 40);
    await eventually(() => (lab.sessions.openCount() === 0 ? true : undefined));
    const stats = lab.sessions.transcriptStats();
    expect(stats.bytes).toBeLessThanOrEqual(256 * 1024);
    expect(stats.sessionsDropped).toBeGreaterThan(0);
    const kept = lab.sessions.list({ limit: 100 }).sessions;
    expect(kept.length).toBe(12 - stats.sessionsDropped);
    // Newest first: what was dropped is the oldest.
    const started = kept.map((s) => Date.parse(s.Started));
    expect([...started].sort((a, b) => b - a)).toEqual(started);
  });

  it('clients pipelining at the same time stay within the total budget while their sessions are open', async () => {
    const lab = await startLab({ maxSessionBytes: 256 * 1024, maxTranscriptBytes: 1024 * 1024 });
    let highest = 0;
    const sampler = setInterval(() => (highest = Math.max(highest, lab.sessions.transcriptStats().bytes)), 20);
    await Promise.all(Array.from({ length: 20 }, () => noopFlood(lab.smtpPort, 3000)));
    clearInterval(sampler);
    await eventually(() => (lab.sessions.openCount() === 0 ? true : undefined), 10_000);
    highest = Math.max(highest, lab.sessions.transcriptStats().bytes);
    // Open sessions are cut down to a floor when the total is over: the bound holds mid-flood.
    expect(highest).toBeLessThanOrEqual(1024 * 1024);
    expect(lab.sessions.transcriptStats().linesDropped).toBeGreaterThan(0);
  });
});
