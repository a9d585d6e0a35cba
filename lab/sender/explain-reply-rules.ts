// The explainer's rules for what a server answered: 421, AUTH refusals (the providers' app-
// password replies, 535, a login the lab has no account for, STARTTLS first), the envelope (a
// sender not owned, recipients, size). The advice names what to change through the context's
// Wording: a field and Save on the Lab page, a flag and a command in the CLI.
import type { Bilingual } from '../integration/integration-types.js';
import { cap, code3, quoted, reply, SECURITY_FOR_PORT, target, type Rule } from './explain-kit.js';
import type { Wording } from './explain-wording.js';

const STARTTLS_FIRST = /STARTTLS/i;

function appPasswordFix(w: Wording): Bilingual {
  const put = w.put('password');
  const retry = w.retry('password');
  return {
    ru: `Создайте пароль приложения (Google: Аккаунт → Безопасность → Пароли приложений; Яндекс ID → Безопасность → Пароли приложений; Mail.ru: Безопасность → Пароли для внешних приложений; лаборатория: ${w.labAppPassword.ru}) и ${put.ru} вместо пароля от почты, без пробелов. ${retry.ru}`,
    en: `Create an app password (Google: Account → Security → App passwords; Yandex ID → Security → App passwords; Mail.ru: Security → Passwords for external apps; the lab: ${w.labAppPassword.en}) and ${put.en} instead of the account password, without spaces. ${retry.en}`,
  };
}

export const REPLY_RULES: readonly Rule[] = [
  {
    code: 'server-closing',
    when: (f) => code3(f) === 421 || /response=421\b/.test(f.message),
    explain: (_f, s) => ({
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
      (code3(f) === 534 ||
        /5\.7\.9|Application-specific password|does not have access rights|Application password is REQUIRED|parol prilozheniya/i.test(reply(f))),
    explain: (_f, s, { w }) => ({
      cause: {
        ru: `Пароль верный, но это пароль от учётной записи ${s.login}, а для почтовых программ сервер требует пароль приложения (Gmail: 534 5.7.9 «Application-specific password required», Яндекс: «does not have access rights», Mail.ru: «Application password is REQUIRED»).`,
        en: `The password is right, but it is the password of the account ${s.login}, and for mail clients the server requires an app password (Gmail: 534 5.7.9 "Application-specific password required", Yandex: "does not have access rights", Mail.ru: "Application password is REQUIRED").`,
      },
      field: 'password',
      fix: appPasswordFix(w),
    }),
  },
  {
    // Only the lab can tell: it knows its accounts. A real provider answers 535 alike for an
    // unknown login and a wrong password, so as not to tell an attacker which logins exist.
    code: 'unknown-login',
    when: (f, _s, { loginExists }) => f.code === 'EAUTH' && code3(f) === 535 && loginExists === false,
    explain: (_f, s, { w }) => {
      const put = w.put('login', { ru: 'адрес учётной записи', en: "the account's address" });
      return {
        cause: {
          ru: `В лаборатории нет учётной записи с логином «${s.login}»: вход отклонён (535) из-за логина, а не пароля. Лаборатория знает свои учётные записи и поэтому подсказывает; настоящий провайдер на неверный логин и на неверный пароль отвечает одинаково и не сообщает, что из двух не так.`,
          en: `The lab has no account with the login "${s.login}": the sign-in was refused (535) because of the login, not the password. The lab knows its accounts and so it can tell; a real provider answers a wrong login and a wrong password alike and does not say which of the two is wrong.`,
        },
        field: 'login',
        fix: {
          ru: `Проверьте логин на опечатку: ${put.ru} — тот, что показан на странице учётной записи (например, student@lab.local). ${w.retry('login').ru}`,
          en: `Check the login for a typo: ${put.en}, as the account page shows it (e.g. student@lab.local). ${w.retry('login').en}`,
        },
      };
    },
  },
  {
    code: 'app-password-spaces',
    when: (f, s) => f.code === 'EAUTH' && code3(f) === 535 && /\s/.test(s.password),
    explain: (_f, _s, { w }) => ({
      cause: {
        ru: 'Логин или пароль не приняты (535), а в пароле есть пробелы: так провайдер показывает пароль приложения («abcd efgh ijkl mnop»), но вводить его нужно без пробелов.',
        en: 'The login or password was not accepted (535), and the password has spaces in it: the provider shows an app password that way ("abcd efgh ijkl mnop"), but it must be entered without them.',
      },
      field: 'password',
      fix: {
        ru: `Пароль приложения — 16 букв подряд, без пробелов: ${w.put('password').ru}. ${w.retry('password').ru}`,
        en: `An app password is 16 letters in a row, without spaces: ${w.put('password').en}. ${w.retry('password').en}`,
      },
    }),
  },
  {
    code: 'starttls-required',
    when: (f) => (f.code === 'EAUTH' || f.code === 'EENVELOPE') && (code3(f) === 530 || code3(f) === 538) && STARTTLS_FIRST.test(reply(f)),
    explain: (_f, s, { w }) => ({
      cause: {
        ru: `Сервер на порту ${s.port} требует сначала включить шифрование командой STARTTLS, а клиент настроен без защиты и продолжил открытым текстом (530 «Must issue a STARTTLS command first»).`,
        en: `The server on port ${s.port} requires encryption first, with STARTTLS, but the client is set to no security and went on in clear (530 "Must issue a STARTTLS command first").`,
      },
      field: 'security',
      fix: {
        ru: `Для этого порта ${w.security('starttls').ru} (или «SSL/TLS» с портом 465). ${SECURITY_FOR_PORT.ru} ${w.retry('security').ru}`,
        en: `For this port ${w.security('starttls').en} (or "SSL/TLS" with port 465). ${SECURITY_FOR_PORT.en} ${w.retry('security').en}`,
      },
    }),
  },
  {
    code: 'bad-credentials',
    when: (f) => f.code === 'EAUTH' && (code3(f) === 535 || /535/.test(reply(f))),
    explain: (_f, s, { w }) => {
      const shortLogin = !s.login.includes('@');
      const field = shortLogin && s.preset !== 'yandex' ? 'login' : 'password';
      return {
        cause: {
          ru: `Сервер не принял логин и пароль (535): пароль неверен или отозван, либо логин не тот${shortLogin ? ` — «${s.login}» не полный адрес` : ''}. Какое из двух неверно, сервер не сообщает.`,
          en: `The server did not accept the login and password (535): the password is wrong or was revoked, or the login is not the right one${shortLogin ? ` ("${s.login}" is not a full address)` : ''}. The server does not say which of the two is wrong.`,
        },
        field,
        fix: {
          ru: `Логин — полный адрес почты. Пароль — действующий пароль приложения: скопируйте его заново (или создайте новый) и ${w.put('password').ru} без пробелов. ${w.retry(field).ru}`,
          en: `The login is the full e-mail address. The password is a valid app password: copy it again (or create a new one) and ${w.put('password').en} without spaces. ${w.retry(field).en}`,
        },
      };
    },
  },
  {
    code: 'credentials-missing',
    when: (f) => f.code === 'EAUTH' && /Missing credentials/i.test(f.message),
    explain: (_f, _s, { w }) => ({
      cause: {
        ru: 'Логин или пароль не заданы, а сервер требует входа (AUTH).',
        en: 'The login or the password is empty, and the server requires signing in (AUTH).',
      },
      field: 'password',
      fix: {
        ru: `Заполните логин и пароль: ${w.put('login', { ru: 'логин', en: 'the login' }).ru}, ${w.put('password', { ru: 'пароль', en: 'the password' }).ru}. ${w.retry().ru}`,
        en: `Fill in the login and the password: ${w.put('login', { ru: 'логин', en: 'the login' }).en}, ${w.put('password', { ru: 'пароль', en: 'the password' }).en}. ${w.retry().en}`,
      },
    }),
  },
  {
    code: 'auth-failed',
    when: (f) => f.code === 'EAUTH',
    explain: (f) => ({
      cause: {
        ru: `Вход на сервер (AUTH) не удался: ${reply(f) ? `«${reply(f)}»` : quoted(f).ru}.`,
        en: `Signing in to the server (AUTH) failed: ${reply(f) ? `"${reply(f)}"` : quoted(f).en}.`,
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
    explain: (_f, s, { w }) => {
      const own = { ru: s.login.includes('@') ? s.login : 'тот же, что в логине', en: s.login.includes('@') ? s.login : 'the one you sign in with' };
      const put = w.put('fromAddress', { ru: `адрес учётной записи (${own.ru})`, en: `the account's address (${own.en})` });
      return {
        cause: {
          ru: `Сервер не разрешает отправлять от имени ${s.fromAddress}: адрес отправителя должен принадлежать учётной записи, под которой выполнен вход (${s.login}).`,
          en: `The server does not let this account send as ${s.fromAddress}: the sender address must belong to the account that signed in (${s.login}).`,
        },
        field: 'fromAddress',
        fix: {
          ru: `${cap(put.ru)}. ${w.retry('fromAddress').ru}`,
          en: `${cap(put.en)}. ${w.retry('fromAddress').en}`,
        },
      };
    },
  },
  {
    code: 'auth-required',
    when: (f) => f.code === 'EENVELOPE' && f.command === 'MAIL FROM' && (code3(f) === 530 || code3(f) === 503) && /auth/i.test(reply(f)),
    explain: (_f, s, { w }) => {
      const field = s.security === 'none' ? 'security' : 'login';
      return {
        cause: {
          ru: 'Сервер требует входа (AUTH) до письма, а клиент не выполнил вход: без защиты соединения сервер не предлагает AUTH.',
          en: 'The server requires signing in (AUTH) before a mail, and the client did not sign in: without a secure connection the server does not offer AUTH.',
        },
        field,
        fix: {
          ru: `${cap(w.security('starttls').ru)} или «SSL/TLS» и задайте логин и пароль. ${SECURITY_FOR_PORT.ru} ${w.retry(field).ru}`,
          en: `${cap(w.security('starttls').en)} or "SSL/TLS", and set the login and password. ${SECURITY_FOR_PORT.en} ${w.retry(field).en}`,
        },
      };
    },
  },
  {
    code: 'message-too-large',
    when: (f) =>
      (f.code === 'EMESSAGE' || f.code === 'EENVELOPE') &&
      (code3(f) === 552 || /size larger than allowed|exceed.*size|too (big|large)/i.test(`${f.message} ${reply(f)}`)),
    explain: (_f, _s, { w }) => ({
      cause: {
        ru: 'Письмо больше, чем сервер принимает (552, предел объявлен в SIZE ответа на EHLO).',
        en: 'The mail is larger than the server accepts (552; the limit is announced by SIZE in the EHLO reply).',
      },
      field: 'body',
      fix: {
        ru: `Сократите текст письма (и вложения). ${w.retry('body').ru}`,
        en: `Make the body (and attachments) smaller. ${w.retry('body').en}`,
      },
    }),
  },
  {
    // Greylisting (RFC 6647): a deferral by design, passed by retrying later — which the sender
    // does by itself (delivery.ts). What a student can change is how long it waits.
    code: 'greylisted',
    when: (f) => (code3(f) ?? 0) >= 400 && (code3(f) ?? 0) < 500 && /gr[ae]y ?list/i.test(reply(f)),
    explain: (f, _s, { w }) => ({
      cause: {
        ru: `Сервер применил грейлистинг (${code3(f)}): письмо от незнакомой тройки «адрес клиента, отправитель, получатель» он временно откладывает и примет, когда отправитель повторит попытку позже (RFC 6647).`,
        en: `The server greylisted the mail (${code3(f)}): it defers a mail from an unknown triplet of client address, sender and recipient, and takes it when the sender tries again later (RFC 6647).`,
      },
      field: 'attemptInterval',
      fix: {
        ru: `Ничего не исправлять не нужно: отправитель повторяет сам. Если попытки кончаются раньше, чем сервер готов принять (настоящие серверы ждут минуты), ${w.put('attemptInterval', { ru: 'интервал подлиннее', en: 'a longer interval' }).ru}. ${w.retry('attemptInterval').ru}`,
        en: `Nothing needs fixing: the sender retries by itself. If the attempts run out before the server is ready (real servers wait minutes), ${w.put('attemptInterval', { ru: 'интервал подлиннее', en: 'a longer interval' }).en}. ${w.retry('attemptInterval').en}`,
      },
    }),
  },
  {
    code: 'recipient-rejected',
    when: (f) => f.code === 'EENVELOPE' && (f.command === 'RCPT TO' || /recipients were rejected|No recipients defined|Invalid recipient/i.test(f.message)),
    explain: (f, _s, { w }) => {
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
          : {
              ru: `Проверьте адрес получателя тестового письма. ${w.retry('to').ru}`,
              en: `Check the test e-mail's recipient address. ${w.retry('to').en}`,
            },
      };
    },
  },
  {
    code: 'envelope-rejected',
    when: (f) => f.code === 'EENVELOPE' || f.code === 'EMESSAGE',
    explain: (f) => ({
      cause: {
        ru: `Сервер отклонил письмо на шаге ${f.command ?? 'DATA'}: ${reply(f) ? `«${reply(f)}»` : quoted(f).ru}.`,
        en: `The server rejected the mail at ${f.command ?? 'DATA'}: ${reply(f) ? `"${reply(f)}"` : quoted(f).en}.`,
      },
      field: f.command === 'MAIL FROM' ? 'fromAddress' : null,
      fix: {
        ru: 'Прочитайте ответ сервера: код 4xx — временная ошибка (повторите позже), 5xx — постоянная (исправьте письмо или адреса).',
        en: "Read the server's reply: a 4xx code is temporary (retry later), a 5xx code permanent (fix the mail or the addresses).",
      },
    }),
  },
];
