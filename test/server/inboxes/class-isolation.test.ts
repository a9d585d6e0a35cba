// Class mode: two students send mail and look — each sees only their own, by every route the
// engine has (list, search, one message and its parts, sessions, the live stream); a stranger
// sees nothing; the instructor sees everyone, and one student read-only as that student does.
import { describe, expect, it } from 'vitest';
import type { LiveEvent, MessagesList, SessionsList } from '../../../server/index.js';
import { getJson, startLab } from '../../helpers/lab.js';
import { subscribe } from '../../helpers/live-events.js';
import { labTransport } from '../../helpers/send-mail.js';

const PASSWORD = 'correct horse battery';

async function classLab() {
  const lab = await startLab({ classMode: true });
  const signIn = async (address: string) => {
    const res = await fetch(`${lab.url}/api/lab/account/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: lab.url },
      body: JSON.stringify({ address, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string };
  };
  for (const name of ['anna', 'boris']) await lab.accounts.create(name, PASSWORD);
  await lab.accounts.create('teacher', PASSWORD, { role: 'instructor' });
  return { lab, signIn };
}

describe('class mode: each student sees only their own inbox', () => {
  it('by list, search, id, raw, part, sessions and the live stream; a stranger gets 401; the instructor sees all', async () => {
    const { lab, signIn } = await classLab();
    const anna = await signIn('anna@lab.local');
    const boris = await signIn('boris@lab.local');
    const teacher = await signIn('teacher@lab.local');
    const annaEvents = await subscribe(lab.url, '', { cookie: anna.cookie });
    const teacherEvents = await subscribe(lab.url, '', { cookie: teacher.cookie });

    // Anna by her HELO name, Boris by plus-addressing: no AUTH on the open port.
    await labTransport(lab.smtpPort, { name: 'anna' }).sendMail({ from: 'a@x.test', to: 'ops@x.test', subject: 'secret of anna', text: 'A' });
    const borisInfo = await labTransport(lab.smtpPort).sendMail({ from: 'b@x.test', to: 'ops+boris@x.test', subject: 'secret of boris', text: 'B' });
    const borisId = /queued as (\S+)/.exec(borisInfo.response)?.[1] as string;

    const list = async (cookie: string) => (await getJson<MessagesList>(`${lab.url}/api/v1/messages`, { headers: { cookie } })).body;
    expect((await list(anna.cookie)).messages.map((m) => m.Subject)).toEqual(['secret of anna']);
    expect((await list(boris.cookie)).messages.map((m) => m.Subject)).toEqual(['secret of boris']);
    expect((await list(anna.cookie)).total).toBe(1);
    expect((await list(teacher.cookie)).messages.map((m) => m.Subject).sort()).toEqual(['secret of anna', 'secret of boris']);

    // Boris's mail by id, raw, headers, view and search: absent for Anna.
    for (const path of [`/api/v1/message/${borisId}`, `/api/v1/message/${borisId}/raw`, `/api/v1/message/${borisId}/headers`, `/view/${borisId}.txt`]) {
      expect((await fetch(`${lab.url}${path}`, { headers: { cookie: anna.cookie } })).status, path).toBe(404);
      expect((await fetch(`${lab.url}${path}`, { headers: { cookie: boris.cookie } })).status, path).toBe(200);
    }
    const search = await getJson<MessagesList>(`${lab.url}/api/v1/search?query=${encodeURIComponent('subject:secret')}`, { headers: { cookie: anna.cookie } });
    expect(search.body.messages.map((m) => m.Subject)).toEqual(['secret of anna']);
    // Deleting "everything" deletes only one's own.
    await fetch(`${lab.url}/api/v1/messages`, { method: 'DELETE', headers: { cookie: anna.cookie, origin: lab.url } });
    expect((await list(boris.cookie)).messages).toHaveLength(1);
    expect((await list(anna.cookie)).messages).toHaveLength(0);

    // Sessions: Anna's HELO session is hers; Boris's is his (its first mail decided).
    const sessions = async (cookie: string) => (await getJson<SessionsList>(`${lab.url}/api/lab/sessions`, { headers: { cookie } })).body.sessions;
    expect((await sessions(anna.cookie)).map((s) => [s.Helo, s.Inbox, s.InboxRule])).toEqual([['anna', 'anna@lab.local', 'helo']]);
    const borisSessions = await sessions(boris.cookie);
    expect(borisSessions.map((s) => [s.Inbox, s.InboxRule])).toEqual([['boris@lab.local', 'recipient']]);
    expect((await fetch(`${lab.url}/api/lab/sessions/${borisSessions[0]?.ID}`, { headers: { cookie: anna.cookie } })).status).toBe(404);
    expect(await sessions(teacher.cookie)).toHaveLength(2);

    // The live stream: Anna never got a frame about Boris's mail or session; the instructor got both.
    await teacherEvents.waitFor((e) => e.Type === 'new' && e.Data.Subject === 'secret of boris');
    await teacherEvents.waitFor((e) => e.Type === 'new' && e.Data.Subject === 'secret of anna');
    await annaEvents.waitFor((e) => e.Type === 'new' && e.Data.Subject === 'secret of anna');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const leaked = annaEvents.events.filter((e: LiveEvent) => JSON.stringify(e).includes('boris'));
    expect(leaked).toEqual([]);
    expect(annaEvents.events.some((e) => e.Type === 'session' && e.Data.Summary.Helo === 'anna')).toBe(true);

    // A stranger to the class: 401 everywhere, the stream refused.
    for (const path of ['/api/v1/messages', `/api/v1/message/${borisId}`, '/api/lab/sessions', '/api/v1/search?query=secret']) {
      expect((await fetch(`${lab.url}${path}`)).status, path).toBe(401);
    }
    await expect(subscribe(lab.url)).rejects.toThrow(/401/);
    // Nobody signs up in a class.
    const signUp = await fetch(`${lab.url}/api/lab/account/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: lab.url },
      body: JSON.stringify({ address: 'eve', password: PASSWORD }),
    });
    expect(signUp.status).toBe(403);
  });

  it("lets the instructor look as one student, read-only: the student's mail stays unread, nothing can change", async () => {
    const { lab, signIn } = await classLab();
    const teacher = await signIn('teacher@lab.local');
    const info = await labTransport(lab.smtpPort).sendMail({ from: 'a@x.test', to: 'x@anna.lab.local', subject: 'for anna', text: 'A' });
    const id = /queued as (\S+)/.exec(info.response)?.[1] as string;
    await labTransport(lab.smtpPort).sendMail({ from: 'a@x.test', to: 'x+boris@x.test', subject: 'for boris', text: 'B' });
    const as = { cookie: teacher.cookie, 'x-lab-view-as': 'anna@lab.local' };
    const seen = await getJson<MessagesList>(`${lab.url}/api/v1/messages`, { headers: as });
    expect(seen.body.messages.map((m) => m.Subject)).toEqual(['for anna']);
    expect((await fetch(`${lab.url}/api/v1/message/${id}`, { headers: as })).status).toBe(200);
    expect(lab.mailbox.get(id)?.summary.Read).toBe(false);
    const del = await fetch(`${lab.url}/api/v1/messages`, { method: 'DELETE', headers: { ...as, origin: lab.url } });
    expect(del.status).toBe(403);
    expect(((await del.json()) as { error: { code: string } }).error.code).toBe('read_only');
    // A student cannot borrow the header.
    const anna = await signIn('anna@lab.local');
    const borrowed = await getJson<MessagesList>(`${lab.url}/api/v1/messages`, { headers: { cookie: anna.cookie, 'x-lab-view-as': 'boris@lab.local' } });
    expect(borrowed.body.messages.map((m) => m.Subject)).toEqual(['for anna']);
  });
});
