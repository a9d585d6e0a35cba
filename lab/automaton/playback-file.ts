// A telemetry playback file: JSON (`[{ "t": 0, "temperature": 21.5 }, …]`) or CSV with a
// header (`t,temperature,door`). `t` is seconds from the start and never goes back; each other
// column is a parameter. An empty cell (or null in JSON) keeps the parameter's previous value.
// CSV cells are typed by their look: a number, true/false, else text; a quoted cell is always
// text ("42" in quotes stays the string "42"). A CSV whose header uses ";" (as a Russian-locale
// spreadsheet writes it) also takes a decimal comma: 21,5. Errors give the line and column.
import type { Bilingual } from '../integration/integration-types.js';
import type { ParameterValue } from './automaton-types.js';
import { own, PathReader } from './import-error.js';
import { parseJsonText } from './json-text.js';
import type { TelemetrySample } from './telemetry-source.js';

export type PlaybackFormat = 'json' | 'csv';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

const E = {
  list: { ru: 'список отсчётов [ { "t": 0, "параметр": значение }, … ]', en: 'a list of samples [ { "t": 0, "parameter": value }, … ]' },
  sample: { ru: 'отсчёт { "t": секунды, "параметр": значение }', en: 'a sample { "t": seconds, "parameter": value }' },
  some: { ru: 'хотя бы один отсчёт', en: 'at least one sample' },
  t: { ru: 't — секунды от начала, число не меньше 0', en: 't, the seconds from the start, a number of at least 0' },
  value: {
    ru: 'значение: число, строка, true/false или null (оставить прежнее)',
    en: 'a value: a number, a string, true/false, or null (keep the previous one)',
  },
  header: { ru: 'строка заголовка со столбцом t, например t,temperature,door', en: 'a header line with a column t, e.g. t,temperature,door' },
  name: { ru: 'имя столбца (непустое)', en: 'a column name (not empty)' },
  quote: { ru: 'закрывающая кавычка " у этой ячейки', en: 'a closing quote " for this cell' },
  afterQuote: { ru: 'разделитель или конец строки после закрывающей кавычки', en: 'a delimiter or the end of the line after the closing quote' },
  extra: { ru: 'не больше ячеек, чем столбцов в заголовке', en: 'no more cells than the header has columns' },
} satisfies Record<string, Bilingual>;

const later = (previous: number): Bilingual => ({ ru: `t не меньше предыдущего (${previous})`, en: `a t not less than the previous one (${previous})` });
const unique = (name: string): Bilingual => ({ ru: `имя столбца, не повторяющее «${name}»`, en: `a column name other than the repeated "${name}"` });

export function parsePlaybackFile(text: string, options: { format?: PlaybackFormat } = {}): TelemetrySample[] {
  const reader = new PathReader('telemetry');
  if (typeof text !== 'string') return reader.fail({ ru: 'текст файла', en: 'the text of the file' }, text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const format = options.format ?? (/^\s*[[{]/.test(body) ? 'json' : 'csv');
  return format === 'json' ? parseJsonPlayback(body, reader) : parseCsvPlayback(body, reader);
}

function parseJsonPlayback(text: string, reader: PathReader): TelemetrySample[] {
  const list = reader.array(parseJsonText(text, reader), E.list);
  if (list.length === 0) reader.fail(E.some, list);
  const current = new Map<string, ParameterValue>();
  let previous = 0;
  return list.map((item, i) => {
    const at = reader.at(i);
    const entry = at.object(item, E.sample);
    const t = own(entry, 't');
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) return at.at('t').fail(E.t, t);
    if (t < previous) return at.at('t').fail(later(previous), t);
    previous = t;
    for (const [name, value] of Object.entries(entry)) {
      if (name === 't' || value === null) continue;
      if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') return at.at(name).fail(E.value, value);
      current.set(name, value);
    }
    return { t, values: Object.fromEntries(current) };
  });
}

interface Cell {
  text: string;
  quoted: boolean;
  line: number;
  column: number;
}

function pickDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (d: string) => first.split(d).length - 1;
  return [';', '\t'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/** CSV rows of cells with their positions (RFC 4180 quoting; a quoted cell may span lines). */
function tokenize(text: string, delimiter: string, reader: PathReader): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  const endRow = () => {
    const blank = row.length === 1 && !row[0]!.quoted && row[0]!.text.trim() === '';
    if (!blank) rows.push(row);
    row = [];
  };
  while (i <= n) {
    const cellLine = line;
    const column = i - lineStart + 1;
    let value = '';
    let quoted = false;
    while (text[i] === ' ' || (text[i] === '\t' && delimiter !== '\t')) i++;
    if (text[i] === '"') {
      quoted = true;
      i++;
      while (true) {
        if (i >= n) return reader.failWith(E.quote, { ru: 'конец файла', en: 'the end of the file' }, { line: cellLine, column });
        const c = text[i]!;
        if (c === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          if (c === '\n') {
            line++;
            lineStart = i + 1;
          }
          value += c;
          i++;
        }
      }
      while (text[i] === ' ' || (text[i] === '\t' && delimiter !== '\t')) i++;
      if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
        return reader.failWith(E.afterQuote, { ru: JSON.stringify(text[i]), en: JSON.stringify(text[i]) }, { line, column: i - lineStart + 1 });
      }
    } else {
      const start = i;
      while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
      value = text.slice(start, i);
    }
    row.push({ text: value, quoted, line: cellLine, column });
    if (i >= n) {
      endRow();
      break;
    }
    if (text[i] === delimiter) {
      i++;
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    lineStart = i;
    endRow();
    if (i >= n) break;
  }
  return rows;
}

function parseCsvPlayback(text: string, reader: PathReader): TelemetrySample[] {
  const delimiter = pickDelimiter(text);
  const decimalComma = delimiter === ';';
  const rows = tokenize(text, delimiter, reader);
  const header = rows[0];
  const where = (cell: Cell) => ({ line: cell.line, column: cell.column });
  const failAt = (cell: Cell, expected: Bilingual) =>
    reader.failWith(
      expected,
      cell.text === '' ? { ru: 'пустая ячейка', en: 'an empty cell' } : { ru: JSON.stringify(cell.text), en: JSON.stringify(cell.text) },
      where(cell),
    );
  if (header === undefined) return reader.failWith(E.header, { ru: 'пустой файл', en: 'an empty file' }, { line: 1, column: 1 });
  const names = header.map((cell) => cell.text.trim());
  names.forEach((name, i) => {
    if (name === '') failAt(header[i]!, E.name);
    if (names.indexOf(name) !== i) failAt(header[i]!, unique(name));
  });
  const tIndex = names.indexOf('t');
  if (tIndex < 0) return failAt(header[0]!, E.header);
  if (rows.length < 2) return reader.failWith(E.some, { ru: 'только заголовок', en: 'the header only' }, { line: header[0]!.line + 1, column: 1 });

  const number = (cell: Cell): number | undefined => {
    const t = cell.text.trim();
    if (NUMBER.test(t)) return Number(t);
    if (decimalComma && DECIMAL_COMMA.test(t)) return Number(t.replace(',', '.'));
    return undefined;
  };
  const current = new Map<string, ParameterValue>();
  let previous = 0;
  return rows.slice(1).map((row) => {
    if (row.length > names.length) return failAt(row[names.length]!, E.extra);
    const tCell = row[tIndex];
    if (tCell === undefined) return reader.failWith(E.t, { ru: 'нет ячейки t', en: 'no cell t' }, { line: row[0]!.line, column: 1 });
    const t = number(tCell);
    if (t === undefined || !Number.isFinite(t) || t < 0) return failAt(tCell, E.t);
    if (t < previous) return failAt(tCell, later(previous));
    previous = t;
    row.forEach((cell, i) => {
      if (i === tIndex) return;
      if (cell.quoted) return void current.set(names[i]!, cell.text);
      const trimmed = cell.text.trim();
      if (trimmed === '') return;
      const lower = trimmed.toLowerCase();
      if (lower === 'true' || lower === 'false') return void current.set(names[i]!, lower === 'true');
      const n = number(cell);
      current.set(names[i]!, n !== undefined && Number.isFinite(n) ? n : trimmed);
    });
    return { t, values: Object.fromEntries(current) };
  });
}
