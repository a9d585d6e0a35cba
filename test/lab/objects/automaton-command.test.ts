// `smtp-lab automaton show | add-email | run`, as a student runs it: the export in words, the
// «Отправить e-mail» added and written back, a run on a playback file (in this process) whose
// alert reaches the lab, and a run attached to the running lab over MQTT (`mosquitto_pub -i ID`
// reaches it; Ctrl+C detaches it).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runAccount } from '../../../server/cli/account-command.js';
import { runIntegration } from '../../../lab/integration/integration-command.js';
import { runAutomaton } from '../../../lab/objects/automaton-command.js';
import { importAutomaton } from '../../../lab/automaton/import-automaton.js';
import { eventually, startLab } from '../../helpers/lab.js';
import { captureIo, tempConfigHome } from '../../server/cli/cli-fixtures.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/platform/temperature-control.automaton.json');
const CLI = join(import.meta.dirname, '../../../dist/server/cli/main.js');

/** A lab with the CLI's admin file, an account, and the CLI's integration saved to its TLS listener. */
async function labWithIntegration() {
  const home = await tempConfigHome();
  const lab = await startLab({ adminFile: home.adminFile, tlsDir: join(home.dir, 'tls') });
  const cli = captureIo(home.env);
  expect(await runAccount(['add', 'student', '--password', 'account-password-1'], cli.io)).toBe(0);
  expect(await runAccount(['app-password', 'student@lab.local'], cli.io)).toBe(0);
  const appPassword = cli.out().trim().split('\n').at(-1) as string;
  expect(await runIntegration(['set', '--preset', 'lab', '--login', 'student@lab.local', '--password', appPassword], cli.io)).toBe(0);
  cli.reset();
  return { home, lab, cli };
}

describe('smtp-lab automaton', () => {
  it('show puts the export into words, in Russian', async () => {
    const home = await tempConfigHome();
    const cli = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    expect(await runAutomaton(['show', FIXTURE], cli.io)).toBe(0);
    expect(cli.out()).toContain('«ON» → «OFF»: данные получены, если temperatureC > 99');
    expect(cli.out()).toContain('команда устройству kettle_off («Turn-off kettle»)');
  });

  it("add-email adds «Отправить e-mail» to a state and writes the platform's file; mistakes are said, nothing written", async () => {
    const home = await tempConfigHome();
    const cli = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });
    const out = join(home.dir, 'with-alert.json');
    expect(
      await runAutomaton(['add-email', FIXTURE, '--state', 'OFF', '--to', 'ops@lab.local', '--subject', 'Перегрев {{temperatureC}}', '-o', out], cli.io),
    ).toBe(0);
    const off = importAutomaton(await readFile(out, 'utf8')).automaton.states.find((s) => s.name === 'OFF');
    const email = off?.onenter.find((a) => a.kind === 'send-email');
    expect(email?.kind === 'send-email' && email.email).toMatchObject({ recipients: 'ops@lab.local', subject: 'Перегрев {{temperatureC}}' });

    cli.reset();
    expect(await runAutomaton(['add-email', FIXTURE, '--state', 'HOT', '--to', 'ops@lab.local'], cli.io)).toBe(2);
    expect(cli.err()).toContain('состояния «HOT» нет (есть: «ON», «OFF»)');
    cli.reset();
    expect(await runAutomaton(['add-email', FIXTURE, '--state', 'OFF', '--to', 'not an address'], cli.io)).toBe(2);
    expect(cli.err()).toMatch(/not an address/);
    expect(cli.out()).toBe('');
  });

  it('run on a playback file: the transitions as they happen, the alert sent through the saved integration (exit 0)', async () => {
    const { home, lab, cli } = await labWithIntegration();
    const automaton = join(home.dir, 'a.json');
    expect(
      await runAutomaton(['add-email', FIXTURE, '--state', 'OFF', '--to', 'ops@lab.local', '--subject', 'Перегрев {{temperatureC}}', '-o', automaton], cli.io),
    ).toBe(0);
    const playback = join(home.dir, 'play.csv');
    await writeFile(playback, 't,temperatureC\n0,80\n60,95\n120,\n180,104\n240,70\n');
    cli.reset();
    expect(await runAutomaton(['run', automaton, '--telemetry', playback, '--speed', '600'], cli.io)).toBe(0);
    expect(cli.out()).toMatch(/Transition .*"ON" → "OFF" \(temperatureC > 99\)/);
    expect(cli.out()).toMatch(/✉ alert sent to ops@lab\.local: «Перегрев 104»/);
    expect(cli.out()).toContain('Done. Alerts sent: 1, not sent: 0.');
    await eventually(() => (lab.mailbox.list().messages.some((m) => m.Subject === 'Перегрев 104') ? true : undefined));
  });

  it('run exits 1 when an alert could not be sent, saying why', async () => {
    const { home, cli } = await labWithIntegration();
    expect(await runIntegration(['set', '--password', 'wrong-app-password'], cli.io)).toBe(0);
    const automaton = join(home.dir, 'a.json');
    await runAutomaton(['add-email', FIXTURE, '--state', 'OFF', '--to', 'ops@lab.local', '-o', automaton], cli.io);
    const playback = join(home.dir, 'play.json');
    await writeFile(playback, JSON.stringify([{ t: 0, temperatureC: 120 }]));
    cli.reset();
    expect(await runAutomaton(['run', automaton, '--telemetry', playback], cli.io)).toBe(1);
    expect(cli.err()).toMatch(/✉ alert NOT sent to ops@lab\.local: The alert e-mail was not sent/);
  });

  it('run --mqtt attaches the object to the running lab: a real MQTT client reaches it; Ctrl+C detaches it', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
    const { home, lab, cli } = await labWithIntegration();
    const automaton = join(home.dir, 'a.json');
    await runAutomaton(['add-email', FIXTURE, '--state', 'OFF', '--to', 'ops@lab.local', '--subject', 'Перегрев {{temperatureC}}', '-o', automaton], cli.io);
    const child = spawn(process.execPath, [CLI, 'automaton', 'run', automaton, '--mqtt', '--object', 'kettle-7'], { env: { ...process.env, ...home.env } });
    onTestFinished(() => void child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await eventually(() => (out.includes('is attached to the lab') ? true : undefined), 15_000, `the attach message (${out})`);
    expect(out).toContain(`mosquitto_pub -h 127.0.0.1 -p ${lab.mqttPort} -i kettle-7`);

    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${lab.mqttPort}`, { clientId: 'kettle-7', protocolVersion: 4 });
    onTestFinished(() => device.endAsync());
    await device.publishAsync('base/state/temperatureC', '101');
    await eventually(() => (out.includes('✉ alert sent to ops@lab.local: «Перегрев 101»') ? true : undefined), 15_000, `the alert (${out})`);
    expect(lab.objects.registry.get('kettle-7').state?.name).toBe('OFF');

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await eventually(() => (lab.objects.registry.has('kettle-7') ? undefined : true), 5000, 'the object detached');
  });
});
