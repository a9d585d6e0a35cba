// The one error of the class feature: a code the routes map to an HTTP status, the message in
// both languages, and for a roster that cannot be imported, its problems line by line.
import type { Bilingual } from '../../server/wire/bilingual.js';
import type { RosterProblem } from './class-wire.js';

export type ClassErrorCode = 'roster-invalid' | 'roster-missing' | 'unknown-student' | 'fault-missing' | 'fault-not-class';

export class ClassError extends Error {
  override name = 'ClassError';

  constructor(
    readonly code: ClassErrorCode,
    readonly text: Bilingual,
    readonly problems: RosterProblem[] = [],
  ) {
    super(text.en);
  }
}

export const STATUS: Record<ClassErrorCode, number> = {
  'roster-invalid': 400,
  'roster-missing': 400,
  'unknown-student': 404,
  'fault-missing': 400,
  'fault-not-class': 404,
};
