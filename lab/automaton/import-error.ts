// The one error every import of this feature throws (automaton, model, telemetry file), and the
// path reader the importers share. A student's file is wrong in one place: the message says
// where (a path through the nested JSON documents, or a line and column) and what was expected,
// in both languages, so the browser can show it as it is. No Node imports.
import type { Bilingual } from '../integration/integration-types.js';

export type ImportFileKind = 'automaton' | 'model' | 'telemetry';
export type PathKey = string | number;
/** One key path per JSON document: the file, then each JSON text held in a string inside it. */
export type ImportPath = readonly (readonly PathKey[])[];

export interface TextLocation {
  line: number;
  column: number;
}

const FILE_NAME: Record<ImportFileKind, Bilingual> = {
  automaton: { ru: 'В файле автомата', en: 'In the automaton file' },
  model: { ru: 'В файле модели', en: 'In the model file' },
  telemetry: { ru: 'В файле телеметрии', en: 'In the telemetry file' },
};

export class AutomatonImportError extends Error {
  override name = 'AutomatonImportError';
  readonly file: ImportFileKind;
  readonly path: ImportPath;
  /** The path as text, e.g. `data.data → transitions.kx36jd5u.data.condition → 0.data.type`. */
  readonly where: string;
  readonly location: TextLocation | null;
  readonly expected: Bilingual;
  readonly found: Bilingual | null;
  /** The whole message in both languages; `message` is its English half. */
  readonly text: Bilingual;

  constructor(file: ImportFileKind, path: ImportPath, expected: Bilingual, found: Bilingual | null, location: TextLocation | null = null) {
    const where = formatPath(path);
    const place = (lang: 'ru' | 'en') => {
      const parts = [where ? (lang === 'ru' ? `в ${where}` : `at ${where}`) : ''];
      if (location) parts.push(lang === 'ru' ? `строка ${location.line}, столбец ${location.column}` : `line ${location.line}, column ${location.column}`);
      const said = parts.filter(Boolean).join(', ');
      return said ? ` ${said}` : '';
    };
    const text: Bilingual = {
      ru: `${FILE_NAME[file].ru},${place('ru')}: ожидалось ${expected.ru}${found ? `; найдено ${found.ru}` : ''}`,
      en: `${FILE_NAME[file].en},${place('en')}: expected ${expected.en}${found ? `; found ${found.en}` : ''}`,
    };
    super(text.en);
    this.file = file;
    this.path = path;
    this.where = where;
    this.location = location;
    this.expected = expected;
    this.found = found;
    this.text = text;
  }
}

const PLAIN_KEY = /^[^\s.[\]"→]+$/u;

export function formatPath(path: ImportPath): string {
  return path
    .map((keys) =>
      keys
        .map((key, i) => {
          if (typeof key === 'number') return `[${key}]`;
          if (!PLAIN_KEY.test(key)) return `[${JSON.stringify(key)}]`;
          return i === 0 ? key : `.${key}`;
        })
        .join(''),
    )
    .filter((text) => text !== '')
    .join(' → ');
}

/** What a value is, said shortly: for the "found" half of a message. */
export function describeFound(value: unknown): Bilingual {
  if (value === undefined) return { ru: 'ничего (поля нет)', en: 'nothing (the field is missing)' };
  if (value === null) return { ru: 'null', en: 'null' };
  if (Array.isArray(value)) return { ru: 'массив', en: 'an array' };
  switch (typeof value) {
    case 'string': {
      const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
      return { ru: `строка ${shown}`, en: `the string ${shown}` };
    }
    case 'number':
      return { ru: `число ${value}`, en: `the number ${value}` };
    case 'boolean':
      return { ru: String(value), en: String(value) };
    case 'object':
      return { ru: 'объект', en: 'an object' };
    default:
      return { ru: typeof value, en: typeof value };
  }
}

export type JsonObject = { [key: string]: unknown };

/**
 * Where the importer is reading: the file kind and the path so far. Immutable, so a nested
 * reader can never leave a wrong path behind for the next field.
 */
export class PathReader {
  constructor(
    readonly file: ImportFileKind,
    readonly path: ImportPath = [[]],
  ) {}

  at(key: PathKey): PathReader {
    const last = this.path[this.path.length - 1] ?? [];
    return new PathReader(this.file, [...this.path.slice(0, -1), [...last, key]]);
  }

  /** Into the JSON document held in the string at this path. */
  inner(): PathReader {
    return new PathReader(this.file, [...this.path, []]);
  }

  fail(expected: Bilingual, found?: unknown, location: TextLocation | null = null): never {
    throw new AutomatonImportError(this.file, this.path, expected, arguments.length >= 2 ? describeFound(found) : null, location);
  }

  failWith(expected: Bilingual, found: Bilingual | null, location: TextLocation | null = null): never {
    throw new AutomatonImportError(this.file, this.path, expected, found, location);
  }

  object(value: unknown, expected: Bilingual = EXPECT.object): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(expected, value);
    return value as JsonObject;
  }

  array(value: unknown, expected: Bilingual = EXPECT.array): unknown[] {
    if (!Array.isArray(value)) this.fail(expected, value);
    return value;
  }

  string(value: unknown, expected: Bilingual = EXPECT.string): string {
    if (typeof value !== 'string') this.fail(expected, value);
    return value;
  }

  nonEmptyString(value: unknown, expected: Bilingual = EXPECT.nonEmpty): string {
    if (typeof value !== 'string' || value === '') this.fail(expected, value);
    return value;
  }

  optionalString(value: unknown, fallback: string, expected: Bilingual = EXPECT.string): string {
    return value === undefined || value === null ? fallback : this.string(value, expected);
  }
}

/** An own property only: ids come from the file, and `constructor` must not find Object. */
export function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export const EXPECT = {
  object: { ru: 'объект { … }', en: 'an object { … }' },
  array: { ru: 'массив [ … ]', en: 'an array [ … ]' },
  string: { ru: 'строка', en: 'a string' },
  nonEmpty: { ru: 'непустая строка', en: 'a non-empty string' },
} satisfies Record<string, Bilingual>;
