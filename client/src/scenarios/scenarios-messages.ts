// The Scenarios panel's and tab's own words, in both languages (a missing translation is a type
// error). The scenarios' titles, goals, instructions, hints and the reasons a step did not count
// come from the server in both languages (scenarios/*.yaml, lab/scenarios/check-*.ts).
import { counted, type Bilingual } from '../i18n/bilingual.js';
import type { StepMark } from './scenario-logic.js';

type Fn<A extends unknown[]> = Bilingual<(...args: A) => string>;

export const sm = {
  tab: { en: 'Scenarios', ru: 'Сценарии' },
  intro: {
    en: 'The practical work step by step. Each step checks itself against what the server recorded — sessions, mails, test e-mails, alerts — so there is nothing to tick by hand: do what the step says and watch it pass. The panel at the side stays with you on every tab.',
    ru: 'Практическая работа по шагам. Каждый шаг проверяет себя сам по тому, что записал сервер: сессиям, письмам, тестовым письмам, оповещениям, — отмечать «сделано» не нужно: выполните то, что сказано в шаге, и он засчитается. Панель сбоку остаётся с вами на любой вкладке.',
  },
  local: {
    en: 'You are not signed in: your progress is kept for this computer. The scenarios that need a lab account ask you to sign in.',
    ru: 'Вы не вошли: прогресс записывается для этого компьютера. Сценарии, которым нужна учётная запись лаборатории, попросят войти.',
  },
  signedIn: { en: 'Your progress is kept for the account', ru: 'Прогресс записывается для учётной записи' },
  signIn: { en: 'Sign in', ru: 'Войти' },
  hide: { en: 'Hide', ru: 'Скрыть' },
  report: { en: 'Printable report', ru: 'Отчёт для печати' },
  loading: { en: 'Loading…', ru: 'Загрузка…' },
  loadFailed: { en: (what: string) => `Could not load the scenarios: ${what}`, ru: (what: string) => `Не удалось загрузить сценарии: ${what}` } as Fn<[string]>,
  retry: { en: 'Try again', ru: 'Повторить' },
  busy: { en: 'Working…', ru: 'Выполняется…' },

  status: {
    'not-started': { en: 'not started', ru: 'не начат' },
    running: { en: (n: number, of: number) => `${n} of ${of} steps`, ru: (n: number, of: number) => `${n} из ${of} шагов` } as Fn<[number, number]>,
    completed: { en: 'completed', ru: 'пройден' },
  },
  startedAt: { en: (when: string) => `started ${when}`, ru: (when: string) => `начат ${when}` } as Fn<[string]>,
  completedAt: { en: (when: string) => `completed ${when}`, ru: (when: string) => `пройден ${when}` } as Fn<[string]>,
  steps: counted('step', 'steps', 'шаг', 'шага', 'шагов'),

  start: { en: 'Start', ru: 'Начать' },
  startAgain: { en: 'Start again', ru: 'Начать заново' },
  reset: { en: 'Reset', ru: 'Сбросить' },
  resetQuestion: {
    en: 'Forget this scenario’s progress and undo its setup?',
    ru: 'Забыть прогресс этого сценария и отменить его подготовку?',
  },
  yes: { en: 'Yes', ru: 'Да' },
  cancel: { en: 'Cancel', ru: 'Отмена' },
  showInPanel: { en: 'Show in the panel', ru: 'Показать в панели' },
  inPanel: { en: 'in the panel', ru: 'в панели' },

  goal: { en: 'Goal', ru: 'Цель' },
  handout: { en: 'Handout', ru: 'Методичка' },
  setup: { en: 'At the start', ru: 'При начале' },
  needs: {
    account: { en: 'needs a lab account', ru: 'нужна учётная запись лаборатории' },
    faults: { en: 'switches on fault rules for you:', ru: 'включает для вас правила сбоев:' },
    automaton: { en: 'puts an automaton in your library:', ru: 'кладёт в вашу библиотеку автомат:' },
    profile: { en: 'written for the lab started with the profile', ru: 'написан для лаборатории с профилем' },
  },

  mark: {
    passed: { en: 'passed', ru: 'выполнен' },
    failed: { en: 'did not count', ru: 'не засчитан' },
    pending: { en: 'not yet', ru: 'ещё не выполнен' },
    'not-started': { en: 'the scenario is not started', ru: 'сценарий не начат' },
  } satisfies Record<StepMark, Bilingual>,
  whatToDo: { en: 'What to do', ru: 'Что сделать' },
  reason: { en: 'Why it did not count', ru: 'Почему не засчитан' },
  hint: { en: (n: number, of: number) => `Hint ${n} of ${of}`, ru: (n: number, of: number) => `Подсказка ${n} из ${of}` } as Fn<[number, number]>,
  attempts: counted('attempt', 'attempts', 'попытка', 'попытки', 'попыток'),
  beforeStart: {
    en: 'Press Start: the steps count what the server records from then on.',
    ru: 'Нажмите «Начать»: шаги засчитываются по тому, что сервер запишет после начала.',
  },
  done: { en: 'Every step passed.', ru: 'Все шаги выполнены.' },
  next: { en: 'Next scenario', ru: 'Следующий сценарий' },
  needsAccount: {
    en: 'This scenario needs your lab account: sign in first.',
    ru: 'Этому сценарию нужна учётная запись лаборатории: сначала войдите.',
  },
  toLab: { en: 'Sign in on the Lab tab', ru: 'Войти на вкладке «Практикум»' },
  profile: {
    other: {
      en: (wanted: string, running: string) =>
        `This scenario is written for the profile “${wanted}”, and the lab runs “${running}”. Stop it (Ctrl+C) and start it again with that profile:`,
      ru: (wanted: string, running: string) =>
        `Этот сценарий написан для профиля «${wanted}», а лаборатория запущена с профилем «${running}». Остановите её (Ctrl+C) и запустите снова с нужным профилем:`,
    } as Fn<[string, string]>,
    none: {
      en: (wanted: string) => `This scenario is written for the profile “${wanted}”, and the lab runs no TLS port. Stop it (Ctrl+C) and start it again:`,
      ru: (wanted: string) => `Этот сценарий написан для профиля «${wanted}», а TLS-порты лаборатории выключены. Остановите её (Ctrl+C) и запустите снова:`,
    } as Fn<[string]>,
    or: { en: 'or', ru: 'или' },
  },

  panel: {
    label: { en: 'The scenario', ru: 'Сценарий' },
    open: { en: 'Open the scenario panel', ru: 'Открыть панель сценария' },
    close: { en: 'Collapse the scenario panel', ru: 'Свернуть панель сценария' },
    choose: { en: 'Scenario', ru: 'Сценарий' },
    all: { en: 'All scenarios', ru: 'Все сценарии' },
  },
};
