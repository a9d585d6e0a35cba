// An on/off switch: a checkbox with the switch role (screen readers say "on" / "off"), its state
// written beside it so that it is not told by colour alone.
import { useI18n } from '../i18n/use-i18n.js';
import { fm } from './faults-messages.js';

export interface SwitchProps {
  on: boolean;
  label: string;
  disabled?: boolean;
  onChange(on: boolean): void;
  testId?: string;
}

export function Switch({ on, label, disabled, onChange, testId }: SwitchProps) {
  const { tr } = useI18n();
  return (
    <label class={`f-switch${on ? ' is-on' : ''}${disabled ? ' is-disabled' : ''}`}>
      <input
        type="checkbox"
        role="switch"
        checked={on}
        disabled={disabled}
        aria-label={label}
        data-testid={testId}
        data-on={on}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const wanted = input.checked;
          // The switch shows what the server holds: it flips when the store says so, not on the click.
          input.checked = on;
          onChange(wanted);
        }}
      />
      <span class="f-switch-track" aria-hidden="true">
        <span class="f-switch-knob" />
      </span>
      <span class="f-switch-text" aria-hidden="true">
        {on ? tr(fm.on) : tr(fm.off)}
      </span>
    </label>
  );
}
