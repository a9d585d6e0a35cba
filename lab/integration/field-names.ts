// The names of the form's fields as the platform's SMTP form shows them, for messages that say
// which field to fix. No Node imports: the browser uses it too.
import type { Bilingual, IntegrationField, TestMailField } from './integration-types.js';

export const FIELD_NAMES: Record<IntegrationField | TestMailField, Bilingual> = {
  preset: { ru: 'Шаблон', en: 'Preset' },
  host: { ru: 'SMTP-сервер', en: 'SMTP server' },
  port: { ru: 'Порт', en: 'Port' },
  security: { ru: 'Защита соединения', en: 'Connection security' },
  login: { ru: 'Логин', en: 'Login' },
  password: { ru: 'Пароль', en: 'Password' },
  fromAddress: { ru: 'Адрес отправителя', en: 'Sender address' },
  fromName: { ru: 'Имя отправителя', en: 'Sender name' },
  attempts: { ru: 'Число попыток', en: 'Attempts' },
  attemptInterval: { ru: 'Интервал между попытками', en: 'Attempt interval' },
  to: { ru: 'Получатель', en: 'Recipient' },
  subject: { ru: 'Тема', en: 'Subject' },
  body: { ru: 'Текст письма', en: 'Body' },
};

export const SECURITY_NAMES: Record<string, Bilingual> = {
  none: { ru: 'нет', en: 'none' },
  starttls: { ru: 'STARTTLS', en: 'STARTTLS' },
  ssl: { ru: 'SSL/TLS', en: 'SSL/TLS' },
};
