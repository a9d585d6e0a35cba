// A damaged data directory never keeps the lab from starting, and never half-loads: a journal
// line of the wrong shape is skipped with a warning naming the file and the line; a damaged
// accounts file is refused with a message naming the file and what to do; mail files a crash
// left without a journal line are removed; everything the lab writes is its owner's only.
import { appendFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLabServer } from '../../server/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { eventually, startLab } from '../helpers/lab.js';
import { labTransport } from '../helpers/send-mail.js';

type Lab = Awaited<ReturnType<typeof startLab>>;

async function fill(dataDir: string): Promise<{ ids: string[]; sessions: number }> {
  const lab = await startLab({ dataDir });
  const ids: string[] = [];
  for (const subject of ['one', 'two']) {
    const info = await labTransport(lab.smtpPort).sendMail({ from: 'a@lab.test', to: 'b@lab.test', subject, text: subject });
    ids.push(/queued as (\S+)/.exec(info.response)?.[1] ?? '');
  }
  await eventually(() => (lab.sessions.openCount() === 0 ? true : undefined));
  const sessions = lab.sessions.list().total;
  await lab.close();
  return { ids, sessions };
}

const mailboxLines = [
  'null',
  '42',
  '"add"',
  '[]',
  '{}',
  '{"op":"read"}',
  '{"op":"read","ids":"abc","read":true}',
  '{"op":"delete","ids":[1,2]}',
  '{"op":"add"}',
  '{"op":"add","id":"../../etc/passwd","created":"2025-01-01T00:00:00Z","envelope":{"MailFrom":"","RcptTo":[]},"sessionId":"s","username":""}',
  '{"op":"add","id":"x1","created":"yesterday","envelope":{"MailFrom":"","RcptTo":[]},"sessionId":"s","username":""}',
  '{"op":"add","id":"x2","created":"2025-01-01T00:00:00Z","envelope":null,"sessionId":"s","username":""}',
  '{"op":"zap"}',
];

const sessionLines = [
  'null',
  '[1]',
  '{}',
  '{"ID":"x"}',
  '{"ID":"x","Started":"2025-01-01T00:00:00Z","State":"open","Listener":null}',
  '{"ID":"x","Started":"2025-01-01T00:00:00Z","State":"gone","Listener":{"Name":"smtp","Port":1}}',
];

describe('a damaged data directory', () => {
  it('skips every journal line of the wrong shape with a warning naming the file and line, and loads the rest', async () => {
    const dataDir = await tempDir('smtp-lab-damage-');
    const { ids, sessions } = await fill(dataDir);
    await appendFile(join(dataDir, 'messages.jsonl'), mailboxLines.map((l) => `${l}\n`).join(''));
    await appendFile(join(dataDir, 'sessions.jsonl'), sessionLines.map((l) => `${l}\n`).join(''));

    const lab = await startLab({ dataDir });
    const warnings = lab.logs.lines.filter((l) => l.startsWith('warn'));
    const named = (file: string) => warnings.filter((w) => new RegExp(`${file}:\\d+: .+; line skipped`).test(w));
    // Ten named lines at most per file, then a count of the rest.
    expect(named('messages\\.jsonl')).toHaveLength(10);
    expect(warnings.some((w) => /messages\.jsonl: skipped 13 damaged lines in all/.test(w))).toBe(true);
    expect(named('sessions\\.jsonl')).toHaveLength(sessionLines.length);
    expect(
      lab.mailbox
        .list()
        .messages.map((m) => m.ID)
        .sort(),
    ).toEqual([...ids].sort());
    expect(lab.sessions.list().total).toBe(sessions);
    expect((await fetch(`${lab.url}/api/v1/message/${ids[0]}`)).status).toBe(200);
  });

  const accountFiles = [
    { name: 'not JSON', text: '{"version":1,"accounts":[', says: /not JSON/ },
    { name: 'null', text: 'null', says: /not an smtp-lab accounts file/ },
    { name: 'another version', text: '{"version":2,"accounts":[]}', says: /version 1/ },
    { name: 'an account that is null', text: '{"version":1,"accounts":[null]}', says: /accounts\[0\] is not an account/ },
    { name: 'an account without a hash', text: '{"version":1,"accounts":[{"address":"a@lab.local"}]}', says: /accounts\[0\]/ },
  ];

  it.each(accountFiles)('refuses an accounts file that is $name, naming the file and what to do', async ({ text, says }) => {
    const dataDir = await tempDir('smtp-lab-damage-');
    await writeFile(join(dataDir, 'accounts.json'), text);
    const started = createLabServer({ dataDir });
    await expect(started).rejects.toThrow(says);
    await expect(started).rejects.toThrow(new RegExp(`${join(dataDir, 'accounts.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is damaged`));
    await expect(started).rejects.toThrow(/restore it from a backup, or move it away/);
  });

  it('removes mail files that a crash left without a journal line, and keeps the others', async () => {
    const dataDir = await tempDir('smtp-lab-damage-');
    const { ids } = await fill(dataDir);
    await writeFile(join(dataDir, 'messages', 'orphanedbyakill9.eml'), 'Subject: never answered 250\r\n\r\nx\r\n');
    const lab: Lab = await startLab({ dataDir });
    const files = (await readdir(join(dataDir, 'messages'))).sort();
    expect(files).toEqual(ids.map((id) => `${id}.eml`).sort());
    expect(lab.logs.lines.some((l) => /removed 1 mail file/.test(l))).toBe(true);
  });

  it('keeps captured mail and sessions readable by their owner only (0700 folders, 0600 files)', async () => {
    const parent = await tempDir('smtp-lab-damage-');
    const dataDir = join(parent, 'lab-data');
    await fill(dataDir);
    const mode = async (path: string) => (await stat(path)).mode & 0o777;
    expect(await mode(dataDir)).toBe(0o700);
    expect(await mode(join(dataDir, 'messages'))).toBe(0o700);
    for (const file of ['messages.jsonl', 'sessions.jsonl']) expect(await mode(join(dataDir, file))).toBe(0o600);
    for (const file of await readdir(join(dataDir, 'messages'))) expect(await mode(join(dataDir, 'messages', file))).toBe(0o600);
  });
});
