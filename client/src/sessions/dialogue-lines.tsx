// The two-lane dialogue itself: the ordered lines of a session, each in its lane with its time
// offset from the session's first line. The Sessions tab and the Lab page's attempt both show it.
import type { Ref } from 'preact';
import type { DialogueLine as Line, SessionSummary } from '../../../server/wire/sessions.js';
import { m } from '../i18n/messages.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { DialogueAnalysis } from '../smtp/dialogue-analysis.js';
import { DialogueLine } from './dialogue-line.js';

export interface DialogueLinesProps {
  lines: readonly Line[];
  /** Epoch milliseconds the offsets count from. */
  base: number;
  analysis: DialogueAnalysis;
  summary: SessionSummary | undefined;
  explain: boolean;
  listRef?: Ref<HTMLOListElement>;
}

export function DialogueLines({ lines, base, analysis, summary, explain, listRef }: DialogueLinesProps) {
  const { tr } = useI18n();
  return (
    <ol class="dialogue" ref={listRef} aria-label={tr(m.session.lanes)} data-testid="dialogue">
      {lines.map((line) => (
        <DialogueLine
          key={line.Seq}
          line={line}
          offsetMs={line.At - base}
          answers={analysis.answers.get(line.Seq)}
          reply={line.Dir === 'C' ? analysis.replies.get(line.Seq) : undefined}
          stray={analysis.strayText.has(line.Seq) || (line.Dir === 'S' && analysis.strayText.has(analysis.answers.get(line.Seq)?.Seq ?? -1))}
          secure={analysis.tlsAt !== undefined && line.Seq > analysis.tlsAt}
          profile={summary?.Listener.Profile ?? 'open'}
          security={summary?.Listener.Security ?? 'none'}
          summary={line.Dir === 'E' ? summary : undefined}
          closing={line.Dir === 'E' ? analysis.closing : undefined}
          explain={explain}
        />
      ))}
    </ol>
  );
}
