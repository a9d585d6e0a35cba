// The README's alert walkthrough, as written: its shell block is read from the README (English
// and Russian), `npx smtp-lab` becomes the built CLI and the ports those of a lab on port 0, and
// each command runs — add-email, run --mqtt, then the platform device's own mosquitto_pub. The
// alert must arrive in the mailbox with the temperature in its subject, and mosquitto_sub must see
// the device command, as the README says.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runAccount } from '../../../server/cli/account-command.js';
import { runIntegration } from '../../../lab/integration/integration-command.js';
import { eventually, startLab } from '../../helpers/lab.js';
import { captureIo, tempConfigHome } from '../../server/cli/cli-fixtures.js';

const ROOT = join(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'dist/server/cli/main.js');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The shell block under a heading: its commands, continuation lines joined, comments left out. */
function commandsUnder(heading: string): string[][] {
  const section = README.slice(README.indexOf(heading));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
    .map((line) => [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!));
}

describe.each([
  ['English', "## The practical work's alert"],
  ['Russian', '### Оповещение: автомат, MQTT'],
])("the README's alert walkthrough (%s)", (_language, heading) => {
  it('runs as written: the alert reaches the mailbox, the device command reaches mosquitto_sub', async () => {
    const commands = commandsUnder(heading);
    expect(commands.map((c) => c.slice(0, 3).join(' '))).toEqual(['npx smtp-lab automaton', 'npx smtp-lab automaton', 'mosquitto_pub -h 127.0.0.1']);
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile, tlsDir: join(home.dir, 'tls') });
    const cli = captureIo(home.env);
    await runAccount(['add', 'student', '--password', 'my account password'], cli.io);
    await runIntegration(['set', '--preset', 'lab', '--login', 'student@lab.local', '--password', 'my account password'], cli.io);
    const env = { ...process.env, ...home.env };
    // Run in the test's own folder (with-alert.json lands there); the project's files by their full path.
    const local = (args: string[]) => args.map((a) => (a === '1883' ? String(lab.mqttPort) : a.startsWith('lab/') ? join(ROOT, a) : a));
    const [addEmail, run, publish] = commands.map(local) as [string[], string[], string[]];

    const added = spawnSync(process.execPath, [CLI, ...addEmail.slice(2)], { cwd: home.dir, env, encoding: 'utf8' });
    expect(added.status, added.stderr).toBe(0);

    const child = spawn(process.execPath, [CLI, ...run.slice(2)], { cwd: home.dir, env });
    onTestFinished(() => void child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    await eventually(() => (/is attached to the lab|подключён к лаборатории/.test(out) ? true : undefined), 15_000, `attached (${out})`);

    // -d: mosquitto_sub says when its subscription is acknowledged (SUBACK), so nothing is missed;
    // stdbuf: its output is line-buffered even into a pipe.
    const sub = spawn('stdbuf', ['-oL', 'mosquitto_sub', '-d', '-h', '127.0.0.1', '-p', String(lab.mqttPort), '-t', 'kettle/actions', '-v']);
    onTestFinished(() => void sub.kill('SIGKILL'));
    let seen = '';
    sub.stdout.on('data', (d: Buffer) => (seen += d.toString()));
    await eventually(() => (seen.includes('SUBACK') ? true : undefined), 10_000, `mosquitto_sub subscribed (${seen})`);

    // Not spawnSync: the broker answering it runs in this process.
    await promisify(execFile)(publish[0]!, publish.slice(1));
    const mail = await lab.mailbox.waitFor('to:ops@lab.local', { timeout: 15_000 });
    expect(mail.Subject).toBe('Перегрев: 101 °C');
    await eventually(() => (seen.includes('kettle/actions {"on":false}') ? true : undefined), 10_000, `the device command (${seen})`);
    child.kill('SIGINT');
  });
});
