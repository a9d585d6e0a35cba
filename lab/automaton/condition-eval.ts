// Whether a condition holds for an object's current values. Values arrive over MQTT as text
// ("23") and literals are always text in the export, so each side is first read as what it
// looks like: a number, a boolean ("true"/"false"), or else a string.
import type { ComparisonOp, Condition, Operand, ParameterValue } from './automaton-types.js';

export type Comparable = number | boolean | string;

/** Values by parameter id; a Map so that a parameter called `constructor` is just a name. */
export type ValueLookup = ReadonlyMap<string, ParameterValue>;

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function toComparable(value: ParameterValue): Comparable {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (NUMERIC.test(text)) return Number(text);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return value;
}

/**
 * Compare two values. Two numbers compare numerically, two strings by code units, two booleans
 * only for (in)equality. Sides of different kinds are never equal and never ordered: `"on" > 5`
 * is false, `"on" ≠ 5` is true.
 */
export function compareValues(op: ComparisonOp, leftValue: ParameterValue, rightValue: ParameterValue): boolean {
  const a = toComparable(leftValue);
  const b = toComparable(rightValue);
  const sameKind = typeof a === typeof b;
  switch (op) {
    case 'equal':
      return sameKind && a === b;
    case 'not-equal':
      return !sameKind || a !== b;
  }
  if (!sameKind || typeof a === 'boolean') return false;
  switch (op) {
    case 'less':
      return a < b;
    case 'less-equal':
      return a <= b;
    case 'more':
      return a > b;
    case 'more-equal':
      return a >= b;
  }
}

function operandValue(operand: Operand, values: ValueLookup): ParameterValue | undefined {
  return operand.kind === 'value' ? operand.value : values.get(operand.id);
}

/**
 * Whether `condition` holds. A comparison with a parameter that has no value yet is false,
 * whatever the operator (also `not-equal`): the platform has nothing to compare, and taking a
 * transition on a value never received would surprise more than waiting for it. No condition
 * always holds.
 */
export function evaluateCondition(condition: Condition | null, values: ValueLookup): boolean {
  if (condition === null) return true;
  if (condition.kind === 'logic') {
    return condition.op === 'and'
      ? evaluateCondition(condition.left, values) && evaluateCondition(condition.right, values)
      : evaluateCondition(condition.left, values) || evaluateCondition(condition.right, values);
  }
  const left = operandValue(condition.left, values);
  const right = operandValue(condition.right, values);
  if (left === undefined || right === undefined) return false;
  return compareValues(condition.op, left, right);
}

/** The parameters a condition reads, in the order they first appear. */
export function conditionParameters(condition: Condition | null, into: string[] = []): string[] {
  if (condition === null) return into;
  if (condition.kind === 'logic') {
    conditionParameters(condition.left, into);
    conditionParameters(condition.right, into);
    return into;
  }
  for (const side of [condition.left, condition.right]) {
    if (side.kind === 'parameter' && !into.includes(side.id)) into.push(side.id);
  }
  return into;
}
