// The state every action editor of the Automaton page keeps (e-mail, SMS, Telegram, Discord):
// the draft, its errors, the action being edited, the run's status, and the text field a
// placeholder chip goes into — reset when another automaton is shown.
import { useEffect, useRef, useState } from 'preact/hooks';
import { actionAt, followPlace, type ActionPlace } from './action-place.js';
import type { AutomatonEntry } from '../../../lab/objects/objects-wire.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { insertAt } from './email-draft.js';
import { useRun } from './ui-bits.js';

export type { ActionPlace };

export function useActionDraft<D extends object, F extends string, T extends keyof D & string>(options: {
  entry: AutomatonEntry;
  empty: () => D;
  /** The text field chips go into until another is focused. */
  firstText: T;
  idOf: (field: string) => string;
}) {
  const { entry, empty, firstText, idOf } = options;
  const [editing, setEditingPlace] = useState<ActionPlace | undefined>(undefined);
  // The edited action as it was when editing began, to find it again if the automaton changes.
  const snapshot = useRef<string | undefined>(undefined);
  const setEditing = (place: ActionPlace | undefined) => {
    const at = place ? actionAt(entry.automaton, place) : undefined;
    snapshot.current = at ? JSON.stringify(at) : undefined;
    setEditingPlace(place);
  };
  const [draft, setDraft] = useState<D>(empty);
  const [errors, setErrors] = useState<Partial<Record<F, Bilingual>>>({});
  const action = useRun();
  const lastText = useRef<T>(firstText);

  // The same automaton, changed: follow the edited action to where it is now, or stop editing.
  useEffect(() => {
    if (!editing || snapshot.current === undefined) return;
    const now = followPlace(entry.automaton, editing, snapshot.current);
    // Gone (or no longer unique): keep editing a place past the end of its list, so that a save
    // gets the server's "no such action here" instead of landing on another action.
    if (!now) setEditingPlace({ ...editing, index: Number.MAX_SAFE_INTEGER });
    else if (now.index !== editing.index) setEditingPlace(now);
  }, [entry]);

  // Another automaton: a fresh form for it.
  useEffect(() => {
    setEditing(undefined);
    setDraft(empty());
    setErrors({});
    action.clear();
  }, [entry.id]);

  const set = <K extends keyof D>(key: K, value: D[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key as unknown as F]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  /** A placeholder chip clicked: its token goes in at the caret of the last text field. */
  const insert = (token: string) => {
    const field = lastText.current;
    const el = document.getElementById(idOf(field)) as HTMLInputElement | HTMLTextAreaElement | null;
    const { value, caret } = insertAt(String(draft[field] ?? ''), el?.selectionStart ?? null, el?.selectionEnd ?? null, token);
    set(field, value as D[T]);
    const chip = document.activeElement;
    requestAnimationFrame(() => {
      // Back to the field only if the focus is still where the click left it: a quick move to
      // another field in the meantime wins, and nothing typed there lands in this one.
      if (document.activeElement !== chip && document.activeElement !== document.body) return;
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };

  return { editing, setEditing, draft, setDraft, errors, setErrors, action, lastText, set, insert };
}
