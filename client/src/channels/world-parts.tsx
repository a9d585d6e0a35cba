// What the three world panels share: the page's store and one action at a time with its status
// line (busy, or the server's error in the page's language), the world's loading and error
// states, and a small labelled input.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useState } from 'preact/hooks';
import type { ChannelId } from '../../../lab/channels/channel-wire.js';
import { ApiError } from '../api/api-error.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import type { Bilingual } from '../i18n/bilingual.js';
import { sentence } from '../i18n/sentence.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { ChannelsApi } from './channels-api.js';
import { cm } from './channels-messages.js';
import type { ChannelsStore, WorldSlot } from './channels-store.js';

export const ChannelsContext = createContext<ChannelsStore | undefined>(undefined);

export function useChannels(): ChannelsStore {
  const store = useContext(ChannelsContext);
  if (!store) throw new Error('useChannels outside <ChannelsContext.Provider>');
  return store;
}

export interface WorldAction {
  busy: boolean;
  error: Bilingual | undefined;
  /** Field messages of the last refused call, by the request's field names. */
  fields: Record<string, Bilingual>;
  run<T>(work: (api: ChannelsApi) => Promise<T>): Promise<T | undefined>;
}

/** One call of a world panel at a time; the world is fetched again after it, whatever came of it. */
export function useWorldAction(channel: ChannelId): WorldAction {
  const store = useChannels();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Bilingual | undefined>(undefined);
  const [fields, setFields] = useState<Record<string, Bilingual>>({});
  return {
    busy,
    error,
    fields,
    async run(work) {
      if (busy) return undefined;
      setBusy(true);
      setError(undefined);
      setFields({});
      try {
        return await store.act(channel, work);
      } catch (err) {
        const api = err instanceof ApiError ? err : undefined;
        setFields(api?.fields ?? {});
        setError(api ? api.bilingual() : { ru: (err as Error).message, en: (err as Error).message });
        return undefined;
      } finally {
        setBusy(false);
      }
    },
  };
}

export function ActionStatus({ action }: { action: WorldAction }) {
  const { tr } = useI18n();
  return (
    <p class={`ch-status${action.error ? ' is-bad' : ''}`} role="status" data-testid="world-status">
      {action.busy ? tr(cm.busy) : action.error ? sentence(tr(action.error)) : ''}
    </p>
  );
}

export function WorldState<T>({ slot, children }: { slot: WorldSlot<T>; children: (view: T) => ComponentChildren }) {
  const { tr } = useI18n();
  if (slot.view) {
    return (
      <>
        {slot.status === 'error' && slot.error ? <p class="error small">{tr(cm.loadFailed)(tr(slot.error))}</p> : null}
        {children(slot.view)}
      </>
    );
  }
  if (slot.status === 'error') return <p class="error small">{tr(cm.loadFailed)(slot.error ? tr(slot.error) : '')}</p>;
  return <p class="muted small">{tr(cm.loading)}</p>;
}

export interface SmallFieldProps {
  id: string;
  label: string;
  value: string;
  onInput(value: string): void;
  placeholder?: string;
  hint?: string;
  error?: Bilingual | undefined;
  mono?: boolean;
}

export function SmallField({ id, label, value, onInput, placeholder, hint, error, mono }: SmallFieldProps) {
  const { tr } = useI18n();
  const described = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`ch-small-field${error ? ' has-error' : ''}`}>
      <label class="field-label" for={id}>
        {label}
      </label>
      <input
        id={id}
        class={`input${mono ? ' ch-mono' : ''}`}
        type="text"
        autocomplete="off"
        spellcheck={false}
        value={value}
        placeholder={placeholder}
        aria-invalid={Boolean(error)}
        aria-describedby={described}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
      />
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {sentence(tr(error))}
        </p>
      ) : null}
      {hint ? (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** «Удалить» with its confirmation, as every bot, chat, webhook, login and key of a world has it. */
export function RemoveButton({ testId, onConfirm }: { testId: string; onConfirm: () => void }) {
  const { tr } = useI18n();
  return (
    <ConfirmButton label={tr(cm.remove)} question={tr(cm.removeConfirm)} confirm={tr(cm.yes)} cancel={tr(cm.cancel)} testId={testId} onConfirm={onConfirm} />
  );
}
