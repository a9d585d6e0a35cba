// JSON text to a value, with a syntax error reported as a line and column and what the
// grammar wanted there. JSON.parse does the parsing; only when it fails does the scanner below
// walk the text to find the place, because JSON.parse's messages differ between engines and
// often carry no position at all ("Unexpected token 'x', "x" is not valid JSON").
import type { Bilingual } from '../integration/integration-types.js';
import type { PathReader, TextLocation } from './import-error.js';

/** Parse `text` or throw the reader's AutomatonImportError at the syntax error's place. */
export function parseJsonText(text: string, reader: PathReader): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(source);
  } catch {
    const error = locateJsonError(source) ?? { offset: 0, expected: { ru: 'правильный JSON', en: 'valid JSON' }, found: null };
    return reader.failWith(error.expected, error.found, lineColumn(source, error.offset));
  }
}

export function lineColumn(text: string, offset: number): TextLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export interface JsonSyntaxError {
  offset: number;
  expected: Bilingual;
  found: Bilingual | null;
}

// Deeper than any export; the scanner recurses, so it stops before the stack would.
const MAX_DEPTH = 1000;

class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

/** The first syntax error of `text`, or null when it is valid JSON. */
export function locateJsonError(text: string): JsonSyntaxError | null {
  let i = 0;
  const n = text.length;
  const foundHere = (): Bilingual => {
    if (i >= n) return { ru: 'конец текста (файл обрезан?)', en: 'the end of the text (is the file cut short?)' };
    const shown = JSON.stringify(text.slice(i, i + 12) + (i + 12 < n ? '…' : ''));
    return { ru: shown, en: shown };
  };
  const stop = (ru: string, en: string): never => {
    throw new Stop({ offset: i, expected: { ru, en }, found: foundHere() });
  };
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const string = () => {
    const start = i;
    i++;
    while (true) {
      if (i >= n) {
        // Said at the string's start, where the author can see which one it is.
        throw new Stop({ offset: start, expected: { ru: 'закрывающая кавычка " у этой строки', en: 'a closing quote " for this string' }, found: foundHere() });
      }
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20)
        stop('символ строки (перевод строки внутри строки записывается как \\n)', 'a string character (a line break inside a string is written \\n)');
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) stop('четыре шестнадцатеричные цифры после \\u', 'four hex digits after \\u');
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else stop('экранирование \\" \\\\ \\/ \\b \\f \\n \\r \\t или \\uXXXX', 'an escape \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
      } else i++;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) stop(`вложенность не глубже ${MAX_DEPTH}`, `nesting at most ${MAX_DEPTH} deep`);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      while (true) {
        ws();
        if (text[i] !== '"') stop('имя поля в двойных кавычках', 'a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') stop('двоеточие : после имени поля', 'a colon : after the property name');
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        stop('запятая , или закрывающая скобка }', 'a comma , or a closing brace }');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      while (true) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        stop('запятая , или закрывающая скобка ]', 'a comma , or a closing bracket ]');
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    stop(
      'значение JSON: объект, массив, строка в кавычках, число, true, false или null',
      'a JSON value: an object, an array, a quoted string, a number, true, false or null',
    );
  };
  try {
    value(0);
    ws();
    if (i < n) stop('конец файла после значения', 'the end of the file after the value');
    return null;
  } catch (e) {
    if (e instanceof Stop) return e.error;
    // A stack overflow in an odd engine: say where we were rather than crash.
    return { offset: i, expected: { ru: 'правильный JSON', en: 'valid JSON' }, found: null };
  }
}
