// One labelled control of a form with its hint, its error (from the shared validation or from
// the server) and, after a failed test, the mark "fix this field". The control is the caller's;
// it gets the id and the ARIA attributes that tie it to the texts below it.
import type { ComponentChildren, VNode } from 'preact';
import './form.css';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

export interface FormFieldProps {
  id: string;
  label: string;
  /** A short word after the label, e.g. "optional". */
  aside?: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  /** The last test send says this field is the one to fix. */
  toFix?: string | undefined;
  /** The control's row may hold more than the control (a "show" button). */
  control(props: ControlProps): VNode;
  /** The field's name for tests and styles (host, port, password, ...). */
  name: string;
}

export function fieldId(name: string): string {
  return `lab-field-${name}`;
}

export function FormField(props: FormFieldProps) {
  const { id, error, hint, toFix } = props;
  const described = [error ? `${id}-error` : '', toFix ? `${id}-fix` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return (
    <div
      class={`field${error ? ' has-error' : ''}${toFix ? ' is-to-fix' : ''}`}
      data-field={props.name}
      data-error={error ? 'true' : undefined}
      data-to-fix={toFix ? 'true' : undefined}
    >
      <div class="field-top">
        <label class="field-label" for={id}>
          {props.label}
          {props.aside ? <span class="field-aside"> · {props.aside}</span> : null}
        </label>
        {toFix ? (
          <span class="field-fix" id={`${id}-fix`}>
            {toFix}
          </span>
        ) : null}
      </div>
      {props.control({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described || undefined })}
      {error ? (
        <p class="field-error" id={`${id}-error`} data-testid={`error-${props.name}`}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Moves the focus to the first of these fields that has an error, in the page's order. */
export function focusFirst(order: readonly string[], errors: Partial<Record<string, unknown>>, idOf: (name: string) => string = fieldId): void {
  const first = order.find((name) => errors[name]);
  if (!first) return;
  const el = document.getElementById(idOf(first));
  el?.focus();
}
