// How a platform export is written, so the lab can write it back the same way. The platform
// serialises the file with JSON.stringify(file, null, 2), no final newline, and the logic
// inside `data.data` with a plain JSON.stringify. Indentation, line ends, a final newline and
// a byte order mark are read from the text rather than assumed, so a file a student saved
// through an editor comes back as the editor left it.
import type { ImportFileKind, JsonObject } from './import-error.js';
import { PathReader } from './import-error.js';
import { parseJsonText } from './json-text.js';

export interface FileFormat {
  /** The indentation unit of the outer file: `"  "` for the platform's files; `""` on one line. */
  indent: string;
  eol: '\n' | '\r\n';
  finalNewline: boolean;
  bom: boolean;
}

export const PLATFORM_FORMAT: Readonly<FileFormat> = Object.freeze({ indent: '  ', eol: '\n', finalNewline: false, bom: false });

export function detectFormat(text: string): FileFormat {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)\S/.exec(body)?.[1] ?? '';
  return { indent, eol, finalNewline: /\n$/.test(body), bom };
}

export function serialise(value: unknown, format: FileFormat): string {
  // JSON.stringify never puts a raw line break inside a string, so every "\n" is structure.
  let text = format.indent === '' ? JSON.stringify(value) : JSON.stringify(value, null, format.indent);
  if (format.eol === '\r\n') text = text.replace(/\n/g, '\r\n');
  if (format.finalNewline) text += format.eol;
  return format.bom ? `\uFEFF${text}` : text;
}

/**
 * The file's JSON value and format. Text is parsed (a syntax error says its line and column);
 * a value already parsed is copied through JSON, so the caller's object is never changed and
 * whatever JSON cannot hold is refused here rather than half-kept.
 */
export function readPlatformFile(input: unknown, kind: ImportFileKind): { value: unknown; format: FileFormat; reader: PathReader } {
  const reader = new PathReader(kind);
  if (typeof input === 'string') return { value: checkDepth(parseJsonText(input, reader), reader), format: detectFormat(input), reader };
  let copy: string | undefined;
  try {
    copy = JSON.stringify(input);
  } catch {
    copy = undefined;
  }
  if (copy === undefined) return reader.fail({ ru: 'данные JSON (текст файла или разобранный JSON)', en: 'JSON data (the file text or parsed JSON)' }, input);
  return { value: checkDepth(JSON.parse(copy) as unknown, reader), format: PLATFORM_FORMAT, reader };
}

// Platform files nest about ten levels. JSON.parse takes any depth, but JSON.stringify (export,
// edits) overflows the stack on a few thousand, so a document too deep to write back is refused
// when it is read.
export const MAX_JSON_DEPTH = 100;

interface Visit {
  value: unknown;
  depth: number;
  key: string | number | null;
  parent: Visit | null;
}

/** `value`, or an import error at the first place nested deeper than MAX_JSON_DEPTH. */
export function checkDepth<T>(value: T, reader: PathReader): T {
  const stack: Visit[] = [{ value, depth: 0, key: null, parent: null }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const v = visit.value;
    if (typeof v !== 'object' || v === null) continue;
    if (visit.depth > MAX_JSON_DEPTH) {
      const keys: (string | number)[] = [];
      for (let at: Visit | null = visit; at !== null && at.key !== null; at = at.parent) keys.unshift(at.key);
      return keys
        .reduce((r: PathReader, key) => r.at(key), reader)
        .fail({ ru: `вложенность не глубже ${MAX_JSON_DEPTH} уровней`, en: `nesting at most ${MAX_JSON_DEPTH} levels deep` });
    }
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
    for (const [key, item] of entries) if (typeof item === 'object' && item !== null) stack.push({ value: item, depth: visit.depth + 1, key, parent: visit });
  }
  return value;
}

/** A deep copy of JSON data (edits copy before they change anything). */
export function cloneJson<T extends JsonObject>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
