// Without a model the automaton still says which parameters it needs: those its conditions
// read and those its change-value actions write. Their type is guessed from the literals they
// meet (compared with "20" → number, with "true" → boolean, written "\"on\"" → string).
import type { Automaton, Condition, Model, Parameter, ParameterValue } from './automaton-types.js';
import { toComparable } from './condition-eval.js';

export function inferParameters(automaton: Automaton): Parameter[] {
  const found = new Map<string, string>();
  const note = (id: string, type: string | undefined) => {
    const known = found.get(id);
    if (known === undefined || (known === 'unknown' && type !== undefined)) found.set(id, type ?? 'unknown');
  };
  const visit = (condition: Condition | null) => {
    if (condition === null) return;
    if (condition.kind === 'logic') {
      visit(condition.left);
      visit(condition.right);
      return;
    }
    const sides = [condition.left, condition.right];
    for (const [i, side] of sides.entries()) {
      if (side.kind !== 'parameter') continue;
      const other = sides[1 - i]!;
      note(side.id, other.kind === 'value' ? typeOf(toComparable(other.value)) : undefined);
    }
  };
  for (const transition of automaton.transitions) visit(transition.condition);
  for (const state of automaton.states) {
    for (const action of [...state.onenter, ...state.onexit]) {
      if (action.kind === 'change-value') note(action.target, typeOf(action.value));
    }
  }
  return [...found].map(([id, dataType]) => ({
    id,
    name: id,
    dataType,
    unit: null,
    unitText: null,
    levels: [],
    topic: null,
    origin: 'inferred',
  }));
}

const typeOf = (value: ParameterValue): string => typeof value;

/** The model's parameters, then those the automaton uses that the model lacks (inferred). */
export function automatonParameters(automaton: Automaton, model?: Model | null): Parameter[] {
  const inferred = inferParameters(automaton);
  if (!model) return inferred;
  const known = new Set(model.parameters.map((p) => p.id));
  return [...model.parameters, ...inferred.filter((p) => !known.has(p.id))];
}
