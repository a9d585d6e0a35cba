// The Lab page's own words: the platform's screen (Administration → Project settings →
// Integrations → SMTP) in the practical work's wording, the Testing panel and the result.
// Field names and validation messages come from lab/integration (the server's own texts).
import type { Bilingual } from '../i18n/bilingual.js';

type Fn<A extends unknown[]> = Bilingual<(...args: A) => string>;

export const lm = {
  tab: { en: 'Lab', ru: 'Практикум' },
  nav: { en: 'Lab sections', ru: 'Разделы практикума' },
  sections: {
    account: { en: 'Mail account · app passwords', ru: 'Почтовая учётная запись · пароли приложений' },
    platform: { en: 'Platform · SMTP integration', ru: 'Платформа · интеграция SMTP' },
  },
  signedInAs: { en: 'Signed in as', ru: 'Вы вошли как' },
  signOut: { en: 'Sign out', ru: 'Выйти' },
  loading: { en: 'Loading…', ru: 'Загрузка…' },
  loadFailed: { en: (message: string) => `The lab did not answer: ${message}`, ru: (message: string) => `Лаборатория не ответила: ${message}` } as Fn<[string]>,
  retry: { en: 'Try again', ru: 'Повторить' },

  crumbs: {
    label: { en: 'You are here', ru: 'Вы здесь' },
    admin: { en: 'Administration', ru: 'Администрирование' },
    project: { en: 'Project settings', ru: 'Настройки проекта' },
    integrations: { en: 'Integrations', ru: 'Интеграции' },
  },
  platformIntro: {
    en: 'This screen plays the platform from the practical work: fill in the SMTP integration, Save, then send a test e-mail. The platform sends it through the server you give, as your alerts will be sent.',
    ru: 'Этот экран повторяет платформу из практической работы: заполните интеграцию SMTP, нажмите «Сохранить», затем отправьте тестовое письмо. Платформа отправит его через указанный сервер — так же, как будут отправляться оповещения.',
  },
  integrationType: { en: 'Notification integration type', ru: 'Тип интеграции уведомлений' },
  smtpHeading: { en: 'SMTP settings', ru: 'Настройки SMTP' },
  presetCustom: { en: 'Other server (fill in by hand)', ru: 'Другой сервер (заполнить вручную)' },
  presetGroupReal: {
    en: 'Real mail services: need the internet and a real account',
    ru: 'Настоящие почтовые сервисы: нужны интернет и настоящий аккаунт',
  },
  presetGroupLab: { en: 'The lab on this computer: no internet needed', ru: 'Лаборатория на этом компьютере: интернет не нужен' },
  presetReal: {
    en: (name: string, host: string) => `${name} — the real ${host}`,
    ru: (name: string, host: string) => `${name} — настоящий ${host}`,
  } as Fn<[string, string]>,
  presetLab: {
    en: (where: string, profile: string) => `Lab, ${where} — smtp-lab's own rules (profile ${profile})`,
    ru: (where: string, profile: string) => `Лаборатория, ${where} — правила smtp-lab (профиль ${profile})`,
  } as Fn<[string, string]>,
  presetLabPlays: {
    en: (where: string, provider: string, profile: string) => `Lab, ${where} — plays ${provider} offline (profile ${profile})`,
    ru: (where: string, provider: string, profile: string) => `Лаборатория, ${where} — имитирует ${provider} без интернета (профиль ${profile})`,
  } as Fn<[string, string, string]>,
  presetHint: {
    en: 'A preset fills the server, port and security; the login and password are yours.',
    ru: 'Шаблон заполняет сервер, порт и защиту; логин и пароль — ваши.',
  },
  optional: { en: 'optional', ru: 'необязательно' },
  passwordSaved: {
    en: 'A password is saved and is not shown. Leave the field empty to keep it, or type a new one.',
    ru: 'Пароль сохранён и не показывается. Оставьте поле пустым, чтобы оставить его, или введите новый.',
  },
  passwordAdvice: {
    en: 'For Gmail, Yandex and Mail.ru: an app password, not the account password.',
    ru: 'Для Gmail, Яндекса и Mail.ru — пароль приложения, а не пароль учётной записи.',
  },
  savedPlaceholder: { en: 'saved, not shown', ru: 'сохранён, не показывается' },
  show: { en: 'Show', ru: 'Показать' },
  hide: { en: 'Hide', ru: 'Скрыть' },
  showPassword: { en: 'Show the password as typed', ru: 'Показать введённый пароль' },
  save: { en: 'Save', ru: 'Сохранить' },
  saving: { en: 'Saving…', ru: 'Сохранение…' },
  saved: { en: 'Saved.', ru: 'Сохранено.' },
  unsaved: {
    en: 'Changes not saved yet: save them to test them.',
    ru: 'Изменения ещё не сохранены: сохраните их, чтобы протестировать.',
  },
  fixFields: { en: 'Fix the fields marked.', ru: 'Исправьте отмеченные поля.' },
  toFix: { en: 'the test says: fix this field', ru: 'по итогам теста: исправьте это поле' },

  testing: { en: 'Testing', ru: 'Тестирование' },
  testingLocked: {
    en: 'Becomes active after the settings are saved.',
    ru: 'Станет активным после сохранения настроек.',
  },
  testingReady: {
    en: 'Sends a test e-mail with the saved settings.',
    ru: 'Отправляет тестовое письмо с сохранёнными настройками.',
  },
  testingUnsaved: {
    en: 'The settings above differ from the saved ones, and a test always uses the saved settings: press Save first, then send the test e-mail.',
    ru: 'Настройки выше отличаются от сохранённых, а тест всегда идёт с сохранёнными: сначала нажмите «Сохранить», затем отправьте тестовое письмо.',
  },
  testingInvalid: {
    en: 'The settings above have mistakes: fix the marked fields and press Save; until then the test would run on the old saved settings, so it is off.',
    ru: 'В настройках выше есть ошибки: исправьте отмеченные поля и нажмите «Сохранить»; до этого тест прошёл бы со старыми сохранёнными настройками, поэтому он недоступен.',
  },
  toPlaceholder: { en: 'e.g. ops@lab.local', ru: 'например, ops@lab.local' },
  send: { en: 'Send test e-mail', ru: 'Отправить тестовое письмо' },

  result: { en: 'Result', ru: 'Результат' },
  noResult: {
    en: 'The result of a test e-mail appears here, with the dialogue of the attempt beside it.',
    ru: 'Здесь появится результат тестового письма, а рядом — диалог этой попытки.',
  },
  running: { en: 'Sending the test e-mail…', ru: 'Тестовое письмо отправляется…' },
  requestFailed: { en: 'The test did not run', ru: 'Тест не выполнен' },
  serverReply: { en: "The server's reply", ru: 'Ответ сервера' },
  noReply: {
    en: 'The server sent no reply (see the dialogue: the connection itself failed).',
    ru: 'Сервер ничего не ответил (см. диалог: не удалось само соединение).',
  },
  cause: { en: 'Why', ru: 'Причина' },
  fix: { en: 'What to do', ru: 'Что сделать' },
  fieldToFix: { en: 'Field to fix', ru: 'Поле для исправления' },
  goToField: { en: (name: string) => `Go to “${name}”`, ru: (name: string) => `Перейти к полю «${name}»` } as Fn<[string]>,
  noFieldToFix: {
    en: 'No setting is wrong: try again later.',
    ru: 'Настройки в порядке: повторите попытку позже.',
  },

  afterFix: {
    en: 'Fix the form, Save, and send the test again.',
    ru: 'Исправьте форму, нажмите «Сохранить» и повторите тестирование.',
  },

  dialogue: { en: 'The dialogue of this attempt', ru: 'Диалог этой попытки' },
  clientSide: { en: 'Client side: what the platform sent and read', ru: 'Сторона клиента: что платформа отправила и получила' },
  clientSideNote: {
    en: 'Lines with → and ← are the SMTP dialogue itself. Lines marked "nodemailer" are the sender library\'s own notes, verbatim and in English, each with what it means below. Secrets are hidden.',
    ru: 'Строки со стрелками → и ← — сам диалог SMTP. Строки с пометкой «nodemailer» — дословные заметки библиотеки-отправителя (на английском), под каждой — что она значит. Секреты скрыты.',
  },
  libraryVerbatim: { en: 'nodemailer, verbatim:', ru: 'nodemailer, дословно:' },
  clientEmpty: { en: 'Nothing yet.', ru: 'Пока ничего.' },
  clientLog: { en: 'Client side of the dialogue', ru: 'Сторона клиента в диалоге' },
  serverSide: { en: 'Server side: what the lab saw', ru: 'Сторона сервера: что увидела лаборатория' },
  serverSideNone: {
    en: "No lab session for this attempt (the server is not one of the lab's listeners, or the connection never reached it): only the client side is known.",
    ru: 'У этой попытки нет сессии в лаборатории (сервер — не приёмник лаборатории, или соединение до него не дошло): известна только сторона клиента.',
  },
  serverWaiting: { en: 'Waiting for the connection…', ru: 'Ждём соединения…' },
  openSession: { en: 'Open this session in Sessions', ru: 'Открыть эту сессию во вкладке «Сессии»' },
  sent: { en: 'sent', ru: 'отправлено' },
  received: { en: 'received', ru: 'получено' },

  retries: { en: 'Delivery attempts', ru: 'Попытки доставки' },
  attemptsHint: {
    en: 'How many times the sender tries a mail in all, as the Attempts of a Zabbix media type: a transient failure (4xx, a dropped connection, a timeout) is tried again, a permanent one (5xx) is not. 1: no retry.',
    ru: 'Сколько раз всего отправитель пробует отправить письмо, как «Попытки» в способе оповещения «Zabbix»: временную ошибку (4xx, обрыв соединения, тайм-аут) он повторяет, окончательную (5xx) — нет. 1 — без повторов.',
  },
  intervalHint: {
    en: 'Seconds before the second attempt (10, 10s, 1m); each later wait is twice as long: 10 s, 20 s, 40 s…',
    ru: 'Секунд до второй попытки (10, 10s, 1m); каждая следующая пауза вдвое дольше: 10 с, 20 с, 40 с…',
  },

  delivery: {
    title: { en: "The sender's attempts", ru: 'Попытки отправителя' },
    hint: {
      en: 'A transient failure (4xx, a dropped or refused connection, a timeout) is tried again after the attempt interval, twice as long each time; a permanent one (5xx) is not (RFC 5321 §4.2.1).',
      ru: 'Временную ошибку (4xx, оборванное или отклонённое соединение, тайм-аут) отправитель повторяет через интервал между попытками, каждый раз вдвое дольше; окончательную (5xx) не повторяет (RFC 5321 §4.2.1).',
    },
    attempts: { en: 'Attempts', ru: 'Попытки' },
    cause: { en: 'Why', ru: 'Причина' },
    retry: { en: 'Retry', ru: 'Повтор' },
    injected: { en: 'Injected by the lab', ru: 'Подставлено лабораторией' },
    session: { en: 'This attempt in Sessions', ru: 'Эта попытка во вкладке «Сессии»' },
    recipients: { en: 'Recipients', ru: 'Получатели' },
    waiting: {
      en: (n: number, of: number) => `Next attempt (${n} of ${of}) in`,
      ru: (n: number, of: number) => `Следующая попытка (${n} из ${of}) через`,
    } as Fn<[number, number]>,
    trying: {
      en: (n: number, of: number) => `Attempt ${n} of ${of} is under way…`,
      ru: (n: number, of: number) => `Идёт попытка ${n} из ${of}…`,
    } as Fn<[number, number]>,
  },
  tryHeading: {
    en: (n: number, of: number) => `Attempt ${n} of ${of}`,
    ru: (n: number, of: number) => `Попытка ${n} из ${of}`,
  } as Fn<[number, number]>,
};
