// The vocabulary of reading a dialogue: how far each step got, and the listener it ran on.
// Types only, shared by the analysis and the verdict.
import type { ListenerInfo } from '../../../server/wire/sessions.js';
import type { MandatoryCommand } from './explanations.js';

/**
 * `sent`: sent and not answered yet (DATA: 354 came, the body is under way); `incomplete`: the
 * client left in the middle (of the body, of the AUTH exchange); `failed`: a TLS handshake that
 * did not complete.
 */
export type StepState = 'none' | 'done' | 'refused' | 'sent' | 'incomplete' | 'failed';

export interface TransactionProgress {
  MAIL: StepState;
  RCPT: StepState;
  DATA: StepState;
  /** The message after 354: refused after the final dot (552, 451) or cut off. */
  BODY: StepState;
  /** The reply code of a refused step, by step. */
  codes: Partial<Record<MandatoryCommand | 'BODY', number>>;
}

/** The listener of a session; a plain, open one when it is not known. */
export type ListenerFacts = Pick<ListenerInfo, 'Security' | 'Profile'>;
