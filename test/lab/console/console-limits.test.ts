// What the console's bridge refuses, and how it ends (issue 12, point 5): no sign-in (4401), a
// page elsewhere or a rebinding Host (403, as /api/events), a listener the lab does not have or
// anything that is not one of its names (4404), a line over RFC 5321's limits or with a line
// break in it (refused, not sent), a frame that is not a line (1008), more consoles than an
// account may have (4429); the server closing ends the console, the browser leaving closes the
// connection, a silent console is closed, and so is every console when the lab stops.
import { WebSocket } from 'ws';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createConsoleFeature } from '../../../lab/console/console-feature.js';
import type { ConsoleInfo } from '../../../lab/console/console-wire.js';
import { createCaptureEngine } from '../../../server/engine.js';
import { eventually, getJson, startLab } from '../../helpers/lab.js';
import { consoleUrl, openConsole, signedInCookie } from './console-client.js';

/** The HTTP status of an upgrade the server refused before any WebSocket. */
function refusedStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('error', () => undefined);
  });
}

describe('who may open a console', () => {
  it('wants a signed-in lab account: none, or a forged cookie, ends at once with 4401 and no connection', async () => {
    const lab = await startLab();
    for (const cookie of [undefined, 'smtp_lab_session=forged-token']) {
      const c = openConsole(lab.url, { ...(cookie ? { cookie } : {}) });
      const ended = await c.next('ended');
      expect(ended.reason).toBe('not-signed-in');
      expect(ended.text.ru).toMatch(/Войдите/);
      expect((await c.closed).code).toBe(4401);
    }
    expect(lab.sessions.list().total).toBe(0);
  });

  it('refuses a page on another site, and a Host it is not, before any WebSocket (403), even signed in', async () => {
    const lab = await startLab();
    const cookie = await signedInCookie(lab.url);
    const url = consoleUrl(lab.url, 'smtp');
    expect(await refusedStatus(url, { Cookie: cookie, Origin: 'http://evil.example' })).toBe(403);
    expect(await refusedStatus(url, { Cookie: cookie, Origin: `http://127.0.0.1:${lab.httpPort + 1}` })).toBe(403);
    expect(await refusedStatus(url, { Cookie: cookie, Host: `rebound.example:${lab.httpPort}` })).toBe(403);
    expect(lab.sessions.list().total).toBe(0);
  });

  it('leaves /api/events to the hub, and an upgrade nobody takes is still cut', async () => {
    const lab = await startLab();
    const ws = (path: string) => new WebSocket(`${lab.url.replace(/^http/, 'ws')}${path}`, { headers: { Origin: lab.url } });
    const events = ws('/api/events');
    await new Promise((resolve, reject) => events.once('open', resolve).once('error', reject));
    events.close();
    const nowhere = ws('/api/lab/console-not');
    await expect(new Promise((resolve, reject) => nowhere.once('open', resolve).once('error', reject))).rejects.toThrow(/socket hang up/);
  });

  it('reaches only the lab’s own listeners, by name: anything else ends with 4404 naming them', async () => {
    const lab = await startLab({ smtpsPort: false });
    const cookie = await signedInCookie(lab.url);
    for (const name of ['imap', '', 'smtps', `127.0.0.1:${lab.smtpPort}`, 'example.com:25', 'SMTP']) {
      const c = openConsole(lab.url, { cookie, listener: name });
      const ended = await c.next('ended');
      expect(ended.reason, name).toBe('unknown-listener');
      expect(ended.text.en).toContain('smtp, submission');
      expect((await c.closed).code).toBe(4404);
    }
    expect(lab.sessions.list().total).toBe(0);
    const info = await getJson<ConsoleInfo>(`${lab.url}/api/lab/console`);
    expect(info.body.targets.map((t) => [t.name, t.port])).toEqual([
      ['smtp', lab.smtpPort],
      ['submission', lab.submissionPort],
    ]);
    expect(info.body.limits).toMatchObject({ commandOctets: 512, dataOctets: 1000, perAccount: 3 });
  });

  it('lets one account have 3 consoles at once (4429 for the fourth), another account its own', async () => {
    const lab = await startLab();
    const cookie = await signedInCookie(lab.url, 'first');
    const open = [1, 2, 3].map(() => openConsole(lab.url, { cookie }));
    for (const c of open) await c.next('reply');
    const fourth = openConsole(lab.url, { cookie });
    expect((await fourth.next('ended')).reason).toBe('too-many');
    expect((await fourth.closed).code).toBe(4429);
    const other = openConsole(lab.url, { cookie: await signedInCookie(lab.url, 'second') });
    expect((await other.next('reply')).code).toBe(220);
    open[0]?.ws.close();
    await open[0]?.closed;
    const again = openConsole(lab.url, { cookie });
    await eventually(async () => ((await again.next('reply').catch(() => undefined))?.code === 220 ? true : undefined));
  });
});

describe('what a console sends', () => {
  it('refuses a line over 512 octets with its CRLF (1000 in DATA), or with a line break, and sends nothing of it', async () => {
    const lab = await startLab();
    const c = openConsole(lab.url, { cookie: await signedInCookie(lab.url) });
    await c.next('reply');
    // RFC 5321 §4.5.3.1.4: 510 octets and the CRLF is the most; "ж" is two octets in UTF-8.
    c.line(`NOOP ${'x'.repeat(506)}`);
    const long = await c.next('refused');
    expect(long.reason).toBe('line-too-long');
    expect(long.text.en).toContain('510 bytes');
    c.line(`NOOP ${'ж'.repeat(253)}`);
    expect((await c.next('refused')).reason).toBe('line-too-long');
    expect((await c.say(`NOOP ${'x'.repeat(505)}`)).code).toBe(250);
    // One line per frame: CRLF inside would smuggle a second command past the console.
    c.line('NOOP\r\nMAIL FROM:<x@y.example>');
    expect((await c.next('refused')).reason).toBe('line-break');

    await c.say('EHLO student.example');
    await c.say('MAIL FROM:<alerts@plant.example>');
    await c.say('RCPT TO:<ops@lab.local>');
    await c.say('DATA');
    // RFC 5321 §4.5.3.1.6: a line of the message is 998 octets and the CRLF.
    c.line('y'.repeat(999));
    expect((await c.next('refused')).text.en).toContain('998 bytes');
    c.line('Subject: long lines');
    c.line('');
    c.line('y'.repeat(998));
    expect((await c.say('.')).code).toBe(250);
    await c.say('QUIT');

    const id = c.frames.find((f) => f.type === 'session')?.id ?? '';
    const session = await eventually(() => (lab.sessions.get(id)?.State === 'closed' ? lab.sessions.get(id) : undefined));
    expect(session.Lines.filter((l) => l.Dir === 'C').map((l) => l.Command)).toEqual(['NOOP', 'EHLO', 'MAIL', 'RCPT', 'DATA', 'DATA-BODY', 'QUIT']);
    const mail = lab.mailbox.get(session.MessageIDs[0] ?? '');
    expect(String(mail?.raw)).toContain(`\r\n${'y'.repeat(998)}\r\n`);
    expect(String(mail?.raw)).not.toContain('y'.repeat(999));
  });

  it('ends a console that sends anything but a line (1008)', async () => {
    const lab = await startLab();
    const cookie = await signedInCookie(lab.url);
    for (const frame of ['not json', JSON.stringify({ type: 'open', host: 'example.com', port: 25 }), Buffer.from([0x16, 0x03, 0x01])]) {
      const c = openConsole(lab.url, { cookie });
      await c.next('reply');
      c.ws.send(frame);
      expect((await c.next('ended')).reason).toBe('bad-frame');
      expect((await c.closed).code).toBe(1008);
    }
  });
});

describe('how a console ends', () => {
  it('the server closing (its idle timeout: 421) ends the console; the browser leaving ends the session', async () => {
    const lab = await startLab({ idleTimeoutMs: 300 });
    const cookie = await signedInCookie(lab.url);
    const c = openConsole(lab.url, { cookie });
    await c.next('reply');
    const timeout = await c.next('reply', 3000);
    expect(timeout.code).toBe(421);
    expect((await c.next('ended')).reason).toBe('server-closed');
    expect((await c.closed).code).toBe(1000);

    const d = openConsole(lab.url, { cookie });
    await d.next('reply');
    await d.say('EHLO student.example');
    const id = d.frames.find((f) => f.type === 'session')?.id ?? '';
    d.ws.terminate();
    const session = await eventually(() => (lab.sessions.get(id)?.State !== 'open' ? lab.sessions.get(id) : undefined), 3000);
    expect(session.Lines.at(-1)?.Dir).toBe('E');
  });

  it('closes a console silent both ways for its idle time, and every console when the lab stops', async () => {
    const engine = await createCaptureEngine({ log: () => {} });
    const feature = createConsoleFeature(engine, { idleMs: 300 });
    engine.mount(feature);
    onTestFinished(() => engine.close());
    const cookie = await signedInCookie(engine.url);
    const idle = openConsole(engine.url, { cookie });
    await idle.next('reply');
    const ended = await idle.next('ended', 3000);
    expect(ended.reason).toBe('idle');
    expect((await idle.closed).code).toBe(4408);

    const busy = openConsole(engine.url, { cookie });
    await busy.next('reply');
    expect(feature.openCount()).toBe(1);
    const id = busy.frames.find((f) => f.type === 'session')?.id ?? (await busy.next('session')).id;
    await engine.close();
    expect((await busy.next('ended')).reason).toBe('shutdown');
    expect((await busy.closed).code).toBe(1001);
    expect(feature.openCount()).toBe(0);
    expect(engine.sessions.get(id)?.State).not.toBe('open');
  });
});
