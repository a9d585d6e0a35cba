// What the SMS explanations share: the fields of the SMS form they point at, what a rule may
// know of the case, the rule's shape, and the phrases several rules use. No Node imports.
import type { Bilingual } from '../../../server/wire/bilingual.js';
import type { ChannelExplanation } from '../channel-wire.js';
import type { CheckedNumber } from './sms-numbers.js';

export type SmsField = 'systemId' | 'password' | 'sender' | 'to' | 'apiId' | 'apiRoot' | 'host' | 'port' | 'text';

/** What the explainer may know of the case: each rule uses what it needs. */
export interface SmsExplainContext {
  systemId?: string;
  sender?: string;
  senderNames?: readonly string[];
  to?: string;
  numberProblem?: CheckedNumber['problem'];
  host?: string;
  port?: number;
  apiRoot?: string;
  protocol?: 'smpp' | 'sms-ru';
  parts?: number;
  balance?: number;
  cost?: number;
  throttle?: number;
  /** The service's or the library's own words, quoted. */
  detail?: string;
}

export interface Rule {
  code: string;
  field: SmsField | null;
  transient?: boolean;
  cause(c: SmsExplainContext): Bilingual;
  fix(c: SmsExplainContext): Bilingual;
}

export const names = (c: SmsExplainContext) => (c.senderNames?.length ? c.senderNames.join(', ') : 'LabAlert, smtp-lab');
export const said = (c: SmsExplainContext): Bilingual => (c.detail ? { ru: ` («${c.detail}»)`, en: ` ("${c.detail}")` } : { ru: '', en: '' });
export const same = (text: string): Bilingual => ({ ru: text, en: text });
export const rub = (n: number | undefined) => (n ?? 0).toFixed(2);

export const RETRY_LATER: Bilingual = {
  ru: 'Это временно: повторите позже — отправитель лаборатории повторяет такие ответы сам (поле «Попытки»).',
  en: "It is temporary: try again later; the lab's sender retries such answers by itself (the Attempts field).",
};

export const NUMBER_CAUSE = (c: SmsExplainContext): Bilingual =>
  c.numberProblem === 'national-8'
    ? {
        ru: `«${c.to}» записан по-домашнему, через 8: для SMS нужен международный формат — 7 вместо 8.`,
        en: `"${c.to}" is written the Russian domestic way, with 8: SMS needs the international form, 7 instead of 8.`,
      }
    : c.numberProblem === 'length-7'
      ? {
          ru: `В номере «${c.to}» не хватает или лишние цифры: российский номер — это 7 и ещё десять цифр.`,
          en: `"${c.to}" has digits missing or too many: a Russian number is 7 and ten more digits.`,
        }
      : {
          ru: `«${c.to ?? ''}» — не номер телефона: нужны только цифры, от 10 до 15, в международном формате (знак + в начале допустим).`,
          en: `"${c.to ?? ''}" is not a phone number: digits only, 10 to 15 of them, in the international form (a leading + is fine).`,
        };
export const NUMBER_FIX: Bilingual = {
  ru: 'Укажите номер получателя в международном формате без пробелов, скобок и дефисов, например 79255070602.',
  en: "Enter the recipient's number in the international form without spaces, brackets or hyphens, e.g. 79255070602.",
};
export const SENDER_FIX = (c: SmsExplainContext): Bilingual => ({
  ru: `Укажите в поле «Отправитель» согласованное имя: ${names(c)} (или оставьте поле пустым — тогда подставится имя по умолчанию). У настоящего провайдера имя отправителя регистрируют заранее, и это занимает несколько дней.`,
  en: `Put an approved name in the Sender field: ${names(c)} (or leave it empty for the default one). A real provider registers sender names in advance, which takes a few days.`,
});

export const explained = (rule: Rule, c: SmsExplainContext): ChannelExplanation => ({
  code: rule.code,
  cause: rule.cause(c),
  field: rule.field,
  fix: rule.fix(c),
});
