// What to type next, as the practical work's handout walks it: the next step in words and the
// commands as buttons that put them in the input line (edited, then sent with Enter: the
// student still sends every line). The next step's button is marked.
import type { ConsoleTarget } from '../../../lab/console/console-wire.js';
import { useI18n } from '../i18n/use-i18n.js';
import { cm } from './console-messages.js';
import { nextStep, quickCommands, type DialogueProgress } from './console-steps.js';

export interface ConsoleHintsProps {
  progress: DialogueProgress;
  target: ConsoleTarget;
  sender: string;
  fill(text: string): void;
}

export function ConsoleHints({ progress, target, sender, fill }: ConsoleHintsProps) {
  const { tr } = useI18n();
  const step = nextStep(progress, target);
  return (
    <section class="c-hints" data-testid="console-hints" data-step={step}>
      <p class="c-next">
        <strong>{tr(cm.hints.title)}:</strong> {tr(cm.hints[step])}
      </p>
      <div class="c-quick" role="group" aria-label={tr(cm.hints.quick)}>
        {quickCommands(progress, target, sender).map((command) => (
          <button
            type="button"
            class={`btn btn-small c-quick-btn${command.step === step ? ' is-next' : ''}`}
            onClick={() => fill(command.text)}
            data-testid="console-quick"
            data-text={command.text}
          >
            {command.text === '' ? tr(cm.hints.emptyLine) : <code translate={false}>{command.text.trim()}</code>}
          </button>
        ))}
      </div>
    </section>
  );
}
