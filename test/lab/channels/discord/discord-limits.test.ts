// An execute-webhook body checked as Discord checks it: each row a body and the exact answer.
import { describe, expect, it } from 'vitest';
import { checkExecuteBody, formErrorBody, type DiscordErrorTree } from '../../../../lab/channels/discord/discord-limits.js';

const s = (n: number, c = 'a') => c.repeat(n);
const max = (n: number) => ({ _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${n} or fewer in length.` }] });
const err = (code: string, message: string) => ({ _errors: [{ code, message }] });

const EMPTY: Array<[string, unknown]> = [
  ['no field at all', {}],
  ['empty content', { content: '' }],
  ['content of spaces', { content: '   \n' }],
  ['only a username', { username: 'Alerts' }],
  ['content null', { content: null }],
  ['no embeds', { embeds: [] }],
  ['an embed with nothing in it', { embeds: [{}] }],
  ['an embed with only a colour', { embeds: [{ color: 255 }] }],
];

const INVALID: Array<[string, unknown, DiscordErrorTree]> = [
  ['content of 2001 characters', { content: s(2001) }, { content: max(2000) }],
  ['content of 2001 Cyrillic letters', { content: s(2001, 'ж') }, { content: max(2000) }],
  ['content as a number', { content: 42 }, { content: err('BASE_TYPE_STRING', 'Could not interpret "42" as string.') }],
  ['content as a list', { content: [] }, { content: err('BASE_TYPE_STRING', 'Could not interpret "[]" as string.') }],
  ['content as an object', { content: { text: 'hi' } }, { content: err('BASE_TYPE_STRING', `Could not interpret "{'text': 'hi'}" as string.`) }],
  ['a username of 81 characters', { content: 'x', username: s(81) }, { username: err('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 80 in length.') }],
  ['an empty username', { content: 'x', username: '' }, { username: err('BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 80 in length.') }],
  [
    'a username with "Discord"',
    { content: 'x', username: 'My Discord Bot' },
    { username: err('USERNAME_INVALID_CONTAINS', 'Username cannot contain "discord"') },
  ],
  ['a username with "clyde"', { content: 'x', username: 'Clyde2' }, { username: err('USERNAME_INVALID_CONTAINS', 'Username cannot contain "clyde"') }],
  ['the username "here"', { content: 'x', username: 'here' }, { username: err('USERNAME_INVALID', 'Username cannot be "here"') }],
  ['avatar_url not a URL', { content: 'x', avatar_url: 'avatar.png' }, { avatar_url: err('URL_TYPE_INVALID_URL', 'Not a well formed URL.') }],
  ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, { embeds: max(10) }],
  ['an embed title of 257', { embeds: [{ title: s(257) }] }, { embeds: { '0': { title: max(256) } } }],
  ['a description of 4097 in the second embed', { embeds: [{ title: 'ok' }, { description: s(4097) }] }, { embeds: { '1': { description: max(4096) } } }],
  ['26 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, { embeds: { '0': { fields: max(25) } } }],
  ['a field name of 257', { embeds: [{ fields: [{ name: s(257), value: 'v' }] }] }, { embeds: { '0': { fields: { '0': { name: max(256) } } } } }],
  ['a field value of 1025', { embeds: [{ fields: [{ name: 'n', value: s(1025) }] }] }, { embeds: { '0': { fields: { '0': { value: max(1024) } } } } }],
  [
    'a field without a value',
    { embeds: [{ fields: [{ name: 'n' }] }] },
    { embeds: { '0': { fields: { '0': { value: err('BASE_TYPE_REQUIRED', 'This field is required') } } } } },
  ],
  ['a footer of 2049', { embeds: [{ footer: { text: s(2049) } }] }, { embeds: { '0': { footer: { text: max(2048) } } } }],
  [
    'a footer without text',
    { embeds: [{ title: 't', footer: {} }] },
    { embeds: { '0': { footer: { text: err('BASE_TYPE_REQUIRED', 'This field is required') } } } },
  ],
  ['an author name of 257', { embeds: [{ author: { name: s(257) } }] }, { embeds: { '0': { author: { name: max(256) } } } }],
  [
    'two embeds of 3001 characters each (6002 in all)',
    { embeds: [{ description: s(3001) }, { description: s(3001) }] },
    { embeds: err('MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000') },
  ],
  [
    'a colour as a hex string',
    { embeds: [{ title: 't', color: '#ff0000' }] },
    { embeds: { '0': { color: err('NUMBER_TYPE_COERCE', 'Value "#ff0000" is not int.') } } },
  ],
  ['embeds as a string', { embeds: 'alert' }, { embeds: err('LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType') }],
  ['an embed that is a string', { embeds: ['alert'] }, { embeds: { '0': err('DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType') } }],
  ['a JSON list as the body', [{ content: 'x' }], err('DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType')],
  ['two mistakes at once', { content: s(2001), embeds: [{ title: 'ok' }, { title: s(300) }] }, { content: max(2000), embeds: { '1': { title: max(256) } } }],
];

const ACCEPTED: Array<[string, unknown, { content: string; embeds: number; username: string | null }]> = [
  ['content of exactly 2000', { content: s(2000) }, { content: s(2000), embeds: 0, username: null }],
  ['2000 emoji (4000 UTF-16 units, 2000 code points)', { content: s(2000, '🔥') }, { content: s(2000, '🔥'), embeds: 0, username: null }],
  ['an embed alone', { embeds: [{ title: 'Перегрев', description: 'Котёл 1: 95 °C', color: 0xff0000 }] }, { content: '', embeds: 1, username: null }],
  ['a username of 80', { content: 'x', username: s(80) }, { content: 'x', embeds: 0, username: s(80) }],
  ['embeds of exactly 6000', { embeds: [{ title: s(256), description: s(4096) }, { description: s(1648) }] }, { content: '', embeds: 2, username: null }],
  ['components only', { components: [{ type: 1, components: [] }] }, { content: '', embeds: 0, username: null }],
];

describe('Discord execute-webhook limits', () => {
  it.each(EMPTY)('%s: 400 Cannot send an empty message (50006)', (_name, body) => {
    const checked = checkExecuteBody(body);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.body).toEqual({ message: 'Cannot send an empty message', code: 50006 });
  });

  it.each(INVALID)('%s: 400 Invalid Form Body (50035) naming the field', (_name, body, errors) => {
    const checked = checkExecuteBody(body);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.body).toEqual({ message: 'Invalid Form Body', code: 50035, errors });
  });

  it.each(ACCEPTED)('%s: accepted', (_name, body, expected) => {
    const checked = checkExecuteBody(body);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect({ content: checked.message.content, embeds: checked.message.embeds.length, username: checked.message.username }).toEqual(expected);
  });

  it('an attachment alone is a message (a multipart upload with no text)', () => {
    expect(checkExecuteBody({}, { files: 1 }).ok).toBe(true);
  });

  it('only the fields Discord shows are kept of an embed', () => {
    const checked = checkExecuteBody({ embeds: [{ title: 't', fields: [{ name: 'n', value: 'v', inline: true }], footer: { text: 'f' }, unknown: 1 }] });
    expect(checked.ok && checked.message.embeds).toEqual([{ title: 't', fields: [{ name: 'n', value: 'v', inline: true }], footer: { text: 'f' } }]);
  });
});

// API v6 (what an unversioned URL speaks) lists messages per field, and only the index below one.
const LEGACY: Array<[string, unknown, Record<string, string[]>]> = [
  ['content too long', { content: s(2001) }, { content: ['Must be 2000 or fewer in length.'] }],
  ['a bad embed title', { embeds: [{ title: s(257) }] }, { embeds: ['0'] }],
  ['embeds over 6000', { embeds: [{ description: s(3001) }, { description: s(3001) }] }, { embeds: ['Embed size exceeds maximum size of 6000'] }],
  ['a username with discord', { content: 'x', username: 'discord alerts' }, { username: ['Username cannot contain "discord"'] }],
  ['a list as the body', [], { _misc: ['Only dictionaries may be used in a DictType'] }],
];

describe('the v6 shape of form errors', () => {
  it.each(LEGACY)('%s', (_name, body, expected) => {
    const checked = checkExecuteBody(body, { style: 'legacy' });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.body).toEqual(expected);
  });

  it('formErrorBody nests every path in the current shape', () => {
    expect(formErrorBody([{ path: ['a', 0, 'b'], error: { code: 'X', message: 'm' } }], 'current')).toEqual({
      message: 'Invalid Form Body',
      code: 50035,
      errors: { a: { '0': { b: { _errors: [{ code: 'X', message: 'm' }] } } } },
    });
  });
});
