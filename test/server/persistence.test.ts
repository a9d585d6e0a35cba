// --data-dir: a restart loses nothing. Mails come back byte for byte with their ids, order and read
// flags, deletions stay deleted, sessions come back with their whole dialogue, a journal line torn
// by a crash is skipped with a warning, and the TLS certificate is the same one.
import { existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import type { MessagesList, SessionRecord, SessionsList } from '../../server/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { eventually, getJson, startLab } from '../helpers/lab.js';
import { labTransport } from '../helpers/send-mail.js';

type Lab = Awaited<ReturnType<typeof startLab>>;

async function send(lab: Lab, raw: Buffer | string, to = ['b@lab.test']): Promise<string> {
  const info = await labTransport(lab.smtpPort).sendMail({ envelope: { from: 'a@lab.test', to }, raw });
  return /queued as (\S+)/.exec(info.response)?.[1] ?? '';
}

async function rawOf(lab: Lab, id: string): Promise<Buffer> {
  const res = await fetch(`${lab.url}/api/v1/message/${id}/raw`);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function allSessions(lab: Lab): Promise<SessionRecord[]> {
  const { body } = await getJson<SessionsList>(`${lab.url}/api/lab/sessions?limit=1000`);
  return Promise.all(body.sessions.map(async (s) => (await getJson<SessionRecord>(`${lab.url}/api/lab/sessions/${s.ID}`)).body));
}

/** Waits until no session is open, so that every session is complete (and written). */
async function settled(lab: Lab): Promise<void> {
  await eventually(() => (lab.sessions.openCount() === 0 ? true : undefined), 5000, 'all sessions closed');
}

const mails = [
  Buffer.from('From: a@lab.test\r\nTo: b@lab.test\r\nSubject: one\r\n\r\nfirst\r\n'),
  // 8-bit bytes that are not UTF-8 (koi8-r), which a text round trip would damage.
  Buffer.concat([
    Buffer.from('From: a@lab.test\r\nTo: b@lab.test\r\nSubject: two\r\nContent-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
    Buffer.from([0xe1, 0xd7, 0xc1, 0xd2, 0xc9, 0xd1, 0x0d, 0x0a]),
  ]),
  Buffer.from('From: a@lab.test\r\nTo: b@lab.test\r\nSubject: three\r\n\r\n.leading dot\r\nthird\r\n'),
  Buffer.from('From: a@lab.test\r\nTo: b@lab.test\r\nSubject: four\r\n\r\nfourth\r\n'),
];

describe('restart with a data directory', () => {
  it('brings back mails (raw identical), order, read flags, deletions and sessions with their dialogue', async () => {
    const dataDir = await tempDir('smtp-lab-persist-');
    const one = await startLab({ dataDir });
    const ids: string[] = [];
    for (const raw of mails) ids.push(await send(one, raw, ['b@lab.test', 'hidden@lab.test']));
    const [first, second, third, fourth] = ids as [string, string, string, string];
    expect((await fetch(`${one.url}/api/v1/message/${second}`)).status).toBe(200); // read
    await fetch(`${one.url}/api/v1/messages`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ IDs: [fourth], Read: true }),
    });
    await fetch(`${one.url}/api/v1/messages`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ IDs: [fourth], Read: false }),
    });
    await fetch(`${one.url}/api/v1/messages`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ IDs: [third] }) });
    await settled(one);

    const listBefore = (await getJson<MessagesList>(`${one.url}/api/v1/messages`)).body;
    const sessionsBefore = await allSessions(one);
    const messageBefore = (await getJson(`${one.url}/api/v1/message/${first}`)).body;
    expect(sessionsBefore).toHaveLength(4);
    await one.close();
    expect(existsSync(join(dataDir, 'messages', `${third}.eml`))).toBe(false);

    const two = await startLab({ dataDir });
    const listAfter = (await getJson<MessagesList>(`${two.url}/api/v1/messages`)).body;
    // Reading `first` above marked it read; the list taken before that shows it unread.
    expect(listAfter.messages.map((m) => m.ID)).toEqual([fourth, second, first]);
    expect(listAfter.messages).toEqual(listBefore.messages.map((m) => (m.ID === first ? { ...m, Read: true } : m)));
    expect(new Map(listAfter.messages.map((m) => [m.ID, m.Read]))).toEqual(
      new Map([
        [fourth, false],
        [second, true],
        [first, true],
      ]),
    );
    expect(listAfter).toMatchObject({ total: 3, unread: 1 });
    for (const [i, id] of ids.entries()) {
      if (id === third) expect((await fetch(`${two.url}/api/v1/message/${id}/raw`)).status).toBe(404);
      else expect((await rawOf(two, id)).equals(mails[i] as Buffer), `raw of mail ${i + 1}`).toBe(true);
    }
    // The full message (envelope, Bcc from the envelope, session link) is the same.
    expect((await getJson(`${two.url}/api/v1/message/${first}`)).body).toEqual(messageBefore);

    const sessionsAfter = await allSessions(two);
    expect(sessionsAfter).toEqual(sessionsBefore);
    for (const session of sessionsAfter) {
      expect(session.State).toBe('closed');
      expect(session.Lines.map((l) => l.Seq)).toEqual(session.Lines.map((_, i) => i));
      expect(session.Lines.some((l) => l.Command === 'DATA-BODY')).toBe(true);
    }
    expect(sessionsAfter.flatMap((s) => s.MessageIDs).sort()).toEqual([...ids].sort());

    // New work after the restart is kept too, next to the old.
    const fifth = await send(two, 'Subject: five\r\n\r\nfifth\r\n');
    await settled(two);
    await two.close();
    const three = await startLab({ dataDir });
    const listThree = (await getJson<MessagesList>(`${three.url}/api/v1/messages`)).body;
    expect(listThree.messages.map((m) => m.ID)).toEqual([fifth, fourth, second, first]);
    expect(await allSessions(three)).toHaveLength(5);
  });

  it('deleting all, and clearing sessions, stay done after a restart', async () => {
    const dataDir = await tempDir('smtp-lab-persist-');
    const one = await startLab({ dataDir });
    await send(one, 'Subject: a\r\n\r\na\r\n');
    await send(one, 'Subject: b\r\n\r\nb\r\n');
    await settled(one);
    await fetch(`${one.url}/api/v1/messages`, { method: 'DELETE' });
    await fetch(`${one.url}/api/lab/sessions`, { method: 'DELETE' });
    const kept = await send(one, 'Subject: c\r\n\r\nc\r\n');
    await settled(one);
    await one.close();

    const two = await startLab({ dataDir });
    const list = (await getJson<MessagesList>(`${two.url}/api/v1/messages`)).body;
    expect(list.messages.map((m) => m.ID)).toEqual([kept]);
    const sessions = await allSessions(two);
    expect(sessions.map((s) => s.MessageIDs)).toEqual([[kept]]);
  });

  it('skips a torn last journal line with a warning and loads everything else', async () => {
    const dataDir = await tempDir('smtp-lab-persist-');
    const one = await startLab({ dataDir });
    const a = await send(one, 'Subject: a\r\n\r\na\r\n');
    const b = await send(one, 'Subject: b\r\n\r\nb\r\n');
    await fetch(`${one.url}/api/v1/message/${a}`); // read
    await settled(one);
    const sessionCount = (await allSessions(one)).length;
    await one.close();
    // A crash in the middle of an append: half a JSON line, no line end.
    await appendFile(join(dataDir, 'messages.jsonl'), '{"op":"add","id":"torn-by-a-crash","created":"2025-');
    await appendFile(join(dataDir, 'sessions.jsonl'), '{"ID":"torn","Lines":[{"Seq":0,');

    const two = await startLab({ dataDir });
    const warnings = two.logs.lines;
    expect(
      warnings.some((w) => /messages\.jsonl:\d+: not a complete JSON line/.test(w) && /line skipped/.test(w)),
      warnings.join('\n'),
    ).toBe(true);
    expect(
      warnings.some((w) => /sessions\.jsonl:\d+: not a complete JSON line/.test(w) && /line skipped/.test(w)),
      warnings.join('\n'),
    ).toBe(true);
    const list = (await getJson<MessagesList>(`${two.url}/api/v1/messages`)).body;
    expect(list.messages.map((m) => [m.ID, m.Read])).toEqual([
      [b, false],
      [a, true],
    ]);
    expect(await allSessions(two)).toHaveLength(sessionCount);

    // What is appended after the damage is not glued to it: it survives the next restart.
    const c = await send(two, 'Subject: c\r\n\r\nc\r\n');
    await settled(two);
    await two.close();
    const three = await startLab({ dataDir });
    expect(three.logs.lines).toEqual([]);
    expect((await getJson<MessagesList>(`${three.url}/api/v1/messages`)).body.messages.map((m) => m.ID)).toEqual([c, b, a]);
    expect(await allSessions(three)).toHaveLength(sessionCount + 1);
  });

  it('reuses the TLS certificate, and the TLS listeners present it', async () => {
    const dataDir = await tempDir('smtp-lab-persist-');
    const one = await startLab({ dataDir });
    const pem = one.certificate;
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(one.certificatePath?.startsWith(dataDir)).toBe(true);
    await one.close();
    const two = await startLab({ dataDir });
    expect(two.certificate).toBe(pem);

    const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const presented = await new Promise<Buffer>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port: two.smtpsPort as number, ca: pem, servername: 'localhost' }, () => {
        resolve(socket.getPeerCertificate().raw);
        socket.destroy();
      });
      socket.once('error', reject);
    });
    expect(presented.equals(der)).toBe(true);

    // Without a data directory each run makes its own.
    const other = await startLab();
    expect(other.certificate).not.toBe(pem);
  });

  it('a smaller cap on restart keeps the newest mails', async () => {
    const dataDir = await tempDir('smtp-lab-persist-');
    const one = await startLab({ dataDir });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await send(one, `Subject: n${i}\r\n\r\nx\r\n`));
    await one.close();
    const two = await startLab({ dataDir, maxMessages: 2 });
    expect((await getJson<MessagesList>(`${two.url}/api/v1/messages`)).body.messages.map((m) => m.ID)).toEqual([ids[3], ids[2]]);
    await two.close();
    const three = await startLab({ dataDir });
    expect((await getJson<MessagesList>(`${three.url}/api/v1/messages`)).body.messages.map((m) => m.ID)).toEqual([ids[3], ids[2]]);
  });
});
