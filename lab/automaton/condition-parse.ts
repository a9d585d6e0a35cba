// A transition's `condition`: a JSON document in a string, read into a Condition tree.
// The platform writes the root as `{"0": node}`; a comparison node holds two leaves under
// "0" and "1", an and/or node two nodes. Both kinds of leaf carry the outer type "parametr"
// (the platform's spelling); `data.type` tells a parameter from a literal.
import type { Bilingual } from '../integration/integration-types.js';
import type { ComparisonOp, Condition, LogicalOp, Operand } from './automaton-types.js';
import { own, type PathReader } from './import-error.js';
import { parseJsonText } from './json-text.js';

export const COMPARISON_OPS: readonly ComparisonOp[] = ['less', 'less-equal', 'more', 'more-equal', 'equal', 'not-equal'];
export const LOGICAL_OPS: readonly LogicalOp[] = ['and', 'or'];
const ALL_OPS = [...COMPARISON_OPS, ...LOGICAL_OPS];

// No editor nests this deep; the limit keeps a hostile file from exhausting the stack.
const MAX_DEPTH = 64;

const E = {
  conditionText: { ru: 'условие — JSON-документ в строке', en: 'the condition as a JSON document in a string' },
  root: { ru: 'корень условия {"0": узел}', en: 'the condition root {"0": node}' },
  node: {
    ru: 'узел условия { "0": …, "1": …, data: { type: операция }, type: "condition" }',
    en: 'a condition node { "0": …, "1": …, data: { type: op }, type: "condition" }',
  },
  nodeType: { ru: '"condition"', en: '"condition"' },
  op: { ru: `одна из операций ${ALL_OPS.join(', ')}`, en: `one of the operations ${ALL_OPS.join(', ')}` },
  leaf: {
    ru: 'операнд { data: { type: "parametr", arg: <параметр>, source: "state" }, type: "parametr" } или { data: { type: "value", arg: "20" } }',
    en: 'an operand { data: { type: "parametr", arg: <parameter>, source: "state" }, type: "parametr" } or { data: { type: "value", arg: "20" } }',
  },
  leafType: { ru: '"parametr" (операнд сравнения)', en: '"parametr" (an operand of a comparison)' },
  leafDataType: { ru: '"parametr" (параметр объекта) или "value" (значение)', en: '"parametr" (an object parameter) or "value" (a literal)' },
  arg: { ru: 'имя параметра (непустая строка)', en: 'a parameter name (a non-empty string)' },
  literal: { ru: 'значение строкой, например "20"', en: 'the value as a string, e.g. "20"' },
  source: {
    ru: '"state" (параметры объекта; другие источники лаборатория не поддерживает)',
    en: '"state" (object parameters; the lab supports no other source)',
  },
  identifier: { ru: '"object" (параметр этого же объекта)', en: '"object" (a parameter of this same object)' },
  depth: { ru: `условие не глубже ${MAX_DEPTH} уровней`, en: `a condition at most ${MAX_DEPTH} levels deep` },
} satisfies Record<string, Bilingual>;

/**
 * Read a transition's `condition` field. Absent, `""` and `"{}"` mean "no condition" (the
 * platform's editor leaves a cleared condition that way); anything else must be a whole tree.
 */
export function parseCondition(raw: unknown, at: PathReader): Condition | null {
  if (raw === undefined) return null;
  const text = at.string(raw, E.conditionText);
  if (text.trim() === '') return null;
  const inner = at.inner();
  const root = inner.object(parseJsonText(text, inner), E.root);
  const keys = Object.keys(root);
  if (keys.length === 0) return null;
  if (keys.length !== 1 || keys[0] !== '0') inner.fail(E.root, root);
  return parseNode(own(root, '0'), inner.at('0'), 0);
}

function parseNode(value: unknown, at: PathReader, depth: number): Condition {
  if (depth > MAX_DEPTH) at.fail(E.depth);
  const node = at.object(value, E.node);
  if (own(node, 'type') !== 'condition') at.at('type').fail(E.nodeType, own(node, 'type'));
  const dataAt = at.at('data');
  const data = dataAt.object(own(node, 'data'), E.node);
  const op = own(data, 'type');
  if (typeof op !== 'string' || !(ALL_OPS as readonly string[]).includes(op)) return dataAt.at('type').fail(E.op, op);
  if ((LOGICAL_OPS as readonly string[]).includes(op)) {
    return {
      kind: 'logic',
      op: op as LogicalOp,
      left: parseNode(own(node, '0'), at.at('0'), depth + 1),
      right: parseNode(own(node, '1'), at.at('1'), depth + 1),
    };
  }
  return {
    kind: 'compare',
    op: op as ComparisonOp,
    left: parseOperand(own(node, '0'), at.at('0')),
    right: parseOperand(own(node, '1'), at.at('1')),
  };
}

function parseOperand(value: unknown, at: PathReader): Operand {
  const leaf = at.object(value, E.leaf);
  const outer = own(leaf, 'type');
  // The reference shows a literal without the outer type; the platform writes "parametr".
  if (outer !== undefined && outer !== 'parametr') at.at('type').fail(E.leafType, outer);
  const dataAt = at.at('data');
  const data = dataAt.object(own(leaf, 'data'), E.leaf);
  const type = own(data, 'type');
  const arg = own(data, 'arg');
  if (type === 'parametr') {
    const source = own(data, 'source');
    if (source !== undefined && source !== 'state') dataAt.at('source').fail(E.source, source);
    const identifier = own(data, 'identifier');
    if (identifier !== undefined && identifier !== 'object') dataAt.at('identifier').fail(E.identifier, identifier);
    return { kind: 'parameter', id: dataAt.at('arg').nonEmptyString(arg, E.arg) };
  }
  if (type === 'value') {
    // "Always a string" in the platform's files; a hand-written 20 or true reads the same.
    if (typeof arg === 'number' && Number.isFinite(arg)) return { kind: 'value', value: String(arg) };
    if (typeof arg === 'boolean') return { kind: 'value', value: String(arg) };
    return { kind: 'value', value: dataAt.at('arg').string(arg, E.literal) };
  }
  return dataAt.at('type').fail(E.leafDataType, type);
}
