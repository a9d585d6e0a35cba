// The console's input line, as a terminal's: Enter sends the whole line (the bridge adds CRLF),
// nothing goes per keystroke; Up and Down walk the command history. What it expects follows the
// dialogue: a command, a line of the message (DATA mode, said above the line), or an AUTH answer
// after 334, typed into a password field and never kept in the history.
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConsoleMode } from '../../../lab/console/console-wire.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { useI18n } from '../i18n/use-i18n.js';
import { cm } from './console-messages.js';
import type { ConsoleStore } from './console-store.js';

export interface ConsoleInputProps {
  store: ConsoleStore;
  mode: ConsoleMode;
  open: boolean;
  draft: string;
  setDraft(text: string): void;
  input: RefObject<HTMLInputElement>;
}

const PROMPTS: Record<ConsoleMode, string> = { command: '>', data: 'DATA', secret: 'AUTH' };

export function ConsoleInput({ store, mode, open, draft, setDraft, input }: ConsoleInputProps) {
  const { tr } = useI18n();
  const [problem, setProblem] = useState<Bilingual | undefined>(undefined);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open, mode]);

  const put = (text: string) => {
    // The caret at the end, as a shell leaves it after a recalled command: set now, with the
    // value, so that the next keystroke (even a fast one) lands after it.
    const el = input.current;
    if (el) {
      el.value = text;
      el.setSelectionRange(text.length, text.length);
    }
    setDraft(text);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (mode !== 'command' || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const recalled = event.key === 'ArrowUp' ? store.history.up(draft) : store.history.down();
    event.preventDefault();
    if (recalled !== undefined) put(recalled);
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const result = store.send(draft);
    if (result.ok) {
      setDraft('');
      setProblem(undefined);
      return;
    }
    switch (result.reason) {
      case 'too-long':
        setProblem({ en: cm.tooLong.en(result.limit), ru: cm.tooLong.ru(result.limit) });
        return;
      case 'not-open':
        return;
    }
  };

  return (
    <form class={`c-input is-${mode}`} onSubmit={onSubmit} data-testid="console-form" data-mode={mode}>
      {mode !== 'command' ? (
        <p class={`c-mode is-${mode}`} data-testid="console-mode" role="status">
          {tr(cm.mode[mode])}
        </p>
      ) : null}
      <div class="c-input-row">
        <label class="c-prompt" for="console-line" title={tr(cm.prompt[mode])}>
          <span translate={false} aria-hidden="true">
            {PROMPTS[mode]}
          </span>
          <span class="sr-only">{tr(cm.inputLabel)}</span>
        </label>
        <input
          id="console-line"
          ref={input}
          class="c-field"
          type={mode === 'secret' ? 'password' : 'text'}
          value={draft}
          onInput={(event) => {
            setDraft((event.target as HTMLInputElement).value);
            setProblem(undefined);
          }}
          onKeyDown={onKeyDown}
          disabled={!open}
          placeholder={tr(cm.prompt[mode])}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          enterKeyHint="send"
          data-testid="console-input"
        />
        <button type="submit" class="btn c-send" disabled={!open} data-testid="console-send">
          {tr(cm.send)}
        </button>
      </div>
      {problem ? (
        <p class="error small c-problem" role="alert" data-testid="console-problem">
          {tr(problem)}
        </p>
      ) : null}
    </form>
  );
}
