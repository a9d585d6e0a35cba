// Running the CLI's commands in-process, as `smtp-lab <command>` would (the same functions
// main.ts dispatches to), with their own config dir and a captured stdout/stderr.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { CliIo } from '../../../server/cli/start-command.js';

export interface CapturedIo {
  io: CliIo;
  out(): string;
  err(): string;
  reset(): void;
}

export function captureIo(env: NodeJS.ProcessEnv): CapturedIo {
  let out = '';
  let err = '';
  return {
    io: { out: (text) => void (out += text), err: (text) => void (err += text), env },
    out: () => out,
    err: () => err,
    reset() {
      out = '';
      err = '';
    },
  };
}

/** A temporary home for the CLI: XDG_CONFIG_HOME points here, so ~/.config/smtp-lab is here. */
export async function tempConfigHome(): Promise<{ dir: string; env: NodeJS.ProcessEnv; adminFile: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'smtp-lab-cli-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return { dir, env: { XDG_CONFIG_HOME: dir, LANG: 'C' }, adminFile: join(dir, 'smtp-lab', 'admin.json') };
}
