// The page keeps up when the live stream breaks: it says it is offline, reconnects by itself,
// fetches the state again and follows on, without a reload.
import { describe, expect, it, onTestFinished } from 'vitest';
import { createLabServer } from '../../server/index.js';
import { openPage, useBrowser, waitLive } from '../helpers/browser.js';
import { labTransport } from '../helpers/send-mail.js';

const browser = useBrowser();

describe('live stream', () => {
  it('reconnects after the server restarts and shows the new state', async () => {
    const first = await createLabServer({ smtpsPort: false, submissionPort: false });
    let firstOpen = true;
    onTestFinished(async () => {
      if (firstOpen) await first.close();
    });
    const { page, problems } = await openPage(browser(), `${first.url}/mailbox`);
    await waitLive(page);
    await labTransport(first.smtpPort).sendMail({ from: 'a@plant.example', to: 'b@lab.local', subject: 'before restart', text: 'x' });
    await expect.poll(() => page.getByTestId('mail-subject').allTextContents()).toEqual(['before restart']);

    await first.close();
    firstOpen = false;
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-status')).toBe('offline');

    // The same HTTP port, a fresh (in-memory) mailbox.
    const second = await createLabServer({ httpPort: first.httpPort, smtpsPort: false, submissionPort: false });
    onTestFinished(() => second.close());
    await waitLive(page);
    await labTransport(second.smtpPort).sendMail({ from: 'a@plant.example', to: 'b@lab.local', subject: 'after restart', text: 'y' });
    await expect.poll(() => page.getByTestId('mail-subject').allTextContents()).toEqual(['after restart']);
    await page.locator('[data-tab="sessions"]').click();
    await expect.poll(() => page.locator('.vlist-row').count()).toBe(1);
    // While the server was down the browser logged failed connection attempts; nothing else.
    expect(problems.filter((p) => !/WebSocket connection|ERR_CONNECTION_REFUSED|Failed to load resource/.test(p))).toEqual([]);
  });
});
