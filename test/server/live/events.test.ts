// The live stream on /api/events: Mailpit's frames, smtp-lab's coalesced session frames, a
// subscriber joining mid-session, the Origin check and the cut-off of a slow subscriber.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { DialogueLine, LiveEvent, SessionRecord } from '../../../server/index.js';
import { CLOSE_SLOW_CONSUMER } from '../../../server/index.js';
import { eventually, getJson, startLab } from '../../helpers/lab.js';
import { subscribe } from '../../helpers/live-events.js';
import { expectReply, openSession } from '../../helpers/smtp-dialogue.js';
import { labTransport } from '../../helpers/send-mail.js';

type SessionFrame = Extract<LiveEvent, { Type: 'session' }>;
const isSession = (e: LiveEvent): e is SessionFrame => e.Type === 'session';

/** Merges session frames by Seq as a client must: keep what is new, drop what it has. */
function mergeLines(into: Map<number, DialogueLine>, lines: DialogueLine[]): void {
  for (const line of lines) if (!into.has(line.Seq)) into.set(line.Seq, line);
}

describe('live events', () => {
  it('tells one session in order: opened, its lines, the new mail, closed', async () => {
    const lab = await startLab();
    const events = await subscribe(lab.url);
    const info = await labTransport(lab.smtpPort).sendMail({ from: 'a@lab.local', to: 'b@lab.local', subject: 'order', text: 'x' });
    const id = /queued as (\S+)/.exec(info.response)?.[1];
    await events.waitFor((e) => isSession(e) && e.Data.Summary.State !== 'open');

    const relevant = events.events.filter((e) => isSession(e) || e.Type === 'new');
    const firstSession = relevant.find(isSession);
    expect(firstSession?.Data.Summary.State).toBe('open');
    expect(firstSession?.Data.Lines[0]).toMatchObject({ Seq: 0, Dir: 'E', Event: 'connected' });
    const newIndex = relevant.findIndex((e) => e.Type === 'new');
    const closedIndex = relevant.findIndex((e) => isSession(e) && e.Data.Summary.State !== 'open');
    expect(newIndex).toBeGreaterThan(relevant.findIndex((e) => e === firstSession));
    // Under load the frame that carries the mail's dialogue may be sent after QUIT: it then already
    // says closed, and still goes right before the mail. It never comes later than that.
    expect(closedIndex).toBeGreaterThanOrEqual(newIndex - 1);
    const newEvent = relevant[newIndex] as Extract<LiveEvent, { Type: 'new' }>;
    expect(newEvent.Data).toMatchObject({ ID: id, Subject: 'order', SessionID: firstSession?.Data.Summary.ID });
    // Before the mail, the subscriber has seen the dialogue that produced it, its body included.
    const linesBeforeNew = relevant
      .slice(0, newIndex)
      .filter(isSession)
      .flatMap((e) => e.Data.Lines);
    expect(
      linesBeforeNew
        .map((l) => l.Command)
        .filter(Boolean)
        .slice(0, 5),
    ).toEqual(['EHLO', 'MAIL', 'RCPT', 'DATA', 'DATA-BODY']);
    expect(linesBeforeNew.find((l) => l.Command === 'DATA-BODY')?.MessageID).toBe(id);

    // All frames together give exactly the stored dialogue: no gap, no duplicate.
    const merged = new Map<number, DialogueLine>();
    let total = 0;
    for (const frame of relevant.filter(isSession)) {
      total += frame.Data.Lines.length;
      mergeLines(merged, frame.Data.Lines);
    }
    const { body: record } = await getJson<SessionRecord>(`${lab.url}/api/lab/sessions/${firstSession?.Data.Summary.ID}`);
    expect(total).toBe(record.Lines.length);
    expect([...merged.values()]).toEqual(record.Lines);
    // Mailpit's stats frame follows the change.
    await events.waitFor((e) => e.Type === 'stats' && e.Data.Total === 1);
  });

  it('lets a subscriber join mid-session: fetch so far, follow, no gap or duplicate', async () => {
    const lab = await startLab();
    const conn = await openSession(lab.smtpPort);
    await expectReply(conn, 'MAIL FROM:<a@lab.local>', 250);
    const { body: list } = await getJson<{ sessions: Array<{ ID: string }> }>(`${lab.url}/api/lab/sessions?state=open`);
    const sessionId = list.sessions[0]?.ID as string;

    // A browser's way: summaries for all, lines for the followed session (catch-up included).
    const follower = await subscribe(lab.url, 'sessions=summary');
    // A script's way: every line live, plus the record fetched over HTTP.
    const lines = await subscribe(lab.url);
    const { body: soFar } = await getJson<SessionRecord>(`${lab.url}/api/lab/sessions/${sessionId}`);
    follower.send({ Follow: [sessionId] });
    await follower.waitFor((e) => isSession(e) && e.Data.Lines.length > 0);

    await expectReply(conn, 'RCPT TO:<b@lab.local>', 250);
    await expectReply(conn, 'DATA', 354);
    conn.write('Subject: joined\r\n\r\nx\r\n.\r\n');
    await expectReply(conn, null, 250);
    await expectReply(conn, 'QUIT', 221);
    await follower.waitFor((e) => isSession(e) && e.Data.Summary.State === 'closed');
    await lines.waitFor((e) => isSession(e) && e.Data.Summary.State === 'closed');
    const { body: final } = await getJson<SessionRecord>(`${lab.url}/api/lab/sessions/${sessionId}`);

    const viaFollow = new Map<number, DialogueLine>();
    for (const frame of follower.events.filter(isSession)) {
      if (frame.Data.Summary.ID === sessionId) mergeLines(viaFollow, frame.Data.Lines);
    }
    expect([...viaFollow.values()].sort((a, b) => a.Seq - b.Seq)).toEqual(final.Lines);

    const viaFetch = new Map<number, DialogueLine>();
    mergeLines(viaFetch, soFar.Lines);
    for (const frame of lines.events.filter(isSession)) mergeLines(viaFetch, frame.Data.Lines);
    expect([...viaFetch.values()].sort((a, b) => a.Seq - b.Seq)).toEqual(final.Lines);
  });

  it('coalesces the lines of a busy session into few frames', async () => {
    const lab = await startLab({ liveFlushMs: 400 });
    const events = await subscribe(lab.url);
    const conn = await openSession(lab.smtpPort);
    conn.write('NOOP\r\n'.repeat(200));
    for (let i = 0; i < 200; i++) expect((await conn.read()).code).toBe(250);
    await expectReply(conn, 'QUIT', 221);
    await events.waitFor((e) => isSession(e) && e.Data.Summary.State === 'closed');
    const frames = events.events.filter(isSession);
    const lineCount = frames.reduce((n, f) => n + f.Data.Lines.length, 0);
    expect(lineCount).toBeGreaterThanOrEqual(405);
    expect(frames.length).toBeLessThan(10);
  });

  it('sends summaries only to a `sessions=summary` subscriber, and nothing of sessions to `none`', async () => {
    const lab = await startLab();
    const summary = await subscribe(lab.url, 'sessions=summary');
    const none = await subscribe(lab.url, 'sessions=none');
    await labTransport(lab.smtpPort).sendMail({ from: 'a@lab.local', to: 'b@lab.local', subject: 's', text: 'x' });
    await summary.waitFor((e) => isSession(e) && e.Data.Summary.State !== 'open');
    await none.waitFor((e) => e.Type === 'new');
    expect(summary.events.filter(isSession).every((e) => e.Data.Lines.length === 0)).toBe(true);
    expect(none.events.some(isSession)).toBe(false);
  });

  it('sends an `error` frame for a 4xx/5xx reply, as Mailpit does', async () => {
    const lab = await startLab();
    const events = await subscribe(lab.url);
    const conn = await openSession(lab.smtpPort);
    await expectReply(conn, 'RCPT TO:<b@lab.local>', 503);
    const error = await events.waitFor((e) => e.Type === 'error');
    expect(error.Data).toMatchObject({ Level: 'error', Type: 'smtpd', IP: '127.0.0.1', Message: expect.stringMatching(/^503 /) });
  });

  describe('Origin check (cross-site WebSocket hijacking)', () => {
    const cases = [
      { name: 'no Origin (not a browser)', origin: undefined, allowed: true },
      { name: 'the server itself', origin: 'self', allowed: true },
      { name: 'a foreign site', origin: 'http://evil.example', allowed: false },
      { name: 'the same host on another port', origin: 'http://127.0.0.1:1', allowed: false },
      { name: 'an origin allowed by option', origin: 'http://localhost:5173', allowed: true },
    ];
    it.each(cases)('$name → $allowed', async ({ origin, allowed }) => {
      const lab = await startLab({ allowedOrigins: ['http://localhost:5173'] });
      const headers: Record<string, string> = {};
      if (origin) headers.Origin = origin === 'self' ? lab.url : origin;
      const outcome = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`${lab.url.replace('http', 'ws')}/api/events`, { headers });
        ws.once('open', () => {
          ws.close();
          resolve('open');
        });
        ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.once('error', (err) => resolve(err.message));
      });
      expect(outcome).toBe(allowed ? 'open' : '403');
    });
  });

  it('cuts off a subscriber that does not read, and keeps serving the others', async () => {
    const lab = await startLab({ liveMaxBufferedBytes: 256 * 1024, liveFlushMs: 10 });
    const healthy = await subscribe(lab.url);
    const slow = await subscribe(lab.url);
    // Stop reading: the server's send buffer for this subscriber can only grow.
    const raw = (slow.socket as unknown as { _socket: import('node:net').Socket })._socket;
    raw.pause();
    const conn = await openSession(lab.smtpPort);
    const line = `NOOP ${'n'.repeat(1900)}\r\n`;
    let cut = false;
    for (let round = 0; round < 40 && !cut; round++) {
      conn.write(line.repeat(500));
      for (let i = 0; i < 500; i++) await conn.read();
      const { body } = await getJson<{ Lab: { Subscribers: number } }>(`${lab.url}/api/v1/info`);
      cut = body.Lab.Subscribers === 1;
    }
    expect(cut).toBe(true);
    raw.resume();
    const closed = await slow.closed;
    expect([CLOSE_SLOW_CONSUMER, 1006]).toContain(closed.code);
    // The healthy subscriber still gets everything.
    await expectReply(conn, 'QUIT', 221);
    await healthy.waitFor((e) => isSession(e) && e.Data.Summary.State === 'closed', 10_000);
    await eventually(() => (healthy.socket.readyState === WebSocket.OPEN ? true : undefined));
  });
});
