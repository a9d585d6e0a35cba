// A destructive action asks once, in place (no browser dialog): the button turns into a
// question with "yes" and "cancel"; Escape cancels.
import { useEffect, useRef, useState } from 'preact/hooks';

export interface ConfirmButtonProps {
  label: string;
  question: string;
  confirm: string;
  cancel: string;
  onConfirm(): void | Promise<void>;
  disabled?: boolean;
  testId?: string;
}

export function ConfirmButton(props: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" class="btn btn-danger" disabled={props.disabled} data-testid={props.testId} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={props.question} onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}>
      <span class="confirm-q">{props.question}</span>
      <button
        ref={yes}
        type="button"
        class="btn btn-danger"
        data-testid={props.testId ? `${props.testId}-confirm` : undefined}
        onClick={() => {
          setAsking(false);
          void props.onConfirm();
        }}
      >
        {props.confirm}
      </button>
      <button type="button" class="btn" onClick={() => setAsking(false)}>
        {props.cancel}
      </button>
    </span>
  );
}
