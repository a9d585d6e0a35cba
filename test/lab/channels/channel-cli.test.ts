// The channels on the command line, in-process as main.ts runs them: `integration set|show
// --channel`, `send-test --channel` with its exit codes and --json, and `channel list` — against a
// lab that writes its admin file, so the CLI finds its simulators as a student's terminal would.
import { describe, expect, it } from 'vitest';
import { runChannel } from '../../../lab/channels/channel-command.js';
import { runIntegration } from '../../../lab/integration/integration-command.js';
import { runSendTest } from '../../../lab/sender/send-test-command.js';
import { startLab } from '../../helpers/lab.js';
import { captureIo, tempConfigHome } from '../../server/cli/cli-fixtures.js';

describe('smtp-lab integration/send-test --channel, channel list', () => {
  it('sets Telegram with the lab preset, sends, explains a wrong chat id, lists, never prints the token', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile });
    await lab.accounts.create('student@lab.local', 'account-password-1');
    const { bot, token } = lab.channels.telegram.createBot('student@lab.local', { name: 'Alerts', username: 'cli_alerts_bot' });
    const chat = lab.channels.telegram.createChat('student@lab.local', { type: 'private', title: 'Анна' });
    lab.channels.telegram.pressStart(bot.id, chat.id);
    const ru = captureIo({ ...home.env, LANG: 'ru_RU.UTF-8' });

    expect(await runSendTest(['--channel', 'telegram', '--text', 'x'], ru.io)).toBe(2);
    expect(ru.err()).toContain('ещё не сохранена');
    ru.reset();
    expect(await runIntegration(['set', '--channel', 'telegram', '--preset', 'lab', '--bot-token', token, '--chat-id', String(chat.id)], ru.io)).toBe(0);
    expect(ru.out()).toContain(lab.channels.simulators().find((s) => s.channel === 'telegram')?.url);
    expect(ru.out()).toContain('не показывается');
    expect(await runIntegration(['show', '--channel', 'telegram', '--json'], ru.io)).toBe(0);

    expect(await runSendTest(['--channel', 'telegram', '--text', 'Перегрев: 101 °C'], ru.io)).toBe(0);
    expect(ru.out()).toMatch(/Telegram/);
    expect((await lab.channels.messages.waitFor({ channel: 'telegram', text: 'Перегрев' }, 2000)).Content).toMatchObject({ chatId: chat.id });

    ru.reset();
    expect(await runIntegration(['set', '--channel', 'telegram', '--chat-id', '777'], ru.io)).toBe(0);
    expect(await runSendTest(['--channel', 'telegram', '--text', 'again'], ru.io)).toBe(1);
    expect(ru.err()).toContain('chat not found');
    expect(ru.err()).toMatch(/Поле: .*\(--chat-id\)/);

    ru.reset();
    expect(await runSendTest(['--channel', 'telegram', '--text', 'json', '--json'], ru.io)).toBe(1);
    expect(JSON.parse(ru.out())).toMatchObject({ ok: false, status: 400, explanation: { field: 'chatId' } });

    ru.reset();
    expect(await runChannel(['list'], ru.io)).toBe(0);
    for (const sim of lab.channels.simulators()) expect(ru.out()).toContain(sim.url);
    expect(await runChannel(['list', '--json'], ru.io)).toBe(0);
    expect(await runIntegration(['set', '--channel', 'pigeon'], ru.io)).toBe(2);
    expect(await runIntegration(['set', '--channel', 'telegram', '--chat-id', 'not a chat'], ru.io)).toBe(2);
    expect(ru.out() + ru.err()).not.toContain(token.split(':')[1]);
  });
});
