// What the authoring routes share («Отправить e-mail» and the channel commands alike): where an
// action is in the URL (/{stateId}/{onenter|onexit}/{index}), and an edit's refusal as a 400
// with the message at the field at fault.
import { badRequest, userError } from '../../server/http/http-error.js';
import type { EditResult } from '../automaton/authoring.js';
import type { ActionList } from '../automaton/automaton-types.js';

export const INVALID_FIELDS = { ru: 'Исправьте отмеченные поля', en: 'Fix the fields marked' };
export const LISTS: readonly ActionList[] = ['onenter', 'onexit'];
export const NO_LIST = { ru: 'Выберите: при входе или при выходе', en: 'Choose on entry or on exit' };

/** An authoring edit's answer: the edited automaton kept, or the field at fault. */
export function edited<F extends string>(result: EditResult<F>): Extract<EditResult<F>, { ok: true }> {
  if (result.ok) return result as Extract<EditResult<F>, { ok: true }>;
  throw userError(400, 'invalid_fields', result.error, { [result.field]: result.error });
}

export function actionLocation(params: Record<string, string | string[] | undefined>) {
  const list = String(params.list) as ActionList;
  const index = Number(params.index);
  if (!LISTS.includes(list) || !Number.isInteger(index) || index < 0) throw badRequest('the action is /{stateId}/{onenter|onexit}/{index}');
  return { stateId: String(params.stateId), list, index };
}
