// The integration form of a channel as the server describes it (its `fields`): what the form
// holds (every value as typed, each secret empty — it is write-only), what Save sends (a secret
// only when one was typed: an empty one keeps the saved one), what a preset fills in, and where
// each of the server's field messages goes.
import type { ChannelField, ChannelIntegrationView, ChannelPreset } from '../../../lab/channels/channel-wire.js';
import type { Bilingual } from '../i18n/bilingual.js';

/** A field of a channel's form, as GET /api/lab/channels sends it. */
export type ChannelFieldView = ChannelField;

export type FormDraft = Record<string, string>;

/** What is saved; with nothing saved, the lab's preset filled in (the form's select already shows it first). */
export function draftFromView(fields: readonly ChannelFieldView[], view: ChannelIntegrationView | null, presets: readonly ChannelPreset[] = []): FormDraft {
  const draft: FormDraft = {};
  for (const field of fields) {
    const value = field.secret ? undefined : view?.values[field.name];
    draft[field.name] = value === undefined ? (field.kind === 'select' ? (field.options?.[0]?.value ?? '') : '') : String(value);
  }
  const lab = view ? undefined : presets.find((p) => !p.real);
  return lab ? applyPreset(fields, draft, lab) : draft;
}

/** What Save sends: numbers as numbers when they are numbers (else as typed, for the server to name), secrets only when typed. */
export function inputFromDraft(fields: readonly ChannelFieldView[], draft: FormDraft): Record<string, string | number> {
  const input: Record<string, string | number> = {};
  for (const field of fields) {
    const raw = draft[field.name] ?? '';
    if (field.secret && raw === '') continue;
    const value = field.secret ? raw : raw.trim();
    input[field.name] = field.kind === 'number' && /^-?\d+(?:\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return input;
}

/** The preset's values over the form's; a preset names only addresses, never a credential. */
export function applyPreset(fields: readonly ChannelFieldView[], draft: FormDraft, preset: ChannelPreset): FormDraft {
  const next = { ...draft };
  for (const field of fields) {
    const value = preset.values[field.name];
    if (value !== undefined && !field.secret) next[field.name] = String(value);
  }
  return next;
}

/** The form holds what this preset fills in. */
export function presetMatches(fields: readonly ChannelFieldView[], draft: FormDraft, preset: ChannelPreset): boolean {
  const named = fields.filter((f) => !f.secret && preset.values[f.name] !== undefined);
  return named.length > 0 && named.every((f) => (draft[f.name] ?? '').trim() === String(preset.values[f.name]));
}

/** The form differs from what is saved: a typed secret, or another value. */
export function isDirty(fields: readonly ChannelFieldView[], draft: FormDraft, view: ChannelIntegrationView | null): boolean {
  const saved = draftFromView(fields, view);
  return fields.some((f) => (f.secret ? (draft[f.name] ?? '') !== '' : (draft[f.name] ?? '').trim() !== (saved[f.name] ?? '').trim()));
}

export interface PlacedErrors {
  at: Record<string, Bilingual>;
  /** Messages about no field shown (the settings as a whole), so none is lost. */
  elsewhere: Array<{ name: string; text: Bilingual }>;
}

export function placeErrors(errors: Readonly<Record<string, Bilingual>>, shown: readonly string[]): PlacedErrors {
  const placed: PlacedErrors = { at: {}, elsewhere: [] };
  for (const [name, text] of Object.entries(errors)) {
    if (shown.includes(name)) placed.at[name] = text;
    else placed.elsewhere.push({ name, text });
  }
  return placed;
}

/** The form's controls' ids: one page holds the three channels' forms (one shown at a time). */
export const fieldDomId = (channel: string, name: string): string => `ch-${channel}-${name}`;
export const testFieldDomId = (channel: string, name: string): string => `ch-${channel}-test-${name}`;
