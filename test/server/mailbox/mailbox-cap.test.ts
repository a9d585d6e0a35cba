// The mailbox cap: past maxMessages the oldest mails go, each with a `delete` event, the drops are
// counted in /api/v1/info, and every mail that was answered 250 and not dropped reads back intact.
import { describe, expect, it } from 'vitest';
import type { LiveEvent, MessagesList } from '../../../server/index.js';
import { getJson, startLab } from '../../helpers/lab.js';
import { subscribe } from '../../helpers/live-events.js';
import { labTransport } from '../../helpers/send-mail.js';

interface Info {
  Messages: number;
  Unread: number;
  RuntimeStats: { SMTPAccepted: number; MessagesDeleted: number };
  Lab: { MaxMessages: number; MessagesDropped: number };
}

const rawOf = (n: number) => `From: a@lab.test\r\nTo: b@lab.test\r\nSubject: capped ${n}\r\nMessage-ID: <cap-${n}@lab.test>\r\n\r\nbody number ${n}\r\n`;

async function sendNumbered(port: number, n: number): Promise<{ n: number; id: string; response: string }> {
  const info = await labTransport(port).sendMail({ envelope: { from: 'a@lab.test', to: ['b@lab.test'] }, raw: rawOf(n) });
  return { n, id: /queued as (\S+)/.exec(info.response)?.[1] ?? '', response: info.response };
}

describe('the mailbox cap', () => {
  it('drops the oldest one by one, emits delete for each, counts them, and keeps the rest readable', async () => {
    const lab = await startLab({ maxMessages: 3 });
    const events = await subscribe(lab.url, 'sessions=none');
    const sent: Array<{ n: number; id: string; response: string }> = [];
    for (let n = 1; n <= 7; n++) sent.push(await sendNumbered(lab.smtpPort, n));
    for (const s of sent) expect(s.response).toMatch(/^250 /);

    const dropped = sent.slice(0, 4).map((s) => s.id);
    const kept = sent.slice(4);
    await events.waitFor((e) => e.Type === 'new' && e.Data.ID === kept.at(-1)?.id);
    const deletes = events.events.filter((e): e is Extract<LiveEvent, { Type: 'delete' }> => e.Type === 'delete').map((e) => e.Data.ID);
    expect(deletes).toEqual(dropped);
    // A mail's `delete` never comes before its `new`.
    const order = events.events.filter((e) => e.Type === 'new' || e.Type === 'delete').map((e) => `${e.Type}:${(e.Data as { ID: string }).ID}`);
    for (const id of dropped) expect(order.indexOf(`new:${id}`)).toBeLessThan(order.indexOf(`delete:${id}`));

    const { body: list } = await getJson<MessagesList>(`${lab.url}/api/v1/messages`);
    expect(list.messages.map((m) => m.ID)).toEqual(kept.map((s) => s.id).reverse());
    expect(list).toMatchObject({ total: 3, unread: 3 });

    const { body: info } = await getJson<Info>(`${lab.url}/api/v1/info`);
    expect(info.Messages).toBe(3);
    expect(info.Unread).toBe(3);
    expect(info.Lab).toMatchObject({ MaxMessages: 3, MessagesDropped: 4 });
    expect(info.RuntimeStats.SMTPAccepted).toBe(7);
    // Dropped by the cap is not deleted by someone.
    expect(info.RuntimeStats.MessagesDeleted).toBe(0);

    for (const s of kept) {
      const res = await fetch(`${lab.url}/api/v1/message/${s.id}/raw`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(rawOf(s.n));
    }
    for (const id of dropped) expect((await fetch(`${lab.url}/api/v1/message/${id}`)).status).toBe(404);
  });

  it('keeps the newest N of a concurrent burst: no mail answered 250 is lost unless counted as dropped', async () => {
    const cap = 5;
    const total = 24;
    const lab = await startLab({ maxMessages: cap });
    const events = await subscribe(lab.url, 'sessions=none');
    const sent = await Promise.all(Array.from({ length: total }, (_, i) => sendNumbered(lab.smtpPort, i + 1)));
    for (const s of sent) expect(s.response).toMatch(/^250 /);
    expect(new Set(sent.map((s) => s.id)).size).toBe(total);

    const { body: info } = await getJson<Info>(`${lab.url}/api/v1/info`);
    expect(info.Lab.MessagesDropped).toBe(total - cap);
    expect(info.Messages).toBe(cap);

    const { body: list } = await getJson<MessagesList>(`${lab.url}/api/v1/messages`);
    expect(list.messages).toHaveLength(cap);
    const kept = new Set(list.messages.map((m) => m.ID));
    await events.waitFor(() => events.events.filter((e) => e.Type === 'delete').length === total - cap);
    const deleted = new Set(events.events.filter((e) => e.Type === 'delete').map((e) => (e.Data as { ID: string }).ID));
    for (const s of sent) {
      // Each accepted mail is either still here, readable and intact, or was announced as dropped.
      expect(kept.has(s.id) !== deleted.has(s.id), `mail ${s.n} (${s.id}) kept xor dropped`).toBe(true);
      if (kept.has(s.id)) {
        const res = await fetch(`${lab.url}/api/v1/message/${s.id}/raw`);
        expect(await res.text()).toBe(rawOf(s.n));
      }
    }
    // The ones kept are the last to arrive: none of them is older than any dropped one.
    const arrival = events.events.filter((e) => e.Type === 'new').map((e) => (e.Data as { ID: string }).ID);
    const lastDropped = Math.max(...[...deleted].map((id) => arrival.indexOf(id)));
    const firstKept = Math.min(...[...kept].map((id) => arrival.indexOf(id)));
    expect(lastDropped).toBeLessThan(firstKept);
  });

  it('a read mail that is dropped leaves the unread count right', async () => {
    const lab = await startLab({ maxMessages: 2 });
    const first = await sendNumbered(lab.smtpPort, 1);
    await sendNumbered(lab.smtpPort, 2);
    expect((await fetch(`${lab.url}/api/v1/message/${first.id}`)).status).toBe(200); // marks it read
    await sendNumbered(lab.smtpPort, 3); // drops the read one
    const { body } = await getJson<MessagesList>(`${lab.url}/api/v1/messages`);
    expect(body).toMatchObject({ total: 2, unread: 2, messages_unread: 2 });
    await sendNumbered(lab.smtpPort, 4); // drops an unread one
    const { body: after } = await getJson<MessagesList>(`${lab.url}/api/v1/messages`);
    expect(after).toMatchObject({ total: 2, unread: 2 });
  });
});
