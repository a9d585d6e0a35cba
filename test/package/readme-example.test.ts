// The README's vitest example, as a test author writes it: the package imported by its name
// (resolved through package.json "exports" to the built dist/, typings included).
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createLabServer, type LabServer } from 'smtp-lab';

let lab: LabServer;
beforeAll(async () => {
  lab = await createLabServer();
});
afterAll(() => lab.close());

test('the alert reaches the operator', async () => {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: lab.smtpPort });
  await transport.sendMail({ from: 'alerts@plant.example', to: 'operator@lab.local', subject: 'Boiler 7', text: '97 C' });
  const mail = await lab.mailbox.waitFor('to:operator@lab.local subject:"Boiler 7"', { timeout: 2000 });
  expect(mail.Text).toContain('97 C');
  const session = lab.sessions.get(mail.SessionID);
  expect(session?.Lines.some((line) => line.Command === 'DATA')).toBe(true);
});

test('waitFor resolves for a mail that arrives later, and times out with a clear message', async () => {
  const waiting = lab.mailbox.waitFor((m) => m.Subject === 'later', { timeout: 5000 });
  await nodemailer.createTransport({ host: '127.0.0.1', port: lab.smtpPort }).sendMail({ from: 'a@lab.local', to: 'b@lab.local', subject: 'later', text: 'x' });
  expect((await waiting).Subject).toBe('later');
  await expect(lab.mailbox.waitFor('subject:never', { timeout: 100 })).rejects.toThrow(/no mail matching "subject:never" arrived within 100 ms/);
});
