// Why a test e-mail failed, and which field of the form to fix: every row of providers.md's
// nodemailer table, each provider reply of the practical work, 550 recipient, 552 size, 421 and
// a port that does not speak SMTP. Rules are data, tried in order (what the server answered
// first, then what happened to the connection); the first that matches explains.
// No Node imports: the browser can explain a stored result with the same table.
import type { Explanation, IntegrationSettings } from '../integration/integration-types.js';
import { CONNECTION_RULES } from './explain-connection-rules.js';
import type { Rule, SendFailure } from './explain-kit.js';
import { REPLY_RULES } from './explain-reply-rules.js';

export type { SendFailure } from './explain-kit.js';

export const RULES: readonly Rule[] = [...REPLY_RULES, ...CONNECTION_RULES];

const UNKNOWN: Rule = {
  code: 'unknown',
  when: () => true,
  explain: (f) => ({
    cause: {
      ru: `Письмо не отправлено: ${f.message}.`,
      en: `The mail was not sent: ${f.message}.`,
    },
    field: null,
    fix: {
      ru: 'Прочитайте ответ сервера и диалог: последняя строка сервера говорит, что пошло не так.',
      en: "Read the server's reply and the dialogue: the server's last line says what went wrong.",
    },
  }),
};

export function explainFailure(failure: SendFailure, settings: IntegrationSettings): Explanation {
  const rule = RULES.find((r) => r.when(failure, settings)) ?? UNKNOWN;
  return { code: rule.code, ...rule.explain(failure, settings) };
}
