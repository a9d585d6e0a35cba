// The SMTP console's own words, in both languages (a missing translation is a type error). What
// the bridge refuses and why a console ended come with the frames (lab/console/console-texts.ts).
import type { ListenerSecurity } from '../../../server/wire/sessions.js';
import type { Bilingual } from '../i18n/bilingual.js';

type Fn<A extends unknown[]> = Bilingual<(...args: A) => string>;

export const cm = {
  tab: { en: 'Console', ru: 'Консоль' },
  badge: { en: 'A console is connected', ru: 'Консоль подключена' },
  intro: {
    en: 'Talk SMTP to the lab yourself, as with telnet or nc: the lab opens a real connection to the listener you choose and sends each line when you press Enter. Every reply appears as the server sends it, and the session is in the Sessions tab like any other.',
    ru: 'Поговорите с лабораторией по SMTP сами, как через telnet или nc: лаборатория открывает настоящее соединение с выбранным портом и отправляет каждую строку, когда вы нажимаете «Enter». Каждый ответ появляется, как только сервер его отправил, а сессия видна на вкладке «Сессии», как любая другая.',
  },
  signInFirst: {
    en: 'The console opens SMTP connections for signed-in students only: sign in to your lab account (or create one).',
    ru: 'Консоль открывает SMTP-соединения только для вошедших студентов: войдите в учётную запись лаборатории (или создайте её).',
  },
  loading: { en: 'Loading…', ru: 'Загрузка…' },
  infoFailed: { en: (what: string) => `The lab did not answer: ${what}`, ru: (what: string) => `Лаборатория не ответила: ${what}` } as Fn<[string]>,
  retry: { en: 'Try again', ru: 'Повторить' },

  listener: { en: 'Listener', ru: 'Порт' },
  security: {
    none: { en: 'no encryption', ru: 'без шифрования' },
    starttls: { en: 'STARTTLS, then AUTH', ru: 'STARTTLS, затем AUTH' },
    'implicit-tls': { en: 'TLS from the start, then AUTH', ru: 'TLS с самого начала, затем AUTH' },
  } satisfies Record<ListenerSecurity, Bilingual>,
  connect: { en: 'Connect', ru: 'Подключиться' },
  disconnect: { en: 'Disconnect', ru: 'Отключиться' },
  clear: { en: 'Clear the screen', ru: 'Очистить экран' },
  status: {
    idle: { en: 'Not connected', ru: 'Не подключено' },
    connecting: { en: 'Connecting…', ru: 'Подключение…' },
    open: { en: (where: string) => `Connected to ${where}`, ru: (where: string) => `Подключено к ${where}` } as Fn<[string]>,
    ended: { en: 'Disconnected', ru: 'Отключено' },
  },
  tlsOn: { en: 'TLS on', ru: 'TLS включён' },
  sessionLink: { en: 'This session in the Sessions tab', ru: 'Эта сессия на вкладке «Сессии»' },
  transcript: { en: 'The dialogue with the server', ru: 'Диалог с сервером' },
  empty: {
    en: 'Choose a listener and press Connect: the server greets you with 220.',
    ru: 'Выберите порт и нажмите «Подключиться»: сервер поприветствует вас ответом 220.',
  },
  you: { en: 'you', ru: 'вы' },
  server: { en: 'server', ru: 'сервер' },
  base64Says: { en: (text: string) => `base64 for «${text}»`, ru: (text: string) => `в base64: «${text}»` } as Fn<[string]>,

  notes: {
    connecting: { en: (where: string) => `Connecting to ${where}…`, ru: (where: string) => `Подключение к ${where}…` } as Fn<[string]>,
    connected: {
      en: (where: string, port: number) => `Connected to ${where} from port ${port}. Wait for the greeting (220), then introduce yourself with EHLO.`,
      ru: (where: string, port: number) =>
        `Соединение с ${where} установлено (с порта ${port}). Дождитесь приветствия (220), затем представьтесь командой EHLO.`,
    } as Fn<[string, number]>,
    tlsUpgraded: {
      en: (details: string) =>
        `TLS is now on between the lab's bridge and the server (${details}). The server forgets everything from before it (RFC 3207 §4.2): send EHLO again, then AUTH.`,
      ru: (details: string) =>
        `Теперь между мостом лаборатории и сервером включён TLS (${details}). Всё, что было до него, сервер забыл (RFC 3207 §4.2): отправьте EHLO ещё раз, затем AUTH.`,
    } as Fn<[string]>,
    tlsImplicit: {
      en: (details: string) => `TLS is on from the first byte between the lab's bridge and the server (${details}), as on port 465.`,
      ru: (details: string) => `TLS включён с первого байта между мостом лаборатории и сервером (${details}), как на порту 465.`,
    } as Fn<[string]>,
    lost: {
      en: 'The connection to the lab was lost (the server stopped, or the network): press Connect to start again.',
      ru: 'Связь с лабораторией потеряна (сервер остановлен или сеть недоступна): нажмите «Подключиться», чтобы начать заново.',
    },
    youLeft: { en: 'You disconnected: the lab closed the connection to the server.', ru: 'Вы отключились: лаборатория закрыла соединение с сервером.' },
  },
  mode: {
    data: {
      en: 'DATA mode: each line goes into the message as you type it. A line with a single «.» ends the message (a line of your own that starts with a dot: type the dot twice, RFC 5321 §4.5.2).',
      ru: 'Режим DATA: каждая строка попадает в письмо так, как вы её набрали. Строка из одной точки «.» завершает письмо (если ваша строка начинается с точки, наберите точку дважды, RFC 5321 §4.5.2).',
    },
    secret: {
      en: 'The server asks for credentials (334): what you type now is hidden, here and in the transcript. The prompt is base64, and so is the answer.',
      ru: 'Сервер просит учётные данные (334): то, что вы сейчас наберёте, скрыто — и здесь, и в записи сессии. Вопрос сервера в base64, ответ тоже в base64.',
    },
  },
  prompt: {
    command: { en: 'Command', ru: 'Команда' },
    data: { en: 'Line of the message', ru: 'Строка письма' },
    secret: { en: 'AUTH answer (hidden)', ru: 'Ответ для AUTH (скрыт)' },
  },
  inputLabel: {
    en: 'The line to send (Enter sends it; Up and Down recall earlier commands)',
    ru: 'Строка для отправки («Enter» отправляет; стрелки вверх и вниз вспоминают прежние команды)',
  },
  send: { en: 'Send', ru: 'Отправить' },
  tooLong: {
    en: (limit: number) => `At most ${limit} bytes on this line (RFC 5321 §4.5.3.1): shorten it.`,
    ru: (limit: number) => `В этой строке не больше ${limit} байт (RFC 5321 §4.5.3.1): сократите её.`,
  } as Fn<[number]>,

  hints: {
    title: { en: 'Next', ru: 'Дальше' },
    quick: { en: 'Put a command in the line (then edit it and press Enter)', ru: 'Вставить команду в строку (затем поправьте её и нажмите «Enter»)' },
    wait: { en: 'Wait for the server’s greeting: 220.', ru: 'Дождитесь приветствия сервера: 220.' },
    ehlo: {
      en: 'Introduce yourself: EHLO and a name for your computer. The server answers 250 and lists what it can do.',
      ru: 'Представьтесь: EHLO и имя вашего компьютера. Сервер ответит 250 и перечислит, что он умеет.',
    },
    starttls: {
      en: 'This listener wants TLS before anything else: STARTTLS. After its 220 the lab switches the connection to TLS.',
      ru: 'Этот порт требует TLS прежде всего: STARTTLS. После ответа 220 лаборатория переведёт соединение на TLS.',
    },
    ehloAgain: { en: 'After STARTTLS, EHLO again: the server has forgotten the first one.', ru: 'После STARTTLS снова EHLO: первое сервер забыл.' },
    auth: {
      en: 'Sign in: AUTH PLAIN with base64 of «\\0login\\0password» (the helper below makes it), or AUTH LOGIN and answer its two questions. 235 means you are in.',
      ru: 'Войдите: AUTH PLAIN и base64 от «\\0логин\\0пароль» (его сделает помощник ниже) или AUTH LOGIN с ответами на два вопроса. Ответ 235 — вход выполнен.',
    },
    mail: {
      en: 'Step 1 of the mail: MAIL FROM with the sender’s address in angle brackets.',
      ru: 'Шаг 1 письма: MAIL FROM и адрес отправителя в угловых скобках.',
    },
    rcpt: { en: 'Step 2: RCPT TO with a recipient (repeat it for more).', ru: 'Шаг 2: RCPT TO и адрес получателя (для нескольких — повторите).' },
    data: { en: 'Step 3: DATA. After 354, type the message.', ru: 'Шаг 3: DATA. После ответа 354 наберите письмо.' },
    body: {
      en: 'Type the headers (Subject: …), an empty line, the text, then a line with a single «.».',
      ru: 'Наберите заголовки (Subject: …), пустую строку, текст и строку из одной точки «.».',
    },
    done: {
      en: 'The server took the mail (250): see it in the Mail tab. Another one with MAIL FROM, or QUIT to say goodbye.',
      ru: 'Сервер принял письмо (250): оно на вкладке «Почта». Следующее — снова с MAIL FROM, или QUIT, чтобы попрощаться.',
    },
    quit: { en: 'QUIT ends the dialogue; the server answers 221 and closes.', ru: 'QUIT завершает диалог; сервер ответит 221 и закроет соединение.' },
    emptyLine: { en: '(empty line)', ru: '(пустая строка)' },
  },

  auth: {
    title: { en: 'AUTH helper: base64 of your login and password', ru: 'Помощник AUTH: base64 от логина и пароля' },
    why: {
      en: 'AUTH PLAIN and LOGIN carry the credentials in base64, which is not encryption: anyone who sees them can read them. Use them over TLS. Nothing typed here is kept or shown.',
      ru: 'AUTH PLAIN и LOGIN передают учётные данные в base64, а это не шифрование: кто их увидит, тот и прочитает. Пользуйтесь ими только поверх TLS. Ничего из набранного здесь не сохраняется и не показывается.',
    },
    login: { en: 'Login', ru: 'Логин' },
    password: { en: 'Password', ru: 'Пароль' },
    sendPlain: { en: 'Send AUTH PLAIN', ru: 'Отправить AUTH PLAIN' },
    sendPlainAnswer: { en: 'Send the login and password in base64 (PLAIN)', ru: 'Отправить логин и пароль в base64 (PLAIN)' },
    sendLogin: { en: 'Send the login in base64', ru: 'Отправить логин в base64' },
    sendPassword: { en: 'Send the password in base64', ru: 'Отправить пароль в base64' },
  },
};
