// Throw-away inboxes for test suites on one shared server: created with a token in one call, used
// with the `mailpit-api` client unchanged (under the inbox's URL prefix, or with Basic auth), each
// suite seeing only its own mail, its chaos only its own; deleted with its mail and sessions.
import { MailpitClient } from 'mailpit-api';
import { describe, expect, it } from 'vitest';
import type { NewInboxResponse } from '../../../server/wire/inboxes.js';
import { getJson, startLab } from '../../helpers/lab.js';
import { subscribe } from '../../helpers/live-events.js';
import { labTransport } from '../../helpers/send-mail.js';

type Lab = Awaited<ReturnType<typeof startLab>>;

async function createInbox(lab: Lab, name?: string): Promise<NewInboxResponse> {
  const res = await fetch(`${lab.url}/api/lab/inboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: lab.url },
    body: JSON.stringify(name ? { name } : {}),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as NewInboxResponse;
}

describe('throw-away inboxes', () => {
  it('one call creates one; mailpit-api under its prefix and with Basic auth sees only its mail; the token never shows again', async () => {
    const lab = await startLab();
    const mine = await createInbox(lab);
    const other = await createInbox(lab, 'other-suite');
    expect(mine.inbox).toMatchObject({ kind: 'token', messages: 0 });
    expect(mine.inbox.name).toMatch(/^t-[0-9a-f]{10}$/);
    expect(mine.mailpitUrl).toBe(`${lab.url}/inbox/${mine.token}`);

    // By HELO name (nodemailer's `name`), by plus address, by the inbox's domain.
    await labTransport(lab.smtpPort, { name: mine.inbox.name as string }).sendMail({ from: 'app@x.test', to: 'user@x.test', subject: 'by helo', text: '1' });
    await labTransport(lab.smtpPort).sendMail({ from: 'app@x.test', to: mine.inbox.address as string, subject: 'by plus', text: '2' });
    await labTransport(lab.smtpPort).sendMail({ from: 'app@x.test', to: `someone@${mine.inbox.domain}`, subject: 'by domain', text: '3' });
    await labTransport(lab.smtpPort).sendMail({ from: 'app@x.test', to: 'ops+other-suite@x.test', subject: 'not mine', text: '4' });
    await labTransport(lab.smtpPort).sendMail({ from: 'app@x.test', to: 'nobody@x.test', subject: 'shared', text: '5' });

    const prefixed = new MailpitClient(mine.mailpitUrl);
    const basic = new MailpitClient(lab.url, { auth: { username: mine.inbox.name as string, password: mine.token } });
    for (const client of [prefixed, basic]) {
      const list = await client.listMessages();
      expect(list.messages.map((m) => m.Subject).sort()).toEqual(['by domain', 'by helo', 'by plus']);
      expect(list.total).toBe(3);
      expect((await client.searchMessages({ query: 'subject:mine' })).messages).toEqual([]);
      expect((await client.getInfo()).Messages).toBe(3);
    }
    const found = await prefixed.waitForMessage({ query: 'subject:"by plus"' });
    expect((await prefixed.getMessageSource(found.ID)).toString()).toContain('by plus');
    // The other suite's mail is not there by id either.
    const otherList = await new MailpitClient(other.mailpitUrl).listMessages();
    expect(otherList.messages.map((m) => m.Subject)).toEqual(['not mine']);
    await expect(prefixed.getMessageSummary(otherList.messages[0]?.ID)).rejects.toThrow(/404/);

    // A wrong token or a wrong name with the right token opens nothing.
    expect((await fetch(`${lab.url}/inbox/${'x'.repeat(32)}/api/v1/messages`)).status).toBe(401);
    await expect(new MailpitClient(lab.url, { auth: { username: 'other-suite', password: mine.token } }).listMessages()).rejects.toThrow(/401/);
    expect((await fetch(`${lab.url}/api/v1/messages`, { headers: { 'x-inbox-token': mine.token } })).status).toBe(200);

    // The listing (for whoever sees everything) never carries a token.
    const listing = await getJson<{ inboxes: unknown[] }>(`${lab.url}/api/lab/inboxes`);
    expect(JSON.stringify(listing.body)).not.toContain(mine.token);
    expect(listing.body.inboxes).toEqual(expect.arrayContaining([expect.objectContaining({ id: mine.inbox.id, messages: 3 })]));
    // A token sees its own inbox only, and may not create more.
    const scoped = await getJson<{ inboxes: Array<{ id: string }> }>(`${mine.mailpitUrl}/api/lab/inboxes`);
    expect(scoped.body.inboxes.map((i) => i.id)).toEqual([mine.inbox.id]);
    const more = await fetch(`${mine.mailpitUrl}/api/lab/inboxes`, { method: 'POST', headers: { origin: lab.url } });
    expect(more.status).toBe(403);
  });

  it('its live stream carries only its frames; deleting it takes its mail and sessions, and the others stay', async () => {
    const lab = await startLab();
    const mine = await createInbox(lab);
    const other = await createInbox(lab);
    const events = await subscribe(mine.mailpitUrl);
    await labTransport(lab.smtpPort, { name: other.inbox.name as string }).sendMail({ from: 'a@x.test', to: 'b@x.test', subject: 'theirs', text: 'x' });
    await labTransport(lab.smtpPort, { name: mine.inbox.name as string }).sendMail({ from: 'a@x.test', to: 'b@x.test', subject: 'ours', text: 'x' });
    await events.waitFor((e) => e.Type === 'new' && e.Data.Subject === 'ours');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.events.filter((e) => e.Type === 'new').map((e) => (e.Type === 'new' ? e.Data.Subject : ''))).toEqual(['ours']);
    expect(events.events.filter((e) => e.Type === 'session').every((e) => e.Type === 'session' && e.Data.Summary.Inbox === mine.inbox.id)).toBe(true);

    const deleted = await fetch(`${mine.mailpitUrl}/api/lab/inboxes/${mine.inbox.id}`, { method: 'DELETE', headers: { origin: lab.url } });
    expect(deleted.status).toBe(204);
    expect(lab.mailbox.forInbox(mine.inbox.id).list().total).toBe(0);
    expect(lab.sessions.list({ inbox: mine.inbox.id }).total).toBe(0);
    expect(lab.mailbox.forInbox(other.inbox.id).list().total).toBe(1);
    expect((await fetch(`${mine.mailpitUrl}/api/v1/messages`)).status).toBe(401);
  });

  it("Mailpit's chaos under a token fails only that inbox's sessions", async () => {
    const lab = await startLab();
    const mine = await createInbox(lab);
    const chaos = await new MailpitClient(mine.mailpitUrl).setChaosTriggers({ Recipient: { ErrorCode: 451, Probability: 100 } });
    expect(chaos.Recipient).toEqual({ ErrorCode: 451, Probability: 100 });
    expect((await new MailpitClient(lab.url).getChaosTriggers()).Recipient?.Probability).toBe(0);
    await expect(labTransport(lab.smtpPort, { name: mine.inbox.name as string }).sendMail({ from: 'a@x.test', to: 'b@x.test', text: 'x' })).rejects.toThrow(
      /451/,
    );
    await labTransport(lab.smtpPort, { name: 'another-test' }).sendMail({ from: 'a@x.test', to: 'b@x.test', text: 'x' });
  });

  it('bad names are refused with the field named; a taken one too', async () => {
    const lab = await startLab();
    await lab.accounts.create('anna', 'correct horse battery');
    for (const [name, code] of [
      ['Bad Name', 'invalid_name'],
      ['shared', 'invalid_name'],
      ['anna', 'name_taken'],
    ] as const) {
      const res = await fetch(`${lab.url}/api/lab/inboxes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: lab.url },
        body: JSON.stringify({ name }),
      });
      const body = (await res.json()) as { error: { code: string; fields?: Record<string, unknown> } };
      expect([res.status, body.error.code], name).toEqual([code === 'name_taken' ? 409 : 400, code]);
      expect(body.error.fields?.name).toBeDefined();
    }
  });

  it('many suites at once on one server each see exactly their own mail', async () => {
    const lab = await startLab();
    const suites = await Promise.all(Array.from({ length: 8 }, () => createInbox(lab)));
    await Promise.all(
      suites.map(async (suite, i) => {
        const transport = labTransport(lab.smtpPort, { name: suite.inbox.name as string });
        for (let n = 0; n < 5; n++) await transport.sendMail({ from: 'a@x.test', to: 'b@x.test', subject: `suite ${i} mail ${n}`, text: 'x' });
      }),
    );
    await Promise.all(
      suites.map(async (suite, i) => {
        const list = await new MailpitClient(suite.mailpitUrl).listMessages();
        expect(list.messages.map((m) => m.Subject).sort()).toEqual(Array.from({ length: 5 }, (_, n) => `suite ${i} mail ${n}`));
      }),
    );
  });
});
