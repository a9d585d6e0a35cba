// The platform's automaton export (`store: "automatons"`) read into an Automaton. The file is
// checked whole before anything is returned: on any problem one AutomatonImportError names the
// place and what was expected, so a caller never holds half an automaton.
import type { Bilingual } from '../integration/integration-types.js';
import type { Automaton, State, StateType, Transition } from './automaton-types.js';
import { parseActionList } from './action-parse.js';
import { parseCondition } from './condition-parse.js';
import { parseEvent } from './events.js';
import { checkDepth, readPlatformFile, type FileFormat } from './file-format.js';
import { own, type JsonObject, type PathReader } from './import-error.js';
import { parseJsonText } from './json-text.js';

/** An imported export: the typed automaton and the raw file it came from, for writing back. */
export interface AutomatonDocument {
  automaton: Automaton;
  /** The outer file as parsed; `data.data` still the original string. */
  file: JsonObject;
  /** `data.data` parsed: the states and transitions with every field the lab does not read. */
  logic: JsonObject;
  format: FileFormat;
}

const STATE_TYPES: readonly StateType[] = ['init', 'final', 'state'];

const E = {
  file: { ru: 'экспорт платформы { version, origin, store, data }', en: 'a platform export { version, origin, store, data }' },
  version: { ru: 'version 1 (другие версии формата лаборатория не знает)', en: 'version 1 (the lab knows no other version of the format)' },
  store: { ru: '"automatons" (экспорт автомата)', en: '"automatons" (an automaton export)' },
  storeModel: {
    ru: '"automatons" (экспорт автомата); это экспорт модели — загрузите его как модель',
    en: '"automatons" (an automaton export); this is a model export — load it as the model',
  },
  data: { ru: 'описание автомата { _id, name, data, … }', en: 'the automaton { _id, name, data, … }' },
  logicText: { ru: 'логика автомата — JSON-документ в строке', en: "the automaton's logic as a JSON document in a string" },
  logic: { ru: 'логика автомата { states: {…}, transitions: {…} }', en: "the automaton's logic { states: {…}, transitions: {…} }" },
  states: { ru: 'состояния { <id>: { data: {…} } }', en: 'the states { <id>: { data: {…} } }' },
  transitions: { ru: 'переходы { <id>: { data: {…} } }', en: 'the transitions { <id>: { data: {…} } }' },
  state: { ru: 'состояние { data: { type, id, name, onenter, onexit } }', en: 'a state { data: { type, id, name, onenter, onexit } }' },
  stateType: { ru: `тип состояния: ${STATE_TYPES.join(', ')}`, en: `the state's type: ${STATE_TYPES.join(', ')}` },
  noInit: { ru: 'одно начальное состояние (type "init")', en: 'one initial state (type "init")' },
  transition: { ru: 'переход { data: { id, event, owner, target, condition } }', en: 'a transition { data: { id, event, owner, target, condition } }' },
  event: { ru: 'событие перехода (непустая строка)', en: "the transition's event (a non-empty string)" },
  end: { ru: 'ссылка на состояние { id }', en: 'a reference to a state { id }' },
  name: { ru: 'название (строка)', en: 'a name (a string)' },
} satisfies Record<string, Bilingual>;

const sameId = (key: string): Bilingual => ({ ru: `id, равный ключу "${key}"`, en: `an id equal to its key "${key}"` });

export function importAutomaton(input: unknown): AutomatonDocument {
  const { value, format, reader } = readPlatformFile(input, 'automaton');
  const file = reader.object(value, E.file);
  const version = own(file, 'version');
  if (version !== undefined && version !== 1) reader.at('version').fail(E.version, version);
  const store = own(file, 'store');
  if (store !== 'automatons') reader.at('store').fail(store === 'models' ? E.storeModel : E.store, store);
  const dataAt = reader.at('data');
  const data = dataAt.object(own(file, 'data'), E.data);
  const logicAt = dataAt.at('data');
  const logicText = logicAt.string(own(data, 'data'), E.logicText);
  const innerAt = logicAt.inner();
  const logic = innerAt.object(checkDepth(parseJsonText(logicText, innerAt), innerAt), E.logic);
  return { automaton: buildAutomaton(file, logic, reader), file, logic, format };
}

/** The typed automaton of a file and its parsed logic (also after an edit of the logic). */
export function buildAutomaton(file: JsonObject, logic: JsonObject, reader: PathReader): Automaton {
  const dataAt = reader.at('data');
  const data = dataAt.object(own(file, 'data'), E.data);
  const text = (key: string) => dataAt.at(key).optionalString(own(data, key), '', E.name);
  const innerAt = dataAt.at('data').inner();

  const statesAt = innerAt.at('states');
  const rawStates = statesAt.object(own(logic, 'states'), E.states);
  const states = Object.entries(rawStates).map(([key, value]) => readState(key, value, statesAt.at(key)));
  const inits = states.filter((s) => s.type === 'init');
  if (inits.length === 0) statesAt.fail(E.noInit);
  if (inits.length > 1) {
    const second = inits[1]!.id;
    statesAt
      .at(second)
      .at('data')
      .at('type')
      .fail({ ru: `одно начальное состояние; первое — "${inits[0]!.id}"`, en: `one initial state; the first is "${inits[0]!.id}"` }, 'init');
  }
  const ids = new Set(states.map((s) => s.id));

  const transitionsAt = innerAt.at('transitions');
  const rawTransitions = transitionsAt.object(own(logic, 'transitions'), E.transitions);
  const transitions = Object.entries(rawTransitions).map(([key, value]) => readTransition(key, value, transitionsAt.at(key), ids));

  const id = own(data, '_id');
  const model = own(data, 'model');
  return {
    id: typeof id === 'string' ? id : null,
    name: text('name'),
    description: text('description'),
    modelId: typeof model === 'string' && model !== '' ? model : null,
    states,
    transitions,
    initStateId: inits[0]!.id,
  };
}

function readState(key: string, value: unknown, at: PathReader): State {
  const raw = at.object(value, E.state);
  const dataAt = at.at('data');
  const data = dataAt.object(own(raw, 'data'), E.state);
  const type = own(data, 'type');
  if (!(STATE_TYPES as readonly unknown[]).includes(type)) dataAt.at('type').fail(E.stateType, type);
  const id = own(data, 'id');
  if (id !== undefined && String(id) !== key) dataAt.at('id').fail(sameId(key), id);
  return {
    id: key,
    type: type as StateType,
    name: dataAt.at('name').optionalString(own(data, 'name'), '', E.name),
    description: dataAt.at('description').optionalString(own(data, 'description'), '', E.name),
    onenter: parseActionList(own(data, 'onenter'), dataAt.at('onenter')),
    onexit: parseActionList(own(data, 'onexit'), dataAt.at('onexit')),
  };
}

function readTransition(key: string, value: unknown, at: PathReader, states: ReadonlySet<string>): Transition {
  const raw = at.object(value, E.transition);
  const dataAt = at.at('data');
  const data = dataAt.object(own(raw, 'data'), E.transition);
  const id = own(data, 'id');
  if (id !== undefined && String(id) !== key) dataAt.at('id').fail(sameId(key), id);
  const event = dataAt.at('event').nonEmptyString(own(data, 'event'), E.event);
  const end = (which: 'owner' | 'target'): string => {
    const endAt = dataAt.at(which);
    const ref = endAt.object(own(data, which), E.end);
    const stateId = own(ref, 'id');
    if ((typeof stateId === 'string' || typeof stateId === 'number') && states.has(String(stateId))) return String(stateId);
    const known = [...states].slice(0, 12).join(', ');
    return endAt.at('id').fail(
      {
        ru: `id состояния из states (${which === 'owner' ? 'откуда' : 'куда'} ведёт переход): ${known}`,
        en: `the id of a state in states (where the transition ${which === 'owner' ? 'starts' : 'leads'}): ${known}`,
      },
      stateId,
    );
  };
  const from = end('owner');
  const to = end('target');
  return {
    id: key,
    name: dataAt.at('name').optionalString(own(data, 'name'), '', E.name),
    event,
    eventKind: parseEvent(event),
    from,
    to,
    condition: parseCondition(own(data, 'condition'), dataAt.at('condition')),
  };
}
