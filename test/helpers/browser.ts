// Real Chromium for the browser client's end-to-end tests (playwright-core, Debian's chromium).
// One browser per test file; each test opens its pages in a fresh context (its own storage,
// locale and viewport), closed when the test ends. Every page records what went wrong in it
// (uncaught errors, console errors, Content-Security-Policy violations) so a test can assert
// that nothing did.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFinished } from 'vitest';

// The functions handed to page.evaluate / addInitScript run inside Chromium; the Node test
// program has no DOM lib, so the browser globals they touch are declared for this file only.
declare const document: any;
declare const window: any;
declare function getComputedStyle(element: unknown): { overflowX: string };

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOT_DIR = join(root, 'test-output', 'screenshots');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The lab server serves dist/client; the tests need it built from the current sources. */
export function requireBuiltClient(): void {
  const index = join(root, 'dist', 'client', 'index.html');
  const build = 'npx vite build --config client/vite.config.ts';
  if (!existsSync(index)) {
    throw new Error(`The browser client is not built (${index} is missing). Build it first: ${build} (npm test does it).`);
  }
  const client = join(root, 'client');
  const newestSource = Math.max(newestMtime(join(client, 'src')), ...['index.html', 'vite.config.ts'].map((f) => statSync(join(client, f)).mtimeMs));
  if (newestSource > statSync(index).mtimeMs) {
    throw new Error(`dist/client is older than client/: rebuild it first: ${build}`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** One Chromium for the test file, started before its tests and closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    requireBuiltClient();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser did not start (see beforeAll)');
    return browser;
  };
}

export interface PageOptions {
  /** BCP 47; sets navigator.languages and Accept-Language. */
  locale?: string;
  viewport?: { width: number; height: number };
}

export interface OpenPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors, console errors and CSP violations of the page itself. */
  problems: string[];
}

export async function openPage(browser: Browser, url: string, options: PageOptions = {}): Promise<OpenPage> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? DESKTOP,
    acceptDownloads: true,
  });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (message) => {
    // The mail's own frame reports the scripts its sandbox blocked: that is the sandbox working.
    if (message.type() === 'error' && !message.location().url.includes('/view/')) problems.push(`console: ${message.text()}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event: { violatedDirective: string; blockedURI: string }) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(url);
  return { page, context, problems };
}

/** Waits until the page has loaded its state and follows the live stream. */
export async function waitLive(page: Page): Promise<void> {
  await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * What scrolls sideways, if anything: the document, or any element that is itself a scroll
 * container wider than its box (content clipped on purpose, with an ellipsis, does not count).
 */
export async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const doc = document.scrollingElement ?? document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) found.push(`document (${doc.scrollWidth} > ${doc.clientWidth})`);
    for (const node of document.querySelectorAll('body *') as Iterable<{ scrollWidth: number; clientWidth: number; tagName: string; className: string }>) {
      const overflow = getComputedStyle(node).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && node.scrollWidth > node.clientWidth + 1) {
        found.push(`${node.tagName.toLowerCase()}.${node.className} (${node.scrollWidth} > ${node.clientWidth})`);
      }
    }
    return found;
  });
}
