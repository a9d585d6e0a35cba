// The channel alert form as data: which channel, where in the automaton, and that channel's
// fields — checked with the server's own rules and messages (lab/automaton/channel-authoring.ts
// validateChannelFields), the server's messages per field placed at the form's fields.
import type { ActionList, AlertChannel, Automaton, ChannelAction, TelegramParseMode } from '../../../lab/automaton/automaton-types.js';
import {
  CHANNEL_FIELDS,
  validateChannelFields,
  type ChannelField,
  type ChannelFields,
  type ChannelTemplate,
} from '../../../lab/automaton/channel-authoring.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { zm } from './automaton-messages.js';
import { actionStates } from './email-draft.js';

export interface ChannelDraft {
  channel: AlertChannel;
  stateId: string;
  list: ActionList;
  to: string;
  text: string;
  title: string;
  parseMode: TelegramParseMode;
}

export type ChannelDraftField = 'channel' | 'stateId' | 'list' | ChannelField;
export type ChannelDraftErrors = Partial<Record<ChannelDraftField, Bilingual>>;

/** The form's order for a channel: the first wrong field gets the focus. */
export const channelDraftOrder = (channel: AlertChannel): readonly ChannelDraftField[] => ['channel', 'stateId', 'list', ...CHANNEL_FIELDS[channel]];

export function emptyChannelDraft(automaton: Automaton | undefined, stateId?: string, channel: AlertChannel = 'telegram'): ChannelDraft {
  const states = automaton ? actionStates(automaton) : [];
  const chosen = states.find((s) => s.id === stateId) ?? states[0];
  return { channel, stateId: chosen?.id ?? '', list: 'onenter', to: '', text: '', title: '', parseMode: 'none' };
}

export function draftFromChannelAction(at: { stateId: string; list: ActionList }, action: ChannelAction): ChannelDraft {
  const template = action.template as Partial<ChannelDraft>;
  return { ...emptyChannelDraft(undefined, undefined, action.channel), ...template, channel: action.channel, stateId: at.stateId, list: at.list };
}

/** Only the chosen channel's fields: what the server takes for it. */
export function channelDraftFields(draft: ChannelDraft): ChannelFields {
  return Object.fromEntries(CHANNEL_FIELDS[draft.channel].map((field) => [field, draft[field]]));
}

/** The form checked as the server will check it; the normalised fields when it passes. */
export function checkChannelDraft(draft: ChannelDraft): { ok: true; fields: ChannelTemplate } | { ok: false; errors: ChannelDraftErrors } {
  if (!draft.stateId) return { ok: false, errors: { stateId: zm.email.noStates } };
  const checked = validateChannelFields(draft.channel, channelDraftFields(draft));
  if (!checked.ok) return { ok: false, errors: { [checked.field]: checked.error } };
  return { ok: true, fields: checked.value };
}

const DRAFT_FIELDS: readonly ChannelDraftField[] = ['channel', 'stateId', 'list', 'to', 'text', 'title', 'parseMode'];

/** The server's messages per field, at the form's fields (`state`/`stateId`, `fields.to`, …). */
export function placeChannelServerErrors(fields: Readonly<Record<string, Bilingual>>): { errors: ChannelDraftErrors; rest: Bilingual[] } {
  const errors: ChannelDraftErrors = {};
  const rest: Bilingual[] = [];
  for (const [key, text] of Object.entries(fields)) {
    const name = key.replace(/^fields\./, '');
    const field = name === 'state' ? 'stateId' : (DRAFT_FIELDS as readonly string[]).includes(name) ? (name as ChannelDraftField) : undefined;
    if (field) errors[field] = text;
    else rest.push(text);
  }
  return { errors, rest };
}
