// Language choice and the words around numbers, sizes and times; the page's addresses.
import { describe, expect, it } from 'vitest';
import { parseRoute, routePath } from '../../client/src/app/router.js';
import { ruPlural } from '../../client/src/i18n/bilingual.js';
import { formatBytes, formatOffset } from '../../client/src/i18n/format.js';
import { initialLanguage, languageFromBrowser, LANGUAGE_STORAGE_KEY, rememberLanguage, type LanguageStorage } from '../../client/src/i18n/language.js';
import { m } from '../../client/src/i18n/messages.js';
import { countRemoteResources } from '../../client/src/mailbox/remote-content.js';

function memoryStorage(initial: Record<string, string> = {}): LanguageStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (key) => data[key] ?? null, setItem: (key, value) => void (data[key] = value) };
}

describe('language', () => {
  it.each([
    [['ru-RU', 'en-US'], 'ru'],
    [['ru'], 'ru'],
    [['en-GB', 'ru'], 'en'],
    [['de-DE', 'ru-RU'], 'ru'],
    [['de-DE', 'fr'], 'en'],
    [[], 'en'],
  ])('browser languages %j → %s', (preferred, expected) => {
    expect(languageFromBrowser(preferred)).toBe(expected);
  });

  it('prefers the remembered choice, ignores junk, survives a storage that throws', () => {
    expect(initialLanguage(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'en' }), ['ru-RU'])).toBe('en');
    expect(initialLanguage(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'xx' }), ['ru-RU'])).toBe('ru');
    const refusing: LanguageStorage = {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('SecurityError');
      },
    };
    expect(initialLanguage(refusing, ['ru'])).toBe('ru');
    expect(() => rememberLanguage(refusing, 'en')).not.toThrow();
    const storage = memoryStorage();
    rememberLanguage(storage, 'ru');
    expect(storage.data[LANGUAGE_STORAGE_KEY]).toBe('ru');
  });

  it.each([
    [1, 'письмо'],
    [2, 'письма'],
    [5, 'писем'],
    [11, 'писем'],
    [12, 'писем'],
    [21, 'письмо'],
    [22, 'письма'],
    [111, 'писем'],
    [1001, 'письмо'],
  ])('Russian plural of %i: %s', (n, word) => {
    expect(ruPlural(n, 'письмо', 'письма', 'писем')).toBe(word);
    expect(m.mailbox.count.ru(n)).toBe(`${n.toLocaleString('ru')} ${word}`);
  });

  it.each([
    [0, 'en', '+0.000 s'],
    [42, 'en', '+0.042 s'],
    [1234, 'ru', '+1,234 с'],
    [61_500, 'en', '+1 min 1.5 s'],
  ] as const)('time offset %i ms (%s) → %s', (ms, lang, text) => {
    expect(formatOffset(ms, lang)).toBe(text);
  });

  it.each([
    [512, 'en', '512 B'],
    [1536, 'en', '1.5 KB'],
    [1536, 'ru', '1,5 КБ'],
    [25 * 1024 * 1024, 'en', '25.0 MB'],
  ] as const)('size %i (%s) → %s', (bytes, lang, text) => {
    expect(formatBytes(bytes, lang)).toBe(text);
  });
});

describe('routes', () => {
  const tabs = ['sessions', 'mailbox', 'lab'];
  it.each([
    ['/', { tab: 'sessions' }],
    ['/sessions', { tab: 'sessions' }],
    ['/mailbox/abc_-123', { tab: 'mailbox', id: 'abc_-123' }],
    ['/lab', { tab: 'lab' }],
    ['/nowhere/x', { tab: 'sessions' }],
    ['/mailbox/%E0%A4%A', { tab: 'mailbox' }],
    ['/sessions/a%2Fb', { tab: 'sessions', id: 'a/b' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path, tabs, 'sessions')).toEqual(route);
  });

  it('writes what it reads', () => {
    for (const route of [{ tab: 'mailbox' }, { tab: 'sessions', id: 'a/b c' }]) {
      expect(parseRoute(routePath(route), tabs, 'sessions')).toEqual(route);
    }
  });
});

describe('remote content in mail HTML', () => {
  it.each([
    ['<img src="https://t.example/p.gif">', 1],
    ["<img src='//cdn.example/a.png'><td background=http://x.example/b.png>", 2],
    ['<div style="background:url( https://x.example/c.png )">', 1],
    ['<img src="cid:logo"><img src="data:image/png;base64,AAAA"><a href="https://x.example">link</a>', 0],
  ])('%s → %i', (html, count) => {
    expect(countRemoteResources(html)).toBe(count);
  });
});
