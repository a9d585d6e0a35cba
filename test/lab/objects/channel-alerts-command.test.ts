// `smtp-lab automaton add-sms | add-telegram | add-discord`, as a student runs them beside
// add-email: each adds the lab's own command to a state and writes the platform's file (which
// reads back with it, and `show` puts it into words); a mistake is said with the flag to fix and
// nothing is written; `run` without a channel sender says the channel is not available (exit 1).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelActions } from '../../../lab/automaton/channel-authoring.js';
import { importAutomaton } from '../../../lab/automaton/import-automaton.js';
import { runAutomaton } from '../../../lab/objects/automaton-command.js';
import { latinProse } from '../../helpers/latin-prose.js';
import { captureIo, tempConfigHome } from '../../server/cli/cli-fixtures.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/platform/temperature-control.automaton.json');

async function cli(lang: 'ru' | 'en' = 'en') {
  const home = await tempConfigHome();
  return { home, ...captureIo({ ...home.env, LANG: lang === 'ru' ? 'ru_RU.UTF-8' : 'en_US.UTF-8' }) };
}

describe('smtp-lab automaton add-sms, add-telegram, add-discord', () => {
  it("each adds its command to the state and writes the platform's file; the three read back, and show says them", async () => {
    const c = await cli();
    const [one, two, three] = ['one.json', 'two.json', 'three.json'].map((f) => join(c.home.dir, f));
    expect(
      await runAutomaton(['add-sms', FIXTURE, '--state', 'OFF', '--to', '+7 925 507-06-02', '--text', 'Перегрев {{temperatureC}}', '-o', one!], c.io),
    ).toBe(0);
    expect(c.err()).toContain(`Written to ${one}.`);
    expect(
      await runAutomaton(
        ['add-telegram', one!, '--state', 'OFF', '--text', '<b>Перегрев</b> {{temperatureC}}', '--to=-1001234567890', '--parse-mode', 'HTML', '-o', two!],
        c.io,
      ),
    ).toBe(0);
    c.reset();
    // Without -o the export goes to the standard output, ready to redirect.
    expect(
      await runAutomaton(['add-discord', two!, '--state', 'ON', '--on', 'exit', '--text', 'Снова в норме: {{temperatureC}}', '--title', '{{object}}'], c.io),
    ).toBe(0);
    await writeFile(three!, c.out());

    const doc = importAutomaton(await readFile(three!, 'utf8'));
    expect(
      channelActions(doc.automaton).map((x) => [doc.automaton.states.find((s) => s.id === x.stateId)?.name, x.list, x.action.id, x.action.template]),
    ).toEqual([
      ['ON', 'onexit', 'send-discord', { text: 'Снова в норме: {{temperatureC}}', title: '{{object}}' }],
      ['OFF', 'onenter', 'send-sms', { to: '+7 925 507-06-02', text: 'Перегрев {{temperatureC}}' }],
      ['OFF', 'onenter', 'send-telegram', { text: '<b>Перегрев</b> {{temperatureC}}', to: '-1001234567890', parseMode: 'HTML' }],
    ]);

    const ru = await cli('ru');
    expect(await runAutomaton(['show', three!], ru.io)).toBe(0);
    expect(ru.out()).toContain('– Отправить SMS → SMS на +7 925 507-06-02: «Перегрев {{temperatureC}}»');
    expect(ru.out()).toContain('– Отправить в Telegram → Telegram, чат -1001234567890 (HTML): «<b>Перегрев</b> {{temperatureC}}»');
    expect(ru.out()).toContain('– Отправить в Discord → Discord, канал вебхука: «{{object}}» «Снова в норме: {{temperatureC}}»');
    c.reset();
    expect(await runAutomaton(['show', three!], c.io)).toBe(0);
    expect(c.out()).toContain('– Send to Telegram → Telegram, chat -1001234567890 (HTML): "<b>Перегрев</b> {{temperatureC}}"');
  });

  it.each([
    [['add-sms', FIXTURE, '--state', 'OFF', '--text', 'hot'], /--to: Enter a phone number with its country code/],
    [['add-sms', FIXTURE, '--state', 'OFF', '--to', '89255070602', '--text', 'hot'], /--to: "89255070602" starts with 8.*\+7 instead of 8/],
    [['add-sms', FIXTURE, '--state', 'OFF', '--to', '+79255070602'], /--text: Enter the alert's text/],
    [['add-telegram', FIXTURE, '--state', 'OFF', '--text', 'hot', '--parse-mode', 'Markdown'], /--parse-mode: The markup: none, HTML or MarkdownV2/],
    [['add-telegram', FIXTURE, '--state', 'OFF', '--text', 'hot', '--to', 'duty'], /--to: "duty" is not a Telegram chat id/],
    [['add-discord', FIXTURE, '--state', 'HOT', '--text', 'hot'], /there is no state "HOT" \(states: "ON", "OFF"\)/],
    [['add-discord', FIXTURE, '--text', 'hot'], /--state is missing: which state sends the alert/],
    [['add-discord', FIXTURE, '--state', 'OFF', '--on', 'entry', '--text', 'hot'], /--on takes enter or exit/],
    // A group's chat id starts with a minus: the help says to write it --to=-100…
    [['add-telegram', FIXTURE, '--state', 'OFF', '--text', 'hot', '--to', '-1001234567890'], /--to[\s\S]*--to=-1001234567890/],
  ])('%j is refused with exit 2, saying what to fix; nothing is written', async (argv, said) => {
    const c = await cli();
    expect(await runAutomaton(argv, c.io)).toBe(2);
    expect(c.err()).toMatch(said);
    expect(c.out()).toBe('');
  });

  it('says it in Russian for a Russian locale, with no English prose left in', async () => {
    const c = await cli('ru');
    const said: string[] = [];
    for (const argv of [
      ['add-sms', FIXTURE, '--state', 'OFF', '--to', '8 925 507 06 02', '--text', 'x'],
      ['add-sms', FIXTURE, '--state', 'OFF', '--to', '+7 925 507 06 0', '--text', 'x'],
      ['add-telegram', FIXTURE, '--state', 'OFF', '--text', 'x', '--to', 'duty'],
      ['add-telegram', FIXTURE, '--state', 'OFF', '--text', 'x', '--parse-mode', 'Markdown'],
      ['add-discord', FIXTURE, '--state', 'OFF', '--text', 'x', '--title', 'a\nb'],
      ['add-discord', FIXTURE, '--state', 'OFF'],
    ]) {
      c.reset();
      expect(await runAutomaton(argv, c.io)).toBe(2);
      said.push(c.err());
    }
    expect(said[0]).toMatch(/--to: «8 925 507 06 02» начинается с 8.*\+7 вместо 8/);
    expect(said[1]).toMatch(/с кодом \+7 — это 11 цифр/);
    c.reset();
    expect(await runAutomaton(['--help'], c.io)).toBe(0);
    expect(c.out()).toContain('smtp-lab automaton add-telegram ФАЙЛ --state ИМЯ');
    expect(c.out()).toContain('собственные команды лаборатории');
    said.push(c.out());
    const found = said.flatMap((text) => latinProse(text).map((f) => `${f.word}  ←  ${f.context}`));
    expect(found).toEqual([]);
  });

  it('run without a channel sender: the alert is said not sent, the channel not available (exit 1)', async () => {
    const c = await cli();
    const automaton = join(c.home.dir, 'a.json');
    expect(await runAutomaton(['add-telegram', FIXTURE, '--state', 'OFF', '--text', 'Перегрев {{temperatureC}}', '-o', automaton], c.io)).toBe(0);
    const playback = join(c.home.dir, 'play.json');
    await writeFile(playback, JSON.stringify([{ t: 0, temperatureC: 120 }]));
    c.reset();
    expect(await runAutomaton(['run', automaton, '--telemetry', playback], c.io)).toBe(1);
    expect(c.out()).toContain('Telegram, the integration\'s chat: "Перегрев 120"');
    expect(c.err()).toMatch(
      /✉ alert NOT sent \(Telegram, the integration's chat\): No telegram integration is saved for the command line: smtp-lab integration set --channel telegram/,
    );
    expect(c.out()).toContain('Done. Alerts sent: 0, not sent: 1.');

    const ru = await cli('ru');
    expect(await runAutomaton(['run', automaton, '--telemetry', playback], ru.io)).toBe(1);
    expect(ru.err()).toContain('✉ оповещение НЕ отправлено (Telegram, чат интеграции): Интеграция канала telegram для командной строки не сохранена');
    expect(latinProse(ru.out() + ru.err(), ['temperatureC', 'status']).map((f) => `${f.word}  ←  ${f.context}`)).toEqual([]);
  });
});
