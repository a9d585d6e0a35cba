// The Instructor page's own words, in both languages (a missing translation is a type error).
// The scenarios' and steps' titles, the presets' names and the roster's problems are the server's.
import { counted, type Bilingual } from '../i18n/bilingual.js';

type Fn<A extends unknown[]> = Bilingual<(...args: A) => string>;

export const im = {
  tab: { en: 'Instructor', ru: 'Преподаватель' },
  intro: {
    en: 'The class at a glance, live: every student, where they are in the scenarios, their last sessions, the alerts their automatons sent, and the faults switched on for them.',
    ru: 'Вся группа сразу и вживую: каждый студент, где он в сценариях, его последние сессии, оповещения его автоматов и включённые для него сбои.',
  },
  signInFirst: {
    en: 'Sign in with the instructor’s account to see the class.',
    ru: 'Войдите под учётной записью преподавателя, чтобы увидеть группу.',
  },
  notInstructor: {
    en: 'This page is for the instructor of the class. You are signed in as a student.',
    ru: 'Эта страница — для преподавателя группы. Вы вошли как студент.',
  },
  loading: { en: 'Loading the class…', ru: 'Загрузка группы…' },
  loadFailed: { en: (what: string) => `Could not load the class: ${what}`, ru: (what: string) => `Не удалось загрузить группу: ${what}` } as Fn<[string]>,
  retry: { en: 'Try again', ru: 'Повторить' },
  busy: { en: 'Working…', ru: 'Выполняется…' },
  none: { en: '—', ru: '—' },

  summary: {
    students: counted('student', 'students', 'студент', 'студента', 'студентов'),
    working: { en: (n: number) => `${n} working now`, ru: (n: number) => `в работе: ${n}` } as Fn<[number]>,
    done: { en: (n: number) => `${n} finished every scenario`, ru: (n: number) => `прошли все сценарии: ${n}` } as Fn<[number]>,
    attention: { en: (n: number) => `${n} need attention`, ru: (n: number) => `нужна помощь: ${n}` } as Fn<[number]>,
    attentionHint: {
      en: 'A failed check on the current step, or a session with errors.',
      ru: 'Проваленная проверка на текущем шаге или сессия с ошибками.',
    },
  },

  table: {
    caption: { en: 'The class, one row per student', ru: 'Группа, по строке на студента' },
    student: { en: 'Student', ru: 'Студент' },
    scenario: { en: 'Scenario and step', ru: 'Сценарий и шаг' },
    checks: { en: 'Checks', ru: 'Проверки' },
    sessions: { en: 'Last sessions', ru: 'Последние сессии' },
    alerts: { en: 'Alerts', ru: 'Оповещения' },
    mails: { en: 'Mails', ru: 'Письма' },
    faults: { en: 'Faults', ru: 'Сбои' },
    activity: { en: 'Last activity', ru: 'Последнее действие' },
    empty: { en: 'No students yet: import the class roster below.', ru: 'Студентов пока нет: загрузите список группы ниже.' },
    nothingFound: { en: 'No student matches.', ru: 'Никто не найден.' },
    filter: { en: 'Find a student', ru: 'Найти студента' },
    sortBy: { en: 'Sort by', ru: 'Порядок' },
    sort: {
      name: { en: 'name', ru: 'по имени' },
      activity: { en: 'last activity', ru: 'по последнему действию' },
      progress: { en: 'progress', ru: 'по прогрессу' },
      attention: { en: 'who needs help', ru: 'кому нужна помощь' },
    },
  },

  row: {
    notStarted: { en: 'no scenario started', ru: 'сценарий не начат' },
    allDone: { en: 'scenario done', ru: 'сценарий пройден' },
    step: { en: (n: number, of: number) => `step ${n} of ${of}`, ru: (n: number, of: number) => `шаг ${n} из ${of}` } as Fn<[number, number]>,
    scenariosDone: {
      en: (n: number, of: number) => `scenarios done: ${n} of ${of}`,
      ru: (n: number, of: number) => `пройдено сценариев: ${n} из ${of}`,
    } as Fn<[number, number]>,
    passed: { en: (n: number) => `${n} passed`, ru: (n: number) => `пройдено: ${n}` } as Fn<[number]>,
    pending: { en: (n: number) => `${n} pending`, ru: (n: number) => `ожидают: ${n}` } as Fn<[number]>,
    failed: { en: (n: number) => `${n} failed`, ru: (n: number) => `провалено: ${n}` } as Fn<[number]>,
    noSessions: { en: 'no sessions yet', ru: 'сессий пока нет' },
    sessionsTotal: {
      en: (n: number, errors: number) => `${n} in all, ${errors} with errors`,
      ru: (n: number, errors: number) => `всего ${n}, с ошибками ${errors}`,
    } as Fn<[number, number]>,
    sessionTitle: {
      en: (helo: string, errors: number) => `${helo}: ${errors} error replies. Opens as the student sees it (a new tab).`,
      ru: (helo: string, errors: number) => `${helo}: ответов с ошибкой — ${errors}. Откроется так, как видит студент (в новой вкладке).`,
    } as Fn<[string, number]>,
    noHelo: { en: '(no EHLO)', ru: '(без EHLO)' },
    alerts: {
      en: (sent: number, failed: number) => (failed > 0 ? `${sent} sent, ${failed} failed` : `${sent} sent`),
      ru: (sent: number, failed: number) => (failed > 0 ? `отправлено ${sent}, не дошло ${failed}` : `отправлено ${sent}`),
    } as Fn<[number, number]>,
    never: { en: 'not yet', ru: 'ещё нет' },
    openAs: { en: 'Open as the student', ru: 'Открыть глазами студента' },
    openAsHint: {
      en: 'The page as this student sees it, read-only, in a new tab.',
      ru: 'Страница так, как её видит этот студент, только для просмотра, в новой вкладке.',
    },
  },

  faults: {
    greylisting: { en: 'Greylisting', ru: 'Грейлистинг' },
    greylistingFor: { en: (who: string) => `Greylisting for ${who}`, ru: (who: string) => `Грейлистинг для ${who}` } as Fn<[string]>,
    other: { en: 'Another fault…', ru: 'Другой сбой…' },
    otherFor: { en: (who: string) => `Another fault for ${who}`, ru: (who: string) => `Другой сбой для ${who}` } as Fn<[string]>,
    add: { en: 'Switch on', ru: 'Включить' },
    remove: { en: 'Remove', ru: 'Убрать' },
    removeRule: { en: (name: string) => `Remove the rule “${name}”`, ru: (name: string) => `Убрать правило «${name}»` } as Fn<[string]>,
    off: { en: 'off', ru: 'выкл.' },
    classTitle: { en: 'Faults for the whole class', ru: 'Сбои для всей группы' },
    classHint: {
      en: 'A rule here acts on every student’s sessions; a student’s own rules are in their row.',
      ru: 'Правило здесь действует на сессии всех студентов; правила одного студента — в его строке.',
    },
    classNone: { en: 'Nothing is switched on for the whole class.', ru: 'Для всей группы ничего не включено.' },
    theClass: { en: 'the whole class', ru: 'всей группы' },
    failed: { en: (what: string) => `Not done: ${what}`, ru: (what: string) => `Не получилось: ${what}` } as Fn<[string]>,
  },

  roster: {
    title: { en: 'Class roster', ru: 'Список группы' },
    hint: {
      en: 'A CSV file, one student a line: name,address (a header line name,address may come first). Every student gets a lab account and a first password; an address that already has an account is left as it is. A broken line imports nothing: fix it and import again.',
      ru: 'Файл CSV, по студенту на строку: имя,адрес (первой может идти строка заголовков name,address). Каждый студент получает учётную запись лаборатории и первый пароль; адрес, у которого учётная запись уже есть, остаётся как был. Если хоть одна строка с ошибкой, не загружается ничего: исправьте её и загрузите снова.',
    },
    choose: { en: 'Roster file (CSV)', ru: 'Файл списка (CSV)' },
    importing: { en: 'Importing…', ru: 'Загрузка…' },
    created: {
      en: (n: number) => `Accounts created: ${n}. Their first passwords:`,
      ru: (n: number) => `Создано учётных записей: ${n}. Их первые пароли:`,
    } as Fn<[number]>,
    once: {
      en: 'These passwords are shown only now: copy them or print this page before you leave it. The lab keeps no copy it could show again.',
      ru: 'Эти пароли показаны только сейчас: скопируйте их или распечатайте страницу, прежде чем уйти с неё. Лаборатория не хранит их в виде, который можно показать снова.',
    },
    name: { en: 'Name', ru: 'Имя' },
    address: { en: 'Address', ru: 'Адрес' },
    password: { en: 'First password', ru: 'Первый пароль' },
    copy: { en: 'Copy', ru: 'Копировать' },
    copyAll: { en: 'Copy all as CSV', ru: 'Копировать всё как CSV' },
    copied: { en: 'Copied', ru: 'Скопировано' },
    copyFailed: {
      en: 'The browser did not allow copying: select the text and copy it by hand.',
      ru: 'Браузер не дал скопировать: выделите текст и скопируйте вручную.',
    },
    existing: {
      en: (n: number) => `Already had an account (left as it was, the password unchanged): ${n}`,
      ru: (n: number) => `Уже были учётные записи (оставлены как были, пароль не менялся): ${n}`,
    } as Fn<[number]>,
    notCreated: {
      en: (n: number) => `Could not be created (the roster itself was fine; import it again later): ${n}`,
      ru: (n: number) => `Не удалось создать (сам список в порядке; загрузите его позже ещё раз): ${n}`,
    } as Fn<[number]>,
    notClass: {
      en: 'The lab is not a class yet (started without --class and no instructor account): students would see each other’s mail.',
      ru: 'Лаборатория ещё не в режиме группы (запущена без --class и без учётной записи преподавателя): студенты увидят почту друг друга.',
    },
    nothingNew: { en: 'Nobody new: every student of the file already has an account.', ru: 'Новых нет: у всех студентов из файла уже есть учётные записи.' },
    invalid: {
      en: 'Nothing was imported: fix these lines of the file and import it again.',
      ru: 'Ничего не загружено: исправьте эти строки файла и загрузите его снова.',
    },
    line: { en: (n: number) => `line ${n}`, ru: (n: number) => `строка ${n}` } as Fn<[number]>,
    done: { en: 'Done, hide the passwords', ru: 'Готово, скрыть пароли' },
    failed: { en: (what: string) => `The roster was not imported: ${what}`, ru: (what: string) => `Список не загружен: ${what}` } as Fn<[string]>,
  },

  report: {
    title: { en: 'Class report', ru: 'Отчёт по группе' },
    hint: {
      en: 'Every student and every scenario: a page to print (or save as PDF), or the data as CSV or JSON.',
      ru: 'Каждый студент и каждый сценарий: страница для печати (или сохранения в PDF) или данные в CSV и JSON.',
    },
    print: { en: 'Print…', ru: 'Печать…' },
    csv: { en: 'CSV', ru: 'CSV' },
    json: { en: 'JSON', ru: 'JSON' },
  },

  viewAs: {
    banner: {
      en: (who: string) => `Viewing as ${who} — read-only`,
      ru: (who: string) => `Просмотр глазами студента ${who} — только чтение`,
    } as Fn<[string]>,
    explain: {
      en: 'This is the page as the student sees it. Nothing can be changed here: the server refuses every change.',
      ru: 'Так страницу видит студент. Менять здесь ничего нельзя: сервер отклоняет любые изменения.',
    },
    leave: { en: 'Leave the student’s view', ru: 'Выйти из просмотра' },
  },
};
