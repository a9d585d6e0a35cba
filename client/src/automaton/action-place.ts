// Where an action of an automaton is (state, list, index), and how an editor finds the action it
// is editing again after the automaton changed under it. Pure: the unit tests import it.
import type { Action, ActionList, Automaton } from '../../../lab/automaton/automaton-types.js';

export type ActionPlace = { stateId: string; list: ActionList; index: number };

export const actionAt = (automaton: Automaton, place: ActionPlace): Action | undefined =>
  automaton.states.find((s) => s.id === place.stateId)?.[place.list][place.index];

/**
 * Where the action being edited is now, after the automaton changed (another tab, another card
 * removed one before it): the same action at its new index, or undefined when it is gone or
 * can no longer be told apart from an identical one — so a save never lands on another action.
 */
export function followPlace(automaton: Automaton, place: ActionPlace, snapshot: string): ActionPlace | undefined {
  const at = actionAt(automaton, place);
  if (at && JSON.stringify(at) === snapshot) return place;
  const list = automaton.states.find((s) => s.id === place.stateId)?.[place.list] ?? [];
  const matches = list.flatMap((action, index) => (JSON.stringify(action) === snapshot ? [index] : []));
  return matches.length === 1 ? { ...place, index: matches[0] as number } : undefined;
}
