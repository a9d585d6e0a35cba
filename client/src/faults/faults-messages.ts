// The Faults page's own words, in both languages (a missing translation is a type error). What
// the presets copy and what a sender should do are the server's (server/faults/fault-presets.ts);
// the stages' and effects' names too (fault-explanations.ts); the server's 400s bring their own text.
import type { FaultAttempts } from '../../../server/wire/faults.js';
import { counted, ruPlural, type Bilingual } from '../i18n/bilingual.js';

type Fn<A extends unknown[]> = Bilingual<(...args: A) => string>;

const enOrdinal = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
};

export const fm = {
  tab: { en: 'Faults', ru: 'Сбои' },
  badge: { en: (n: number) => `${n} fault rules on`, ru: (n: number) => `Включено правил сбоев: ${n}` } as Fn<[number]>,
  intro: {
    en: 'Switch on what real servers do when delivery goes wrong, send a mail (the test e-mail on the Lab tab, or an alert of your automaton) and see what your sender does about it. The lab marks every reply it injects in the Sessions tab, with the rule that made it.',
    ru: 'Включите то, что делают настоящие серверы, когда доставка не удаётся, отправьте письмо (тестовое на вкладке «Практикум» или оповещение автомата) и посмотрите, что с этим сделает ваш отправитель. Каждый подставленный ответ лаборатория отмечает на вкладке «Сессии» вместе с правилом, которое его сделало.',
  },
  scope: {
    en: 'Your rules act on your sessions only: those signed in with AUTH as your lab account, and those the lab sends on your behalf. Other students do not see them.',
    ru: 'Ваши правила действуют только на ваши сессии: вошедшие через AUTH под вашей учётной записью и те, что лаборатория отправляет от вашего имени. Другие студенты их не видят.',
  },
  readOnly: {
    en: 'You are not signed in: the page is read-only. Sign in to your lab account to switch faults on for your own sessions.',
    ru: 'Вы не вошли: страница только для просмотра. Войдите в учётную запись лаборатории, чтобы включать сбои для своих сессий.',
  },
  signIn: { en: 'Sign in', ru: 'Войти' },
  hide: { en: 'Hide', ru: 'Скрыть' },
  signedOutError: { en: 'Sign in first: this needs your lab account.', ru: 'Сначала войдите: для этого нужна учётная запись лаборатории.' },
  loading: { en: 'Loading…', ru: 'Загрузка…' },
  loadFailed: { en: (what: string) => `Could not load the rules: ${what}`, ru: (what: string) => `Не удалось загрузить правила: ${what}` } as Fn<[string]>,
  retry: { en: 'Try again', ru: 'Повторить' },
  busy: { en: 'Working…', ru: 'Выполняется…' },
  remove: { en: 'Remove', ru: 'Удалить' },
  yes: { en: 'Yes', ru: 'Да' },
  cancel: { en: 'Cancel', ru: 'Отмена' },
  optional: { en: 'optional', ru: 'необязательно' },
  on: { en: 'on', ru: 'вкл.' },
  off: { en: 'off', ru: 'выкл.' },

  presets: {
    title: { en: 'What real servers do', ru: 'Что делают настоящие серверы' },
    hint: {
      en: 'A switch makes a rule of yours from the preset; switched off, the rule stays in the list below, off.',
      ru: 'Переключатель делает из заготовки ваше правило; выключенное, оно остаётся в списке ниже.',
    },
    toggle: { en: (name: string) => `${name}: on or off`, ru: (name: string) => `${name}: включить или выключить` } as Fn<[string]>,
    stage: { en: 'Stage', ru: 'Этап' },
    reply: { en: 'The reply', ru: 'Ответ' },
    copies: { en: 'Copies', ru: 'Образец' },
    realWorld: { en: 'A real server does this when', ru: 'Настоящий сервер так делает, когда' },
    senderShould: { en: 'A sender should', ru: 'Отправителю следует' },
    labWideToo: { en: 'Also switched on for the whole lab.', ru: 'Включено и для всей лаборатории.' },
  },

  rules: {
    title: { en: 'Rules', ru: 'Правила' },
    empty: { en: 'No rules yet: switch a preset on or add a rule below.', ru: 'Правил пока нет: включите заготовку или добавьте правило ниже.' },
    own: { en: 'yours', ru: 'ваше' },
    labWide: { en: 'lab-wide · read-only', ru: 'для всей лаборатории · только просмотр' },
    labWideHint: {
      en: "Made by the lab's administrator (the CLI, or Mailpit's chaos API): it acts on every session, yours too, and only they can change it.",
      ru: 'Его сделал администратор лаборатории (командой smtp-lab или через API «chaos» в Mailpit): оно действует на все сессии, и ваши тоже, и изменить его может только он.',
    },
    toggle: { en: (name: string) => `Rule ${name}: on or off`, ru: (name: string) => `Правило ${name}: включить или выключить` } as Fn<[string]>,
    stage: { en: 'Stage', ru: 'Этап' },
    effect: { en: 'Effect', ru: 'Действие' },
    match: { en: 'Sessions', ru: 'Сессии' },
    attempts: { en: 'Attempts', ru: 'Попытки' },
    lifetime: { en: 'Lifetime', ru: 'Срок' },
    fired: counted('firing', 'firings', 'срабатывание', 'срабатывания', 'срабатываний'),
    attempted: { en: (n: string) => `of ${n} matching attempts`, ru: (n: string) => `из ${n} подходящих попыток` } as Fn<[string]>,
    lastFired: { en: (when: string) => `last at ${when}`, ru: (when: string) => `последнее в ${when}` } as Fn<[string]>,
    never: { en: 'not fired yet', ru: 'ещё не срабатывало' },
    expires: { en: (when: string) => `ends at ${when}`, ru: (when: string) => `закончится в ${when}` } as Fn<[string]>,
    clearAll: { en: 'Remove all mine', ru: 'Удалить все мои' },
    clearConfirm: { en: 'Remove all your rules? The lab-wide ones stay.', ru: 'Удалить все ваши правила? Правила всей лаборатории останутся.' },
    removeConfirm: { en: 'Remove this rule?', ru: 'Удалить это правило?' },
  },

  effect: {
    reply: { en: (reply: string) => `the reply "${reply}"`, ru: (reply: string) => `ответ «${reply}»` } as Fn<[string]>,
    after: { en: (ms: string) => `, after ${ms} ms`, ru: (ms: string) => `, через ${ms} мс` } as Fn<[string]>,
    delay: { en: (ms: string) => `the server's own reply, ${ms} ms late`, ru: (ms: string) => `свой ответ сервера, но на ${ms} мс позже` } as Fn<[string]>,
    disconnect: { en: 'the connection dropped without a reply', ru: 'разрыв соединения без ответа' },
    throttle: { en: (n: string) => `the server writes at most ${n} bytes a second`, ru: (n: string) => `сервер пишет не больше ${n} байт в секунду` } as Fn<
      [string]
    >,
    tls: { en: 'the TLS handshake fails', ru: 'рукопожатие TLS не удаётся' },
  },

  attempts: {
    every: { en: 'every attempt', ru: 'каждая попытка' },
    nth: { en: (n: number) => `only the ${enOrdinal(n)} attempt`, ru: (n: number) => `только ${n}-я попытка` } as Fn<[number]>,
    first: {
      en: (n: number) => (n === 1 ? 'only the first attempt' : `the first ${n} attempts`),
      ru: (n: number) => (n === 1 ? 'только первая попытка' : `первые ${n} ${ruPlural(n, 'попытка', 'попытки', 'попыток')}`),
    } as Fn<[number]>,
    everyNth: { en: (n: number) => `every ${enOrdinal(n)} attempt`, ru: (n: number) => `каждая ${n}-я попытка` } as Fn<[number]>,
    seeded: {
      en: (p: string, seed: number) => `${p} % of attempts, seed ${seed} (repeatable)`,
      ru: (p: string, seed: number) => `${p} % попыток, зерно ${seed} (повторяемо)`,
    } as Fn<[string, number]>,
    random: { en: (p: string) => `${p} % of attempts, at random`, ru: (p: string) => `${p} % попыток, случайно` } as Fn<[string]>,
    greylist: {
      en: (s: string) => `the first attempt of each client, sender and recipient, and its retries sooner than ${s} s`,
      ru: (s: string) => `первая попытка каждой тройки «клиент, отправитель, получатель» и её повторы раньше чем через ${s} с`,
    } as Fn<[string]>,
  },

  /** The form's choice of attempts. */
  attemptKinds: {
    every: { en: 'every attempt', ru: 'каждая попытка' },
    nth: { en: 'the Nth only', ru: 'только N-я' },
    first: { en: 'the first N', ru: 'первые N' },
    'every-nth': { en: 'every Nth', ru: 'каждая N-я' },
    probability: { en: 'with a probability', ru: 'с вероятностью' },
    greylist: { en: 'greylisting', ru: 'грейлистинг' },
  } satisfies Record<FaultAttempts['kind'], Bilingual>,

  match: {
    any: { en: 'any session', ru: 'любая сессия' },
    listener: { en: 'listener', ru: 'слушатель' },
    clientAddress: { en: 'client', ru: 'клиент' },
    helo: { en: 'EHLO', ru: 'EHLO' },
    user: { en: 'AUTH user', ru: 'пользователь AUTH' },
    mailFrom: { en: 'MAIL FROM', ru: 'MAIL FROM' },
    rcptTo: { en: 'RCPT TO', ru: 'RCPT TO' },
  },

  lifetime: {
    forever: { en: 'until removed', ru: 'пока не удалите' },
    firings: counted('firing', 'firings', 'срабатывание', 'срабатывания', 'срабатываний'),
    seconds: { en: (s: string) => `${s} s`, ru: (s: string) => `${s} с` } as Fn<[string]>,
    upTo: { en: (what: string) => `for ${what}`, ru: (what: string) => `на ${what}` } as Fn<[string]>,
    or: { en: ' or ', ru: ' или ' },
  },

  form: {
    title: { en: 'Add a rule', ru: 'Добавить правило' },
    hint: {
      en: 'Any stage, any effect, for the sessions and attempts you choose. The server checks the rule and says what is wrong at its field.',
      ru: 'Любой этап и любое действие для выбранных сессий и попыток. Сервер проверяет правило и пишет, что не так, у нужного поля.',
    },
    name: { en: 'Name', ru: 'Название' },
    stage: { en: 'Stage of the dialogue', ru: 'Этап диалога' },
    effect: { en: 'Effect', ru: 'Действие' },
    code: { en: 'Reply code', ru: 'Код ответа' },
    codeHint: { en: '4xx: transient, the sender retries; 5xx: permanent.', ru: '4xx — временная ошибка, отправитель повторит; 5xx — окончательная.' },
    enhanced: { en: 'Enhanced status code', ru: 'Расширенный код' },
    text: { en: 'Reply text', ru: 'Текст ответа' },
    delayMs: { en: 'Delay before it, ms', ru: 'Задержка перед ним, мс' },
    ms: { en: 'Delay, ms', ru: 'Задержка, мс' },
    bytesPerSecond: { en: 'Bytes a second', ru: 'Байт в секунду' },
    matchTitle: { en: 'Which sessions', ru: 'Для каких сессий' },
    matchHint: {
      en: 'Empty: any. * stands for any characters: *@example.com.',
      ru: 'Пусто — любые. Звёздочка * заменяет любые символы: *@example.com.',
    },
    listener: { en: 'Listener', ru: 'Слушатель' },
    anyListener: { en: 'any', ru: 'любой' },
    clientAddress: { en: 'Client address', ru: 'Адрес клиента' },
    helo: { en: 'EHLO name', ru: 'Имя в EHLO' },
    mailFrom: { en: 'MAIL FROM', ru: 'MAIL FROM' },
    rcptTo: { en: 'RCPT TO', ru: 'RCPT TO' },
    attempts: { en: 'Which attempts', ru: 'Какие попытки' },
    n: { en: 'N', ru: 'N' },
    percent: { en: 'Probability, %', ru: 'Вероятность, %' },
    random: { en: 'At random (no seed: not repeatable)', ru: 'Случайно (без зерна: не повторяется)' },
    seed: { en: 'Seed', ru: 'Зерно' },
    seedHint: { en: 'The same seed fires on the same attempts every run.', ru: 'С тем же зерном правило срабатывает на тех же попытках при каждом запуске.' },
    retryAfter: { en: 'A retry passes after, s', ru: 'Повтор проходит через, с' },
    lifetimeTitle: { en: 'How long it lives', ru: 'Сколько живёт' },
    lifetimeHint: { en: 'Empty: until removed; both: whichever ends first.', ru: 'Пусто — пока не удалите; оба — что закончится раньше.' },
    firings: { en: 'Firings', ru: 'Срабатываний' },
    seconds: { en: 'Seconds', ru: 'Секунд' },
    submit: { en: 'Add the rule', ru: 'Добавить правило' },
    added: { en: (name: string) => `Added: ${name}.`, ru: (name: string) => `Добавлено: ${name}.` } as Fn<[string]>,
    fixFields: { en: 'Check the fields marked.', ru: 'Проверьте отмеченные поля.' },
    elsewhere: { en: 'The server also says:', ru: 'Сервер также сообщает:' },
  },

  firings: {
    title: { en: 'Firings, live', ru: 'Срабатывания вживую' },
    empty: { en: 'Nothing has fired yet. Send a mail while a rule is on.', ru: 'Пока ничего не сработало. Отправьте письмо, пока правило включено.' },
    time: { en: 'Time', ru: 'Время' },
    rule: { en: 'Rule', ru: 'Правило' },
    stage: { en: 'Stage', ru: 'Этап' },
    what: { en: 'What the lab did', ru: 'Что сделала лаборатория' },
    session: { en: 'Session', ru: 'Сессия' },
    openSession: { en: 'open the session', ru: 'открыть сессию' },
  },
};
