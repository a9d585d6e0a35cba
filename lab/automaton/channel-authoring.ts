// «Отправить SMS», «Отправить в Telegram», «Отправить в Discord» in a state, authored like
// «Отправить e-mail» (authoring.ts): add, edit and remove one in a state's onenter or onexit list,
// its fields checked with the rules the runner uses. The action ids and their arguments are the
// lab's own: the platform documents no such commands. Edits are pure and keep every other field
// of the file.
import type { Bilingual } from '../integration/integration-types.js';
import { CHANNEL_ACTION_IDS, channelOfAction } from './action-parse.js';
import { editActionList, noActionHere, noState, type ActionLocation, type EditFailure, type EditResult } from './authoring.js';
import type { AlertChannel, Automaton, ChannelAction, DiscordTemplate, SmsTemplate, TelegramTemplate } from './automaton-types.js';
import { CHAT_SAYS, checkChatId, checkPhone, hasPlaceholders, PHONE_SAYS, readParseMode, TELEGRAM_PARSE_MODES } from './channel-alerts.js';
import { CHANNEL_ACTION_TITLES } from './describe.js';
import type { AutomatonDocument } from './import-automaton.js';
import { own, type JsonObject } from './import-error.js';

export interface ChannelTemplates {
  sms: SmsTemplate;
  telegram: TelegramTemplate;
  discord: DiscordTemplate;
}
export type ChannelTemplate = ChannelTemplates[AlertChannel];
export type ChannelField = 'to' | 'text' | 'title' | 'parseMode';
/** What a form or the CLI gives: any of the channel's fields, as text. */
export type ChannelFields = Partial<Record<ChannelField, string>>;

/** The fields of each channel, in the form's order, and the argument id each is written as. */
export const CHANNEL_FIELDS: Record<AlertChannel, readonly ChannelField[]> = {
  sms: ['to', 'text'],
  telegram: ['text', 'to', 'parseMode'],
  discord: ['title', 'text'],
};
const ARG_ID: Record<ChannelField, string> = { to: 'to', text: 'text', title: 'title', parseMode: 'parse-mode' };
const PARSE_MODE_DATA_TYPE = `type:option, options:[${TELEGRAM_PARSE_MODES.join(',')}]`;

export type ChannelFieldCheck<C extends AlertChannel = AlertChannel> =
  { ok: true; value: ChannelTemplates[C] } | { ok: false; field: ChannelField; error: Bilingual };

const TEXT_EXPECTED: Bilingual = { ru: 'Ожидается текст', en: 'Text expected' };
const NO_TEXT: Bilingual = { ru: 'Введите текст оповещения', en: "Enter the alert's text" };
const CONTROL = /[\x00-\x1f\x7f]/;

/** Check a channel's fields the way the runner will use them; what passes is normalised (trimmed addresses). */
export function validateChannelFields<C extends AlertChannel>(channel: C, fields: ChannelFields): ChannelFieldCheck<C> {
  const input = (typeof fields === 'object' && fields !== null ? fields : {}) as Record<string, unknown>;
  for (const key of CHANNEL_FIELDS[channel]) {
    if (input[key] !== undefined && typeof input[key] !== 'string') return { ok: false, field: key, error: TEXT_EXPECTED };
  }
  const text = (key: ChannelField) => ((input[key] as string | undefined) ?? '').toString();
  if (text('text').trim() === '') return { ok: false, field: 'text', error: NO_TEXT };
  const checked = (value: ChannelTemplate): ChannelFieldCheck<C> => ({ ok: true, value: value as ChannelTemplates[C] });
  switch (channel as AlertChannel) {
    case 'sms': {
      const to = text('to').trim();
      const phone = hasPlaceholders(to) ? null : checkPhone(to);
      if (phone && !phone.ok) return { ok: false, field: 'to', error: PHONE_SAYS[phone.problem](to) };
      return checked({ to, text: text('text') });
    }
    case 'telegram': {
      const to = text('to').trim();
      const chat = hasPlaceholders(to) ? null : checkChatId(to);
      if (chat && !chat.ok) return { ok: false, field: 'to', error: CHAT_SAYS[chat.problem](to) };
      const parseMode = readParseMode(text('parseMode'));
      if (parseMode === undefined)
        return { ok: false, field: 'parseMode', error: { ru: 'Разметка: none, HTML или MarkdownV2', en: 'The markup: none, HTML or MarkdownV2' } };
      return checked({ text: text('text'), to, parseMode });
    }
    case 'discord': {
      const title = text('title');
      if (CONTROL.test(title))
        return {
          ok: false,
          field: 'title',
          error: { ru: 'Заголовок — в одну строку, без управляющих символов', en: 'The title is one line, without control characters' },
        };
      return checked({ text: text('text'), title });
    }
  }
}

/** The action as the lab writes it into the platform's file: `{ id, name, args: { <id>: { id, dataType, value } } }`. */
export function channelAction(channel: AlertChannel, template: ChannelTemplate): JsonObject {
  const values = template as unknown as Record<ChannelField, string>;
  const args = Object.fromEntries(
    CHANNEL_FIELDS[channel].map((field) => {
      const id = ARG_ID[field];
      return [id, { id, dataType: field === 'parseMode' ? PARSE_MODE_DATA_TYPE : 'text', value: values[field] }];
    }),
  );
  return { id: CHANNEL_ACTION_IDS[channel], name: CHANNEL_ACTION_TITLES[channel].ru, args };
}

export type ChannelActionPlace = ActionLocation & { action: ChannelAction };

/** Every channel action of the automaton (all three, or one channel's), where it is and what it holds. */
export function channelActions(automaton: Automaton, channel?: AlertChannel): ChannelActionPlace[] {
  const found: ChannelActionPlace[] = [];
  for (const state of automaton.states) {
    for (const list of ['onenter', 'onexit'] as const) {
      state[list].forEach((action, index) => {
        if ('channel' in action && (channel === undefined || action.channel === channel)) found.push({ stateId: state.id, list, index, action });
      });
    }
  }
  return found;
}

export type ChannelEditResult = EditResult<ChannelField>;

/** Add a channel action at `index` of the list (default: at its end). */
export function addChannelAlert(
  document: AutomatonDocument,
  target: { stateId: string; list: ActionLocation['list']; index?: number },
  channel: AlertChannel,
  fields: ChannelFields,
): ChannelEditResult {
  const checked = validateChannelFields(channel, fields);
  if (!checked.ok) return checked;
  return editActionList<ChannelField>(document, target.stateId, target.list, (actions) => {
    const index = target.index === undefined ? actions.length : Math.max(0, Math.min(actions.length, Math.trunc(target.index)));
    actions.splice(index, 0, channelAction(channel, checked.value));
    return index;
  });
}

const rawChannel = (v: unknown): AlertChannel | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? channelOfAction(String(own(v as JsonObject, 'id'))) : undefined;

/** The channel action at `location`, or why there is none. */
function existing(document: AutomatonDocument, location: ActionLocation): ChannelAction | EditFailure<never> {
  const state = document.automaton.states.find((s) => s.id === location.stateId);
  if (!state) return noState(location.stateId);
  const action = state[location.list][location.index];
  if (!action || !('channel' in action)) return noActionHere({ ru: 'Отправить SMS, в Telegram или в Discord', en: 'Send SMS, to Telegram or to Discord' });
  return action;
}

/** Change some fields of the channel action at `location` (its channel stays); an argument the file already has keeps its dataType. */
export function updateChannelAlert(document: AutomatonDocument, location: ActionLocation, changes: ChannelFields): ChannelEditResult {
  const current = existing(document, location);
  if ('ok' in current) return current;
  const channel = current.channel;
  const checked = validateChannelFields(channel, { ...(current.template as unknown as ChannelFields), ...changes });
  if (!checked.ok) return checked;
  return editActionList<ChannelField>(document, location.stateId, location.list, (actions) => {
    const raw = actions[location.index] as JsonObject;
    if (rawChannel(raw) !== channel) return noActionHere(CHANNEL_ACTION_TITLES[channel]);
    const argsRaw = own(raw, 'args');
    const args: JsonObject = typeof argsRaw === 'object' && argsRaw !== null && !Array.isArray(argsRaw) ? (argsRaw as JsonObject) : {};
    const fresh = own(channelAction(channel, checked.value), 'args') as JsonObject;
    for (const [key, value] of Object.entries(fresh)) {
      const old = own(args, key);
      args[key] = typeof old === 'object' && old !== null && !Array.isArray(old) ? { ...old, value: (value as JsonObject).value } : value;
    }
    raw.args = args;
    return location.index;
  });
}

export function removeChannelAlert(document: AutomatonDocument, location: ActionLocation): ChannelEditResult {
  const current = existing(document, location);
  if ('ok' in current) return current;
  return editActionList<ChannelField>(document, location.stateId, location.list, (actions) => {
    if (rawChannel(actions[location.index]) !== current.channel) return noActionHere(CHANNEL_ACTION_TITLES[current.channel]);
    actions.splice(location.index, 1);
    return location.index;
  });
}
