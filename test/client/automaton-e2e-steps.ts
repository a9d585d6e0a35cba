// What a student does on the Automaton page, step by step, for its end-to-end tests: import an
// export, add «Отправить e-mail», create an object, send it telemetry; and how to publish what
// the page's mosquitto_pub command says (the real mosquitto_pub when installed, else the mqtt
// package with the same arguments).
import { readableTexts } from '../helpers/page-text.js';
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { connectAsync } from 'mqtt';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { latinProse } from '../helpers/latin-prose.js';

// page.evaluate callbacks run inside Chromium; the Node test program has no DOM lib.
declare const document: any;
declare const NodeFilter: any;

export async function openAutomatonTab(page: Page): Promise<void> {
  await page.locator('[data-tab="automaton"]').click();
  await page.getByTestId('automaton-page').waitFor();
}

export async function useExample(page: Page): Promise<void> {
  await page.getByTestId('use-example').click();
  await expect.poll(() => page.getByTestId('import-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('ok');
}

export interface EmailInput {
  stateId: string;
  list?: 'onenter' | 'onexit';
  recipients: string;
  /** Typed before the placeholder is inserted. */
  subjectBefore?: string;
  /** Inserted with its chip after `subjectBefore`. */
  subjectPlaceholder?: string;
  text?: string;
}

export async function fillEmail(page: Page, input: EmailInput): Promise<void> {
  await page.locator('#z-email-stateId').selectOption(input.stateId);
  if (input.list) await page.locator('#z-email-list').selectOption(input.list);
  await page.locator('#z-email-recipients').fill(input.recipients);
  if (input.subjectBefore !== undefined) await page.locator('#z-email-subject').fill(input.subjectBefore);
  if (input.subjectPlaceholder) {
    await page.locator('#z-email-subject').focus();
    await page.locator('#z-email-subject').press('End');
    await page.locator(`[data-testid="placeholders"] [data-token="${input.subjectPlaceholder}"]`).click();
  }
  if (input.text !== undefined) await page.locator('#z-email-text').fill(input.text);
}

export async function submitEmail(page: Page): Promise<string> {
  await page.getByTestId('save-email').click();
  await expect.poll(() => page.getByTestId('email-status').getAttribute('data-state')).not.toBe('busy');
  return (await page.getByTestId('email-status').getAttribute('data-state')) ?? '';
}

export interface ObjectInput {
  id: string;
  source: 'manual' | 'simulator' | 'playback' | 'mqtt';
  speed?: string;
}

export async function createObject(page: Page, input: ObjectInput): Promise<void> {
  await page.locator('#z-obj-id').fill(input.id);
  await page.getByTestId(`source-${input.source}`).check();
  if (input.speed !== undefined) await page.locator('#z-obj-speed').fill(input.speed);
  await page.getByTestId('create-object').click();
  await expect.poll(() => page.getByTestId('create-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('ok');
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/automaton/${input.id}`);
  await page.locator(`[data-testid="object-detail"][data-id="${input.id}"]`).waitFor();
}

export async function sendTelemetry(page: Page, parameter: string, value: string): Promise<void> {
  await page.getByTestId('telemetry-parameter').fill(parameter);
  await page.getByTestId('telemetry-value').fill(value);
  await page.getByTestId('send-telemetry').click();
  await expect.poll(() => page.getByTestId('telemetry-status').getAttribute('data-state')).toBe('ok');
}

/**
 * The Latin-script prose a reader of the page meets (as test/client/russian-only.e2e.test.ts
 * reads a page): visible text, titles, labels, options — not code, the diagram's SVG, or what is
 * marked translate="no" (the files' names, the device's values, mails).
 */
export async function latinOnPage(page: Page): Promise<string[]> {
  const texts = await readableTexts(page);
  return texts.flatMap((text) => latinProse(text).map((f) => `${f.word} in «${f.context}»`));
}

/** The state the diagram shows as current. */
export const currentState = (page: Page) => page.getByTestId('diagram').getAttribute('data-current-state');

function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin').split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // Not in this directory.
    }
  }
  return null;
}

const run = promisify(execFile);

/**
 * Runs the page's `mosquitto_pub -h H -p P -i ID -t TOPIC -m VALUE` as a student would: with
 * mosquitto_pub when it is installed, else with the mqtt package and the same arguments.
 */
export async function publishAsCommand(command: string): Promise<'mosquitto_pub' | 'mqtt package'> {
  const words = command.split(' ');
  expect(words[0]).toBe('mosquitto_pub');
  const args = words.slice(1);
  const pub = which('mosquitto_pub');
  if (pub) {
    await run(pub, args, { timeout: 10_000 });
    return 'mosquitto_pub';
  }
  const arg = (flag: string) => args[args.indexOf(flag) + 1]!;
  const client = await connectAsync(`mqtt://${arg('-h')}:${arg('-p')}`, { clientId: arg('-i'), reconnectPeriod: 0, protocolVersion: 4 });
  await client.publishAsync(arg('-t'), arg('-m'));
  await client.endAsync();
  return 'mqtt package';
}
