// The roster parser, case by case: what a teacher's spreadsheet export looks like (a header or
// none, a BOM, CRLF, quotes, `;` from a Russian Excel), and every broken line named with its
// number, nothing accepted when one line is broken.
import { describe, expect, test } from 'vitest';
import { csvField, reportCsv } from '../../../lab/class/class-report-files.js';
import { generateFirstPassword } from '../../../lab/class/roster-import.js';
import { decodeRoster, MAX_ROSTER_LINES, parseRoster } from '../../../lab/class/roster-csv.js';

const ok = (text: string) => {
  const parsed = parseRoster(text);
  if (!parsed.ok) throw new Error(`expected a valid roster: ${JSON.stringify(parsed.problems)}`);
  return parsed.entries.map(({ line, name, address }) => [line, name, address]);
};

describe('valid rosters', () => {
  test.each([
    {
      what: 'no header',
      text: 'Анна Иванова,anna@lab.local\nБорис Петров,boris@lab.local\n',
      entries: [
        [1, 'Анна Иванова', 'anna@lab.local'],
        [2, 'Борис Петров', 'boris@lab.local'],
      ],
    },
    { what: 'an English header, any case', text: 'Name,Address\nAnna,anna@lab.local', entries: [[2, 'Anna', 'anna@lab.local']] },
    { what: 'a Russian header', text: 'имя,адрес\r\nАнна,anna@lab.local\r\n', entries: [[2, 'Анна', 'anna@lab.local']] },
    { what: 'a header in the other order', text: 'address,name\nanna@lab.local,Anna', entries: [[2, 'Anna', 'anna@lab.local']] },
    { what: 'a BOM', text: '\uFEFFname,address\nAnna,anna@lab.local', entries: [[2, 'Anna', 'anna@lab.local']] },
    {
      what: 'blank lines skipped, numbers kept',
      text: '\nAnna,anna@lab.local\n\n  \nBoris,boris@lab.local\n\n',
      entries: [
        [2, 'Anna', 'anna@lab.local'],
        [5, 'Boris', 'boris@lab.local'],
      ],
    },
    { what: 'an address without @', text: 'Anna,Anna', entries: [[1, 'Anna', 'anna@lab.local']] },
    { what: 'upper case and spaces', text: '  Anna  ,  ANNA@School.Example  ', entries: [[1, 'Anna', 'anna@school.example']] },
    { what: 'a quoted comma', text: '"Иванова, Анна",anna@lab.local', entries: [[1, 'Иванова, Анна', 'anna@lab.local']] },
    { what: 'a doubled quote', text: '"Anna ""Ann"" Smith",anna@lab.local', entries: [[1, 'Anna "Ann" Smith', 'anna@lab.local']] },
    { what: 'a quoted address', text: 'Anna,"anna@lab.local"', entries: [[1, 'Anna', 'anna@lab.local']] },
    { what: 'semicolons (a Russian Excel)', text: 'ФИО;Почта\nИванова, Анна;anna@lab.local', entries: [[2, 'Иванова, Анна', 'anna@lab.local']] },
    {
      what: 'trailing empty cells',
      text: 'Anna,anna@lab.local,,\nBoris,boris@lab.local',
      entries: [
        [1, 'Anna', 'anna@lab.local'],
        [2, 'Boris', 'boris@lab.local'],
      ],
    },
    { what: 'an empty name', text: ',anna@lab.local', entries: [[1, '', 'anna@lab.local']] },
    {
      what: 'a lone CR as line end',
      text: 'Anna,anna\rBoris,boris',
      entries: [
        [1, 'Anna', 'anna@lab.local'],
        [2, 'Boris', 'boris@lab.local'],
      ],
    },
    { what: 'a name that looks like a formula (kept; the report guards it)', text: '=cmd|calc,eve', entries: [[1, '=cmd|calc', 'eve@lab.local']] },
  ])('$what', ({ text, entries }) => {
    expect(ok(text)).toEqual(entries);
  });
});

describe('broken rosters: every broken line named, nothing accepted', () => {
  test.each([
    { what: 'one column', text: 'Anna,anna\nBoris\n', lines: [2], en: /this line has one column/ },
    { what: 'three columns', text: 'Anna,anna,extra\nBoris,boris', lines: [1], en: /3 columns/ },
    { what: 'a bad address', text: 'Anna,anna@\nBoris,boris', lines: [1], en: /"anna@" is not an e-mail address/ },
    { what: 'an address with a space', text: 'Anna,anna ivanova@lab.local', lines: [1], en: /not an e-mail address/ },
    { what: 'no address', text: 'Anna,  \nBoris,boris', lines: [1], en: /the address is missing/ },
    { what: 'a duplicate (after normalising)', text: 'Anna,anna\nAnn,ANNA@lab.local', lines: [2], en: /anna@lab\.local is already on line 1/ },
    { what: 'a name too long', text: `${'x'.repeat(101)},anna`, lines: [1], en: /longer than 100/ },
    { what: 'a line break in a quoted name', text: '"Anna\nIvanova",anna\nBoris,boris', lines: [1], en: /line break/ },
    { what: 'an unclosed quote', text: 'Anna,anna\n"Boris,boris\nVera,vera', lines: [2], en: /not closed/ },
    { what: 'text after a closing quote', text: '"Anna"x,anna', lines: [1], en: /follows a closing quote/ },
    { what: 'only a header', text: 'name,address\n', lines: [1], en: /no student/ },
    { what: 'empty', text: '', lines: [1], en: /no student/ },
    { what: 'several broken lines', text: 'Anna,anna\nBoris\nVera,vera@\nAnna2,anna', lines: [2, 3, 4], en: /./ },
  ])('$what', ({ text, lines, en }) => {
    const parsed = parseRoster(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.line)).toEqual(lines);
    expect(parsed.problems[0]?.text.en).toMatch(en);
    for (const problem of parsed.problems) expect(problem.text.ru).toMatch(/[а-я]/);
  });

  test('a multi-line quoted field keeps the numbers of the lines after it', () => {
    const parsed = parseRoster('"Anna\nIvanova",anna\nBoris\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.line)).toEqual([1, 3]);
  });

  test('the caps: lines and bytes', () => {
    const many = Array.from({ length: MAX_ROSTER_LINES + 1 }, (_, i) => `S${i},s${i}`).join('\n');
    const parsed = parseRoster(many);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problems).toEqual([{ line: MAX_ROSTER_LINES + 1, text: expect.objectContaining({ en: expect.stringMatching(/more than 2000/) }) }]);
    const huge = parseRoster(`Anna,anna\n${'x'.repeat(1024 * 1024)}`);
    expect(huge.ok === false && huge.problems[0]?.text.en).toMatch(/larger than 1 MB/);
  });

  test('a hundred problems listed, then how many more', () => {
    const text = Array.from({ length: 150 }, (_, i) => `S${i}`).join('\n');
    const parsed = parseRoster(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toHaveLength(101);
    expect(parsed.problems[100]?.text.en).toBe('and 50 more problems');
  });
});

describe('the bytes of a roster file', () => {
  const cp1251 = Buffer.from([0xc0, 0xed, 0xed, 0xe0, 0x3b, 0x61, 0x6e, 0x6e, 0x61]); // «Анна;anna» as a Russian Excel saves it
  test.each([
    { what: 'UTF-8', bytes: Buffer.from('Анна,anna', 'utf8'), charset: undefined, text: 'Анна,anna' },
    { what: 'UTF-8 with a BOM (dropped)', bytes: Buffer.from('\uFEFFАнна,anna', 'utf8'), charset: undefined, text: 'Анна,anna' },
    { what: 'Windows-1251, unnamed', bytes: cp1251, charset: undefined, text: 'Анна;anna' },
    { what: 'Windows-1251, named', bytes: cp1251, charset: 'windows-1251', text: 'Анна;anna' },
    { what: 'an unknown charset: read as the bytes say', bytes: Buffer.from('Анна,anna', 'utf8'), charset: 'x-nonsense', text: 'Анна,anna' },
  ])('$what', ({ bytes, charset, text }) => {
    expect(decodeRoster(bytes, charset)).toBe(text);
  });

  test('a Windows-1251 roster with semicolons parses', () => {
    expect(ok(decodeRoster(cp1251))).toEqual([[1, 'Анна', 'anna@lab.local']]);
  });
});

describe('the report CSV and first passwords', () => {
  test.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['with "quote"', '"with ""quote"""'],
    ['=cmd|calc', "'=cmd|calc"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=1,2', `"'=1,2"`],
    ['line\nbreak', '"line\nbreak"'],
    ['semi;colon', '"semi;colon"'],
  ])('csvField(%j) → %s', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  test('rows per student and scenario, with a BOM and CRLF', () => {
    const csv = reportCsv({
      generatedAt: '2024-01-01T00:00:00.000Z',
      scenarios: [{ id: 's1', title: { ru: 'С1', en: 'S1' }, steps: 2 }],
      students: [
        {
          address: 'anna@lab.local',
          name: '=HYPERLINK("x")',
          scenarios: [
            {
              scenarioId: 's1',
              status: 'done',
              stepsPassed: 2,
              stepsTotal: 2,
              currentStep: null,
              failedChecks: 0,
              pendingChecks: 0,
              passedChecks: 2,
              startedAt: '2024-01-01T00:00:00.000Z',
              completedAt: '2024-01-01T01:00:00.000Z',
            },
          ],
        },
      ],
    });
    expect(csv).toBe(
      '\uFEFFaddress,name,scenario,status,steps_passed,steps_total,completed_at\r\n' +
        `anna@lab.local,"'=HYPERLINK(""x"")",s1,done,2,2,2024-01-01T01:00:00.000Z\r\n`,
    );
  });

  test('first passwords: four groups of four, no look-alikes, all different', () => {
    const passwords = Array.from({ length: 200 }, generateFirstPassword);
    for (const p of passwords) expect(p).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
    expect(new Set(passwords).size).toBe(200);
  });
});
