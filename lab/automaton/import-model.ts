// The platform's model export (`store: "models"`): the object's parameters (argument nodes
// with source "state") with their units, levels and MQTT topics, and its commands (action
// nodes; a ric-gate publish says what goes to the device). Same discipline as the automaton:
// one AutomatonImportError with the path, never a partial model.
import type { Bilingual } from '../integration/integration-types.js';
import type { Level, Model, ModelCommand, Parameter } from './automaton-types.js';
import { readPlatformFile } from './file-format.js';
import { own, type JsonObject, type PathReader } from './import-error.js';
import { parseJsonText } from './json-text.js';
import { unitText } from './units.js';

// The platform's trees are a few levels deep; the bound keeps recursion off the stack's edge.
const MAX_DEPTH = 64;

const E = {
  file: { ru: 'экспорт платформы { version, origin, store, data }', en: 'a platform export { version, origin, store, data }' },
  version: { ru: 'version 1 (другие версии формата лаборатория не знает)', en: 'version 1 (the lab knows no other version of the format)' },
  store: { ru: '"models" (экспорт модели)', en: '"models" (a model export)' },
  storeAutomaton: {
    ru: '"models" (экспорт модели); это экспорт автомата — загрузите его как автомат',
    en: '"models" (a model export); this is an automaton export — load it as the automaton',
  },
  data: { ru: 'описание модели { _id, name, base, data }', en: 'the model { _id, name, base, data }' },
  node: { ru: 'узел модели { id, name, type, children }', en: 'a model node { id, name, type, children }' },
  nodeId: { ru: 'id узла (непустая строка)', en: "the node's id (a non-empty string)" },
  nodeType: { ru: 'тип узла (строка: subsystem, argument, level, action, …)', en: "the node's type (a string: subsystem, argument, level, action, …)" },
  children: { ru: 'список дочерних узлов [ … ]', en: 'a list of child nodes [ … ]' },
  text: { ru: 'строка', en: 'a string' },
  level: { ru: 'порог уровня — число или "-Infinity"', en: 'the level\'s threshold, a number or "-Infinity"' },
  params: { ru: 'параметры команды { topic, payload }', en: "the command's params { topic, payload }" },
  depth: { ru: `дерево модели не глубже ${MAX_DEPTH} уровней`, en: `a model tree at most ${MAX_DEPTH} levels deep` },
} satisfies Record<string, Bilingual>;

export function importModel(input: unknown): Model {
  const { value, reader } = readPlatformFile(input, 'model');
  const file = reader.object(value, E.file);
  const version = own(file, 'version');
  if (version !== undefined && version !== 1) reader.at('version').fail(E.version, version);
  const store = own(file, 'store');
  if (store !== 'models') reader.at('store').fail(store === 'automatons' ? E.storeAutomaton : E.store, store);
  const dataAt = reader.at('data');
  const data = dataAt.object(own(file, 'data'), E.data);
  let treeAt = dataAt.at('data');
  let tree = own(data, 'data');
  // The export holds the tree as an object; a string holding it (like an automaton's logic) reads too.
  if (typeof tree === 'string') {
    treeAt = treeAt.inner();
    tree = parseJsonText(tree, treeAt);
  }
  const parameters: Parameter[] = [];
  const commands: ModelCommand[] = [];
  walk(tree, treeAt, 0, parameters, commands);
  const text = (key: string) => dataAt.at(key).optionalString(own(data, key), '', E.text);
  const id = own(data, '_id');
  const base = own(data, 'base');
  return {
    id: typeof id === 'string' ? id : null,
    name: text('name'),
    description: text('description'),
    base: typeof base === 'string' ? base : null,
    parameters,
    commands,
  };
}

function walk(value: unknown, at: PathReader, depth: number, parameters: Parameter[], commands: ModelCommand[]): void {
  if (depth > MAX_DEPTH) at.fail(E.depth);
  const node = at.object(value, E.node);
  const id = at.at('id').nonEmptyString(own(node, 'id'), E.nodeId);
  const type = at.at('type').string(own(node, 'type'), E.nodeType);
  const name = at.at('name').optionalString(own(node, 'name'), id, E.text);
  const childrenRaw = own(node, 'children');
  const children = childrenRaw === undefined || childrenRaw === null ? [] : at.at('children').array(childrenRaw, E.children);

  if (type === 'argument' && own(node, 'source') === 'state') {
    parameters.push(readParameter(node, id, name, at, children));
    return;
  }
  if (type === 'action') {
    commands.push(readCommand(node, id, name, at));
    return;
  }
  children.forEach((child, i) => walk(child, at.at('children').at(i), depth + 1, parameters, commands));
}

function readParameter(node: JsonObject, id: string, name: string, at: PathReader, children: unknown[]): Parameter {
  const unitRaw = own(node, 'unit');
  const unit = unitRaw === undefined || unitRaw === null || unitRaw === '' ? null : at.at('unit').string(unitRaw, E.text);
  const reference = own(node, 'reference');
  const levels: Level[] = [];
  children.forEach((child, i) => {
    const childAt = at.at('children').at(i);
    const level = childAt.object(child, E.node);
    if (own(level, 'type') !== 'level') return;
    levels.push({
      id: childAt.at('id').optionalString(own(level, 'id'), `${id}.levels.${i}`, E.text),
      name: childAt.at('name').optionalString(own(level, 'name'), '', E.text),
      value: readThreshold(own(level, 'value'), childAt.at('value')),
      color: typeof own(level, 'color') === 'string' ? (own(level, 'color') as string) : null,
    });
  });
  return {
    id,
    name,
    dataType: at.at('dataType').optionalString(own(node, 'dataType'), 'unknown', E.text),
    unit,
    unitText: unitText(unit),
    levels,
    topic: typeof reference === 'string' && reference !== '' ? reference : null,
    origin: 'model',
  };
}

function readThreshold(value: unknown, at: PathReader): number {
  if (typeof value === 'number' && !Number.isNaN(value)) return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '-Infinity') return -Infinity;
    if (text === 'Infinity' || text === '+Infinity') return Infinity;
    if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
  }
  return at.fail(E.level, value);
}

function readCommand(node: JsonObject, id: string, name: string, at: PathReader): ModelCommand {
  const service = own(node, 'service');
  const command = own(node, 'command');
  const paramsRaw = own(node, 'params');
  let publish: ModelCommand['publish'] = null;
  if (paramsRaw !== undefined && paramsRaw !== null) {
    const params = at.at('params').object(paramsRaw, E.params);
    const topic = own(params, 'topic');
    const payload = own(params, 'payload');
    if (service === 'ric-gate' && command === 'publish' && typeof topic === 'string' && topic !== '') {
      const payloadText = payload === undefined || payload === null ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload);
      publish = { topic, payload: payloadText };
    }
  }
  return {
    id,
    name,
    service: typeof service === 'string' ? service : null,
    command: typeof command === 'string' ? command : null,
    publish,
  };
}
