// An automaton document back to the platform's file: the original file object with only
// `data.data` re-serialised from the (possibly edited) logic, written in the file's own format.
// Unedited, the result is byte for byte the file that was imported: the platform wrote it
// with JSON.stringify, which is what is used here, and JSON.parse keeps key order (integer-like
// keys first, as JSON.stringify on the platform put them too).
import { serialise } from './file-format.js';
import type { AutomatonDocument } from './import-automaton.js';
import { own, type JsonObject } from './import-error.js';

export function exportAutomaton(document: AutomatonDocument): string {
  const data = own(document.file, 'data') as JsonObject;
  // Spreading keeps every key in its place; only the value of data.data changes.
  const file = { ...document.file, data: { ...data, data: JSON.stringify(document.logic) } };
  return serialise(file, document.format);
}
