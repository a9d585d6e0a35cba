// The placeholders a message may use ({{param}} and the lab's {{object}}, {{state}}, {{time}}),
// as chips that put one where the author was typing: shared by the e-mail and the channel forms.
import { useI18n } from '../i18n/use-i18n.js';
import { zm } from './automaton-messages.js';
import type { PlaceholderChoice } from './email-draft.js';

export function PlaceholderChips({
  choices,
  onInsert,
  titleId,
  testId,
}: {
  choices: readonly PlaceholderChoice[];
  onInsert(token: string): void;
  titleId: string;
  testId: string;
}) {
  const { tr } = useI18n();
  return (
    <div class="z-placeholders" role="group" aria-labelledby={titleId} data-testid={testId}>
      <p class="field-label" id={titleId}>
        {tr(zm.email.placeholders)}
      </p>
      <p class="field-hint">{tr(zm.email.placeholdersHint)}</p>
      <div class="z-chips">
        {choices.map((c) => (
          <button
            type="button"
            class="chip z-chip"
            // The field keeps its caret: the chip must not take the focus on press.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onInsert(c.token)}
            title={tr(c.label)}
            aria-label={`${tr(zm.email.insert)(c.token)}: ${tr(c.label)}`}
            data-token={c.token}
            key={c.token}
          >
            {c.token}
          </button>
        ))}
      </div>
    </div>
  );
}
