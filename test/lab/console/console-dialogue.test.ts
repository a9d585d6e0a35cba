// The browser SMTP console's bridge (issue 12, point 5) with real protocols end to end: a real
// WebSocket signed in with a real sign-up's cookie, bridged to the lab's own listeners. A whole
// dialogue on the plain listener, typed line by line, is one session in lab.sessions with every
// line in order and its mail in lab.mailbox; on the submission listener STARTTLS is upgraded by
// the bridge with the lab's certificate, then AUTH (PLAIN and LOGIN) succeeds, and no secret is
// in the transcript, the mail or any frame the bridge sent back.
import { describe, expect, it } from 'vitest';
import { MASK } from '../../../server/wire/mask.js';
import { eventually, startLab } from '../../helpers/lab.js';
import { openConsole, signedInCookie } from './console-client.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('the console on the plain listener', () => {
  it('carries a whole dialogue typed line by line: one session, every line in order, the mail stored', async () => {
    const lab = await startLab();
    const cookie = await signedInCookie(lab.url);
    const c = openConsole(lab.url, { cookie, listener: 'smtp' });

    const connected = await c.next('connected');
    expect(connected.target).toEqual({ name: 'smtp', port: lab.smtpPort, security: 'none', profile: 'open' });
    const greeting = await c.next('reply');
    expect(greeting.code).toBe(220);
    expect(greeting.mode).toBe('command');

    const ehlo = await c.say('EHLO student.example');
    expect(ehlo.code).toBe(250);
    // A multi-line reply arrives whole, in one frame.
    expect(ehlo.lines.length).toBeGreaterThan(2);
    expect(ehlo.lines.slice(0, -1).every((l) => l.startsWith('250-'))).toBe(true);
    expect(ehlo.lines.at(-1)).toMatch(/^250 /);
    expect((await c.say('MAIL FROM:<alerts@plant.example>')).code).toBe(250);
    expect((await c.say('RCPT TO:<operator@lab.local>')).code).toBe(250);
    const data = await c.say('DATA');
    expect(data.code).toBe(354);
    expect(data.mode).toBe('data');
    for (const line of ['Subject: Boiler 7 over 95 C', '', 'Temperature 97 C', '..a line that starts with a dot']) c.line(line);
    const stored = await c.say('.');
    expect(stored.code).toBe(250);
    expect(stored.mode).toBe('command');
    expect((await c.say('QUIT')).code).toBe(221);
    // The server closing its side ends the console, and the WebSocket with it.
    expect((await c.next('ended')).reason).toBe('server-closed');
    expect((await c.closed).code).toBe(1000);

    // Every line echoed as sent, in order, each before its reply.
    const echoed = c.frames.filter((f) => f.type === 'sent').map((f) => f.text);
    expect(echoed).toEqual([
      'EHLO student.example',
      'MAIL FROM:<alerts@plant.example>',
      'RCPT TO:<operator@lab.local>',
      'DATA',
      'Subject: Boiler 7 over 95 C',
      '',
      'Temperature 97 C',
      '..a line that starts with a dot',
      '.',
      'QUIT',
    ]);
    const order = c.frames.map((f) => (f.type === 'reply' ? `S${f.code}` : f.type === 'sent' ? `C` : f.type));
    // The session is known a moment before or after the connection is: both come first.
    expect(order.slice(0, 2).sort()).toEqual(['connected', 'session']);
    expect(order.slice(2).join(' ')).toBe('S220 C S250 C S250 C S250 C S354 C C C C C S250 C S221 ended');

    // The session: the one the console's local port opened, every line in order.
    const sessionId = c.frames.find((f) => f.type === 'session')?.id ?? '';
    const session = await eventually(() => {
      const s = lab.sessions.get(sessionId);
      return s && s.State !== 'open' ? s : undefined;
    });
    expect(session.ClientPort).toBe(connected.localPort);
    expect(session.Listener.Name).toBe('smtp');
    expect(session.State).toBe('closed');
    expect(session.Helo).toBe('student.example');
    const lines = session.Lines.map((l) => (l.Dir === 'S' ? `S ${l.Code}` : l.Dir === 'C' ? `C ${l.Command}` : `E ${l.Event}`));
    expect(lines).toEqual([
      'E connected',
      'S 220',
      'C EHLO',
      'S 250',
      'C MAIL',
      'S 250',
      'C RCPT',
      'S 250',
      'C DATA',
      'S 354',
      'C DATA-BODY',
      'S 250',
      'C QUIT',
      'S 221',
      'E closed',
    ]);
    expect(session.Lines.map((l) => l.Seq)).toEqual(session.Lines.map((_, i) => i));

    // The mail, with the doubled dot undone by the server (RFC 5321 §4.5.2).
    const mailId = session.MessageIDs[0] ?? '';
    const mail = lab.mailbox.get(mailId);
    expect(mail?.summary.Subject).toBe('Boiler 7 over 95 C');
    const raw = String(mail?.raw);
    expect(raw).toContain('Temperature 97 C\r\n.a line that starts with a dot');
    expect(session.Transactions.map((t) => [t.MailFrom, t.RcptTo])).toEqual([['alerts@plant.example', ['operator@lab.local']]]);
  });

  it('answers a command it does not know with 500, and the browser leaving closes the connection', async () => {
    const lab = await startLab();
    const c = openConsole(lab.url, { cookie: await signedInCookie(lab.url) });
    await c.next('reply');
    const unknown = await c.say('HELLO there');
    expect(unknown.code).toBe(500);
    expect(unknown.mode).toBe('command');
    c.ws.close();
    await c.closed;
    // The browser leaving closes the connection: the session ends (without QUIT).
    const id = c.frames.find((f) => f.type === 'session')?.id ?? '';
    const session = await eventually(() => (lab.sessions.get(id)?.State !== 'open' ? lab.sessions.get(id) : undefined));
    expect(session.Lines.at(-1)?.Event).toMatch(/closed|aborted/);
    expect(session.Lines.filter((l) => l.Dir === 'C').map((l) => l.Text)).toEqual(['HELLO there']);
  });
});

describe('the console on the submission listener: STARTTLS, then AUTH', () => {
  it('upgrades to TLS with the lab certificate after 220, then AUTH PLAIN and LOGIN succeed; no secret anywhere', async () => {
    const lab = await startLab();
    const cookie = await signedInCookie(lab.url);
    const secret = 'account-password-1';
    const c = openConsole(lab.url, { cookie, listener: 'submission' });
    expect((await c.next('connected')).target.security).toBe('starttls');
    expect((await c.next('reply')).code).toBe(220);
    const ehlo = await c.say('EHLO student.example');
    expect(ehlo.lines.some((l) => /STARTTLS/.test(l))).toBe(true);
    expect((await c.say('MAIL FROM:<student@lab.local>')).code).toBe(530);

    // STARTTLS, and the EHLO typed right after it (before TLS is up) waits for the handshake.
    c.line('STARTTLS');
    c.line('EHLO student.example');
    expect((await c.next('reply')).code).toBe(220);
    const tls = await c.next('tls');
    expect(tls.upgraded).toBe(true);
    expect(tls.protocol).toMatch(/^TLSv1\.[23]$/);
    const afterTls = await c.next('reply');
    expect(afterTls.code).toBe(250);
    expect(afterTls.lines.some((l) => /STARTTLS/.test(l))).toBe(false);
    expect(afterTls.lines.some((l) => /AUTH .*PLAIN/.test(l))).toBe(true);

    // AUTH PLAIN with the initial response: its echo masks the credentials.
    expect((await c.say(`AUTH PLAIN ${b64(`\0student@lab.local\0${secret}`)}`)).code).toBe(235);
    expect((await c.say('RSET')).code).toBe(250);
    expect((await c.say('QUIT')).code).toBe(221);
    await c.closed;

    // Another console: AUTH LOGIN, each response after 334 is a secret.
    const d = openConsole(lab.url, { cookie, listener: 'submission' });
    await d.next('reply');
    await d.say('EHLO student.example');
    await d.say('STARTTLS');
    await d.next('tls');
    await d.say('EHLO student.example');
    const user = await d.say('AUTH LOGIN');
    expect(user.code).toBe(334);
    expect(user.mode).toBe('secret');
    const pass = await d.say(b64('student@lab.local'));
    expect(pass.code).toBe(334);
    expect((await d.say(b64(secret))).code).toBe(235);
    expect((await d.say('MAIL FROM:<student@lab.local>')).code).toBe(250);
    expect((await d.say('RCPT TO:<ops@lab.local>')).code).toBe(250);
    await d.say('DATA');
    d.line('Subject: over TLS');
    d.line('');
    d.line('sent from the console');
    expect((await d.say('.')).code).toBe(250);
    await d.say('QUIT');
    await d.closed;

    const echoedPlain = c.frames.filter((f) => f.type === 'sent').map((f) => f.text);
    expect(echoedPlain).toContain(`AUTH PLAIN ${MASK}`);
    const echoedLogin = d.frames.filter((f) => f.type === 'sent');
    expect(echoedLogin.filter((f) => f.masked).map((f) => f.text)).toEqual([MASK, MASK]);

    const ids = [c, d].map((console) => console.frames.find((f) => f.type === 'session')?.id ?? '');
    const sessions = await eventually(() => {
      const found = ids.map((id) => lab.sessions.get(id));
      return found.every((s) => s && s.State !== 'open') ? found : undefined;
    });
    for (const session of sessions) {
      expect(session?.Tls?.Protocol).toMatch(/^TLSv1\.[23]$/);
      expect(session?.User).toBe('student@lab.local');
      expect(session?.Lines.some((l) => l.Event === 'tls')).toBe(true);
    }
    expect(sessions[1]?.MessageCount).toBe(1);

    // No secret in the transcripts, in any frame, nor in the base64 the student typed.
    const everything = [...c.raw, ...d.raw, JSON.stringify(sessions), lab.logs.text()].join('\n');
    for (const needle of [secret, b64(secret), b64(`\0student@lab.local\0${secret}`)]) expect(everything).not.toContain(needle);
  });

  it('reaches the implicit-TLS listener with TLS from the start', async () => {
    const lab = await startLab();
    const c = openConsole(lab.url, { cookie: await signedInCookie(lab.url), listener: 'smtps' });
    expect((await c.next('connected')).target.security).toBe('implicit-tls');
    const tls = await c.next('tls');
    expect(tls.upgraded).toBe(false);
    expect((await c.next('reply')).code).toBe(220);
    const ehlo = await c.say('EHLO student.example');
    expect(ehlo.lines.some((l) => /STARTTLS/.test(l))).toBe(false);
    expect((await c.say('QUIT')).code).toBe(221);
    expect((await c.closed).code).toBe(1000);
  });
});
