// A class roster as a teacher exports it from a spreadsheet: `name,address` a line (RFC 4180:
// quoted fields may hold commas, "" and line breaks), an optional header line (`name,address`,
// `имя,адрес`, either order), a BOM, blank lines, and — as a Russian Excel saves "CSV" — `;` in
// place of `,`. Every line is checked before anything is created: the import is all or nothing,
// so a roster with one broken line can be fixed and imported again without half a class left
// behind (and without first passwords printed for only some of it).
import { normalizeAddress } from '../../server/accounts/account-store.js';
import type { Bilingual } from '../../server/wire/bilingual.js';
import { isEmailAddress } from '../../server/wire/email-address.js';
import type { RosterProblem } from './class-wire.js';

export const MAX_ROSTER_LINES = 2000;
export const MAX_ROSTER_BYTES = 1024 * 1024;
/** As the account store keeps a person's name. */
export const MAX_NAME_LENGTH = 100;
/** A roster with more problems than this says how many more instead of listing them. */
const MAX_PROBLEMS = 100;

/** One student to create: the address normalised (`anna` → `anna@lab.local`), the line it came from. */
export interface RosterLine {
  line: number;
  name: string;
  address: string;
}

export type RosterParse = { ok: true; entries: RosterLine[] } | { ok: false; problems: RosterProblem[] };

interface CsvRecord {
  line: number;
  fields: string[];
}

type Split = { ok: true; records: CsvRecord[] } | { ok: false; problem: RosterProblem };

const HEADER_NAME = new Set(['name', 'имя', 'фио', 'full name', 'student', 'студент']);
const HEADER_ADDRESS = new Set(['address', 'адрес', 'email', 'e-mail', 'mail', 'почта', 'электронная почта']);

/** The delimiter of the first non-blank line outside quotes: `;` only when it has no `,`. */
function delimiterOf(text: string): ',' | ';' {
  let quoted = false;
  let commas = 0;
  let semicolons = 0;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (commas + semicolons > 0) break;
    } else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return commas === 0 && semicolons > 0 ? ';' : ',';
}

/** RFC 4180 records, each with the line it starts on; a broken quote is a problem of its line. */
export function splitCsv(text: string, delimiter: string = delimiterOf(text)): Split {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"' && field.trim() === '') {
      // A quoted field: up to the closing quote, "" standing for one quote.
      const opened = line;
      field = '';
      i++;
      for (;;) {
        if (i >= text.length) return { ok: false, problem: problemAt(opened, T.unclosedQuote) };
        const c = text[i] as string;
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          field += c;
          i++;
        }
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') return { ok: false, problem: problemAt(line, T.afterQuote) };
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}

const T = {
  unclosedQuote: { ru: 'кавычка открыта и не закрыта до конца файла', en: 'a quote is opened and not closed before the end of the file' },
  afterQuote: {
    ru: 'после закрывающей кавычки — не запятая и не конец строки',
    en: 'something other than a comma or the end of the line follows a closing quote',
  },
  columns: {
    ru: 'нужно два столбца — имя и адрес, через запятую; здесь %s',
    en: 'two columns are needed, the name and the address, separated by a comma; this line has %s',
  },
  noAddress: { ru: 'не указан адрес', en: 'the address is missing' },
  badAddress: { ru: '«%s» — не адрес электронной почты (имя@lab.local или просто имя)', en: '"%s" is not an e-mail address (name@lab.local, or a name alone)' },
  duplicate: { ru: 'адрес %s уже есть в строке %s', en: 'the address %s is already on line %s' },
  longName: {
    ru: `имя длиннее ${MAX_NAME_LENGTH} символов`,
    en: `the name is longer than ${MAX_NAME_LENGTH} characters`,
  },
  controlName: { ru: 'в имени перевод строки или управляющий символ', en: 'the name holds a line break or a control character' },
  empty: { ru: 'в списке нет ни одного студента', en: 'the roster has no student in it' },
  tooMany: {
    ru: `в списке больше ${MAX_ROSTER_LINES} студентов; разделите его на части`,
    en: `the roster has more than ${MAX_ROSTER_LINES} students; split it`,
  },
  tooLarge: {
    ru: `файл больше ${MAX_ROSTER_BYTES / 1024 / 1024} МБ`,
    en: `the file is larger than ${MAX_ROSTER_BYTES / 1024 / 1024} MB`,
  },
  more: { ru: 'и ещё ошибок: %s', en: 'and %s more problems' },
} satisfies Record<string, Bilingual>;

const fillIn = (text: string, values: string[]) => text.split('%s').reduce((out, part, i) => out + (i === 0 ? '' : (values[i - 1] ?? '')) + part);

function problemAt(line: number, text: Bilingual, ...values: string[]): RosterProblem {
  return { line, text: { ru: fillIn(text.ru, values), en: fillIn(text.en, values) } };
}

const columnsWord = (n: number): Bilingual => ({
  ru: n === 1 ? 'один столбец' : `столбцов: ${n}`,
  en: n === 1 ? 'one column' : `${n} columns`,
});

/** Which column holds the name and which the address, when the first record is a header. */
function headerColumns(fields: string[]): { name: number; address: number } | undefined {
  const words = fields.map((f) => f.trim().toLowerCase());
  if (words.filter((w) => w !== '').length !== 2) return undefined;
  const name = words.findIndex((w) => HEADER_NAME.has(w));
  const address = words.findIndex((w) => HEADER_ADDRESS.has(w));
  return name >= 0 && address >= 0 && name !== address ? { name, address } : undefined;
}

/**
 * A roster file's bytes as text: in the charset its sender names, else UTF-8 — and, when the
 * bytes are not UTF-8, Windows-1251, which a Russian Excel's "CSV" is saved in.
 */
export function decodeRoster(bytes: Uint8Array, charset?: string): string {
  const named = charset?.trim().toLowerCase();
  if (named && named !== 'utf-8' && named !== 'utf8') {
    try {
      return new TextDecoder(named).decode(bytes);
    } catch {
      // An unknown charset: read the bytes as below.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/;

/** The roster, every line checked; problems for all the broken lines, or the students to create. */
export function parseRoster(input: string): RosterParse {
  if (Buffer.byteLength(input, 'utf8') > MAX_ROSTER_BYTES) return { ok: false, problems: [problemAt(1, T.tooLarge)] };
  const text = input.replace(/^\uFEFF/, '');
  const split = splitCsv(text);
  if (!split.ok) return { ok: false, problems: [split.problem] };
  // Empty cells after the second (a spreadsheet's unused columns) are not columns; a line of empty cells is no record.
  const records = split.records
    .filter((r) => r.fields.some((f) => f.trim() !== ''))
    .map((r) => {
      const fields = [...r.fields];
      while (fields.length > 2 && fields[fields.length - 1]!.trim() === '') fields.pop();
      return { line: r.line, fields };
    });
  let columns = { name: 0, address: 1 };
  const header = records[0] ? headerColumns(records[0].fields) : undefined;
  if (header) {
    columns = header;
    records.shift();
  }
  if (records.length === 0) return { ok: false, problems: [problemAt(1, T.empty)] };
  if (records.length > MAX_ROSTER_LINES) return { ok: false, problems: [problemAt(records[MAX_ROSTER_LINES]!.line, T.tooMany)] };

  const problems: RosterProblem[] = [];
  const entries: RosterLine[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of records) {
    if (fields.length !== 2) {
      const n = columnsWord(fields.length);
      problems.push({ line, text: { ru: fillIn(T.columns.ru, [n.ru]), en: fillIn(T.columns.en, [n.en]) } });
      continue;
    }
    const name = (fields[columns.name] as string).trim();
    const given = (fields[columns.address] as string).trim();
    if (name.length > MAX_NAME_LENGTH) problems.push(problemAt(line, T.longName));
    else if (CONTROL.test(name)) problems.push(problemAt(line, T.controlName));
    if (given === '') {
      problems.push(problemAt(line, T.noAddress));
      continue;
    }
    const address = normalizeAddress(given);
    if (!isEmailAddress(address)) {
      problems.push(problemAt(line, T.badAddress, given.replace(CONTROL, ' ').slice(0, 120)));
      continue;
    }
    const first = seen.get(address);
    if (first !== undefined) {
      problems.push(problemAt(line, T.duplicate, address, String(first)));
      continue;
    }
    seen.set(address, line);
    entries.push({ line, name, address });
  }
  if (problems.length === 0) return { ok: true, entries };
  if (problems.length <= MAX_PROBLEMS) return { ok: false, problems };
  const shown = problems.slice(0, MAX_PROBLEMS);
  const last = problems[problems.length - 1] as RosterProblem;
  return { ok: false, problems: [...shown, problemAt(last.line, T.more, String(problems.length - MAX_PROBLEMS))] };
}
