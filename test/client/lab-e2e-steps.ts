// What a student does on the Lab page, step by step, for the Lab page's end-to-end tests; and
// the witnesses that no password leaks: every API response and live frame the page received,
// and everything in the page (markup, input values, text).
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPage, type OpenPage, type PageOptions } from '../helpers/browser.js';
import { startRecordingProxy, type RecordedAnswer, type RecordingProxy } from './lab-e2e-proxy.js';

// page.evaluate callbacks run inside Chromium; the Node test program has no DOM lib.
declare const document: any;

export async function signUp(page: Page, address: string, password: string): Promise<void> {
  const panel = page.getByTestId('auth-panel');
  await panel.waitFor();
  if ((await panel.getAttribute('data-mode')) !== 'sign-up') await page.getByTestId('mode-sign-up').click();
  await page.locator('#account-address').fill(address);
  await page.locator('#account-password').fill(password);
  await page.getByTestId('auth-submit').click();
  await page.getByTestId('account-view').waitFor();
}

/** Generates an app password; returns it as shown (grouped by four) and as typed (no spaces). */
export async function generateAppPassword(page: Page, label: string): Promise<{ shown: string; password: string }> {
  await page.locator('#account-label').fill(label);
  await page.getByTestId('generate-app-password').click();
  const shown = (await page.getByTestId('new-app-password-value').textContent()) ?? '';
  return { shown, password: shown.replace(/\s+/g, '') };
}

export async function openPlatform(page: Page): Promise<void> {
  await page.getByTestId('lab-nav-platform').click();
  await page.getByTestId('platform-view').waitFor();
}

export interface FormValues {
  preset?: string;
  login?: string;
  password?: string;
  fromAddress?: string;
  fromName?: string;
  port?: string;
}

export async function fillForm(page: Page, values: FormValues): Promise<void> {
  if (values.preset !== undefined) await page.locator('#lab-field-preset').selectOption(values.preset);
  for (const field of ['port', 'login', 'password', 'fromAddress', 'fromName'] as const) {
    const value = values[field];
    if (value !== undefined) await page.locator(`#lab-field-${field}`).fill(value);
  }
}

export async function save(page: Page): Promise<void> {
  await page.getByTestId('save-integration').click();
  await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
}

/** Sends the test e-mail and waits for the attempt to settle; returns the result's state. */
export async function sendTest(page: Page, to?: string): Promise<string> {
  if (to !== undefined) await page.locator('#lab-field-to').fill(to);
  const result = page.getByTestId('test-result');
  const before = Number((await result.getAttribute('data-attempt')) ?? 0);
  await page.getByTestId('send-test').click();
  await expect.poll(async () => Number((await result.getAttribute('data-attempt')) ?? 0)).toBeGreaterThan(before);
  await expect.poll(() => result.getAttribute('data-state'), { timeout: 20_000 }).not.toBe('running');
  return (await result.getAttribute('data-state')) ?? '';
}

/**
 * The server's side of the attempt, once its session has ended and its last line (the end of
 * the connection) is on screen: the summary can come a moment before the lines it counts.
 */
export async function waitServerSide(page: Page): Promise<void> {
  const side = page.getByTestId('server-side');
  await expect.poll(() => side.getAttribute('data-state'), { timeout: 20_000 }).toBe('closed');
  await expect.poll(() => side.locator('.dline').last().getAttribute('data-event'), { timeout: 20_000 }).toMatch(/^(closed|aborted|timed-out)$/);
}

export interface Traffic {
  /** Every API answer and live frame so far, except the one that hands out an app password. */
  texts(): Promise<string[]>;
  /** The answer bodies that hold this text (a witness that the recording sees secrets). */
  holding(text: string): Promise<string[]>;
  /** The streamed results of the test sends, in order. */
  results(): Promise<Array<{ ok: boolean; reply: string | null; sessionId?: string }>>;
}

/** What the page received: the answers through the proxy, the live frames from the page. */
export function recordTraffic(page: Page, proxy: RecordingProxy): Traffic {
  const frames: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', (frame) => frames.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8')));
  });
  const api = async () => (await proxy.answers()).filter((a) => a.path.startsWith('/api/'));
  return {
    async texts() {
      const handsOut = (a: RecordedAnswer) => a.method === 'POST' && a.path === '/api/lab/account/app-passwords';
      const answers = (await api()).filter((a) => !handsOut(a));
      for (const a of answers) if (a.body.startsWith('UNREADABLE')) throw new Error(`${a.method} ${a.path}: ${a.body}`);
      return [...answers.map((a) => a.body), ...frames];
    },
    async holding(text) {
      return (await api()).filter((a) => a.body.includes(text)).map((a) => `${a.method} ${a.path}`);
    },
    async results() {
      return (await api())
        .filter((a) => a.method === 'POST' && a.path === '/api/lab/integration/test')
        .map((a) => {
          const line = a.body
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { type: string; result?: { ok: boolean; reply: string | null; sessionId?: string } })
            .find((event) => event.type === 'result');
          if (!line?.result) throw new Error(`no result in the streamed answer: ${a.body.slice(0, 200)}`);
          return line.result;
        });
    },
  };
}

/** The Lab page opened through a recording proxy in front of the lab. */
export async function openLabPage(
  browser: Browser,
  labUrl: string,
  path: string,
  options: PageOptions = {},
): Promise<OpenPage & { traffic: Traffic; url: string }> {
  const proxy = await startRecordingProxy(labUrl);
  const opened = await openPage(browser, `${proxy.url}${path}`, options);
  return { ...opened, traffic: recordTraffic(opened.page, proxy), url: proxy.url };
}

/** Everything the page holds: its markup, every input's current value, its text. */
export async function pageContents(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((el: any) => String(el.value));
    return [document.documentElement.outerHTML, document.body.innerText, ...values].join('\n');
  });
}

/** A secret as it could show up: itself, spaced by four, and in the AUTH encodings. */
export function secretForms(login: string, secret: string): string[] {
  return [secret, secret.replace(/(.{4})(?=.)/g, '$1 '), Buffer.from(secret).toString('base64'), Buffer.from(`\0${login}\0${secret}`).toString('base64')];
}

export function expectNoSecrets(texts: string[], secrets: string[], where: string): void {
  for (const secret of secrets) {
    const found = texts.findIndex((text) => text.includes(secret));
    expect(found, `${where} holds a secret (${secret.slice(0, 3)}…) in ${texts[found]?.slice(0, 300)}`).toBe(-1);
  }
}

/**
 * The page's problems but the one it must meet: Chromium logs the 401 of "who is signed in?"
 * when nobody is (the page then shows the sign-in form).
 */
export function unexpectedProblems(problems: string[]): string[] {
  return problems.filter((p) => !/Failed to load resource: the server responded with a status of 401/.test(p));
}
