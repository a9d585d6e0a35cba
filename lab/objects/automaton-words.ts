// An automaton export in words, for `smtp-lab automaton show`: its states with what they do on
// entry and exit, and its transitions with their event and condition («данные получены, если
// temperatureC > 99»), in the reader's language.
import type { Language } from '../../server/cli/kit/language.js';
import type { Action, Automaton, Importance, Model } from '../automaton/automaton-types.js';
import { CHANNEL_ACTION_TITLES, describeChannelTarget, describeTransition } from '../automaton/describe.js';
import { automatonParameters } from '../automaton/infer-parameters.js';

const W = {
  automaton: { en: 'Automaton', ru: 'Автомат' },
  states: { en: 'States', ru: 'Состояния' },
  transitions: { en: 'Transitions', ru: 'Переходы' },
  parameters: { en: 'Parameters', ru: 'Параметры' },
  onEnter: { en: 'on entry', ru: 'при входе' },
  onExit: { en: 'on exit', ru: 'при выходе' },
  nothing: { en: 'does nothing', ru: 'ничего не делает' },
  start: { en: 'start', ru: 'начало' },
  end: { en: 'end', ru: 'конец' },
  inferred: { en: 'inferred from the conditions', ru: 'выведен из условий' },
  id: { en: 'id', ru: 'ID' },
};

const IMPORTANCE: Record<Importance, { en: string; ru: string }> = {
  information: { en: 'information', ru: 'информация' },
  important: { en: 'important', ru: 'важное' },
  critical: { en: 'critical', ru: 'критическое' },
};

/** The platform's data types, in words; an unknown one is shown as the file has it. */
const DATA_TYPES: Record<string, { en: string; ru: string }> = {
  number: { en: 'number', ru: 'число' },
  string: { en: 'string', ru: 'строка' },
  boolean: { en: 'boolean', ru: 'логическое' },
};

/**
 * What the export itself says (names, descriptions, message texts) is quoted as it stands: the
 * platform's data, in whatever language its author wrote it. One line per item: a line break in
 * a text is shown as ⏎.
 */
function quoted(text: string, language: Language): string {
  const line = text.replace(/\r?\n/g, ' ⏎ ');
  return language === 'ru' ? `«${line}»` : `"${line}"`;
}

function actionText(action: Action, language: Language): string {
  const ru = language === 'ru';
  switch (action.kind) {
    case 'send-email':
      return `${ru ? 'Отправить e-mail' : 'Send e-mail'} → ${action.email.recipients} ${quoted(action.email.subject, language)}`;
    case 'send-sms':
    case 'send-telegram':
    case 'send-discord': {
      const { template } = action;
      const where = describeChannelTarget(action.channel, 'to' in template ? template.to : null)[language];
      const title = 'title' in template && template.title ? `${quoted(template.title, language)} ` : '';
      const mode = 'parseMode' in template && template.parseMode !== 'none' ? ` (${template.parseMode})` : '';
      return `${CHANNEL_ACTION_TITLES[action.channel][language]} → ${where}${mode}: ${title}${quoted(template.text, language)}`;
    }
    case 'push-message':
      return `${ru ? 'Сообщение оператору' : 'Message to operator'} (${IMPORTANCE[action.importance][language]}): ${quoted(action.body, language)}`;
    case 'timer-start':
      return `${ru ? 'таймер' : 'timer'} ${action.timer}: ${action.intervalSeconds} ${ru ? 'с' : 's'}`;
    case 'schedule-start':
      return `${ru ? 'расписание' : 'schedule'} ${action.timer}`;
    case 'change-value':
      return `${quoted(action.target, language)} := ${JSON.stringify(action.value)}`;
    case 'device-command':
      return `${ru ? 'команда устройству' : 'device command'} ${action.id}${action.name ? ` (${quoted(action.name, language)})` : ''}`;
  }
}

export function describeAutomaton(automaton: Automaton, model: Model | null, language: Language): string {
  const parameters = automatonParameters(automaton, model);
  const stateName = (id: string) => {
    const state = automaton.states.find((s) => s.id === id);
    if (!state) return id;
    if (state.type === 'init') return `(${W.start[language]})`;
    if (state.type === 'final') return `(${W.end[language]})`;
    return quoted(state.name || state.id, language);
  };
  const lines = [
    `${W.automaton[language]}: ${quoted(automaton.name, language)}${automaton.description ? ` — ${quoted(automaton.description, language)}` : ''}`,
    '',
    `${W.states[language]}:`,
  ];
  for (const state of automaton.states.filter((s) => s.type === 'state')) {
    lines.push(`  ${quoted(state.name || state.id, language)}  (${W.id[language]} ${quoted(state.id, language)})`);
    for (const [list, label] of [
      [state.onenter, W.onEnter[language]],
      [state.onexit, W.onExit[language]],
    ] as const) {
      if (list.length === 0) continue;
      lines.push(`    ${label}:`, ...list.map((action) => `      – ${actionText(action, language)}`));
    }
    if (state.onenter.length === 0 && state.onexit.length === 0) lines.push(`    ${W.nothing[language]}`);
  }
  lines.push('', `${W.transitions[language]}:`);
  for (const transition of automaton.transitions) {
    lines.push(`  ${stateName(transition.from)} → ${stateName(transition.to)}: ${describeTransition(transition, parameters)[language]}`);
  }
  lines.push('', `${W.parameters[language]}:`);
  for (const p of parameters) {
    const unit = p.unitText ? `, ${p.unitText}` : '';
    const type = DATA_TYPES[p.dataType]?.[language] ?? quoted(p.dataType, language);
    lines.push(
      `  ${p.id}${p.name && p.name !== p.id ? ` (${quoted(p.name, language)})` : ''}: ${type}${unit}${p.origin === 'inferred' ? ` — ${W.inferred[language]}` : ''}`,
    );
  }
  return lines.join('\n') + '\n';
}
