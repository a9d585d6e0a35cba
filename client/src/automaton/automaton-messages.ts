// The Automaton page's own words, in both languages (a missing translation is a type error).
// Conditions, events and transitions are put into words by lab/automaton/describe.ts, the
// server's own code; the server's errors come with their own text.
import type { ActionList, HtmlEncoding, Importance } from '../../../lab/automaton/automaton-types.js';
import type { AlertStatus } from '../../../lab/objects/alert-log.js';
import type { ObjectSource } from '../../../lab/objects/object-spec.js';
import { counted, type Bilingual } from '../i18n/bilingual.js';

type Fn<A extends unknown[]> = Bilingual<(...args: A) => string>;

export const zm = {
  tab: { en: 'Automaton', ru: 'Автомат' },
  alertBadge: { en: (n: number) => `${n} critical messages not acknowledged`, ru: (n: number) => `Непрочитанных критических сообщений: ${n}` } as Fn<[number]>,
  intro: {
    en: "The platform's automaton runs here for an object: import its export, add «Send e-mail» to a state, feed the object telemetry, and watch the alert reach the mailbox with its SMTP session.",
    ru: 'Здесь автомат платформы работает для объекта: импортируйте его экспорт, добавьте в состояние команду «Отправить e-mail», подайте объекту телеметрию и смотрите, как оповещение приходит в почту вместе со своей SMTP-сессией.',
  },
  readOnly: {
    en: 'You are not signed in: the page is read-only. Sign in to your lab account to import, edit and run automatons (their mails go out through your saved SMTP integration).',
    ru: 'Вы не вошли: страница только для просмотра. Войдите в учётную запись лаборатории, чтобы импортировать, изменять и запускать автоматы (их письма уходят через вашу сохранённую интеграцию SMTP).',
  },
  signInHere: { en: 'Sign in', ru: 'Войти' },
  hideSignIn: { en: 'Hide', ru: 'Скрыть' },
  noIntegration: {
    en: 'No SMTP integration is saved yet: «Send e-mail» sends through it. Save it on the Lab tab first.',
    ru: 'Интеграция SMTP ещё не сохранена, а «Отправить e-mail» отправляет письма через неё. Сначала сохраните её на вкладке «Практикум».',
  },
  toLab: { en: 'Open the Lab tab', ru: 'Открыть «Практикум»' },
  signedOutError: { en: 'Sign in first: this needs your lab account.', ru: 'Сначала войдите: для этого нужна учётная запись лаборатории.' },
  loadFailed: { en: (what: string) => `Could not load: ${what}`, ru: (what: string) => `Не удалось загрузить: ${what}` } as Fn<[string]>,
  busy: { en: 'Working…', ru: 'Выполняется…' },
  done: { en: 'Done.', ru: 'Готово.' },
  cancel: { en: 'Cancel', ru: 'Отмена' },
  remove: { en: 'Remove', ru: 'Удалить' },
  yes: { en: 'Yes', ru: 'Да' },
  optional: { en: 'optional', ru: 'необязательно' },
  copy: { en: 'Copy', ru: 'Копировать' },
  copied: { en: 'Copied.', ru: 'Скопировано.' },
  copyFailed: { en: 'Could not copy: select the text and copy it by hand.', ru: 'Не удалось скопировать: выделите текст и скопируйте вручную.' },

  library: {
    title: { en: 'Automatons and models', ru: 'Автоматы и модели' },
    hint: {
      en: "The platform's export files: the automaton (Logic → Export) and, optionally, its object model. Choose a file or drop it here.",
      ru: 'Файлы экспорта платформы: автомат (Логика → Экспорт) и, если нужно, модель объекта. Выберите файл или перетащите его сюда.',
    },
    chooseAutomaton: { en: 'Import an automaton…', ru: 'Импортировать автомат…' },
    chooseModel: { en: 'Import a model…', ru: 'Импортировать модель…' },
    automatonFile: { en: 'Automaton export file (.json)', ru: 'Файл экспорта автомата (.json)' },
    modelFile: { en: 'Model export file (.json)', ru: 'Файл экспорта модели (.json)' },
    drop: { en: 'Drop an automaton or model export here', ru: 'Перетащите сюда экспорт автомата или модели' },
    dropActive: { en: 'Release to import', ru: 'Отпустите, чтобы импортировать' },
    example: { en: 'Use the example (temperature control + kettle model)', ru: 'Взять пример (контроль температуры + модель чайника)' },
    exampleHint: {
      en: "The lab's example: a kettle turned off above 99 °C (state OFF) and on again below 80 °C.",
      ru: 'Пример лаборатории: чайник выключается выше 99 °C (состояние OFF) и снова включается ниже 80 °C.',
    },
    imported: {
      en: (names: string[]) => `Imported: ${names.join(', ')}`,
      ru: (names: string[]) => `Импортировано: ${names.map((n) => `«${n}»`).join(', ')}`,
    } as Fn<[string[]]>,
    badFile: { en: (file: string) => `${file} was not imported`, ru: (file: string) => `${file} не импортирован` } as Fn<[string]>,
    where: { en: 'Where in the file', ru: 'Где в файле' },
    notJson: {
      en: "Not an export: the platform's export files are JSON (.json).",
      ru: 'Это не экспорт: файлы экспорта платформы — JSON (.json).',
    },
    automatons: { en: 'Automatons', ru: 'Автоматы' },
    models: { en: 'Models', ru: 'Модели' },
    noAutomatons: { en: 'No automaton imported yet.', ru: 'Автоматы ещё не импортированы.' },
    noModels: { en: 'No model imported (parameters are then read from the automaton).', ru: 'Модели не импортированы (тогда параметры берутся из автомата).' },
    states: counted('state', 'states', 'состояние', 'состояния', 'состояний'),
    transitions: counted('transition', 'transitions', 'переход', 'перехода', 'переходов'),
    parameters: counted('parameter', 'parameters', 'параметр', 'параметра', 'параметров'),
    emails: counted('e-mail action', 'e-mail actions', 'действие e-mail', 'действия e-mail', 'действий e-mail'),
    channelAlerts: counted('channel alert', 'channel alerts', 'оповещение по каналу', 'оповещения по каналам', 'оповещений по каналам'),
    show: { en: 'Show', ru: 'Показать' },
    shown: { en: 'shown', ru: 'показан' },
    export: { en: 'Export (download)', ru: 'Экспорт (скачать)' },
    exportHint: {
      en: "The platform's file with your edits: import it back into the platform.",
      ru: 'Файл платформы с вашими правками: его можно импортировать обратно на платформу.',
    },
    removeQuestion: { en: 'Remove this automaton? Objects running it go on.', ru: 'Удалить этот автомат? Объекты, которые его выполняют, продолжат работу.' },
    forModel: { en: (id: string) => `made for model ${id}`, ru: (id: string) => `сделан для модели ${id}` } as Fn<[string]>,
    modelImported: { en: 'its model is imported', ru: 'его модель импортирована' },
    by: { en: (owner: string) => `by ${owner}`, ru: (owner: string) => `от ${owner}` } as Fn<[string]>,
  },

  diagram: {
    title: { en: 'State diagram', ru: 'Диаграмма состояний' },
    pick: {
      en: 'Import an automaton (or use the example) to see its diagram.',
      ru: 'Импортируйте автомат (или возьмите пример), чтобы увидеть его диаграмму.',
    },
    label: { en: (name: string) => `State diagram of the automaton “${name}”`, ru: (name: string) => `Диаграмма состояний автомата «${name}»` } as Fn<[string]>,
    following: { en: (id: string) => `Live: object ${id}`, ru: (id: string) => `Вживую: объект ${id}` } as Fn<[string]>,
    notFollowing: { en: 'Select an object to see its current state here.', ru: 'Выберите объект, чтобы видеть здесь его текущее состояние.' },
    current: { en: 'current state', ru: 'текущее состояние' },
    lastTaken: { en: 'transition just taken', ru: 'только что пройденный переход' },
    init: { en: 'start', ru: 'начало' },
    final: { en: 'end', ru: 'конец' },
    asText: { en: 'The diagram as text', ru: 'Диаграмма текстом' },
    fit: { en: 'Fit to width', ru: 'Уместить по ширине' },
    actualSize: { en: 'Actual size', ru: 'В натуральную величину' },
    onEnter: { en: 'on entering', ru: 'при входе' },
    onExit: { en: 'on leaving', ru: 'при выходе' },
    noActions: { en: 'no actions', ru: 'нет действий' },
    stateLine: { en: (name: string, actions: string) => `${name}: ${actions}`, ru: (name: string, actions: string) => `${name}: ${actions}` } as Fn<
      [string, string]
    >,
    transitionLine: {
      en: (from: string, to: string, when: string) => `${from} → ${to}: ${when}`,
      ru: (from: string, to: string, when: string) => `${from} → ${to}: ${when}`,
    } as Fn<[string, string, string]>,
    legend: { en: 'Legend', ru: 'Обозначения' },
  },

  action: {
    email: { en: (to: string) => `e-mail → ${to}`, ru: (to: string) => `e-mail → ${to}` } as Fn<[string]>,
    emailNoTo: { en: 'e-mail', ru: 'e-mail' },
    push: { en: (level: string, text: string) => `operator (${level}): ${text}`, ru: (level: string, text: string) => `оператору (${level}): ${text}` } as Fn<
      [string, string]
    >,
    timer: { en: (n: number, s: string) => `timer ${n}: ${s} s`, ru: (n: number, s: string) => `таймер ${n}: ${s} с` } as Fn<[number, string]>,
    schedule: { en: (n: number) => `schedule ${n}`, ru: (n: number) => `расписание ${n}` } as Fn<[number]>,
    change: { en: (target: string, value: string) => `${target} := ${value}`, ru: (target: string, value: string) => `${target} := ${value}` } as Fn<
      [string, string]
    >,
    command: { en: (id: string) => `command ${id}`, ru: (id: string) => `команда ${id}` } as Fn<[string]>,
    kinds: {
      'send-email': { en: 'Send e-mail', ru: 'Отправить e-mail' },
      'send-sms': { en: 'Send SMS', ru: 'Отправить SMS' },
      'send-telegram': { en: 'Send to Telegram', ru: 'Отправить в Telegram' },
      'send-discord': { en: 'Send to Discord', ru: 'Отправить в Discord' },
      'push-message': { en: 'Message to operator', ru: 'Сообщение оператору' },
      'timer-start': { en: 'Timer', ru: 'Таймер' },
      'schedule-start': { en: 'Schedule', ru: 'Расписание' },
      'change-value': { en: 'Change the value', ru: 'Изменить значение' },
      'device-command': { en: 'Device command', ru: 'Команда устройству' },
    },
  },

  importance: {
    information: { en: 'information', ru: 'информация' },
    important: { en: 'important', ru: 'важное' },
    critical: { en: 'critical', ru: 'критическое' },
  } satisfies Record<Importance, Bilingual>,

  email: {
    title: { en: '«Send e-mail» in a state', ru: '«Отправить e-mail» в состоянии' },
    intro: {
      en: "The practical work's step: add the command «Send e-mail» to a state. When the object enters (or leaves) that state, the lab sends this mail through your saved SMTP integration.",
      ru: 'Шаг практической работы: добавьте в состояние команду «Отправить e-mail». Когда объект входит в это состояние (или выходит из него), лаборатория отправляет это письмо через вашу сохранённую интеграцию SMTP.',
    },
    running: {
      en: 'An object runs the automaton as it was when the object was created: after an edit, create the object again.',
      ru: 'Объект выполняет автомат таким, каким он был при создании объекта: после правки создайте объект заново.',
    },
    existing: { en: '«Send e-mail» actions of this automaton', ru: 'Действия «Отправить e-mail» этого автомата' },
    none: { en: 'None yet.', ru: 'Пока нет.' },
    at: {
      en: (state: string, list: string, n: number) => `${state}, ${list}, #${n}`,
      ru: (state: string, list: string, n: number) => `${state}, ${list}, №${n}`,
    } as Fn<[string, string, number]>,
    edit: { en: 'Edit', ru: 'Изменить' },
    removeQuestion: { en: 'Remove this «Send e-mail»?', ru: 'Удалить это «Отправить e-mail»?' },
    addTitle: { en: 'Add «Send e-mail»', ru: 'Добавить «Отправить e-mail»' },
    editTitle: { en: (where: string) => `Edit «Send e-mail» (${where})`, ru: (where: string) => `Изменить «Отправить e-mail» (${where})` } as Fn<[string]>,
    state: { en: 'State', ru: 'Состояние' },
    list: { en: 'When', ru: 'Когда' },
    lists: {
      onenter: { en: 'on entering the state (onenter)', ru: 'при входе в состояние («onenter» в файле)' },
      onexit: { en: 'on leaving the state (onexit)', ru: 'при выходе из состояния («onexit» в файле)' },
    } satisfies Record<ActionList, Bilingual>,
    listShort: {
      onenter: { en: 'on entering', ru: 'при входе' },
      onexit: { en: 'on leaving', ru: 'при выходе' },
    } satisfies Record<ActionList, Bilingual>,
    recipients: { en: 'Recipients', ru: 'Получатели' },
    recipientsHint: { en: 'One address or several, separated by commas.', ru: 'Один адрес или несколько через запятую.' },
    subject: { en: 'Subject', ru: 'Тема' },
    text: { en: 'Text', ru: 'Текст' },
    html: { en: 'HTML body', ru: 'HTML-тело письма' },
    encoding: { en: 'HTML encoding', ru: 'Кодировка HTML' },
    encodings: {
      JSON: { en: 'JSON (a JSON string literal)', ru: '«JSON» — строковый литерал JSON' },
      HEX: { en: 'HEX (the UTF-8 bytes as hex digits)', ru: '«HEX» — байты UTF-8 шестнадцатеричными цифрами' },
      Base64: { en: 'Base64 (the UTF-8 bytes)', ru: '«Base64» — байты UTF-8' },
      Text: { en: 'Text (the HTML as it is)', ru: '«Text» — HTML как есть' },
    } satisfies Record<HtmlEncoding, Bilingual>,
    sender: { en: 'Sender', ru: 'Отправитель' },
    senderHint: { en: "Empty: the SMTP integration's sender address.", ru: 'Пусто — адрес отправителя из интеграции SMTP.' },
    placeholders: { en: "Placeholders (the lab's own addition)", ru: 'Подстановки (добавлено лабораторией)' },
    placeholdersHint: {
      en: "In the subject, text and HTML, {{name}} is replaced when the mail is sent: a parameter by its current value with its unit (101 °C), {{object}} by the object's id, {{state}} by the state's name, {{time}} by the time (ISO 8601). The platform itself has no such placeholders: there the author types the values. Click one to insert it into the field you were typing in.",
      ru: 'В теме, тексте и HTML {{имя}} заменяется при отправке письма: параметр — его текущим значением с единицей (101 °C), {{object}} — ID объекта, {{state}} — названием состояния, {{time}} — временем (ISO 8601). На самой платформе таких подстановок нет: там значения вписывает автор. Нажмите на подстановку, чтобы вставить её в поле, где вы печатали.',
    },
    parameterOf: { en: (name: string) => `parameter “${name}”`, ru: (name: string) => `параметр «${name}»` } as Fn<[string]>,
    objectId: { en: "the object's id", ru: 'ID объекта' },
    stateName: { en: "the state's name", ru: 'название состояния' },
    timeIso: { en: 'the time', ru: 'время' },
    insert: { en: (p: string) => `Insert ${p}`, ru: (p: string) => `Вставить ${p}` } as Fn<[string]>,
    add: { en: 'Add to the state', ru: 'Добавить в состояние' },
    save: { en: 'Save the changes', ru: 'Сохранить изменения' },
    added: { en: 'Added. The automaton now sends this mail.', ru: 'Добавлено. Теперь автомат отправляет это письмо.' },
    saved: { en: 'Saved.', ru: 'Сохранено.' },
    removed: { en: 'Removed.', ru: 'Удалено.' },
    fixFields: { en: 'Fix the fields marked.', ru: 'Исправьте отмеченные поля.' },
    noStates: { en: 'This automaton has no ordinary state to add an action to.', ru: 'В этом автомате нет обычного состояния, куда можно добавить действие.' },
    defaultSubject: { en: 'Alert: {{object}} is {{state}}', ru: 'Тревога: {{object}} — {{state}}' },
  },

  objects: {
    title: { en: 'Objects', ru: 'Объекты' },
    none: { en: 'No object yet: create one below.', ru: 'Объектов пока нет: создайте объект ниже.' },
    create: { en: 'Create an object', ru: 'Создать объект' },
    id: { en: 'Object id', ru: 'ID объекта' },
    idHint: {
      en: 'Latin letters, digits, dot, _ and -. It is also the MQTT client id: the device connects with it (mosquitto_pub -i <id>), as on the platform.',
      ru: 'Латинские буквы, цифры, точка, _ и -. Это также идентификатор клиента MQTT («client id»): устройство подключается с ним (mosquitto_pub -i <ID>), как на платформе.',
    },
    automaton: { en: 'Automaton', ru: 'Автомат' },
    model: { en: 'Model', ru: 'Модель' },
    noModel: { en: 'none: parameters from the automaton', ru: 'нет: параметры из автомата' },
    source: { en: 'Telemetry source', ru: 'Источник телеметрии' },
    sources: {
      mqtt: { en: 'MQTT: a device publishes (mosquitto_pub)', ru: 'MQTT: публикует устройство (mosquitto_pub)' },
      simulator: { en: 'Simulator: a seeded temperature with an overheat', ru: 'Симулятор: температура с перегревом (по зерну «seed»)' },
      playback: { en: 'Playback: a JSON or CSV file', ru: 'Воспроизведение: файл JSON или CSV' },
      manual: { en: 'Manual: you type the values', ru: 'Вручную: значения вводите вы' },
    } satisfies Record<ObjectSource, Bilingual>,
    sourceShort: {
      mqtt: { en: 'MQTT', ru: 'MQTT' },
      simulator: { en: 'simulator', ru: 'симулятор' },
      playback: { en: 'playback', ru: 'воспроизведение' },
      manual: { en: 'manual', ru: 'вручную' },
    } satisfies Record<ObjectSource, Bilingual>,
    speed: { en: 'Speed', ru: 'Скорость' },
    speedHint: {
      en: 'Simulated seconds per real second (1 is real time; at most 1000).',
      ru: 'Секунд модельного времени за секунду реального (1 — реальное время; не больше 1000).',
    },
    mqttRealTime: {
      en: 'An MQTT object runs in real time: its device publishes now.',
      ru: 'Объект MQTT живёт в реальном времени: его устройство публикует данные сейчас.',
    },
    seed: { en: 'Seed', ru: 'Зерно («seed»)' },
    seedWrong: { en: 'The seed is a whole number, e.g. 42.', ru: 'Зерно — целое число, например 42.' },
    seedHint: { en: 'The same seed gives the same telemetry.', ru: 'Одно и то же зерно даёт одну и ту же телеметрию.' },
    playbackFile: { en: 'Telemetry file (JSON or CSV)', ru: 'Файл телеметрии (JSON или CSV)' },
    playbackHint: {
      en: 'JSON [{"t": 0, "temperatureC": 21.5}, …] or CSV with a header (t,temperatureC): t is seconds from the start.',
      ru: 'JSON [{"t": 0, "temperatureC": 21.5}, …] или CSV с заголовком «t,temperatureC»: «t» — секунды от начала.',
    },
    playbackChosen: { en: (name: string) => `Chosen: ${name}`, ru: (name: string) => `Выбран: ${name}` } as Fn<[string]>,
    playbackMissing: { en: 'Choose a telemetry file.', ru: 'Выберите файл телеметрии.' },
    idMissing: { en: "Enter the object's id.", ru: 'Введите ID объекта.' },
    automatonMissing: { en: 'Import an automaton first.', ru: 'Сначала импортируйте автомат.' },
    submit: { en: 'Create and start', ru: 'Создать и запустить' },
    created: { en: (id: string) => `Object ${id} created.`, ru: (id: string) => `Объект ${id} создан.` } as Fn<[string]>,
    listLabel: { en: 'Objects and their states', ru: 'Объекты и их состояния' },
    noState: { en: 'not started', ru: 'не запущен' },
    finished: { en: 'finished', ru: 'завершён' },
    paused: { en: 'paused', ru: 'пауза' },
    connected: { en: 'device connected', ru: 'устройство подключено' },
    disconnected: { en: 'device not connected', ru: 'устройство не подключено' },
    unknownClient: {
      en: (id: string, topic: string) => `The MQTT client "${id}" published to ${topic}, but no object has that id: check -i (it must be the object's id).`,
      ru: (id: string, topic: string) => `MQTT-клиент «${id}» опубликовал в ${topic}, но объекта с таким ID нет: проверьте -i (это должен быть ID объекта).`,
    } as Fn<[string, string]>,
    removeQuestion: { en: 'Remove this object? Its automaton stops.', ru: 'Удалить этот объект? Его автомат остановится.' },
  },

  object: {
    heading: { en: 'Object', ru: 'Объект' },
    title: { en: (id: string) => `Object ${id}`, ru: (id: string) => `Объект ${id}` } as Fn<[string]>,
    pick: { en: 'Select an object to control it and see its chart and log.', ru: 'Выберите объект, чтобы управлять им и видеть его график и журнал.' },
    missing: { en: 'This object is not running (any more).', ru: 'Этот объект не запущен (или уже удалён).' },
    state: { en: 'State', ru: 'Состояние' },
    clock: { en: 'Object clock', ru: 'Часы объекта' },
    values: { en: 'Values', ru: 'Значения' },
    noValue: { en: 'no value yet', ru: 'значения ещё нет' },
    timers: { en: 'Timers', ru: 'Таймеры' },
    timerLeft: { en: (n: number, s: string) => `timer ${n}: ${s} s left`, ru: (n: number, s: string) => `таймер ${n}: осталось ${s} с` } as Fn<
      [number, string]
    >,
    feed: { en: 'Feed', ru: 'Подача данных' },
    feedState: {
      idle: { en: 'not started', ru: 'не начата' },
      playing: { en: 'playing', ru: 'идёт' },
      paused: { en: 'paused', ru: 'пауза' },
      ended: { en: 'ended', ru: 'закончилась' },
      closed: { en: 'stopped', ru: 'остановлена' },
    },
    progress: { en: (p: string) => `${p} played`, ru: (p: string) => `воспроизведено ${p}` } as Fn<[string]>,
    pause: { en: 'Pause', ru: 'Пауза' },
    resume: { en: 'Play', ru: 'Пуск' },
    setSpeed: { en: 'Apply', ru: 'Применить' },
    speedNow: { en: (x: string) => `×${x}`, ru: (x: string) => `×${x}` } as Fn<[string]>,
    realTime: { en: 'real time (MQTT): no pause or speed', ru: 'реальное время (MQTT): без паузы и скорости' },
    knobs: { en: 'Simulator knobs', ru: 'Ручки симулятора' },
    seedIs: { en: (n: number) => `seed ${n}`, ru: (n: number) => `зерно ${n}` } as Fn<[number]>,
    moreKnobs: { en: 'More knobs…', ru: 'Другие ручки…' },
    knobsHint: { en: 'They change the telemetry from the next sample on.', ru: 'Меняют телеметрию со следующего отсчёта.' },
    applyKnobs: { en: 'Apply the knobs', ru: 'Применить' },
    knobNames: {
      intervalSeconds: { en: 'Interval between samples, s', ru: 'Интервал между отсчётами, с' },
      temperatureParam: { en: 'Temperature parameter', ru: 'Параметр температуры' },
      base: { en: 'Base temperature', ru: 'Базовая температура' },
      driftPerHour: { en: 'Drift per hour', ru: 'Дрейф в час' },
      noise: { en: 'Noise ±', ru: 'Шум ±' },
      decimals: { en: 'Decimals', ru: 'Знаков после запятой' },
      overheatAt: { en: 'Overheat starts at, s (empty: none)', ru: 'Перегрев начинается, с (пусто — без него)' },
      overheatFor: { en: 'Overheat lasts, s', ru: 'Перегрев длится, с' },
      overheatPeak: { en: 'Overheat peak', ru: 'Пик перегрева' },
      doorParam: { en: 'Door parameter (empty: none)', ru: 'Параметр двери (пусто — без двери)' },
      doorOpenChance: { en: 'Chance the door opens per sample', ru: 'Вероятность открытия двери за отсчёт' },
      doorOpenFor: { en: 'The door stays open, s', ru: 'Дверь открыта, с' },
    },
    telemetry: { en: 'Send telemetry', ru: 'Отправить телеметрию' },
    telemetryHint: {
      en: 'As if the device reported it: the automaton gets «data received».',
      ru: 'Как будто это сообщило устройство: автомат получает событие «данные получены».',
    },
    parameter: { en: 'Parameter', ru: 'Параметр' },
    value: { en: 'Value', ru: 'Значение' },
    send: { en: 'Send', ru: 'Отправить' },
    valueMissing: { en: 'Enter a value.', ru: 'Введите значение.' },
    sent: { en: 'Sent.', ru: 'Отправлено.' },
    event: { en: 'Fire an event', ru: 'Вызвать событие' },
    eventHint: { en: 'A custom event, geofence-enter or geofence-leave.', ru: 'Своё событие, geofence-enter или geofence-leave.' },
    eventName: { en: 'Event', ru: 'Событие' },
    fire: { en: 'Fire', ru: 'Вызвать' },
    fired: { en: 'Fired.', ru: 'Вызвано.' },
    mqtt: { en: 'From a device over MQTT', ru: 'С устройства по MQTT' },
    mqttHint: {
      en: "The lab's MQTT broker takes a publish from the client whose id is the object's id: each base/state/<parameter> carries one value.",
      ru: 'MQTT-брокер лаборатории принимает публикации от клиента, чей ID равен ID объекта: каждая base/state/<параметр> несёт одно значение.',
    },
    mqttOff: { en: "The lab's MQTT broker is off (started without it).", ru: 'MQTT-брокер лаборатории выключен (запущен без него).' },
    mqttOnlyForMqtt: {
      en: (source: string) =>
        `This object takes its telemetry from: ${source}. Only an object with the source MQTT takes publishes; create one to use mosquitto_pub.`,
      ru: (source: string) =>
        `Этот объект получает телеметрию из источника: ${source}. Публикации принимает только объект с источником MQTT — создайте такой, чтобы работать через mosquitto_pub.`,
    } as Fn<[string]>,
    commandLabel: { en: 'Command line', ru: 'Команда' },
    lastMessage: {
      en: (topic: string, payload: string) => `last: ${topic} ← ${payload}`,
      ru: (topic: string, payload: string) => `последнее: ${topic} ← ${payload}`,
    } as Fn<[string, string]>,
    counts: {
      en: (telemetry: number, transitions: number, sent: number, failed: number) =>
        `${telemetry} telemetry · ${transitions} transitions · ${sent} mails sent · ${failed} failed`,
      ru: (telemetry: number, transitions: number, sent: number, failed: number) =>
        `телеметрия: ${telemetry} · переходов: ${transitions} · писем отправлено: ${sent} · не отправлено: ${failed}`,
    } as Fn<[number, number, number, number]>,
  },

  chart: {
    title: { en: 'Chart', ru: 'График' },
    label: { en: (name: string) => `Chart of ${name} over the object's time`, ru: (name: string) => `График параметра «${name}» по времени объекта` } as Fn<
      [string]
    >,
    none: { en: 'No numeric values yet: the chart appears with the first telemetry.', ru: 'Числовых значений пока нет: график появится с первой телеметрией.' },
    levels: { en: 'Model levels', ru: 'Уровни модели' },
    points: counted('point', 'points', 'точка', 'точки', 'точек'),
    latest: { en: (v: string) => `now ${v}`, ru: (v: string) => `сейчас ${v}` } as Fn<[string]>,
    time: { en: 'object time', ru: 'время объекта' },
  },

  log: {
    title: { en: 'Object log', ru: 'Журнал объекта' },
    label: { en: (id: string) => `Log of object ${id}, newest at the bottom`, ru: (id: string) => `Журнал объекта ${id}, новые записи внизу` } as Fn<[string]>,
    empty: { en: 'Nothing logged yet.', ru: 'Записей пока нет.' },
    dropped: { en: (n: string) => `${n} older entries not kept.`, ru: (n: string) => `Более ранние записи не сохранены: ${n}.` } as Fn<[string]>,
    follow: { en: 'Follow the newest', ru: 'К последним' },
  },

  operator: {
    title: { en: "Operator's messages", ru: 'Сообщения оператору' },
    hint: {
      en: "What the automatons' «Message to operator» actions said, as the platform's message panel shows it.",
      ru: 'То, что сказали действия «Сообщение оператору» автоматов, — как на панели сообщений платформы.',
    },
    none: { en: 'No messages yet.', ru: 'Сообщений пока нет.' },
    groupBy: { en: 'Group by', ru: 'Группировать' },
    groups: { text: { en: 'text', ru: 'по тексту' }, object: { en: 'object', ru: 'по объекту' } },
    sortBy: { en: 'Sort by', ru: 'Сортировать' },
    sorts: { time: { en: 'time', ru: 'по времени' }, importance: { en: 'importance', ru: 'по важности' } },
    count: counted('message', 'messages', 'сообщение', 'сообщения', 'сообщений'),
    unacknowledged: { en: (n: number) => `${n} not acknowledged`, ru: (n: number) => `не подтверждено: ${n}` } as Fn<[number]>,
    acknowledge: { en: 'Acknowledge', ru: 'Подтвердить' },
    acknowledgeAll: { en: 'Acknowledge all', ru: 'Подтвердить все' },
    acknowledged: { en: 'acknowledged', ru: 'подтверждено' },
    from: { en: (object: string, state: string) => `${object} · ${state}`, ru: (object: string, state: string) => `${object} · ${state}` } as Fn<
      [string, string]
    >,
    banner: {
      en: (n: number) => (n === 1 ? 'A critical message to the operator is not acknowledged.' : `${n} critical messages to the operator are not acknowledged.`),
      ru: (n: number) => (n === 1 ? 'Критическое сообщение оператору не подтверждено.' : `Критических сообщений оператору не подтверждено: ${n}.`),
    } as Fn<[number]>,
    show: { en: 'Show', ru: 'Показать' },
  },

  alerts: {
    title: { en: 'Alerts sent', ru: 'Отправленные оповещения' },
    hint: {
      en: 'Every alert attempt of the objects — «Send e-mail», SMS, Telegram, Discord — newest first.',
      ru: 'Каждая попытка оповещения объектов — «Отправить e-mail», SMS, Telegram, Discord, — новые сверху.',
    },
    none: { en: 'No alert yet.', ru: 'Оповещений пока нет.' },
    status: {
      sending: { en: 'sending', ru: 'отправляется' },
      sent: { en: 'sent', ru: 'отправлено' },
      failed: { en: 'failed', ru: 'не отправлено' },
    } satisfies Record<AlertStatus, Bilingual>,
    to: { en: 'To', ru: 'Кому' },
    noSubject: { en: '(no subject)', ru: '(без темы)' },
    reply: { en: "The server's reply", ru: 'Ответ сервера' },
    cause: { en: 'Why', ru: 'Причина' },
    fix: { en: 'What to do', ru: 'Что сделать' },
    portError: { en: (message: string) => `The sender failed: ${message}`, ru: (message: string) => `Отправитель не сработал: ${message}` } as Fn<[string]>,
    openMail: { en: 'Open the mail in Mailbox', ru: 'Открыть письмо во вкладке «Почта»' },
    openSession: { en: 'Open its SMTP session', ru: 'Открыть его SMTP-сессию' },
    notInLab: {
      en: "The target is not one of the lab's listeners: the mail is not in the lab's mailbox.",
      ru: 'Сервер — не приёмник лаборатории: письма нет в почте лаборатории.',
    },
  },
};
