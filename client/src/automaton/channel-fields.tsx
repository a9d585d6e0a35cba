// One field of the channel alert form, as the chosen channel has it: the phone number (SMS) or
// another chat (Telegram), the text, the title (Discord), the markup (Telegram). The form owns
// the draft; a text field says when it has the focus, so a placeholder chip goes where the
// author was typing.
import type { TelegramParseMode } from '../../../lab/automaton/automaton-types.js';
import { TELEGRAM_PARSE_MODES } from '../../../lab/automaton/channel-alerts.js';
import type { ChannelField } from '../../../lab/automaton/channel-authoring.js';
import { useI18n } from '../i18n/use-i18n.js';
import { FormField, type ControlProps } from '../lab/form-field.js';
import { zm } from './automaton-messages.js';
import type { ChannelDraft } from './channel-draft.js';
import { zc } from './channel-messages.js';

export const channelFieldId = (field: string) => `z-channel-${field}`;
export type ChannelTextField = 'to' | 'text' | 'title';

export interface ChannelFieldInputProps {
  name: ChannelField;
  draft: ChannelDraft;
  error: string | undefined;
  set<K extends keyof ChannelDraft>(key: K, value: ChannelDraft[K]): void;
  onTextFocus(field: ChannelTextField): void;
}

export function ChannelFieldInput({ name, draft, error, set, onTextFocus }: ChannelFieldInputProps) {
  const { tr } = useI18n();
  const idOf = channelFieldId;
  const textControl =
    (field: ChannelTextField, options: { rows?: number; phone?: boolean } = {}) =>
    (aria: ControlProps) =>
      options.rows ? (
        <textarea
          {...aria}
          class="input"
          rows={options.rows}
          value={draft[field]}
          onFocus={() => onTextFocus(field)}
          onInput={(e) => set(field, (e.currentTarget as HTMLTextAreaElement).value)}
        />
      ) : (
        <input
          {...aria}
          class="input"
          type="text"
          autocomplete="off"
          spellcheck={!options.phone && field !== 'to'}
          {...(options.phone ? { inputMode: 'tel' as const, placeholder: '+7 925 507-06-02' } : {})}
          value={draft[field]}
          onFocus={() => onTextFocus(field)}
          onInput={(e) => set(field, (e.currentTarget as HTMLInputElement).value)}
        />
      );

  switch (name) {
    case 'to':
      return draft.channel === 'sms' ? (
        <FormField id={idOf('to')} name="to" label={tr(zc.phone)} error={error} hint={tr(zc.phoneHint)} control={textControl('to', { phone: true })} />
      ) : (
        <FormField id={idOf('to')} name="to" label={tr(zc.chat)} aside={tr(zm.optional)} error={error} hint={tr(zc.chatHint)} control={textControl('to')} />
      );
    case 'text':
      return (
        <FormField
          id={idOf('text')}
          name="text"
          label={tr(zc.text)}
          error={error}
          hint={draft.channel === 'sms' ? tr(zc.smsTextHint) : undefined}
          control={textControl('text', { rows: 3 })}
        />
      );
    case 'title':
      return (
        <FormField
          id={idOf('title')}
          name="title"
          label={tr(zc.titleField)}
          aside={tr(zm.optional)}
          error={error}
          hint={tr(zc.titleHint)}
          control={textControl('title')}
        />
      );
    case 'parseMode':
      return (
        <FormField
          id={idOf('parseMode')}
          name="parseMode"
          label={tr(zc.parseMode)}
          error={error}
          hint={tr(zc.parseModeHint)}
          control={(aria) => (
            <select
              {...aria}
              class="input"
              value={draft.parseMode}
              onChange={(e) => set('parseMode', (e.currentTarget as HTMLSelectElement).value as TelegramParseMode)}
            >
              {TELEGRAM_PARSE_MODES.map((mode) => (
                <option value={mode} key={mode}>
                  {tr(zc.parseModes[mode])}
                </option>
              ))}
            </select>
          )}
        />
      );
  }
}
