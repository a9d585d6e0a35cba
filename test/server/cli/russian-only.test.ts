// Issue 8, "how to keep it from coming back", the command line: every command and every answer
// it gives, under LANG=ru_RU.UTF-8, as a student meets them in the practical work — help, the
// start-up summary, a mail arriving, stopping, accounts, the integration, a failed and a
// successful test send, bad input — holds no Latin-script prose: only protocol tokens, codes,
// commands, flags, names and what is quoted verbatim (test/helpers/latin-prose.ts).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runAccount } from '../../../server/cli/account-command.js';
import { runFault } from '../../../server/cli/fault-command.js';
import { runScenario } from '../../../lab/scenarios/scenario-command.js';
import { FAULT_PRESET_IDS } from '../../../server/faults/fault-presets.js';
import { FAULT_STAGES } from '../../../server/wire/faults.js';
import { runIntegration } from '../../../lab/integration/integration-command.js';
import { runSendTest } from '../../../lab/sender/send-test-command.js';
import { runAutomaton } from '../../../lab/objects/automaton-command.js';
import { eventually, startLab } from '../../helpers/lab.js';
import { latinProse, withoutDialogueLines } from '../../helpers/latin-prose.js';
import { labTransport } from '../../helpers/send-mail.js';
import { captureIo, tempConfigHome } from './cli-fixtures.js';

const CLI = join(import.meta.dirname, '../../../dist/server/cli/main.js');
const RU = { LANG: 'ru_RU.UTF-8' };
const FAULT_WORDS = [
  ...['fault', 'add', 'list', 'remove', 'clear', 'every', 'random', 'bogus', 'oops', 'frobnicate', 'x', 'delay', 'disconnect', 'throttle', 'reply'],
  ...FAULT_STAGES,
  ...['listener', 'user', 'clientAddress', 'helo', 'mailFrom', 'rcptTo', 'nth', 'first', 'everyNth', 'probability', 'greylist', 'firings', 'seconds', 'name'],
  ...FAULT_PRESET_IDS.flatMap((id) => id.split('-')),
];

function expectRussian(what: string, text: string, identifiers: string[] = []): void {
  expect(text.trim().length, `${what}: printed nothing`).toBeGreaterThan(0);
  const found = latinProse(withoutDialogueLines(text), identifiers);
  expect(
    found.map((f) => `${f.word}  ←  ${f.context}`),
    `${what}:\n${text}`,
  ).toEqual([]);
}

/** The built command, as the student runs it; resolves with what it printed and its exit code. */
function runBuilt(args: string[], env: NodeJS.ProcessEnv, until?: (out: string) => boolean): Promise<{ out: string; code: number | null }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', ...env } });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let out = '';
  let stopped = false;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    // One Ctrl+C: a second one would make it stop without waiting (exit 130).
    if (!stopped && until?.(out)) {
      stopped = true;
      child.kill('SIGINT');
    }
  });
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ out, code })));
}

describe('the CLI in Russian has no English prose', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsc -p tsconfig.build.json\` first`);
  });

  it('smtp-lab, help and a wrong command', async () => {
    const home = await tempConfigHome();
    const env = { ...home.env, ...RU };
    expectRussian('smtp-lab --help', (await runBuilt(['--help'], env)).out);
    expectRussian('smtp-lab help', (await runBuilt(['help'], env)).out);
    expectRussian('smtp-lab frobnicate', (await runBuilt(['frobnicate'], env)).out);
  });

  it('start: --help, a bad value, an unknown option, the summary, a mail, stopping', async () => {
    const home = await tempConfigHome();
    const env = { ...home.env, ...RU };
    expectRussian('start --help', (await runBuilt(['start', '--help'], env)).out);
    expectRussian('start --smtp-port seventy', (await runBuilt(['start', '--smtp-port', 'seventy'], env)).out);
    expectRussian('start --bogus', (await runBuilt(['start', '--bogus'], env)).out.split('\n')[0]!);
    expectRussian('start --profile hotmail', (await runBuilt(['start', '--profile', 'hotmail'], env)).out.split('\n')[0]!);
    expectRussian('start with SMTP_LAB_REVERSE_DNS=maybe', (await runBuilt(['start'], { ...env, SMTP_LAB_REVERSE_DNS: 'maybe' })).out.split('\n')[0]!);
    expectRussian('start with a stray argument', (await runBuilt(['start', 'now'], env)).out.split('\n')[0]!);

    let smtpPort = 0;
    let sent = false;
    const ports = [
      '--smtp-port',
      '0',
      '--smtps-port',
      '0',
      '--submission-port',
      '0',
      '--http-port',
      '0',
      '--mqtt-port',
      '0',
      '--telegram-port',
      '0',
      '--discord-port',
      '0',
      '--sms-port',
      '0',
      '--smpp-port',
      '0',
    ];
    const run = runBuilt(['start', ...ports], env, (out) => {
      const port = /SMTP, открытый[^\n]*127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      if (port && !sent) {
        sent = true;
        smtpPort = Number(port);
        // A mail with a From header, and one from a null sender without it.
        void labTransport(smtpPort)
          .sendMail({ from: 'Plant <alerts@plant.example>', to: 'ops@lab.local', subject: 'Boiler 7 over 95 C', text: '97 C' })
          .then(() => labTransport(smtpPort).sendMail({ envelope: { from: '', to: 'ops@lab.local' }, raw: 'Subject: no from\r\n\r\nx\r\n' }));
      }
      return (out.match(/^\d\d:\d\d:\d\d письмо /gm) ?? []).length >= 2;
    });
    const { out, code } = await run;
    expect(code).toBe(0);
    expect(out).toMatch(/Остановлен\./);
    expectRussian('start: summary, mails, stop', out);
  });

  it('account: help, add, list, app-password, revoke, errors', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile });
    const cli = captureIo({ ...home.env, ...RU });
    const step = async (argv: string[]) => {
      cli.reset();
      await runAccount(argv, cli.io);
      // app-password prints the password alone on stdout, for scripts: a value, not text.
      const printed = argv[0] === 'app-password' ? cli.err() : cli.out() + cli.err();
      expectRussian(`account ${argv.join(' ')}`, printed);
    };
    await step(['--help']);
    await step(['list']);
    await step(['add', 'student', '--password', 'account-password-1']);
    await step(['add', 'student', '--password', 'account-password-1']);
    await step(['add', 'shorty', '--password', 'short']);
    await step(['add', 'two words', '--password', 'account-password-1']);
    await step(['app-password', 'student@lab.local', '--label', 'платформа']);
    await step(['app-password', 'nobody']);
    await step(['list']);
    const id = lab.accounts.get('student')!.appPasswords[0]!.id;
    await step(['revoke', 'student@lab.local', 'no-such-id']);
    await step(['revoke', 'student@lab.local', id]);
    await step(['frobnicate']);
    await step(['list', '--bogus']);
    await step(['add', 'student', '--password']);
  });

  it('fault: help, add, list with a firing explained, remove, clear, errors', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile });
    const cli = captureIo({ ...home.env, ...RU });
    const step = async (argv: string[]) => {
      cli.reset();
      await runFault(argv, cli.io);
      // What a reader types: the subcommands, the stages, the modifiers and the presets' ids.
      expectRussian(`fault ${argv.join(' ')}`, cli.out() + cli.err(), FAULT_WORDS);
    };
    await step(['--help']);
    await step(['list']);
    await step(['add', 'greylisting']);
    await step(['add', 'helo=delay:10; name=медленный EHLO']);
    await labTransport(lab.smtpPort)
      .sendMail({ from: 'app@lab.local', to: 'ops@lab.local', subject: 's', text: 't' })
      .catch(() => undefined);
    await step(['list']);
    await step(['add', 'rcpt=700 x']);
    await step(['add', 'helo=disconnect; mailFrom=a@b']);
    await step(['add', 'rcpt=oops']);
    await step(['add', 'rcpt=550; bogus=1']);
    await step(['remove', 'f-nothing']);
    await step(['remove']);
    await step(['clear']);
    await step(['frobnicate']);
  });

  it('scenario: help, list, start, check with a failure and a hint, report, reset, errors', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile });
    const cli = captureIo({ ...home.env, ...RU });
    const step = async (argv: string[]) => {
      cli.reset();
      await runScenario(argv, cli.io);
      expectRussian(`scenario ${argv.join(' ')}`, cli.out() + cli.err(), [
        'scenario',
        'list',
        'start',
        'check',
        'reset',
        'report',
        'frobnicate',
        'Temperature',
        'control',
      ]);
    };
    await step(['--help']);
    await step(['list']);
    await step(['start', 'smtp-by-hand']);
    await labTransport(lab.smtpPort).sendMail({ from: 'app@lab.local', to: 'ops@lab.local', subject: 's', text: 't' });
    await eventually(() => (lab.scenarios.check('local', 'smtp-by-hand')?.steps[1]?.state === 'failed' ? true : undefined));
    await step(['check', 'smtp-by-hand']);
    await step(['report']);
    await step(['start', 'integration-errors']);
    await step(['reset', 'smtp-by-hand']);
    await step(['check', 'smtp-by-hand']);
    await step(['start', 'nothing']);
    await step(['frobnicate']);
  });

  it('integration and send-test: help, set, show, a failed test, a login typo, a success, bad input', async () => {
    const home = await tempConfigHome();
    const cli = captureIo({ ...home.env, ...RU });
    const step = async (run: (argv: string[], io: typeof cli.io) => Promise<number>, name: string, argv: string[]) => {
      cli.reset();
      await run(argv, cli.io);
      expectRussian(`${name} ${argv.join(' ')}`, cli.out() + cli.err());
    };
    await step(runIntegration, 'integration', ['--help']);
    await step(runIntegration, 'integration', ['show']);
    await step(runSendTest, 'send-test', ['--help']);
    await step(runSendTest, 'send-test', ['--to', 'ops@lab.local']);
    await step(runIntegration, 'integration', ['set', '--preset', 'custom', '--host', 'smtp://x', '--port', '99999', '--security', 'tls', '--login', 'a b']);
    await step(runIntegration, 'integration', ['set', '--bogus']);

    const lab = await startLab({ adminFile: home.adminFile, profile: 'gmail', tlsDir: join(home.dir, 'tls') });
    await lab.accounts.create('student', 'account-password-1');
    const { password } = await lab.accounts.createAppPassword('student', 'cli');
    await step(runIntegration, 'integration', [
      'set',
      '--preset',
      'lab',
      '--login',
      'student@lab.local',
      '--password',
      'account-password-1',
      '--security',
      'SSL/TLS',
    ]);
    await step(runIntegration, 'integration', ['show']);
    await step(runSendTest, 'send-test', ['--to', 'ops@lab.local']);
    await step(runIntegration, 'integration', ['set', '--login', 'studnet@lab.local', '--password', password]);
    await step(runSendTest, 'send-test', ['--to', 'ops@lab.local']);
    await step(runIntegration, 'integration', ['set', '--login', 'student@lab.local', '--port', String(lab.submissionPort), '--security', 'нет']);
    await step(runSendTest, 'send-test', ['--to', 'ops@lab.local']);
    await step(runIntegration, 'integration', ['set', '--port', String(lab.smtpPort), '--security', 'ssl']);
    await step(runSendTest, 'send-test', ['--to', 'ops@lab.local']);
    await step(runIntegration, 'integration', ['set', '--port', String(lab.smtpsPort)]);
    await step(runSendTest, 'send-test', ['--to', 'ops@lab.local', '--subject', 'Котёл 7']);
    await step(runSendTest, 'send-test', []);
    await step(runSendTest, 'send-test', ['--to', 'ops at lab.local']);
    await step(runSendTest, 'send-test', ['--to', 'ops@lab.local', '--greeting-timeout', 'x']);
    await step(runSendTest, 'send-test', ['--cc', 'x']);
    await eventually(() => (lab.mailbox.list().total >= 1 ? true : undefined));
  });

  it('automaton: help, show, add-email and its mistakes, a run with an alert and one that fails', async () => {
    const home = await tempConfigHome();
    const cli = captureIo({ ...home.env, ...RU });
    const fixture = join(import.meta.dirname, '../../fixtures/platform/temperature-control.automaton.json');
    // The export's parameters, which the output names as they are.
    const parameters = ['temperatureC', 'status'];
    const step = async (argv: string[]) => {
      cli.reset();
      await runAutomaton(argv, cli.io);
      expectRussian(`automaton ${argv.join(' ')}`, cli.out() + cli.err(), parameters);
    };
    await step(['--help']);
    await step(['show', fixture]);
    await step(['show', join(home.dir, 'missing.json')]);
    await step(['add-email', fixture, '--state', 'HOT', '--to', 'ops@lab.local']);
    await step(['add-email', fixture, '--state', 'OFF', '--to', 'not an address']);
    const withAlert = join(home.dir, 'with-alert.json');
    await step(['add-email', fixture, '--state', 'OFF', '--to', 'ops@lab.local', '--subject', 'Перегрев {{temperatureC}}', '-o', withAlert]);
    const playback = join(home.dir, 'play.csv');
    await writeFile(playback, 't,temperatureC\n0,80\n60,104\n120,70\n');
    await step(['run', withAlert, '--telemetry', playback, '--speed', '600']);
    await step(['run', withAlert, '--simulate', 'nothing']);
    await step(['run', withAlert]);

    const lab = await startLab({ adminFile: home.adminFile, tlsDir: join(home.dir, 'tls') });
    await lab.accounts.create('student', 'account-password-1');
    const { password } = await lab.accounts.createAppPassword('student', 'cli');
    await runIntegration(['set', '--preset', 'lab', '--login', 'student@lab.local', '--password', password], cli.io);
    await step(['run', withAlert, '--telemetry', playback, '--speed', '600']);
    await runIntegration(['set', '--password', 'wrong-app-password'], cli.io);
    await step(['run', withAlert, '--telemetry', playback, '--speed', '600', '--object', 'cold-room-1']);
  });
});
