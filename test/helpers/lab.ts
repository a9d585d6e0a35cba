// Starts a lab server on port 0 for one test and closes it when the test ends.
import { onTestFinished } from 'vitest';
import { createLabServer, type LabServer, type LabServerOptions } from '../../server/index.js';

export interface LogCapture {
  lines: string[];
  text(): string;
}

export async function startLab(options: LabServerOptions = {}): Promise<LabServer & { logs: LogCapture }> {
  const lines: string[] = [];
  const lab = await createLabServer({
    log: (level, message) => lines.push(`${level}: ${message}`),
    ...options,
  });
  onTestFinished(() => lab.close());
  return Object.assign(lab, { logs: { lines, text: () => lines.join('\n') } });
}

export async function getJson<T = unknown>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the text is the body
  }
  return { status: res.status, body: body as T };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
