// Fault rules as a test author writes them: "the next mail to ops@example.com gets 452 at DATA",
// through nodemailer, removed when the test ends; which attempts fire (nth, first N, every Nth,
// a seeded probability that repeats, greylisting's triplets); lifetimes; a throttle; and two
// test scopes on one server that never see each other's faults.
import { describe, expect, it } from 'vitest';
import { FaultError } from '../../../server/index.js';
import { labTransport } from '../../helpers/send-mail.js';
import { eventually, startLab } from '../../helpers/lab.js';

const mail = (to: string, subject = 'hello') => ({ from: 'app@example.com', to, subject, text: 'body' });

async function outcomes(send: () => Promise<unknown>, times: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < times; i++) {
    try {
      await send();
      out.push('ok');
    } catch (err) {
      out.push(String((err as { responseCode?: number }).responseCode ?? (err as Error).message));
    }
  }
  return out;
}

describe('a test author’s fault rules', () => {
  it('the next mail to ops@example.com gets 452 at DATA; the application sees it; removed, mail flows again', async () => {
    const lab = await startLab();
    const transport = labTransport(lab.smtpPort);
    const fault = lab.faults.add({
      stage: 'data',
      match: { rcptTo: 'ops@example.com' },
      effect: { kind: 'reply', code: 452, enhanced: '4.3.1', text: 'Insufficient system storage' },
      lifetime: { firings: 1 },
    });
    await transport.sendMail(mail('dev@example.com'));
    const error = await transport.sendMail(mail('ops@example.com')).then(
      () => undefined,
      (err: unknown) => err as { responseCode: number; response: string; command: string },
    );
    expect(error).toMatchObject({ responseCode: 452, command: 'DATA' });
    expect(error?.response).toBe('452 4.3.1 Insufficient system storage');
    // One firing and the rule is gone: the next mail to ops goes through.
    expect(fault.rule()).toBeUndefined();
    await transport.sendMail(mail('ops@example.com'));
    fault.remove();
    expect(lab.mailbox.stats().total).toBe(2);
  });

  it('rcptTo patterns and a refused recipient among others: nodemailer reports it per recipient', async () => {
    const lab = await startLab();
    lab.faults.add({ preset: 'unknown-recipient', match: { rcptTo: 'nobody@*' } });
    const info = await labTransport(lab.smtpPort).sendMail({ ...mail('ops@example.com'), cc: 'nobody@example.org' });
    expect(info.accepted).toEqual(['ops@example.com']);
    expect(info.rejected).toEqual(['nobody@example.org']);
    expect(info.rejectedErrors?.[0]?.response).toMatch(/^550 5\.1\.1 /);
  });

  it.each([
    [{ kind: 'nth', n: 2 } as const, ['ok', '451', 'ok', 'ok', 'ok', 'ok']],
    [{ kind: 'first', n: 2 } as const, ['451', '451', 'ok', 'ok', 'ok', 'ok']],
    [{ kind: 'every-nth', n: 3 } as const, ['ok', 'ok', '451', 'ok', 'ok', '451']],
    [{ kind: 'every' } as const, ['451', '451', '451', '451', '451', '451']],
  ])('attempts %j fire exactly where they say', async (attempts, expected) => {
    const lab = await startLab();
    lab.faults.add({ stage: 'mail', effect: { kind: 'reply', code: 451, text: 'Try later' }, attempts });
    const transport = labTransport(lab.smtpPort);
    expect(await outcomes(() => transport.sendMail(mail('ops@example.com')), 6)).toEqual(expected);
  });

  it('a seeded probability repeats exactly on a new server; seed null draws', async () => {
    const run = async () => {
      const lab = await startLab();
      lab.faults.add({ stage: 'rcpt', effect: { kind: 'reply', code: 450, text: 'Chance' }, attempts: { kind: 'probability', percent: 50, seed: 42 } });
      const transport = labTransport(lab.smtpPort);
      return outcomes(() => transport.sendMail(mail('ops@example.com')), 16);
    };
    const first = await run();
    expect(await run()).toEqual(first);
    // 16 draws at 50 %: both outcomes occur (a fixed seed, so this is not luck).
    expect(new Set(first)).toEqual(new Set(['ok', '450']));
  });

  it('greylisting: the first attempt of a triplet is deferred, a retry after the delay passes, and the triplet passes from then on', async () => {
    const lab = await startLab();
    lab.faults.add({ preset: 'greylisting', attempts: { kind: 'greylist', retryAfterSeconds: 0.3 } });
    const transport = labTransport(lab.smtpPort);
    const send = () => transport.sendMail(mail('ops@example.com'));
    expect(await outcomes(send, 2)).toEqual(['451', '451']);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await outcomes(send, 2)).toEqual(['ok', 'ok']);
    // Another recipient is another triplet.
    expect(await outcomes(() => transport.sendMail(mail('dev@example.com')), 1)).toEqual(['451']);
  });

  it('a lifetime in seconds ends the rule', async () => {
    const lab = await startLab();
    const fault = lab.faults.add({ stage: 'mail', effect: { kind: 'reply', code: 421, text: 'Bye' }, lifetime: { seconds: 0.2 } });
    const transport = labTransport(lab.smtpPort);
    expect(await outcomes(() => transport.sendMail(mail('ops@example.com')), 1)).toEqual(['421']);
    await eventually(() => (fault.rule() === undefined ? true : undefined), 2000, 'the rule to run out');
    expect(await outcomes(() => transport.sendMail(mail('ops@example.com')), 1)).toEqual(['ok']);
  });

  it('a throttle slows every reply after it by its bytes', async () => {
    const lab = await startLab();
    lab.faults.add({ stage: 'helo', effect: { kind: 'throttle', bytesPerSecond: 400 } });
    const started = Date.now();
    await labTransport(lab.smtpPort).sendMail(mail('ops@example.com'));
    // EHLO's reply (about 150 bytes) and the five after it, at 400 bytes a second.
    expect(Date.now() - started).toBeGreaterThan(500);
    const session = lab.sessions.get(lab.sessions.list({}).sessions[0]!.ID);
    expect(session?.Lines.some((l) => l.Event === 'fault' && l.Fault?.effect === 'throttle')).toBe(true);
  });

  it('two test scopes on one server: each sees only its own faults', async () => {
    const lab = await startLab();
    const a = lab.faults.scope();
    const b = lab.faults.scope();
    a.add({ stage: 'rcpt', effect: { kind: 'reply', code: 550, enhanced: '5.1.1', text: 'A only' } });
    b.add({ stage: 'mail', effect: { kind: 'reply', code: 451, enhanced: '4.7.1', text: 'B only' } });
    const [ra, rb, none] = await Promise.all([
      outcomes(() => labTransport(lab.smtpPort, { name: a.name }).sendMail(mail('ops@example.com')), 3),
      outcomes(() => labTransport(lab.smtpPort, { name: b.name }).sendMail(mail('ops@example.com')), 3),
      outcomes(() => labTransport(lab.smtpPort, { name: 'someone-else' }).sendMail(mail('ops@example.com')), 3),
    ]);
    // nodemailer calls a mail whose only recipient was refused an EENVELOPE error with the reply's code.
    expect(ra).toEqual(['550', '550', '550']);
    expect(rb).toEqual(['451', '451', '451']);
    expect(none).toEqual(['ok', 'ok', 'ok']);
    expect(a.firings().every((f) => f.scope.kind === 'test' && f.scope.name === a.name)).toBe(true);
    expect(a.list()).toHaveLength(1);
    a.clear();
    expect(a.list()).toHaveLength(0);
    expect(b.list()).toHaveLength(1);
  });

  it.each([
    [{ stage: 'rcpt', effect: { kind: 'reply', code: 700, text: 'x' } }, 'effect.code'],
    [{ stage: 'rcpt', effect: { kind: 'reply', code: 452, enhanced: '5.2.2', text: 'x' } }, 'effect.enhanced'],
    [{ stage: 'rcpt', effect: { kind: 'reply', code: 452, text: 'two\r\nlines' } }, 'effect.text'],
    [{ stage: 'helo', match: { mailFrom: 'a@b' }, effect: { kind: 'disconnect' } }, 'match.mailFrom'],
    [{ stage: 'mail', effect: { kind: 'tls-failure' } }, 'stage'],
    [{ stage: 'connect', effect: { kind: 'reply', code: 421, text: 'x' } }, 'stage'],
    [{ stage: 'mail', effect: { kind: 'reply', code: 451, text: 'x' }, attempts: { kind: 'greylist', retryAfterSeconds: 5 } }, 'attempts.kind'],
    [{ stage: 'nowhere', effect: { kind: 'disconnect' } }, 'stage'],
    [{ preset: 'no-such-preset' }, 'preset'],
    [{ stage: 'mail', effect: { kind: 'delay', ms: -1 } }, 'effect.ms'],
    [{ stage: 'mail', effect: { kind: 'disconnect' }, lifetime: { firings: 0 } }, 'lifetime.firings'],
  ])('a rule that makes no sense is refused at its field: %j → %s', async (input, field) => {
    const lab = await startLab();
    let caught: unknown;
    try {
      lab.faults.add(input as never);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FaultError);
    expect(Object.keys((caught as FaultError).fields ?? {})).toContain(field);
    expect((caught as FaultError).message).toContain(field);
  });

  it('a test scope refuses a rule before EHLO unless it names the client address', async () => {
    const lab = await startLab();
    expect(() => lab.faults.scope().add({ preset: 'outage' })).toThrow(/EHLO/);
    expect(() => lab.faults.scope().add({ preset: 'outage', match: { clientAddress: '127.0.0.1' } })).not.toThrow();
  });
});
