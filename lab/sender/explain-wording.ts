// How the explainer's advice names what to change, where the student changes it: on the Lab
// page a field of the form and the Save button; on the command line a flag of
// `smtp-lab integration set` (or of `smtp-lab send-test` for the test mail) and the command to
// send again. The rules say WHAT to change; a Wording says it in the words of the surface.
// No Node imports (the browser uses it too).
import { FIELD_NAMES, SECURITY_NAMES } from '../integration/field-names.js';
import type { Bilingual, IntegrationField, PresetId, Security, TestMailField } from '../integration/integration-types.js';

export type Surface = 'web' | 'cli';
export type Field = IntegrationField | TestMailField;

export interface Wording {
  /** «введите его в поле «Пароль»» / «укажите его в --password» (`it`: what is put there). */
  put(field: Field, it?: Bilingual): Bilingual;
  /** «выберите защиту «STARTTLS»» / «укажите --security starttls». */
  security(value: Security): Bilingual;
  /** «выберите шаблон «Лаборатория»» / «укажите --preset lab». */
  preset(id: PresetId): Bilingual;
  /** «смените порт на 465» / «укажите --port 465». */
  port(n: number): Bilingual;
  /** Save the change and send again. */
  retry(field?: Field): Bilingual;
  /** Where the lab makes an app password: its account page, or its command. */
  labAppPassword: Bilingual;
}

const IT: Bilingual = { ru: 'его', en: 'it' };

const PRESET_NAMES: Record<PresetId, Bilingual> = {
  gmail: { ru: 'Gmail', en: 'Gmail' },
  yandex: { ru: 'Яндекс', en: 'Yandex' },
  mailru: { ru: 'Mail.ru', en: 'Mail.ru' },
  lab: { ru: 'Лаборатория', en: 'Lab' },
  custom: { ru: 'Другой сервер', en: 'Other server' },
};

const WEB: Wording = {
  put: (field, it = IT) => ({
    ru: `введите ${it.ru} в поле «${FIELD_NAMES[field].ru}»`,
    en: `enter ${it.en} in the ${FIELD_NAMES[field].en} field`,
  }),
  security: (value) => ({ ru: `выберите защиту «${SECURITY_NAMES[value]?.ru}»`, en: `choose the security "${SECURITY_NAMES[value]?.en}"` }),
  preset: (id) => ({ ru: `выберите шаблон «${PRESET_NAMES[id].ru}»`, en: `choose the ${PRESET_NAMES[id].en} preset` }),
  port: (n) => ({ ru: `смените порт на ${n}`, en: `change the port to ${n}` }),
  retry: () => ({ ru: 'Нажмите «Сохранить» и отправьте тестовое письмо снова.', en: 'Press Save and send the test e-mail again.' }),
  labAppPassword: { ru: 'страница учётной записи → «Создать пароль приложения»', en: 'the account page → "Generate app password"' },
};

/** The flag of each field on the command line (`integration set`, or `send-test` for the test mail). */
export const CLI_FLAGS: Record<Field, string> = {
  preset: '--preset',
  host: '--host',
  port: '--port',
  security: '--security',
  login: '--login',
  password: '--password',
  fromAddress: '--from',
  fromName: '--from-name',
  attempts: '--attempts',
  attemptInterval: '--attempt-interval',
  to: '--to',
  subject: '--subject',
  body: '--body',
};

const TEST_MAIL_FIELDS: readonly Field[] = ['to', 'subject', 'body'];

const PLACEHOLDERS: Partial<Record<Field, Bilingual>> = {
  password: { ru: 'ПАРОЛЬ_ПРИЛОЖЕНИЯ', en: 'APP_PASSWORD' },
  login: { ru: 'АДРЕС', en: 'ADDRESS' },
  fromAddress: { ru: 'АДРЕС', en: 'ADDRESS' },
  host: { ru: 'СЕРВЕР', en: 'HOST' },
  port: { ru: 'ПОРТ', en: 'PORT' },
  to: { ru: 'АДРЕС', en: 'ADDRESS' },
  subject: { ru: 'ТЕМА', en: 'SUBJECT' },
  body: { ru: 'ТЕКСТ', en: 'TEXT' },
  attempts: { ru: 'ЧИСЛО', en: 'N' },
  attemptInterval: { ru: 'СЕКУНДЫ', en: 'SECONDS' },
};

const placeholder = (field: Field, lang: 'ru' | 'en') => PLACEHOLDERS[field]?.[lang] ?? '…';

const CLI: Wording = {
  put: (field, it = IT) => ({
    ru: `укажите ${it.ru} в ${CLI_FLAGS[field]}`,
    en: `give ${it.en} as ${CLI_FLAGS[field]}`,
  }),
  security: (value) => ({ ru: `укажите --security ${value}`, en: `give --security ${value}` }),
  preset: (id) => ({ ru: `укажите --preset ${id}`, en: `give --preset ${id}` }),
  port: (n) => ({ ru: `укажите --port ${n}`, en: `give --port ${n}` }),
  retry: (field) => {
    const send = { ru: 'smtp-lab send-test --to АДРЕС', en: 'smtp-lab send-test --to ADDRESS' };
    if (field && TEST_MAIL_FIELDS.includes(field)) {
      return {
        ru: `Отправьте снова с исправленным значением: smtp-lab send-test ${CLI_FLAGS[field]} ${placeholder(field, 'ru')}.`,
        en: `Send again with the value fixed: smtp-lab send-test ${CLI_FLAGS[field]} ${placeholder(field, 'en')}.`,
      };
    }
    const set = field ? ` ${CLI_FLAGS[field]} ${placeholder(field, 'ru')}` : ' …';
    const setEn = field ? ` ${CLI_FLAGS[field]} ${placeholder(field, 'en')}` : ' …';
    return {
      ru: `Выполните smtp-lab integration set${set}, затем отправьте снова: ${send.ru}.`,
      en: `Run smtp-lab integration set${setEn}, then send again: ${send.en}.`,
    };
  },
  labAppPassword: { ru: 'smtp-lab account app-password АДРЕС', en: 'smtp-lab account app-password ADDRESS' },
};

export function wordingFor(surface: Surface): Wording {
  return surface === 'cli' ? CLI : WEB;
}
