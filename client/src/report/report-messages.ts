// The report page's own words, in both languages. The scenarios' and steps' titles, the hints
// and the reasons come from the server in both (GET /api/lab/scenarios/report).
import { counted, type Bilingual } from '../i18n/bilingual.js';

type Fn<A extends unknown[]> = Bilingual<(...args: A) => string>;

export const rm = {
  label: { en: 'Report', ru: 'Отчёт' },
  title: { en: 'Lab scenarios: report', ru: 'Сценарии лаборатории: отчёт' },
  documentTitle: {
    en: (student: string, day: string) => `Scenarios report — ${student} — ${day}`,
    ru: (student: string, day: string) => `Отчёт по сценариям — ${student} — ${day}`,
  } as Fn<[string, string]>,
  student: { en: 'Student', ru: 'Студент' },
  local: { en: '(not signed in: this computer)', ru: '(без входа: этот компьютер)' },
  thisComputer: { en: 'this computer', ru: 'этот компьютер' },
  date: { en: 'Date', ru: 'Дата' },
  total: { en: 'Result', ru: 'Итог' },
  completed: {
    en: (done: number, total: number) => `${done} of ${total} scenarios completed`,
    ru: (done: number, total: number) => `пройдено сценариев: ${done} из ${total}`,
  } as Fn<[number, number]>,
  summary: { en: 'Summary', ru: 'Сводка' },
  col: {
    n: { en: 'No.', ru: '№' },
    scenario: { en: 'Scenario', ru: 'Сценарий' },
    state: { en: 'State', ru: 'Состояние' },
    steps: { en: 'Steps', ru: 'Шаги' },
    started: { en: 'Started', ru: 'Начат' },
    completed: { en: 'Completed', ru: 'Завершён' },
    step: { en: 'Step', ru: 'Шаг' },
    passedAt: { en: 'Passed', ru: 'Выполнен' },
    attempts: { en: 'Attempts', ru: 'Попыток' },
    hints: { en: 'Hints shown', ru: 'Показанные подсказки' },
  },
  state: {
    'not-started': { en: 'not started', ru: 'не начат' },
    running: { en: 'in progress', ru: 'выполняется' },
    completed: { en: 'completed', ru: 'пройден' },
  },
  stepsList: { en: 'Its steps:', ru: 'Его шаги:' },
  of: { en: (n: number, total: number) => `${n} of ${total}`, ru: (n: number, total: number) => `${n} из ${total}` } as Fn<[number, number]>,
  notStarted: { en: 'Not started.', ru: 'Не начат.' },
  when: {
    en: (started: string, completed: string | undefined) => (completed ? `Started ${started}, completed ${completed}.` : `Started ${started}, not completed.`),
    ru: (started: string, completed: string | undefined) => (completed ? `Начат ${started}, завершён ${completed}.` : `Начат ${started}, не завершён.`),
  } as Fn<[string, string | undefined]>,
  lastReason: { en: 'Last try:', ru: 'Последняя попытка:' },
  hints: counted('hint', 'hints', 'подсказка', 'подсказки', 'подсказок'),
  none: { en: '—', ru: '—' },
  print: { en: 'Print', ru: 'Печать' },
  download: { en: 'Download JSON', ru: 'Скачать JSON' },
  refresh: { en: 'Refresh', ru: 'Обновить' },
  back: { en: '← Back to the scenarios', ru: '← К сценариям' },
  language: { en: 'Language', ru: 'Язык' },
  loading: { en: 'Loading…', ru: 'Загрузка…' },
  loadFailed: { en: (what: string) => `Could not load the report: ${what}`, ru: (what: string) => `Не удалось загрузить отчёт: ${what}` } as Fn<[string]>,
};
