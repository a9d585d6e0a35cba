// The one error type of the fault rules' boundary: a rule that makes no sense (a message at each
// field it concerns), an id that is not there, a rule that is not the caller's. The HTTP routes
// turn it into 400 / 404 / 403; `lab.faults.add()` throws it with the fields in its message.
import type { Bilingual } from '../wire/bilingual.js';
import type { FieldErrors } from '../wire/http-errors.js';

export type FaultErrorCode = 'invalid_fault' | 'fault_not_found' | 'fault_not_yours';

const TEXTS: Record<FaultErrorCode, Bilingual> = {
  invalid_fault: { ru: 'Правило сбоя не имеет смысла: исправьте отмеченные поля', en: 'The fault rule makes no sense: fix the fields marked' },
  fault_not_found: { ru: 'Нет такого правила сбоя', en: 'No such fault rule' },
  fault_not_yours: {
    ru: 'Это правило всей лаборатории (его задали через CLI или API Mailpit): изменить его может только администратор',
    en: 'This is a lab-wide rule (set through the CLI or the Mailpit API): only the admin can change it',
  },
};

export class FaultError extends Error {
  readonly text: Bilingual;
  constructor(
    readonly code: FaultErrorCode,
    readonly fields?: FieldErrors,
  ) {
    const text = TEXTS[code];
    const detail = fields ? Object.entries(fields).map(([field, message]) => `${field}: ${message?.en ?? ''}`) : [];
    super(detail.length > 0 ? `${text.en} (${detail.join('; ')})` : text.en);
    this.name = 'FaultError';
    this.text = text;
  }
}
