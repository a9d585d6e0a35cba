// The npm `mailpit-api` client, unchanged, against a lab server: the calls test suites make
// against Mailpit (list, read, headers, raw, parts, views, read state, delete, search, wait) on
// real mails sent by nodemailer over SMTP.
import { createHash } from 'node:crypto';
import { MailpitClient } from 'mailpit-api';
import type Mail from 'nodemailer/lib/mailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { startLab } from '../../helpers/lab.js';
import { encodeSingleByte, encodedWord } from '../../helpers/legacy-charset.js';
import { labTransport } from '../../helpers/send-mail.js';

type Lab = Awaited<ReturnType<typeof startLab>>;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** Every byte value, so that a part route that mangled binary (UTF-8 re-encoding) shows it. */
const BINARY = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));

/** Sends with nodemailer and returns the id from "250 OK: queued as <id>". */
async function send(lab: Lab, mail: Mail.Options): Promise<string> {
  const info = await labTransport(lab.smtpPort).sendMail(mail);
  const id = /queued as (\S+)/.exec(info.response)?.[1];
  if (!id) throw new Error(`no id in ${info.response}`);
  return id;
}

/** Builds the message first, so the test knows every byte, then sends exactly that. */
async function sendRaw(lab: Lab, raw: Buffer, envelope: { from: string; to: string[] }): Promise<string> {
  return send(lab, { envelope, raw });
}

const digests = (data: Buffer) => ({
  MD5: createHash('md5').update(data).digest('hex'),
  SHA1: createHash('sha1').update(data).digest('hex'),
  SHA256: createHash('sha256').update(data).digest('hex'),
});

function client(lab: Lab) {
  return new MailpitClient(lab.url);
}

describe('listMessages', () => {
  it('lists newest first with Mailpit field names, and pages with start/limit', async () => {
    const lab = await startLab();
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      ids.push(await send(lab, { from: 'Plant <alerts@plant.test>', to: 'op@lab.test', replyTo: 'desk@plant.test', subject: `alert ${i}`, text: `body ${i}` }));
    }
    const mailpit = client(lab);
    const all = await mailpit.listMessages();
    expect(all).toMatchObject({ total: 5, unread: 5, count: 5, messages_count: 5, messages_unread: 5, start: 0, tags: [] });
    expect(all.messages.map((m) => m.ID)).toEqual([...ids].reverse());
    const newest = all.messages[0];
    expect(newest).toMatchObject({
      ID: ids[4],
      Read: false,
      From: { Name: 'Plant', Address: 'alerts@plant.test' },
      To: [{ Name: '', Address: 'op@lab.test' }],
      Cc: [],
      Bcc: [],
      ReplyTo: [{ Name: '', Address: 'desk@plant.test' }],
      Subject: 'alert 5',
      Tags: [],
      Attachments: 0,
      Snippet: 'body 5',
      Username: '',
    });
    expect(newest?.MessageID).toMatch(/@plant\.test$/);
    expect(newest?.Size).toBeGreaterThan(100);
    // RFC 3339 with a fraction, as Mailpit writes it.
    expect(newest?.Created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+(Z|[+-]\d\d:\d\d)$/);

    const page = await mailpit.listMessages(1, 2);
    expect(page).toMatchObject({ total: 5, unread: 5, count: 2, messages_count: 5, start: 1 });
    expect(page.messages.map((m) => m.ID)).toEqual([ids[3], ids[2]]);
    const tail = await mailpit.listMessages(4, 10);
    expect(tail.messages.map((m) => m.ID)).toEqual([ids[0]]);
    const beyond = await mailpit.listMessages(10, 10);
    expect(beyond).toMatchObject({ total: 5, count: 0, messages: [] });
  });
});

describe('one message', () => {
  it('getMessageSummary returns the whole message, `latest` is the newest, and reading marks it read', async () => {
    const lab = await startLab();
    const mailpit = client(lab);
    const first = await send(lab, { from: 'a@lab.test', to: 'b@lab.test', subject: 'first', text: 'first body' });
    const date = new Date('2025-05-06T07:08:09.000Z');
    const second = await send(lab, {
      from: '"Диспетчер" <dispatch@plant.test>',
      to: ['Оператор <op@plant.test>', 'chief@plant.test'],
      cc: 'Инженер <eng@plant.test>',
      bcc: ['auditor@plant.test', 'archive@plant.test'],
      replyTo: 'desk@plant.test',
      date,
      subject: 'Давление выше нормы: 9,5 бар',
      text: 'Насос 3: давление 9,5 бар.',
      html: '<p>Насос 3: давление <b>9,5 бар</b>.</p>',
    });

    const latest = await mailpit.getMessageSummary();
    expect(latest.ID).toBe(second);
    expect(latest).toMatchObject({
      From: { Name: 'Диспетчер', Address: 'dispatch@plant.test' },
      To: [
        { Name: 'Оператор', Address: 'op@plant.test' },
        { Name: '', Address: 'chief@plant.test' },
      ],
      Cc: [{ Name: 'Инженер', Address: 'eng@plant.test' }],
      // Bcc is not in the header: the envelope recipients no To or Cc names.
      Bcc: [
        { Name: '', Address: 'auditor@plant.test' },
        { Name: '', Address: 'archive@plant.test' },
      ],
      ReplyTo: [{ Name: '', Address: 'desk@plant.test' }],
      ReturnPath: 'dispatch@plant.test',
      Subject: 'Давление выше нормы: 9,5 бар',
      Date: date.toISOString(),
      Tags: [],
      Inline: [],
      Attachments: [],
    });
    expect(latest.Text.trim()).toBe('Насос 3: давление 9,5 бар.');
    expect(latest.HTML).toBe('<p>Насос 3: давление <b>9,5 бар</b>.</p>');
    const raw = await mailpit.getMessageSource(second);
    expect(latest.Size).toBe(Buffer.byteLength(raw));

    const list = await mailpit.listMessages();
    expect(list.unread).toBe(1);
    expect(list.messages.find((m) => m.ID === second)?.Read).toBe(true);
    expect(list.messages.find((m) => m.ID === first)?.Read).toBe(false);
    expect((await mailpit.getMessageSummary(first)).Subject).toBe('first');
    expect((await mailpit.listMessages()).unread).toBe(0);
  });

  it('getMessageHeaders gives every header as a list of values, in canonical form, sorted', async () => {
    const lab = await startLab();
    const id = await send(lab, {
      from: 'a@lab.test',
      to: 'b@lab.test',
      subject: 'Тема письма',
      text: 'x',
      headers: { 'X-Alarm-Level': ['high', 'critical'], 'x-plant': 'north' },
    });
    const headers = await client(lab).getMessageHeaders(id);
    expect(Object.keys(headers)).toEqual([...Object.keys(headers)].sort());
    expect(headers['X-Alarm-Level']).toEqual(['high', 'critical']);
    expect(headers['X-Plant']).toEqual(['north']);
    expect(headers['To']).toEqual(['b@lab.test']);
    // Values as they are in the message: the encoded word is not decoded here.
    expect(headers['Subject']?.[0]).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    expect(headers['Message-Id']).toHaveLength(1);
  });

  it('getMessageSource gives the message exactly as received, dot-stuffing undone', async () => {
    const lab = await startLab();
    const raw = await new MailComposer({
      from: 'a@lab.test',
      to: 'b@lab.test',
      subject: 'raw',
      text: 'line one\n.starts with a dot\n..two dots\n.\nend',
      attachments: [{ filename: 'bin.dat', content: BINARY }],
      // SMTP carries CRLF lines (RFC 5321 §2.3.8); nodemailer would convert bare LFs on the way.
      newline: 'win',
    })
      .compile()
      .build();
    const id = await sendRaw(lab, raw, { from: 'a@lab.test', to: ['b@lab.test'] });
    expect(await client(lab).getMessageSource(id)).toBe(raw.toString('utf8'));
    const bytes = Buffer.from(await (await fetch(`${lab.url}/api/v1/message/${id}/raw`)).arrayBuffer());
    expect(bytes.equals(raw)).toBe(true);
  });

  it('getMessageAttachment gives the bytes whose checksums and size the message lists; inline cid images are Inline', async () => {
    const lab = await startLab();
    const csv = Buffer.from('time;pressure\n10:00;9.5\n', 'utf8');
    const id = await send(lab, {
      from: 'a@lab.test',
      to: 'b@lab.test',
      subject: 'with files',
      text: 'Files attached.',
      html: '<p>Logo: <img src="cid:logo@plant"></p>',
      attachments: [
        { filename: 'logo.png', content: PNG, cid: 'logo@plant' },
        { filename: 'readings.csv', content: csv, contentType: 'text/csv' },
        { filename: 'dump.bin', content: BINARY, contentType: 'application/octet-stream' },
      ],
    });
    const mailpit = client(lab);
    const message = await mailpit.getMessageSummary(id);
    expect(message.Inline.map((a) => a.FileName)).toEqual(['logo.png']);
    expect(message.Attachments.map((a) => a.FileName)).toEqual(['readings.csv', 'dump.bin']);
    expect((await mailpit.listMessages()).messages[0]?.Attachments).toBe(2);

    const expected = new Map([
      ['logo.png', { content: PNG, type: 'image/png', cid: 'logo@plant' }],
      ['readings.csv', { content: csv, type: 'text/csv', cid: '' }],
      ['dump.bin', { content: BINARY, type: 'application/octet-stream', cid: '' }],
    ]);
    for (const part of [...message.Inline, ...message.Attachments]) {
      const want = expected.get(part.FileName);
      if (!want) throw new Error(`unexpected part ${part.FileName}`);
      expect(part.ContentType).toBe(want.type);
      expect(part.ContentID).toBe(want.cid);
      expect(part.Size).toBe(want.content.length);
      expect(part.Checksums).toEqual(digests(want.content));
      const blob = await mailpit.getMessageAttachment(id, part.PartID);
      const bytes = Buffer.from(await blob.arrayBuffer());
      expect(bytes.equals(want.content), `bytes of ${part.FileName}`).toBe(true);
      expect(blob.type.split(';')[0]).toBe(want.type);
    }

    // The HTML view points the cid: reference at the inline part.
    const html = await mailpit.renderMessageHTML(id);
    const logo = message.Inline[0];
    expect(html).toContain(`src="/api/v1/message/${id}/part/${logo?.PartID}"`);
    expect(html).not.toContain('cid:');
  });

  it('renderMessageHTML / renderMessageText give the bodies; a mail without HTML has no HTML view', async () => {
    const lab = await startLab();
    const mailpit = client(lab);
    const both = await send(lab, { from: 'a@lab.test', to: 'b@lab.test', subject: 'both', text: 'Plain version.', html: '<h1>HTML version</h1>' });
    const textOnly = await send(lab, { from: 'a@lab.test', to: 'b@lab.test', subject: 'text', text: 'Only text.' });
    expect(await mailpit.renderMessageHTML(both)).toBe('<h1>HTML version</h1>');
    expect((await mailpit.renderMessageText(both)).trim()).toBe('Plain version.');
    expect((await mailpit.renderMessageText(textOnly)).trim()).toBe('Only text.');
    await expect(mailpit.renderMessageHTML(textOnly)).rejects.toThrow(/404/);
    // `latest` works for the views too.
    expect((await mailpit.renderMessageText()).trim()).toBe('Only text.');
  });
});

describe('Russian mail in legacy charsets and encoded words', () => {
  it('decodes koi8-r and windows-1251 subjects and bodies, and keeps the raw bytes', async () => {
    const lab = await startLab();
    const koi8Body = 'Авария: насос 3 остановлен.';
    const koi8 = Buffer.concat([
      Buffer.from(
        [
          'From: alerts@plant.test',
          'To: op@plant.test',
          `Subject: ${encodedWord('Авария насоса', 'koi8-r')}`,
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=koi8-r',
          'Content-Transfer-Encoding: 8bit',
          '',
          '',
        ].join('\r\n'),
      ),
      encodeSingleByte(koi8Body, 'koi8-r'),
      Buffer.from('\r\n'),
    ]);
    const koi8Id = await sendRaw(lab, koi8, { from: 'alerts@plant.test', to: ['op@plant.test'] });

    const cp1251Body = 'Тревога: температура 41 °C.';
    const cp1251Id = await send(lab, {
      from: 'alerts@plant.test',
      to: 'op@plant.test',
      headers: { Subject: { prepared: true, value: encodedWord('Перегрев в серверной', 'windows-1251') } },
      text: 'alternative text in UTF-8',
      html: {
        raw: Buffer.concat([
          Buffer.from('Content-Type: text/html; charset=windows-1251\r\nContent-Transfer-Encoding: base64\r\n\r\n'),
          Buffer.from(encodeSingleByte(`<p>${cp1251Body}</p>`, 'windows-1251').toString('base64')),
        ]),
      },
    });
    const utf8Id = await send(lab, { from: 'a@lab.test', to: 'b@lab.test', subject: 'Ёжик в тумане — 100 %', text: 'тело' });

    const mailpit = client(lab);
    const list = await mailpit.listMessages();
    const subjects = new Map(list.messages.map((m) => [m.ID, m.Subject]));
    expect(subjects.get(koi8Id)).toBe('Авария насоса');
    expect(subjects.get(cp1251Id)).toBe('Перегрев в серверной');
    expect(subjects.get(utf8Id)).toBe('Ёжик в тумане — 100 %');
    expect(list.messages.find((m) => m.ID === koi8Id)?.Snippet).toBe(koi8Body);

    const koi8Message = await mailpit.getMessageSummary(koi8Id);
    expect(koi8Message.Text.trim()).toBe(koi8Body);
    const bytes = Buffer.from(await (await fetch(`${lab.url}/api/v1/message/${koi8Id}/raw`)).arrayBuffer());
    expect(bytes.equals(koi8)).toBe(true);

    const cp1251Message = await mailpit.getMessageSummary(cp1251Id);
    expect(cp1251Message.HTML).toBe(`<p>${cp1251Body}</p>`);
    expect(await mailpit.renderMessageHTML(cp1251Id)).toBe(`<p>${cp1251Body}</p>`);

    // Search reads the decoded text.
    expect((await mailpit.searchMessages({ query: 'насос' })).messages.map((m) => m.ID)).toEqual([koi8Id]);
    expect((await mailpit.searchMessages({ query: 'subject:перегрев' })).messages.map((m) => m.ID)).toEqual([cp1251Id]);
  });
});

describe('read status', () => {
  it('setReadStatus by IDs, by Search and for all', async () => {
    const lab = await startLab();
    const mailpit = client(lab);
    const a = await send(lab, { from: 'a@lab.test', to: 'one@lab.test', subject: 'a', text: 'a' });
    const b = await send(lab, { from: 'a@lab.test', to: 'two@lab.test', subject: 'b', text: 'b' });
    const c = await send(lab, { from: 'a@lab.test', to: 'two@lab.test', subject: 'c', text: 'c' });
    const readOf = async () => new Map((await mailpit.listMessages()).messages.map((m) => [m.ID, m.Read]));

    // An id given twice (or one that does not exist) counts once (or not at all).
    expect(await mailpit.setReadStatus({ IDs: [a, a, 'no-such-id'], Read: true })).toBe('ok');
    expect(await readOf()).toEqual(
      new Map([
        [c, false],
        [b, false],
        [a, true],
      ]),
    );
    expect(await mailpit.listMessages()).toMatchObject({ unread: 2, messages_unread: 2 });
    expect((await mailpit.getInfo()).Unread).toBe(2);

    await mailpit.setReadStatus({ Search: 'to:two@lab.test', Read: true });
    expect(await readOf()).toEqual(
      new Map([
        [c, true],
        [b, true],
        [a, true],
      ]),
    );

    await mailpit.setReadStatus({ IDs: [b] }); // Read defaults to false
    expect(await readOf()).toEqual(
      new Map([
        [c, true],
        [b, false],
        [a, true],
      ]),
    );

    await mailpit.setReadStatus(); // no IDs, no Search: all, unread
    expect((await mailpit.listMessages()).unread).toBe(3);
    await mailpit.setReadStatus({ Read: true });
    const list = await mailpit.listMessages();
    expect(list).toMatchObject({ unread: 0, messages_unread: 0 });
    expect((await mailpit.searchMessages({ query: 'is:unread' })).messages_count).toBe(0);
  });
});

describe('delete', () => {
  it('deleteMessages removes some, then all', async () => {
    const lab = await startLab();
    const mailpit = client(lab);
    const ids: string[] = [];
    for (const s of ['a', 'b', 'c', 'd']) ids.push(await send(lab, { from: 'a@lab.test', to: 'b@lab.test', subject: s, text: s }));
    expect(await mailpit.deleteMessages({ IDs: [ids[1] as string, ids[2] as string, ids[2] as string] })).toBe('ok');
    const left = await mailpit.listMessages();
    expect(left.messages.map((m) => m.ID)).toEqual([ids[3], ids[0]]);
    expect(left).toMatchObject({ total: 2, unread: 2 });
    expect((await mailpit.getInfo()).RuntimeStats.MessagesDeleted).toBe(2);
    await expect(mailpit.getMessageSummary(ids[1])).rejects.toThrow(/404/);
    expect(await mailpit.deleteMessages()).toBe('ok');
    expect(await mailpit.listMessages()).toMatchObject({ total: 0, unread: 0, messages: [] });
    const info = await mailpit.getInfo();
    expect(info.Messages).toBe(0);
    expect(info.RuntimeStats.MessagesDeleted).toBe(4);
  });
});

describe('search', () => {
  it('searchMessages pages the matches; deleteMessagesBySearch deletes exactly them', async () => {
    const lab = await startLab();
    const mailpit = client(lab);
    const alarms: string[] = [];
    for (let i = 0; i < 3; i++) alarms.push(await send(lab, { from: 'scada@plant.test', to: 'op@lab.test', subject: `Alarm ${i}`, text: 'pump' }));
    const other = await send(lab, { from: 'hr@plant.test', to: 'op@lab.test', subject: 'Lunch', text: 'soup' });

    const found = await mailpit.searchMessages({ query: 'from:scada@plant.test', start: 1, limit: 1 });
    expect(found).toMatchObject({ total: 4, messages_count: 3, messages_unread: 3, count: 1, start: 1 });
    expect(found.messages.map((m) => m.ID)).toEqual([alarms[1]]);
    expect((await mailpit.searchMessages({ query: 'subject:"Alarm 2"' })).messages.map((m) => m.ID)).toEqual([alarms[2]]);

    expect(await mailpit.deleteMessagesBySearch({ query: 'subject:alarm' })).toBe('ok');
    expect((await mailpit.listMessages()).messages.map((m) => m.ID)).toEqual([other]);
  });
});

describe('waiting', () => {
  it('waitForMessage resolves with a mail sent after the wait began', async () => {
    const lab = await startLab();
    const mailpit = client(lab);
    await send(lab, { from: 'a@lab.test', to: 'someone-else@lab.test', subject: 'noise', text: 'x' });
    const waiting = mailpit.waitForMessage({ query: 'to:late@lab.test' }, { timeout: 20_000, interval: 50 });
    // Let the first polls find nothing.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const id = await send(lab, { from: 'a@lab.test', to: 'late@lab.test', subject: 'late one', text: 'arrived' });
    const message = await waiting;
    expect(message.ID).toBe(id);
    expect(message.Subject).toBe('late one');
  });

  it('waitForMessages waits for a count, exact or at least, and for an empty mailbox', async () => {
    const lab = await startLab();
    const mailpit = client(lab);
    const waiting = mailpit.waitForMessages({ query: 'subject:batch', count: 3 }, { timeout: 20_000, interval: 50 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    for (let i = 0; i < 3; i++) await send(lab, { from: 'a@lab.test', to: 'b@lab.test', subject: `batch ${i}`, text: 'x' });
    const result = await waiting;
    expect(result.messages_count).toBe(3);
    expect(result.messages.map((m) => m.Subject)).toEqual(['batch 2', 'batch 1', 'batch 0']);

    await expect(mailpit.waitForMessages({ query: 'subject:batch', count: 2, exact: true }, { timeout: 300, interval: 50 })).rejects.toThrow(/Timeout/);
    const emptying = mailpit.waitForMessages({ count: 0 }, { timeout: 20_000, interval: 50 });
    await mailpit.deleteMessages();
    expect((await emptying).messages_count).toBe(0);
  });
});
