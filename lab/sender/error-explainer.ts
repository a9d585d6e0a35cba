// Why a test e-mail failed, and which field of the form to fix: every row of providers.md's
// nodemailer table, each provider reply of the practical work, 550 recipient, 552 size, 421 and
// a port that does not speak SMTP. Rules are data, tried in order (what the server answered
// first, then what happened to the connection); the first that matches explains.
// No Node imports: the browser can explain a stored result with the same table.
import type { Explanation, IntegrationSettings } from '../integration/integration-types.js';
import { CONNECTION_RULES } from './explain-connection-rules.js';
import { quoted, type ExplainContext, type Rule, type SendFailure } from './explain-kit.js';
import { wordingFor, type Surface } from './explain-wording.js';
import { REPLY_RULES } from './explain-reply-rules.js';

export type { SendFailure } from './explain-kit.js';
export type { Surface } from './explain-wording.js';

export const RULES: readonly Rule[] = [...REPLY_RULES, ...CONNECTION_RULES];

const UNKNOWN: Rule = {
  code: 'unknown',
  when: () => true,
  explain: (f) => ({
    cause: {
      ru: `Письмо не отправлено: ${quoted(f).ru}.`,
      en: `The mail was not sent: ${quoted(f).en}.`,
    },
    field: null,
    fix: {
      ru: 'Прочитайте ответ сервера и диалог: последняя строка сервера говорит, что пошло не так.',
      en: "Read the server's reply and the dialogue: the server's last line says what went wrong.",
    },
  }),
};

export interface ExplainFacts {
  /** Where the advice is read (default: the Lab page). */
  surface?: Surface;
  /** Whether the lab has an account for the login (only when the target is the lab). */
  loginExists?: boolean;
}

export function explainFailure(failure: SendFailure, settings: IntegrationSettings, facts: ExplainFacts = {}): Explanation {
  const context: ExplainContext = {
    w: wordingFor(facts.surface ?? 'web'),
    ...(facts.loginExists !== undefined ? { loginExists: facts.loginExists } : {}),
  };
  const rule = RULES.find((r) => r.when(failure, settings, context)) ?? UNKNOWN;
  return { code: rule.code, ...rule.explain(failure, settings, context) };
}
