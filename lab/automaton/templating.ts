// The lab's own addition to «Отправить e-mail» and to its SMS, Telegram and Discord commands:
// `{{param}}` in a subject, text, title or HTML is replaced by the object's current value of that
// parameter (with the model's unit: `101 °C`), and `{{object}}`, `{{state}}`, `{{time}}` by the
// object id, the state's name and the clock's time (ISO 8601). A placeholder with nothing to put
// in (an unknown name, a parameter with no value yet) stays as written, so the author sees in the
// message what did not fill in.
import type { Parameter, ParameterValue } from './automaton-types.js';
import { formatValue } from './units.js';

export interface TemplateContext {
  values: ReadonlyMap<string, ParameterValue>;
  parameters?: readonly Parameter[];
  objectId: string;
  stateName: string;
  timeMs: number;
}

export const RESERVED_PLACEHOLDERS = ['object', 'state', 'time'] as const;

// A fresh expression per use: a shared /g expression carries lastIndex between callers.
const placeholder = () => /\{\{\s*([^{}\s]+)\s*\}\}/g;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/**
 * Fill in the placeholders. In HTML (`html: true`) the values are escaped: a device reporting
 * `<script>` must not write markup into the operator's mail. `escape` does the same for another
 * markup (a Telegram text in MarkdownV2); it wins over `html`.
 */
export function renderTemplate(template: string, context: TemplateContext, options: { html?: boolean; escape?: (text: string) => string } = {}): string {
  const escape = options.escape ?? (options.html ? escapeHtml : undefined);
  const units = new Map((context.parameters ?? []).map((p) => [p.id, p.unit]));
  const value = (name: string): string | undefined => {
    // The three names are the lab's own; a parameter called "state" is still reachable in conditions.
    if (name === 'object') return context.objectId;
    if (name === 'state') return context.stateName;
    if (name === 'time') return Number.isFinite(context.timeMs) ? new Date(context.timeMs).toISOString() : undefined;
    const v = context.values.get(name);
    return v === undefined ? undefined : formatValue(v, units.get(name));
  };
  return template.replace(placeholder(), (whole, name: string) => {
    const text = value(name);
    if (text === undefined) return whole;
    return escape ? escape(text) : text;
  });
}

/** The placeholders a template uses, in order, each once. */
export function templatePlaceholders(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(placeholder())) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}
