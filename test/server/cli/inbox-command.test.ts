// `smtp-lab inbox create | list | delete` against a running lab, in process: the token printed
// once with the Mailpit URL that sees only that inbox, the addresses that reach it, the list,
// the delete; bad input and no server; in English and in Russian.
import { describe, expect, test } from 'vitest';
import { runInbox } from '../../../server/cli/inbox-command.js';
import type { InboxesList, NewInboxResponse } from '../../../server/wire/inboxes.js';
import { getJson, startLab } from '../../helpers/lab.js';
import { latinProse } from '../../helpers/latin-prose.js';
import { labTransport } from '../../helpers/send-mail.js';
import { captureIo, tempConfigHome } from './cli-fixtures.js';

const RU = { LANG: 'ru_RU.UTF-8' };

describe('smtp-lab inbox', () => {
  test('create prints id, token, Mailpit URL, address and domain; the URL sees only that inbox; list; delete', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile });
    const cli = captureIo(home.env);
    expect(await runInbox(['create', '--name', 'suite-a'], cli.io)).toBe(0);
    const out = cli.out();
    expect(out).toMatch(/^Inbox suite-a created\. Its token is shown only now:\n/);
    const field = (name: string) => new RegExp(`^ {2}${name} +(\\S+)$`, 'm').exec(out)?.[1];
    expect(field('ID')).toBe('suite-a');
    const token = field('Token') as string;
    const url = field('Mailpit API') as string;
    expect(url).toBe(`${lab.url}/inbox/${token}`);
    expect(field('Address')).toBe('inbox+suite-a@lab.local');
    expect(field('Domain')).toBe('suite-a.lab.local');
    expect(out).toContain('Delete it when done: smtp-lab inbox delete suite-a');

    await labTransport(lab.smtpPort).sendMail({ from: 'app@ci.test', to: 'inbox+suite-a@lab.local', subject: 'for suite a', text: 'a' });
    await labTransport(lab.smtpPort).sendMail({ from: 'app@ci.test', to: 'someone@else.test', subject: 'shared', text: 'b' });
    const scoped = await getJson<{ messages: Array<{ Subject: string }> }>(`${url}/api/v1/messages`);
    expect(scoped.body.messages.map((m) => m.Subject)).toEqual(['for suite a']);

    cli.reset();
    expect(await runInbox(['list'], cli.io)).toBe(0);
    expect(cli.out()).toMatch(/^ {2}ID +Kind +Mails +Address +Domain$/m);
    expect(cli.out()).toMatch(/^ {2}suite-a +throw-away +1 +inbox\+suite-a@lab\.local +suite-a\.lab\.local$/m);
    expect(cli.out()).toMatch(/^ {2}shared +shared +1 +— +—$/m);
    expect(cli.out()).not.toContain(token);

    cli.reset();
    expect(await runInbox(['list', '--json'], cli.io)).toBe(0);
    expect((JSON.parse(cli.out()) as InboxesList).inboxes.map((i) => i.id)).toContain('suite-a');

    cli.reset();
    expect(await runInbox(['delete', 'suite-a'], cli.io)).toBe(0);
    expect(cli.out()).toBe('Inbox suite-a deleted with its mail and sessions.\n');
    expect(lab.inboxes.list().some((i) => i.id === 'suite-a')).toBe(false);
    expect(await runInbox(['delete', 'suite-a'], cli.io)).toBe(1);
    expect(cli.err()).toBe('smtp-lab inbox: there is no inbox suite-a (see smtp-lab inbox list)\n');
  });

  test('create --json; a made-up name without --name; Russian', async () => {
    const home = await tempConfigHome();
    const lab = await startLab({ adminFile: home.adminFile });
    const cli = captureIo(home.env);
    expect(await runInbox(['create', '--json'], cli.io)).toBe(0);
    const created = JSON.parse(cli.out()) as NewInboxResponse;
    expect(created.inbox.kind).toBe('token');
    expect(created.mailpitUrl).toBe(`${lab.url}/inbox/${created.token}`);

    const ru = captureIo({ ...home.env, ...RU });
    expect(await runInbox(['create', '--name', 'suite-b'], ru.io)).toBe(0);
    expect(ru.out()).toMatch(/^Ящик suite-b создан\. Его токен показан только сейчас:/);
    expect(ru.out()).toMatch(/^ {2}Токен +\S+$/m);
    ru.reset();
    expect(await runInbox(['list'], ru.io)).toBe(0);
    expect(ru.out()).toMatch(/^ {2}suite-b +временный +0 /m);
    expect(latinProse(ru.out(), ['ID', 'shared']).map((f) => f.word)).toEqual([]);
    ru.reset();
    expect(await runInbox(['delete', 'nobody'], ru.io)).toBe(1);
    expect(ru.err()).toBe('smtp-lab inbox: ящика nobody нет (см. smtp-lab inbox list)\n');
    await lab.accounts.create('anna', 'anna-password-1');
    ru.reset();
    expect(await runInbox(['delete', 'anna@lab.local'], ru.io)).toBe(1);
    expect(ru.err()).toBe('smtp-lab inbox: Удалить можно только временный ящик\n');
  });

  test.each([
    { argv: ['delete'], code: 2, message: /the inbox id is missing/ },
    { argv: ['list', '--name', 'x'], code: 2, message: /--name is for create/ },
    { argv: ['rename'], code: 2, message: /unknown subcommand "rename"/ },
    { argv: ['create', '--name', 'not a name!'], code: 2, message: /smtp-lab inbox: / },
  ])('$argv → exit $code', async ({ argv, code, message }) => {
    const home = await tempConfigHome();
    await startLab({ adminFile: home.adminFile });
    const cli = captureIo(home.env);
    expect(await runInbox(argv, cli.io)).toBe(code);
    expect(cli.err()).toMatch(message);
  });

  test('no server: exit 1 and what to do, in Russian when LANG asks', async () => {
    const home = await tempConfigHome();
    const cli = captureIo({ ...home.env, ...RU });
    expect(await runInbox(['list'], cli.io)).toBe(1);
    expect(cli.err()).toMatch(/^smtp-lab inbox: Запущенный smtp-lab не отвечает/);
  });
});
