// Every stage × every effect of a fault rule, through raw dialogues on the plain listener (and
// the TLS ones for STARTTLS, AUTH and a broken handshake): the injected reply arrives exactly as
// the rule wrote it, marked in the session with its rule; a drop leaves no reply; a delay holds
// the server's own reply; the server's own dialogue goes on untouched for the rules' misses.
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import type { FaultEffect, FaultStage, SessionRecord } from '../../../server/index.js';
import { connectSmtp, type SmtpConnection } from '../../helpers/smtp-dialogue.js';
import { eventually, startLab } from '../../helpers/lab.js';

type Step = { stage: FaultStage; send?: string | string[]; ok: number };

/** The plain listener's dialogue, stage by stage: what the client sends and the server's own code. */
const PLAIN: Step[] = [
  { stage: 'greeting', ok: 220 },
  { stage: 'helo', send: 'EHLO client.test', ok: 250 },
  { stage: 'mail', send: 'MAIL FROM:<app@example.com>', ok: 250 },
  { stage: 'rcpt', send: 'RCPT TO:<ops@example.com>', ok: 250 },
  { stage: 'data', send: 'DATA', ok: 354 },
  { stage: 'body', send: ['Subject: fault', '', 'hello', '.'], ok: 250 },
  { stage: 'quit', send: 'QUIT', ok: 221 },
];

async function runUntil(conn: SmtpConnection, steps: Step[], stage: FaultStage) {
  for (const step of steps) {
    if (step.send) for (const line of [step.send].flat()) conn.send(line);
    if (step.stage === stage) return step;
    const reply = await conn.read();
    expect(reply.code, `${step.stage}: ${reply.text}`).toBe(step.ok);
  }
  throw new Error(`no stage ${stage}`);
}

const lastSession = async (lab: Awaited<ReturnType<typeof startLab>>, done: (s: SessionRecord) => boolean) =>
  eventually(
    () => {
      const s = lab.sessions.list({}).sessions[0];
      const full = s && lab.sessions.get(s.ID);
      return full && done(full) ? full : undefined;
    },
    5000,
    'the session',
  );

const REPLY: FaultEffect = { kind: 'reply', code: 452, enhanced: '4.3.1', text: 'Injected trouble' };

describe('fault rules at every stage of a plain dialogue', () => {
  for (const step of PLAIN) {
    it(`${step.stage}: a reply, exactly as written and marked with its rule`, async () => {
      const lab = await startLab({ submissionPort: false, smtpsPort: false });
      const rule = lab.faults.add({ name: 'stage test', stage: step.stage, effect: REPLY });
      const conn = await connectSmtp(lab.smtpPort);
      await runUntil(conn, PLAIN, step.stage);
      const reply = await conn.read();
      expect(reply.code).toBe(452);
      expect(reply.text).toContain('452 4.3.1 Injected trouble');
      conn.destroy();
      const session = await lastSession(lab, (s) => s.Lines.some((l) => l.Fault));
      const injected = session.Lines.find((l) => l.Fault);
      expect(injected).toMatchObject({
        Dir: 'S',
        Code: 452,
        Enhanced: '4.3.1',
        Fault: { ruleId: rule.id, ruleName: 'stage test', stage: step.stage, effect: 'reply' },
      });
      expect(rule.rule()?.fired).toBe(1);
      expect(lab.faults.firings()[0]).toMatchObject({ ruleId: rule.id, stage: step.stage, reply: '452 4.3.1 Injected trouble', sessionId: session.ID });
      if (step.stage === 'body') expect(lab.mailbox.stats().total).toBe(0);
    });

    it(`${step.stage}: a disconnect leaves no reply, and says so`, async () => {
      const lab = await startLab({ submissionPort: false, smtpsPort: false });
      lab.faults.add({ stage: step.stage, effect: { kind: 'disconnect' } });
      const conn = await connectSmtp(lab.smtpPort);
      await runUntil(conn, PLAIN, step.stage);
      await expect(conn.read()).rejects.toThrow(/closed/);
      const session = await lastSession(lab, (s) => s.State !== 'open');
      expect(session.Lines.some((l) => l.Dir === 'E' && l.Event === 'fault' && l.Fault?.effect === 'disconnect')).toBe(true);
      if (step.stage === 'body') expect(lab.mailbox.stats().total).toBe(0);
    });

    it(`${step.stage}: a delay holds the server's own reply`, async () => {
      const lab = await startLab({ submissionPort: false, smtpsPort: false });
      lab.faults.add({ stage: step.stage, effect: { kind: 'delay', ms: 300 } });
      const conn = await connectSmtp(lab.smtpPort);
      await runUntil(conn, PLAIN, step.stage);
      const started = Date.now();
      const reply = await conn.read();
      expect(reply.code).toBe(step.ok);
      // The greeting's wait began when the connection did, a little before this read.
      expect(Date.now() - started).toBeGreaterThanOrEqual(step.stage === 'greeting' ? 200 : 290);
      conn.destroy();
    });
  }

  it('the rest of the dialogue goes on after an injected 4xx: a retry in the same session is accepted', async () => {
    const lab = await startLab({ submissionPort: false, smtpsPort: false });
    lab.faults.add({ stage: 'rcpt', effect: { kind: 'reply', code: 451, enhanced: '4.7.1', text: 'Greylisted' }, attempts: { kind: 'first', n: 1 } });
    const conn = await connectSmtp(lab.smtpPort);
    await runUntil(conn, PLAIN, 'rcpt');
    expect((await conn.read()).code).toBe(451);
    conn.send('RCPT TO:<ops@example.com>');
    expect((await conn.read()).code).toBe(250);
    conn.send('DATA');
    expect((await conn.read()).code).toBe(354);
    conn.send('Subject: x\r\n\r\nbody\r\n.');
    expect((await conn.read()).code).toBe(250);
    await eventually(() => (lab.mailbox.stats().total === 1 ? true : undefined));
    conn.destroy();
  });
});

describe('fault rules at connect', () => {
  it('a delay holds the connection before the first byte; the session says so and the firing names it', async () => {
    const lab = await startLab({ submissionPort: false, smtpsPort: false });
    const rule = lab.faults.add({ stage: 'connect', effect: { kind: 'delay', ms: 300 } });
    const started = Date.now();
    const conn = await connectSmtp(lab.smtpPort);
    expect((await conn.read()).code).toBe(220);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    conn.destroy();
    const session = await lastSession(lab, (s) => s.State !== 'open');
    expect(session.Lines.find((l) => l.Event === 'fault')?.Fault).toMatchObject({ ruleId: rule.id, stage: 'connect', effect: 'delay' });
    expect(rule.firings()[0]?.sessionId).toBe(session.ID);
  });

  it('a disconnect: no greeting, and the attempt is a session of its own', async () => {
    const lab = await startLab({ submissionPort: false, smtpsPort: false });
    lab.faults.add({ stage: 'connect', effect: { kind: 'disconnect' } });
    const conn = await connectSmtp(lab.smtpPort);
    await expect(conn.read()).rejects.toThrow(/closed/);
    const session = await lastSession(lab, (s) => s.State !== 'open');
    expect(session.Lines.map((l) => l.Event)).toEqual(['connected', 'fault', 'closed']);
    expect(lab.faults.firings()[0]?.sessionId).toBe(session.ID);
  });

  it('a throttle from the first byte: the greeting comes late by its size', async () => {
    const lab = await startLab({ submissionPort: false, smtpsPort: false });
    lab.faults.add({ stage: 'connect', effect: { kind: 'throttle', bytesPerSecond: 200 } });
    const started = Date.now();
    const conn = await connectSmtp(lab.smtpPort);
    const greeting = await conn.read();
    // About 90 bytes at 200 a second.
    expect(Date.now() - started).toBeGreaterThanOrEqual((greeting.text.length / 200) * 1000 - 20);
    conn.destroy();
  });
});

describe('fault rules on the TLS listeners', () => {
  it('connect + tls-failure on the implicit-TLS port: the handshake fails, the attempt is recorded', async () => {
    const lab = await startLab({ submissionPort: false });
    lab.faults.add({ preset: 'broken-tls' });
    const error = await new Promise<Error>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: lab.smtpsPort as number, rejectUnauthorized: false });
      socket.once('secureConnect', () => resolve(new Error('the handshake succeeded')));
      socket.once('error', resolve);
    });
    expect(error.message).toMatch(/handshake failure|alert/i);
    const session = await lastSession(lab, (s) => s.State !== 'open');
    expect(session.Lines.find((l) => l.Event === 'fault')?.Fault).toMatchObject({ preset: 'broken-tls', stage: 'connect', effect: 'tls-failure' });
  });

  it('broken TLS on the STARTTLS port: 220, then the handshake fails', async () => {
    const lab = await startLab({ smtpsPort: false });
    lab.faults.add({ preset: 'broken-tls' });
    const conn = await connectSmtp(lab.submissionPort as number);
    expect((await conn.read()).code).toBe(220);
    conn.send('EHLO client.test');
    expect((await conn.read()).code).toBe(250);
    conn.send('STARTTLS');
    expect((await conn.read()).code).toBe(220);
    await expect(conn.startTls({ rejectUnauthorized: false })).rejects.toThrow(/handshake failure|alert/i);
  });

  it('AUTH: a 454 after the credentials, on the STARTTLS port', async () => {
    const lab = await startLab({ smtpsPort: false });
    await lab.accounts.create('student@lab.local', 'a good long password');
    lab.faults.add({ stage: 'auth', effect: { kind: 'reply', code: 454, enhanced: '4.7.0', text: 'Temporary authentication failure' } });
    const conn = await connectSmtp(lab.submissionPort as number);
    await conn.read();
    conn.send('EHLO client.test');
    await conn.read();
    conn.send('STARTTLS');
    await conn.read();
    await conn.startTls({ rejectUnauthorized: false });
    conn.send('EHLO client.test');
    await conn.read();
    conn.send(`AUTH PLAIN ${Buffer.from('\0student@lab.local\0a good long password').toString('base64')}`);
    const reply = await conn.read();
    expect(reply.text).toContain('454 4.7.0 Temporary authentication failure');
    conn.destroy();
  });
});
