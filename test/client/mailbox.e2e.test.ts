// The Mailbox tab in real Chromium against a real lab server: mail arrives live, newest first,
// unread marked; the HTML view is sandboxed (a script in the mail does not run, a form does
// not submit, remote images wait for the reader's click); a subject holding HTML is text;
// text, headers, source and attachments; search; delete one and delete all.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { getJson, startLab } from '../helpers/lab.js';
import { openPage, screenshot, sidewaysScrollers, useBrowser, waitLive, PHONE } from '../helpers/browser.js';
import { labTransport } from '../helpers/send-mail.js';

const browser = useBrowser();

/** A web server standing for "the internet": it counts what a mail makes the browser fetch. */
async function startRemote(): Promise<{ base: string; hits: string[] }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if ((req.url ?? '').startsWith('/pixel')) {
      res.writeHead(200, { 'Content-Type': 'image/gif' });
      res.end(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const HOSTILE_SUBJECT = '<img src=x onerror="document.title=\'pwned\'"><b>bold</b> & <i>more</i>';

function hostileHtml(remote: string): string {
  return `<!doctype html><html><body>
    <h1 id="greeting">Hello <b>student</b></h1>
    <p>Pressure is high.</p>
    <img id="pixel" src="${remote}/pixel.gif" alt="tracker">
    <form action="${remote}/submit" method="get"><input name="q" value="x"><button id="go" type="submit">Go</button></form>
    <script>document.body.setAttribute('data-script-ran', 'yes'); fetch('${remote}/script-ran');</script>
    </body></html>`;
}

describe('Mailbox tab', () => {
  it('lists mail live, opens it sandboxed, keeps scripts, forms and remote images out, and shows every view', async () => {
    const lab = await startLab();
    const remote = await startRemote();
    const { page, problems } = await openPage(browser(), `${lab.url}/mailbox`);
    await waitLive(page);
    const transport = labTransport(lab.smtpPort);
    await transport.sendMail({ from: 'Plant <alert@plant.example>', to: 'student@lab.local', subject: 'First alert', text: 'first' });
    await transport.sendMail({
      from: 'Plant <alert@plant.example>',
      to: 'student@lab.local',
      subject: HOSTILE_SUBJECT,
      text: 'The plain text part',
      html: hostileHtml(remote.base),
      attachments: [{ filename: 'readings.csv', content: 'time,bar\n12:00,9.1\n', contentType: 'text/csv' }],
    });

    // Newest first, both unread, the subject as text.
    const rows = page.locator('.vlist-row');
    await expect.poll(() => rows.count()).toBe(2);
    const subjects = await page.getByTestId('mail-subject').allTextContents();
    expect(subjects).toEqual([HOSTILE_SUBJECT, 'First alert']);
    expect(await rows.first().locator('b, img, i').count()).toBe(0);
    expect(await page.locator('.mrow').evaluateAll((els) => els.map((el) => el.getAttribute('data-read')))).toEqual(['false', 'false']);
    await expect.poll(() => page.getByTestId('unread-badge').textContent()).toBe('2');

    await rows.first().click();
    const view = page.getByTestId('mail-view');
    await view.waitFor();
    expect(await view.getByTestId('mail-view-subject').textContent()).toBe(HOSTILE_SUBJECT);
    expect(await view.getByTestId('mail-view-subject').locator('*').count()).toBe(0);
    // Opening marked it read, live.
    await expect.poll(() => page.locator('.mrow').first().getAttribute('data-read')).toBe('true');

    // The HTML: sandboxed, rendered, script inert, remote image blocked.
    const frameElement = view.getByTestId('mail-html');
    const sandbox = (await frameElement.getAttribute('sandbox')) ?? '';
    expect(sandbox.split(/\s+/)).not.toContain('allow-scripts');
    expect(sandbox.split(/\s+/)).not.toContain('allow-same-origin');
    expect(sandbox.split(/\s+/)).not.toContain('allow-forms');
    const frame = (await (await frameElement.elementHandle())!.contentFrame())!;
    await frame.locator('#greeting').waitFor();
    expect(await frame.locator('#greeting').textContent()).toBe('Hello student');
    expect(await frame.locator('body').getAttribute('data-script-ran')).toBeNull();
    expect(await page.title()).not.toBe('pwned');
    expect(await frame.locator('#pixel').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(0);
    await screenshot(page, 'mail-hostile-html-en-desktop');

    // A form in the mail does not submit.
    await frame.locator('#go').click();
    await page.waitForTimeout(300);
    expect(remote.hits).toEqual([]);

    // Remote images only after the reader asks.
    expect(await view.getByTestId('remote-bar').textContent()).toMatch(/Remote images are blocked \(1/);
    await view.getByTestId('show-remote').click();
    await expect.poll(() => remote.hits).toContain('/pixel.gif');
    const shown = (await (await view.getByTestId('mail-html').elementHandle())!.contentFrame())!;
    await expect.poll(() => shown.locator('#pixel').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
    expect(await shown.locator('body').getAttribute('data-script-ran')).toBeNull();
    expect(remote.hits.filter((hit) => hit.startsWith('/script-ran') || hit.startsWith('/submit'))).toEqual([]);

    // Text, headers, source, attachments.
    await view.locator('[data-view="text"]').click();
    expect(await view.getByTestId('mail-text').textContent()).toContain('The plain text part');
    await view.locator('[data-view="headers"]').click();
    expect(await view.getByTestId('mail-headers').textContent()).toContain('Content-Type');
    await view.locator('[data-view="raw"]').click();
    expect(await view.getByTestId('mail-raw').textContent()).toContain('MIME-Version: 1.0');
    await view.locator('[data-view="attachments"]').click();
    const link = view.getByTestId('attachment-link');
    expect(await link.textContent()).toBe('readings.csv');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('readings.csv');
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('time,bar\n12:00,9.1\n');

    // The session that delivered it.
    await view.getByTestId('mail-session-link').click();
    await page.getByTestId('session-view').locator('[data-command="DATA-BODY"]').waitFor();
    expect(page.url()).toMatch(/\/sessions\//);
    expect(problems).toEqual([]);
  });

  it('searches with the API query words, deletes one, deletes all', async () => {
    const lab = await startLab();
    const { page, problems } = await openPage(browser(), `${lab.url}/mailbox`);
    await waitLive(page);
    const transport = labTransport(lab.smtpPort);
    for (const [to, subject] of [
      ['ops@lab.local', 'Valve stuck'],
      ['student@lab.local', 'Boiler pressure high'],
      ['student@lab.local', 'Boiler pressure normal'],
    ]) {
      await transport.sendMail({ from: 'alert@plant.example', to, subject, text: subject });
    }
    await expect.poll(() => page.locator('.vlist-row').count()).toBe(3);

    await page.locator('#mail-search').fill('to:student subject:"pressure high"');
    await page.locator('#mail-search').press('Enter');
    await expect.poll(() => page.getByTestId('mail-subject').allTextContents()).toEqual(['Boiler pressure high']);
    expect(await page.getByTestId('search-status').textContent()).toContain('1 found');
    await page.locator('#mail-search').fill('before:not-a-date');
    await page.locator('#mail-search').press('Enter');
    await expect.poll(() => page.getByTestId('search-status').textContent()).toMatch(/did not run/);
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect.poll(() => page.locator('.vlist-row').count()).toBe(3);

    // Delete one.
    await page.locator('.vlist-row', { hasText: 'Valve stuck' }).click();
    await page.getByTestId('delete-mail').click();
    await expect.poll(() => page.getByTestId('mail-subject').allTextContents()).toEqual(['Boiler pressure normal', 'Boiler pressure high']);
    const afterOne = await getJson<{ messages_count: number; messages: Array<{ Subject: string }> }>(`${lab.url}/api/v1/messages`);
    expect(afterOne.body.messages.map((mail) => mail.Subject)).toEqual(['Boiler pressure normal', 'Boiler pressure high']);
    await screenshot(page, 'mailbox-after-delete-en-desktop');

    // Delete all, asked once in place.
    await page.getByTestId('delete-all').click();
    await page.getByTestId('delete-all-confirm').click();
    await expect.poll(() => page.locator('.vlist-row').count()).toBe(0);
    expect(await page.getByTestId('mail-total').textContent()).toBe('0');
    const afterAll = await getJson<{ messages_count: number }>(`${lab.url}/api/v1/messages`);
    expect(afterAll.body.messages_count).toBe(0);
    // The one failed request is the bad query's 400, which the page showed as a message.
    expect(problems).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });

  // Issue 8, point 15: a mail without a From header has a sender still, in its envelope.
  it('a mail without a From header: the envelope sender, not "no sender"', async () => {
    const lab = await startLab();
    await labTransport(lab.smtpPort).sendMail({
      envelope: { from: 'alerts@plant.example', to: 'ops@lab.local' },
      raw: 'Subject: no From header\r\n\r\nbody\r\n',
    });
    await labTransport(lab.smtpPort).sendMail({ envelope: { from: '', to: 'ops@lab.local' }, raw: 'Subject: a bounce\r\n\r\nbody\r\n' });
    const { page } = await openPage(browser(), `${lab.url}/mailbox`, { locale: 'ru-RU' });
    await waitLive(page);
    await expect.poll(() => page.locator('.vlist-row').count()).toBe(2);
    for (const from of await page.locator('.mrow-from').allTextContents()) {
      expect(from).not.toBe('(без отправителя)');
      expect(from).toMatch(/нет заголовка «From»/);
    }
    const [bounce, headerless] = lab.mailbox.list().messages;
    await page.goto(`${lab.url}/mailbox/${headerless!.ID}`);
    expect(await page.getByTestId('mail-view-from').textContent()).toBe('alerts@plant.example (из конверта: заголовка «From» в письме нет)');
    await page.goto(`${lab.url}/mailbox/${bounce!.ID}`);
    expect(await page.getByTestId('mail-view-from').textContent()).toBe(
      'пустой отправитель конверта <> (как у уведомления о недоставке), заголовка «From» нет',
    );
  });

  it('reads mail on a 390-px phone without sideways scrolling', async () => {
    const lab = await startLab();
    await labTransport(lab.smtpPort).sendMail({
      from: 'alert@plant.example',
      to: 'student@lab.local',
      subject: 'A rather long subject line that must wrap rather than push the page sideways on a phone',
      html: '<p>Hello <b>phone</b></p><p>averyveryverylongwordwithoutanyspacesthatcouldbreakthelayoutofaphonescreen</p>',
      text: 'Hello phone',
    });
    const { page } = await openPage(browser(), `${lab.url}/mailbox`, { viewport: PHONE });
    await page.locator('.vlist-row').first().waitFor();
    expect(await sidewaysScrollers(page)).toEqual([]);
    await page.locator('.vlist-row').first().click();
    await page.getByTestId('mail-html').waitFor();
    expect(await sidewaysScrollers(page)).toEqual([]);
    await screenshot(page, 'mail-long-subject-en-phone');
  });
});
