// --data-dir: after a restart every mail and session is still in its inbox, a throw-away inbox's
// token still opens it, and a journal written before inboxes loads into the shared inbox.
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MailpitClient } from 'mailpit-api';
import { describe, expect, it } from 'vitest';
import { eventually, startLab } from '../../helpers/lab.js';
import { labTransport } from '../../helpers/send-mail.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('inboxes across a restart', () => {
  it('keeps each mail and session in its inbox and each token working', async () => {
    const dataDir = await tempDir();
    const first = await startLab({ dataDir });
    await first.accounts.create('anna', 'correct horse battery');
    const { inbox, token } = await first.inboxes.create({ name: 'suite-a' });
    await labTransport(first.smtpPort, { name: 'suite-a' }).sendMail({ from: 'a@x.test', to: 'b@x.test', subject: 'suite mail', text: 'x' });
    await labTransport(first.smtpPort).sendMail({ from: 'a@x.test', to: 'x+anna@x.test', subject: 'anna mail', text: 'x' });
    await eventually(() => (first.sessions.openCount() === 0 ? true : undefined));
    await first.close();

    const second = await startLab({ dataDir });
    expect(
      second.mailbox
        .forInbox(inbox.id)
        .list()
        .messages.map((m) => m.Subject),
    ).toEqual(['suite mail']);
    expect(
      second.mailbox
        .forInbox('anna@lab.local')
        .list()
        .messages.map((m) => m.Subject),
    ).toEqual(['anna mail']);
    expect(second.sessions.list({ inbox: 'anna@lab.local' }).sessions.map((s) => s.InboxRule)).toEqual(['recipient']);
    const list = await new MailpitClient(`${second.url}/inbox/${token}`).listMessages();
    expect(list.messages.map((m) => m.Subject)).toEqual(['suite mail']);
  });

  it('loads mail journaled before inboxes into the shared inbox', async () => {
    const dataDir = await tempDir();
    await mkdir(join(dataDir, 'messages'), { recursive: true });
    const raw = 'From: a@x.test\r\nTo: b@x.test\r\nSubject: old\r\n\r\nold\r\n';
    await appendFile(join(dataDir, 'messages', 'oldmail1.eml'), raw);
    const entry = {
      op: 'add',
      id: 'oldmail1',
      created: new Date().toISOString(),
      envelope: { MailFrom: 'a@x.test', RcptTo: ['b@x.test'] },
      sessionId: 's1',
      username: '',
    };
    await appendFile(join(dataDir, 'messages.jsonl'), JSON.stringify(entry) + '\n');
    const lab = await startLab({ dataDir });
    expect(lab.mailbox.inboxOf('oldmail1')).toBe('shared');
  });
});
