// The automaton and model exports students imported, as the lab keeps them: the export's text
// (what `export` gives back, edits included) with the lab's reading of it. With --data-dir they
// are kept in automatons.json (0600) across restarts; an entry that no longer imports is left out
// with a warning rather than stopping the lab.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readTextIfExists, writePrivateFile } from '../../server/common/private-file.js';
import { exportAutomaton } from '../automaton/export-automaton.js';
import { importAutomaton, type AutomatonDocument } from '../automaton/import-automaton.js';
import { importModel } from '../automaton/import-model.js';
import type { Model } from '../automaton/automaton-types.js';
import { ObjectError } from './object-error.js';
import type { AutomatonEntry, ModelEntry } from './objects-wire.js';

interface Kept {
  id: string;
  owner: string;
  importedAt: string;
  fileName: string | null;
  text: string;
}

interface LibraryFile {
  version: 1;
  automatons: Kept[];
  models: Kept[];
}

export interface AutomatonLibrary {
  /** Reads an export (throws AutomatonImportError naming where it is wrong) and keeps it. */
  addAutomaton(text: string, fileName: string | null, owner: string): Promise<AutomatonEntry>;
  automaton(id: string): AutomatonEntry;
  document(id: string): AutomatonDocument;
  automatons(): AutomatonEntry[];
  /** Replaces an automaton by its edited document (the platform's file is written from it). */
  replace(id: string, document: AutomatonDocument): Promise<AutomatonEntry>;
  /** The platform's file of an automaton, edits included. */
  exportFile(id: string): string;
  removeAutomaton(id: string): Promise<void>;
  addModel(text: string, fileName: string | null, owner: string): Promise<ModelEntry>;
  model(id: string): ModelEntry;
  models(): ModelEntry[];
  close(): Promise<void>;
}

const MAX_ENTRIES = 200;

function notFound(what: 'automaton' | 'model', id: string): ObjectError {
  return new ObjectError(
    'not-found',
    what === 'automaton' ? { ru: `Автомата ${id} нет`, en: `There is no automaton ${id}` } : { ru: `Модели ${id} нет`, en: `There is no model ${id}` },
    `${what}Id`,
  );
}

export async function createAutomatonLibrary(options: { dataDir?: string; warn?: (message: string) => void } = {}): Promise<AutomatonLibrary> {
  const warn = options.warn ?? (() => undefined);
  const path = options.dataDir ? join(options.dataDir, 'automatons.json') : undefined;
  const automatons = new Map<string, { kept: Kept; document: AutomatonDocument }>();
  const models = new Map<string, { kept: Kept; model: Model }>();
  let writes: Promise<void> = Promise.resolve();

  const automatonEntry = ({ kept, document }: { kept: Kept; document: AutomatonDocument }): AutomatonEntry => ({
    id: kept.id,
    owner: kept.owner,
    importedAt: kept.importedAt,
    fileName: kept.fileName,
    automaton: document.automaton,
    modelId: document.automaton.modelId ?? null,
  });
  const modelEntry = ({ kept, model }: { kept: Kept; model: Model }): ModelEntry => ({
    id: kept.id,
    owner: kept.owner,
    importedAt: kept.importedAt,
    fileName: kept.fileName,
    model,
  });

  function save(): Promise<void> {
    if (!path) return Promise.resolve();
    const file: LibraryFile = { version: 1, automatons: [...automatons.values()].map((a) => a.kept), models: [...models.values()].map((m) => m.kept) };
    const next = writes.then(() => writePrivateFile(path, JSON.stringify(file) + '\n'));
    writes = next.catch((err: unknown) => warn(`could not write ${path}: ${(err as Error).message}`));
    return next;
  }

  function keep(kind: 'automaton' | 'model', text: string, fileName: string | null, owner: string): Kept {
    const count = kind === 'automaton' ? automatons.size : models.size;
    if (count >= MAX_ENTRIES) {
      throw new ObjectError('too-many-objects', {
        ru: `В лаборатории уже ${MAX_ENTRIES} импортов этого вида; удалите ненужные`,
        en: `The lab already holds ${MAX_ENTRIES} imports of this kind; remove some`,
      });
    }
    return { id: `${kind === 'automaton' ? 'a' : 'm'}-${randomBytes(4).toString('hex')}`, owner, importedAt: new Date().toISOString(), fileName, text };
  }

  if (path) {
    const text = await readTextIfExists(path);
    if (text !== undefined) {
      let file: Partial<LibraryFile> = {};
      try {
        file = JSON.parse(text) as Partial<LibraryFile>;
      } catch (err) {
        warn(`${path} is damaged (${(err as Error).message}); the imported automatons are not loaded`);
      }
      for (const kept of file.automatons ?? []) {
        try {
          automatons.set(kept.id, { kept, document: importAutomaton(kept.text) });
        } catch (err) {
          warn(`${path}: automaton ${String(kept?.id)} no longer imports (${(err as Error).message}); left out`);
        }
      }
      for (const kept of file.models ?? []) {
        try {
          models.set(kept.id, { kept, model: importModel(kept.text) });
        } catch (err) {
          warn(`${path}: model ${String(kept?.id)} no longer imports (${(err as Error).message}); left out`);
        }
      }
    }
  }

  const mustAutomaton = (id: string) => {
    const found = automatons.get(id);
    if (!found) throw notFound('automaton', id);
    return found;
  };
  const newestFirst = <T extends { kept: Kept }>(values: Iterable<T>) => [...values].sort((a, b) => b.kept.importedAt.localeCompare(a.kept.importedAt));

  return {
    async addAutomaton(text, fileName, owner) {
      const document = importAutomaton(text);
      const kept = keep('automaton', text, fileName, owner);
      automatons.set(kept.id, { kept, document });
      await save();
      return automatonEntry({ kept, document });
    },
    automaton: (id) => automatonEntry(mustAutomaton(id)),
    document: (id) => mustAutomaton(id).document,
    automatons: () => newestFirst(automatons.values()).map(automatonEntry),
    async replace(id, document) {
      const found = mustAutomaton(id);
      const updated = { kept: { ...found.kept, text: exportAutomaton(document) }, document };
      automatons.set(id, updated);
      await save();
      return automatonEntry(updated);
    },
    exportFile: (id) => mustAutomaton(id).kept.text,
    async removeAutomaton(id) {
      mustAutomaton(id);
      automatons.delete(id);
      await save();
    },
    async addModel(text, fileName, owner) {
      const model = importModel(text);
      const kept = keep('model', text, fileName, owner);
      models.set(kept.id, { kept, model });
      await save();
      return modelEntry({ kept, model });
    },
    model(id) {
      const found = models.get(id);
      if (!found) throw notFound('model', id);
      return modelEntry(found);
    },
    models: () => newestFirst(models.values()).map(modelEntry),
    close: () => writes,
  };
}
