// The action being edited, followed when the automaton changes under the form: found at its new
// index, or let go when it is gone or no longer unique — a save never overwrites another action.
import { describe, expect, it } from 'vitest';
import type { Action, Automaton } from '../../../lab/automaton/automaton-types.js';
import { followPlace, type ActionPlace } from '../../../client/src/automaton/action-place.js';

const act = (text: string) => ({ id: 'send-telegram', args: [{ id: 'text', value: text }] }) as unknown as Action;
const automaton = (onenter: Action[]): Automaton =>
  ({
    id: null,
    name: 'a',
    description: '',
    modelId: null,
    states: [{ id: 'off', type: 'normal', name: 'OFF', description: '', onenter, onexit: [] }],
  }) as unknown as Automaton;
const place: ActionPlace = { stateId: 'off', list: 'onenter', index: 3 };
const A = act('A');
const snapshot = JSON.stringify(A);

describe('followPlace', () => {
  it.each([
    ['unchanged', [act('x'), act('y'), act('z'), A, act('B')], place],
    ['one removed before it', [act('x'), act('z'), A, act('B')], { ...place, index: 2 }],
    ['one added before it', [act('w'), act('x'), act('y'), act('z'), A], { ...place, index: 4 }],
    ['itself removed', [act('x'), act('y'), act('z'), act('B')], undefined],
    ['edited elsewhere', [act('x'), act('y'), act('z'), act('A!'), act('B')], undefined],
    ['twice now, the one in place kept', [A, act('y'), act('z'), A], place],
    ['twice elsewhere, cannot tell which', [A, A, act('z')], undefined],
  ] as Array<[string, Action[], ActionPlace | undefined]>)('%s', (_what, list, expected) => {
    expect(followPlace(automaton(list), place, snapshot)).toEqual(expected);
  });
});
