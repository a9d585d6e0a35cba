// Which imported export an object on the Automaton page runs: the import it was made from (two
// imports of one export share the platform's id), else — for an object the CLI attached, whose
// file the lab never imported — the newest import with the platform's id.
import { describe, expect, test } from 'vitest';
import type { ObjectSnapshot } from '../../lab/objects/object-events.js';
import type { AutomatonEntry, ModelEntry } from '../../lab/objects/objects-wire.js';
import { automatonOf, modelOf } from '../../client/src/automaton/automaton-page.js';
import type { LibraryState } from '../../client/src/automaton/library-store.js';

const entry = (id: string, platformId: string) => ({ id, automaton: { id: platformId } }) as unknown as AutomatonEntry;
const model = (id: string, platformId: string) => ({ id, model: { id: platformId } }) as unknown as ModelEntry;
// Newest first, as the server lists them.
const library: LibraryState = {
  loaded: true,
  error: undefined,
  automatons: [entry('lab-2', 'tc'), entry('lab-1', 'tc')],
  models: [model('m-2', 'kettle'), model('m-1', 'kettle')],
};
const object = (automatonLibraryId: string | null, modelLibraryId: string | null) =>
  ({
    automaton: { id: 'tc', name: 'Temperature control', modelId: 'kettle', libraryId: automatonLibraryId },
    model: { id: 'kettle', name: 'Kettle', libraryId: modelLibraryId },
  }) as unknown as ObjectSnapshot;

describe('the export an object runs', () => {
  test.each([
    ['made from the older import', object('lab-1', 'm-1'), 'lab-1', 'm-1'],
    ['made from the newer import', object('lab-2', 'm-2'), 'lab-2', 'm-2'],
    ['attached by the CLI (no import): the newest with its platform id', object(null, null), 'lab-2', 'm-2'],
    ['made from an import since deleted: the newest with its platform id', object('gone', 'gone'), 'lab-2', 'm-2'],
  ])('%s', (_what, snapshot, automatonId, modelId) => {
    expect(automatonOf(library, snapshot)?.id).toBe(automatonId);
    expect(modelOf(library, snapshot)?.id).toBe(modelId);
  });
});
