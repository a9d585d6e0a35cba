// The explainer's rules for what a server answered: 421, AUTH refusals (the providers' app-
// password replies, 535, STARTTLS first), the envelope (a sender not owned, recipients, size).
import type { Bilingual } from '../integration/integration-types.js';
import { code3, reply, SECURITY_FOR_PORT, target, type Rule } from './explain-kit.js';

const STARTTLS_FIRST = /STARTTLS/i;

const APP_PASSWORD_FIX: Bilingual = {
  ru: 'Создайте пароль приложения (Google: Аккаунт → Безопасность → Пароли приложений; Яндекс ID → Безопасность → Пароли приложений; Mail.ru: Безопасность → Пароли для внешних приложений; лаборатория: страница учётной записи → «Создать пароль приложения») и введите его в поле «Пароль» вместо пароля от почты, без пробелов. Сохраните и отправьте снова.',
  en: 'Create an app password (Google: Account → Security → App passwords; Yandex ID → Security → App passwords; Mail.ru: Security → Passwords for external apps; the lab: the account page → "Generate app password") and enter it in the Password field instead of the account password, without spaces. Save and send again.',
};

export const REPLY_RULES: readonly Rule[] = [
  {
    code: 'server-closing',
    when: (f) => code3(f) === 421 || /response=421\b/.test(f.message),
    explain: (f, s) => ({
      cause: {
        ru: `Сервер ${target(s)} ответил 421 и закрыл соединение: он сейчас не обслуживает клиента (слишком много соединений, перезапуск или слишком долгое молчание клиента). Настройки тут ни при чём.`,
        en: `The server ${target(s)} answered 421 and closed the connection: it is not serving this client now (too many connections, a restart, or the client was idle too long). The settings are not the cause.`,
      },
      field: null,
      fix: {
        ru: 'Подождите немного и отправьте снова. Если 421 повторяется, посмотрите текст ответа: он говорит, чем сервер занят.',
        en: 'Wait a little and send again. If 421 keeps coming, read the reply text: it says what the server is busy with.',
      },
    }),
  },
  {
    code: 'app-password-required',
    when: (f) =>
      f.code === 'EAUTH' &&
      (code3(f) === 534 || /5\.7\.9|Application-specific password|does not have access rights|Application password is REQUIRED|parol prilozheniya/i.test(reply(f))),
    explain: (_f, s) => ({
      cause: {
        ru: `Сервер узнал пароль, но это пароль от учётной записи ${s.login}, а для почтовых программ он требует пароль приложения (Gmail: 534 5.7.9 «Application-specific password required», Яндекс: «does not have access rights», Mail.ru: «Application password is REQUIRED»).`,
        en: `The server knows this password, but it is the password of the account ${s.login}, and for mail clients it requires an app password (Gmail: 534 5.7.9 "Application-specific password required", Yandex: "does not have access rights", Mail.ru: "Application password is REQUIRED").`,
      },
      field: 'password',
      fix: APP_PASSWORD_FIX,
    }),
  },
  {
    code: 'app-password-spaces',
    when: (f, s) => f.code === 'EAUTH' && code3(f) === 535 && /\s/.test(s.password),
    explain: () => ({
      cause: {
        ru: 'Логин или пароль не приняты (535), а в пароле есть пробелы: так провайдер показывает пароль приложения («abcd efgh ijkl mnop»), но вводить его нужно без пробелов.',
        en: 'The login or password was not accepted (535), and the password has spaces in it: the provider shows an app password that way ("abcd efgh ijkl mnop"), but it must be entered without them.',
      },
      field: 'password',
      fix: {
        ru: 'Введите пароль приложения без пробелов — 16 букв подряд, сохраните и отправьте снова.',
        en: 'Enter the app password without spaces, 16 letters in a row; save and send again.',
      },
    }),
  },
  {
    code: 'starttls-required',
    when: (f) => (f.code === 'EAUTH' || f.code === 'EENVELOPE') && (code3(f) === 530 || code3(f) === 538) && STARTTLS_FIRST.test(reply(f)),
    explain: (_f, s) => ({
      cause: {
        ru: `Сервер на порту ${s.port} требует сначала включить шифрование командой STARTTLS, а клиент настроен без защиты и продолжил открытым текстом (530 «Must issue a STARTTLS command first»).`,
        en: `The server on port ${s.port} requires encryption first, with STARTTLS, but the client is set to no security and went on in clear (530 "Must issue a STARTTLS command first").`,
      },
      field: 'security',
      fix: {
        ru: `Выберите защиту «STARTTLS» для этого порта (или «SSL/TLS» с портом 465). ${SECURITY_FOR_PORT.ru}`,
        en: `Choose "STARTTLS" security for this port (or "SSL/TLS" with port 465). ${SECURITY_FOR_PORT.en}`,
      },
    }),
  },
  {
    code: 'bad-credentials',
    when: (f) => f.code === 'EAUTH' && (code3(f) === 535 || /535/.test(reply(f))),
    explain: (_f, s) => {
      const shortLogin = !s.login.includes('@');
      return {
        cause: {
          ru: `Сервер не принял логин и пароль (535): пароль неверен или отозван, либо логин не тот${shortLogin ? ` — «${s.login}» не полный адрес` : ''}.`,
          en: `The server did not accept the login and password (535): the password is wrong or was revoked, or the login is not the right one${shortLogin ? ` ("${s.login}" is not a full address)` : ''}.`,
        },
        field: shortLogin && s.preset !== 'yandex' ? 'login' : 'password',
        fix: {
          ru: 'Логин — полный адрес почты. Пароль — действующий пароль приложения: скопируйте его заново (или создайте новый) и введите без пробелов. Сохраните и отправьте снова.',
          en: 'The login is the full e-mail address. The password is a valid app password: copy it again (or create a new one) and enter it without spaces. Save and send again.',
        },
      };
    },
  },
  {
    code: 'credentials-missing',
    when: (f) => f.code === 'EAUTH' && /Missing credentials/i.test(f.message),
    explain: () => ({
      cause: { ru: 'Логин или пароль не заданы, а сервер требует входа (AUTH).', en: 'The login or the password is empty, and the server requires signing in (AUTH).' },
      field: 'password',
      fix: { ru: 'Заполните логин и пароль, сохраните и отправьте снова.', en: 'Fill in the login and the password, save and send again.' },
    }),
  },
  {
    code: 'auth-failed',
    when: (f) => f.code === 'EAUTH',
    explain: (f) => ({
      cause: {
        ru: `Вход на сервер (AUTH) не удался: ${reply(f) || f.message}.`,
        en: `Signing in to the server (AUTH) failed: ${reply(f) || f.message}.`,
      },
      field: 'password',
      fix: {
        ru: 'Проверьте логин (полный адрес) и пароль приложения; прочитайте ответ сервера.',
        en: "Check the login (the full address) and the app password; read the server's reply.",
      },
    }),
  },
  {
    code: 'sender-not-owned',
    when: (f) =>
      f.code === 'EENVELOPE' &&
      f.command === 'MAIL FROM' &&
      /not owned|must match authenticated|Sender address rejected|sender.*not.*(allowed|permitted)/i.test(reply(f)),
    explain: (_f, s) => ({
      cause: {
        ru: `Сервер не разрешает отправлять от имени ${s.fromAddress}: адрес отправителя должен принадлежать учётной записи, под которой выполнен вход (${s.login}).`,
        en: `The server does not let this account send as ${s.fromAddress}: the sender address must belong to the account that signed in (${s.login}).`,
      },
      field: 'fromAddress',
      fix: {
        ru: `Укажите в поле «Адрес отправителя» адрес учётной записи (${s.login.includes('@') ? s.login : 'тот же, что в логине'}), сохраните и отправьте снова.`,
        en: `Set the sender address to the account's address (${s.login.includes('@') ? s.login : 'the one you sign in with'}), save and send again.`,
      },
    }),
  },
  {
    code: 'auth-required',
    when: (f) => f.code === 'EENVELOPE' && f.command === 'MAIL FROM' && (code3(f) === 530 || code3(f) === 503) && /auth/i.test(reply(f)),
    explain: (_f, s) => ({
      cause: {
        ru: 'Сервер требует входа (AUTH) до письма, а клиент не выполнил вход: без защиты соединения сервер не предлагает AUTH.',
        en: 'The server requires signing in (AUTH) before a mail, and the client did not sign in: without a secure connection the server does not offer AUTH.',
      },
      field: s.security === 'none' ? 'security' : 'login',
      fix: {
        ru: `Выберите защиту «STARTTLS» или «SSL/TLS» и укажите логин и пароль. ${SECURITY_FOR_PORT.ru}`,
        en: `Choose "STARTTLS" or "SSL/TLS" security and fill in the login and password. ${SECURITY_FOR_PORT.en}`,
      },
    }),
  },
  {
    code: 'message-too-large',
    when: (f) => (f.code === 'EMESSAGE' || f.code === 'EENVELOPE') && (code3(f) === 552 || /size larger than allowed|exceed.*size|too (big|large)/i.test(`${f.message} ${reply(f)}`)),
    explain: () => ({
      cause: {
        ru: 'Письмо больше, чем сервер принимает (552, предел объявлен в SIZE ответа на EHLO).',
        en: 'The mail is larger than the server accepts (552; the limit is announced by SIZE in the EHLO reply).',
      },
      field: 'body',
      fix: {
        ru: 'Сократите текст письма (и вложения) и отправьте снова.',
        en: 'Make the body (and attachments) smaller and send again.',
      },
    }),
  },
  {
    code: 'recipient-rejected',
    when: (f) => f.code === 'EENVELOPE' && (f.command === 'RCPT TO' || /recipients were rejected|No recipients defined|Invalid recipient/i.test(f.message)),
    explain: (f) => {
      const temporary = (code3(f) ?? 500) < 500;
      return {
        cause: temporary
          ? {
              ru: `Сервер временно не принял получателя (${code3(f)}): например, ящик переполнен или превышен предел получателей.`,
              en: `The server did not take the recipient for now (${code3(f)}): a full mailbox or too many recipients, for instance.`,
            }
          : {
              ru: 'Сервер отказался принять письмо для этого получателя (550 и подобные): такого ящика нет, адрес с ошибкой, или адрес не указан.',
              en: 'The server refused the mail for this recipient (550 and the like): no such mailbox, a typo in the address, or no address at all.',
            },
        field: 'to',
        fix: temporary
          ? { ru: 'Отправьте позже или другому получателю.', en: 'Send later, or to another recipient.' }
          : { ru: 'Проверьте адрес получателя тестового письма и отправьте снова.', en: "Check the test e-mail's recipient address and send again." },
      };
    },
  },
  {
    code: 'envelope-rejected',
    when: (f) => f.code === 'EENVELOPE' || f.code === 'EMESSAGE',
    explain: (f) => ({
      cause: {
        ru: `Сервер отклонил письмо на шаге ${f.command ?? 'DATA'}: ${reply(f) || f.message}.`,
        en: `The server rejected the mail at ${f.command ?? 'DATA'}: ${reply(f) || f.message}.`,
      },
      field: f.command === 'MAIL FROM' ? 'fromAddress' : null,
      fix: {
        ru: 'Прочитайте ответ сервера: код 4xx — временная ошибка (повторите позже), 5xx — постоянная (исправьте письмо или адреса).',
        en: "Read the server's reply: a 4xx code is temporary (retry later), a 5xx code permanent (fix the mail or the addresses).",
      },
    }),
  },
];
