// The one error the object registry throws: a code a route can map to an HTTP status, the field
// at fault when there is one, and the message in both languages. Nothing a caller passes in —
// a wrong id, a speed of "fast", an automaton that is not one — produces another exception.
import type { Bilingual } from '../integration/integration-types.js';

export type ObjectErrorCode =
  | 'invalid-spec'
  | 'invalid-id'
  | 'duplicate-id'
  | 'not-found'
  | 'too-many-objects'
  | 'invalid-speed'
  | 'real-time'
  | 'wrong-source'
  | 'invalid-samples'
  | 'invalid-knobs'
  | 'invalid-event'
  | 'invalid-telemetry'
  | 'closed';

export class ObjectError extends Error {
  override name = 'ObjectError';
  readonly code: ObjectErrorCode;
  readonly text: Bilingual;
  /** The spec's or the option's field at fault (`id`, `speed`, `knobs.noise`, …); null for none. */
  readonly field: string | null;
  /** Per-field messages, for a form (the simulator's knobs). */
  readonly fields: Record<string, Bilingual> | null;

  constructor(code: ObjectErrorCode, text: Bilingual, field: string | null = null, fields: Record<string, Bilingual> | null = null) {
    super(text.en);
    this.code = code;
    this.text = text;
    this.field = field;
    this.fields = fields;
  }

  toJSON() {
    return { code: this.code, text: this.text, field: this.field, fields: this.fields };
  }
}
