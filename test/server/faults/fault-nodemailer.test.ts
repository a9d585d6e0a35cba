// Every stage × every effect as an application sees it through nodemailer: what error (or none)
// each fault gives, so that a test author knows what their error handling will meet. The QUIT
// stage comes after the mail was accepted: nodemailer has sent it whatever QUIT gets.
import { describe, expect, it } from 'vitest';
import type { FaultEffect, FaultStage } from '../../../server/index.js';
import { labTransport } from '../../helpers/send-mail.js';
import { startLab } from '../../helpers/lab.js';

const STAGES: FaultStage[] = ['greeting', 'helo', 'mail', 'rcpt', 'data', 'body', 'quit'];
const EFFECTS: Record<string, FaultEffect> = {
  transient: { kind: 'reply', code: 451, enhanced: '4.3.0', text: 'Injected transient' },
  permanent: { kind: 'reply', code: 554, enhanced: '5.3.0', text: 'Injected permanent' },
  delay: { kind: 'delay', ms: 150 },
  disconnect: { kind: 'disconnect' },
};

type Outcome = { sent: boolean; code?: string; responseCode?: number; command?: string };

async function send(port: number): Promise<Outcome> {
  try {
    await labTransport(port, { connectionTimeout: 3000, greetingTimeout: 3000, socketTimeout: 3000 }).sendMail({
      from: 'app@example.com',
      to: 'ops@example.com',
      subject: 's',
      text: 't',
    });
    return { sent: true };
  } catch (err) {
    const e = err as { code?: string; responseCode?: number; command?: string };
    return { sent: false, ...(e.code ? { code: e.code } : {}), ...(e.responseCode ? { responseCode: e.responseCode } : {}) };
  }
}

describe('every stage × every effect, through nodemailer', () => {
  for (const stage of STAGES) {
    for (const [name, effect] of Object.entries(EFFECTS)) {
      it(`${stage} × ${name}`, async () => {
        const lab = await startLab({ smtpsPort: false, submissionPort: false });
        lab.faults.add({ stage, effect });
        const outcome = await send(lab.smtpPort);
        if (stage === 'quit' || effect.kind === 'delay') {
          expect(outcome).toEqual({ sent: true });
        } else if (effect.kind === 'reply') {
          expect(outcome.sent).toBe(false);
          // Before the transaction nodemailer reports the greeting/EHLO reply as a protocol or
          // connection error; in it, as the envelope's or the message's failure with the code.
          if (stage === 'greeting' || stage === 'helo') expect(['EPROTOCOL', 'ECONNECTION', 'EENVELOPE', 'EMESSAGE']).toContain(outcome.code);
          else expect(outcome.responseCode).toBe(effect.code);
        } else {
          expect(outcome.sent).toBe(false);
          expect(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EPROTOCOL']).toContain(outcome.code);
        }
        const stored = lab.mailbox.stats().total;
        // A mail is stored exactly when nodemailer was told it was accepted.
        expect(stored).toBe(outcome.sent ? 1 : 0);
      });
    }
  }

  it('tls-failure through nodemailer: on 465-style TLS and on STARTTLS, an error, never a plain-text fallback', async () => {
    const lab = await startLab();
    lab.faults.add({ preset: 'broken-tls' });
    const tls = { rejectUnauthorized: false };
    const implicit = await labTransport(lab.smtpsPort as number, { secure: true, tls, auth: { user: 'x@lab.local', pass: 'y' } })
      .sendMail({ from: 'x@lab.local', to: 'ops@example.com', text: 't' })
      .catch((err: { code?: string }) => err.code);
    expect(implicit).toBe('ESOCKET');
    const upgrade = await labTransport(lab.submissionPort as number, { ignoreTLS: false, requireTLS: true, tls, auth: { user: 'x@lab.local', pass: 'y' } })
      .sendMail({ from: 'x@lab.local', to: 'ops@example.com', text: 't' })
      .catch((err: { code?: string }) => err.code);
    expect(['ETLS', 'ESOCKET']).toContain(upgrade);
    expect(lab.mailbox.stats().total).toBe(0);
  });
});
