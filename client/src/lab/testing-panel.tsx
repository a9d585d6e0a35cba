// The Testing panel of the platform's screen: inactive until the settings are saved (as the
// practical work describes it), then recipient, subject and body → "Send test e-mail". The
// test uses the SAVED settings, so while the form differs from them (or is invalid) the button
// is off and says why: a result beside red fields would be about settings not on screen.
import { useState } from 'preact/hooks';
import type { Bilingual, TestMailField } from '../../../lab/integration/integration-types.js';
import { FIELD_NAMES } from '../../../lab/integration/field-names.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useObservable } from '../ui/use-observable.js';
import { fieldId, focusFirst, FormField } from './form-field.js';
import { checkTestMail, TEST_FIELDS, testBlock } from './integration-draft.js';
import { ApiError } from '../api/api-error.js';
import type { TestMailInput } from './lab-api.js';
import { lm } from './lab-messages.js';
import type { LabStore } from './lab-store.js';

type Errors = Partial<Record<TestMailField, Bilingual>>;

export function TestingPanel({ store, toFix, onStart }: { store: LabStore; toFix: TestMailField | undefined; onStart(): void }) {
  const { tr, lang } = useI18n();
  const saved = useObservable(store.saved);
  const draft = useObservable(store.draft);
  const mail = useObservable(store.mail);
  const attempt = useObservable(store.attempt);
  const [errors, setErrors] = useState<Errors>({});
  const active = Boolean(saved);
  const running = attempt?.status === 'running';
  const block = testBlock(draft, saved);
  const note = block === 'unsaved' ? lm.testingUnsaved : block === 'invalid' ? lm.testingInvalid : active ? lm.testingReady : lm.testingLocked;

  const edit = (field: TestMailField, value: string) => {
    store.mail.set({ ...store.mail.get(), [field]: value } as TestMailInput);
    if (errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (block || running) return;
    const found = checkTestMail(mail);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirst(TEST_FIELDS, found);
      return;
    }
    onStart();
    try {
      await store.sendTest();
    } catch (err) {
      // A refused request shows in the result; refused fields show here.
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
        setErrors(err.fields as Errors);
        focusFirst(TEST_FIELDS, err.fields);
      }
    }
  };

  const err = (field: TestMailField) => (errors[field] ? errors[field]![lang] : undefined);
  const fix = (field: TestMailField) => (toFix === field ? tr(lm.toFix) : undefined);

  return (
    <form class={`card testing${active ? '' : ' is-locked'}`} noValidate onSubmit={onSubmit} aria-labelledby="lab-testing-heading" data-testid="testing-panel">
      <fieldset disabled={!active} data-testid="testing-fieldset">
        <legend id="lab-testing-heading" class="card-title">
          {tr(lm.testing)}
        </legend>
        <p
          id="lab-testing-note"
          class={`small testing-note${block === 'unsaved' || block === 'invalid' ? ' is-warn' : ' muted'}`}
          data-testid="testing-note"
          data-block={block ?? ''}
          role={block && block !== 'not-saved' ? 'status' : undefined}
        >
          {tr(note)}
        </p>
        <FormField
          id={fieldId('to')}
          name="to"
          label={tr(FIELD_NAMES.to)}
          error={err('to')}
          toFix={fix('to')}
          control={(aria) => (
            <input
              {...aria}
              class="input"
              type="text"
              inputMode="email"
              autocomplete="off"
              spellcheck={false}
              placeholder={tr(lm.toPlaceholder)}
              value={mail.to}
              onInput={(e) => edit('to', (e.currentTarget as HTMLInputElement).value)}
            />
          )}
        />
        <FormField
          id={fieldId('subject')}
          name="subject"
          label={tr(FIELD_NAMES.subject)}
          error={err('subject')}
          toFix={fix('subject')}
          control={(aria) => (
            <input
              {...aria}
              class="input"
              type="text"
              autocomplete="off"
              value={mail.subject}
              onInput={(e) => edit('subject', (e.currentTarget as HTMLInputElement).value)}
            />
          )}
        />
        <FormField
          id={fieldId('body')}
          name="body"
          label={tr(FIELD_NAMES.body)}
          error={err('body')}
          toFix={fix('body')}
          control={(aria) => (
            <textarea {...aria} class="input" rows={3} value={mail.body} onInput={(e) => edit('body', (e.currentTarget as HTMLTextAreaElement).value)} />
          )}
        />
        <div class="form-actions">
          <button
            type="submit"
            class="btn btn-primary"
            disabled={running || Boolean(block)}
            aria-busy={running}
            aria-describedby="lab-testing-note"
            data-testid="send-test"
          >
            {tr(lm.send)}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
