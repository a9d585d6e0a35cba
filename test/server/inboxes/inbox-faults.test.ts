// A fault rule for one student follows the student's inbox: unauthenticated mail that the routing
// rules give to the student (a HELO name, a plus address) meets it; another student's does not.
import { describe, expect, it } from 'vitest';
import { startLab } from '../../helpers/lab.js';
import { labTransport } from '../../helpers/send-mail.js';

const PASSWORD = 'correct horse battery';

describe("a student's fault rule", () => {
  it('fires on the sessions of their inbox by HELO or plus address, not on the others', async () => {
    const lab = await startLab({ classMode: true });
    for (const name of ['anna', 'boris']) await lab.accounts.create(name, PASSWORD);
    const signIn = await fetch(`${lab.url}/api/lab/account/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: lab.url },
      body: JSON.stringify({ address: 'anna', password: PASSWORD }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const added = await fetch(`${lab.url}/api/lab/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: lab.url, cookie },
      body: JSON.stringify({ name: 'mailbox full', stage: 'rcpt', effect: { kind: 'reply', code: 452, text: 'Mailbox full' } }),
    });
    expect(added.status).toBe(201);

    await expect(labTransport(lab.smtpPort, { name: 'anna' }).sendMail({ from: 'a@x.test', to: 'x@x.test', text: '1' })).rejects.toThrow(/452/);
    await expect(labTransport(lab.smtpPort).sendMail({ from: 'a@x.test', to: 'ops+anna@x.test', text: '2' })).rejects.toThrow(/452/);
    await labTransport(lab.smtpPort, { name: 'boris' }).sendMail({ from: 'a@x.test', to: 'x@x.test', text: '3' });
    await labTransport(lab.smtpPort).sendMail({ from: 'a@x.test', to: 'ops+boris@x.test', text: '4' });
    expect(lab.mailbox.forInbox('boris@lab.local').list().total).toBe(2);
    expect(lab.mailbox.forInbox('anna@lab.local').list().total).toBe(0);
  });
});
