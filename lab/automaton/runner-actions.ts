// What an action sends, built from the action and the object's current state: the mail of
// «Отправить e-mail» (templates filled in, HTML decoded, addresses checked), the operator's
// message, the device command with the model's publish. And the port call itself, which
// must never throw into the run, whatever the port does.
import type { Bilingual } from '../integration/integration-types.js';
import { isEmailAddress } from '../integration/validation.js';
import type { Action, ModelCommand, Parameter, ParameterValue, State } from './automaton-types.js';
import { decodeHtmlBody } from './html-encoding.js';
import type { AutomatonMail, DeviceCommand } from './runner-events.js';
import { renderTemplate } from './templating.js';

export interface ActionContext {
  objectId: string;
  state: State;
  values: ReadonlyMap<string, ParameterValue>;
  parameters: readonly Parameter[];
  timeMs: number;
}

export type RecipientCheck = { ok: true; addresses: string[] } | { ok: false; error: Bilingual };

/** One address or several separated by commas, as the platform's recipients field takes them. */
export function validateRecipients(value: string): RecipientCheck {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length === 1 && parts[0] === '') {
    return {
      ok: false,
      error: {
        ru: 'Укажите получателя: адрес вида имя@домен (несколько — через запятую)',
        en: 'Enter a recipient: an address like name@domain (several separated by commas)',
      },
    };
  }
  const empty = parts.findIndex((p) => p === '');
  if (empty >= 0) {
    return {
      ok: false,
      error: {
        ru: `Лишняя запятая: адрес №${empty + 1} пуст; адреса разделяются одной запятой`,
        en: `A stray comma: address no. ${empty + 1} is empty; separate addresses with one comma`,
      },
    };
  }
  const bad = parts.find((p) => !isEmailAddress(p));
  if (bad !== undefined) {
    const hint = /\s/.test(bad)
      ? { ru: ' (адреса разделяются запятой, не пробелом)', en: ' (separate addresses with a comma, not a space)' }
      : { ru: '', en: '' };
    return {
      ok: false,
      error: { ru: `«${bad}» — не адрес e-mail: ожидается имя@домен${hint.ru}`, en: `"${bad}" is not an e-mail address: expected name@domain${hint.en}` },
    };
  }
  return { ok: true, addresses: parts };
}

export function validateSender(value: string): { ok: true; sender: string | null } | { ok: false; error: Bilingual } {
  const sender = value.trim();
  if (sender === '') return { ok: true, sender: null };
  if (isEmailAddress(sender)) return { ok: true, sender };
  return {
    ok: false,
    error: {
      ru: `«${sender}» — не адрес отправителя: ожидается имя@домен или пустое поле (тогда из интеграции SMTP)`,
      en: `"${sender}" is not a sender address: expected name@domain, or empty (then the SMTP integration's)`,
    },
  };
}

export type MailBuild = { ok: true; mail: AutomatonMail; warning: Bilingual | null } | { ok: false; code: 'invalid-address'; error: Bilingual };

export function buildMail(action: Extract<Action, { kind: 'send-email' }>, ctx: ActionContext): MailBuild {
  const email = action.email;
  const template = { values: ctx.values, parameters: ctx.parameters, objectId: ctx.objectId, stateName: ctx.state.name, timeMs: ctx.timeMs };
  const recipients = validateRecipients(email.recipients);
  if (!recipients.ok) return { ok: false, code: 'invalid-address', error: recipients.error };
  const sender = validateSender(email.sender);
  if (!sender.ok) return { ok: false, code: 'invalid-address', error: sender.error };
  let html: string | null = null;
  let warning: Bilingual | null = null;
  if (email.html !== '') {
    const decoded = decodeHtmlBody(email.html, email.encoding);
    // An alert that arrives without its HTML part is better than one that does not arrive.
    if (decoded.ok) html = renderTemplate(decoded.html, template, { html: true });
    else warning = { ru: `${decoded.error.ru}; письмо отправлено без HTML`, en: `${decoded.error.en}; the mail is sent without its HTML` };
  }
  return {
    ok: true,
    warning,
    mail: {
      objectId: ctx.objectId,
      stateId: ctx.state.id,
      stateName: ctx.state.name,
      from: sender.sender,
      to: recipients.addresses,
      subject: renderTemplate(email.subject, template).replace(/[\r\n]+/g, ' '),
      text: renderTemplate(email.text, template),
      html,
    },
  };
}

export function buildDeviceCommand(action: Action, ctx: ActionContext, commands: ReadonlyMap<string, ModelCommand>): DeviceCommand {
  return {
    objectId: ctx.objectId,
    stateId: ctx.state.id,
    id: action.id,
    name: action.name,
    args: Object.fromEntries(Object.entries(action.args).map(([k, a]) => [k, a.value])),
    modelCommand: commands.get(action.id) ?? null,
  };
}

export const isValue = (v: unknown): v is ParameterValue => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

/** Telemetry as it may arrive over a WebSocket: the usable values, and a message per refused one. */
export function readTelemetry(input: unknown): { accepted: [string, ParameterValue][]; refused: Bilingual[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { accepted: [], refused: [{ ru: 'Телеметрия — объект { параметр: значение }', en: 'Telemetry is an object { parameter: value }' }] };
  }
  const accepted: [string, ParameterValue][] = [];
  const refused: Bilingual[] = [];
  for (const [name, value] of Object.entries(input)) {
    if (isValue(value)) accepted.push([name, value]);
    else
      refused.push({ ru: `Значение параметра ${name} — не число, строка или true/false`, en: `The value of ${name} is not a number, a string or true/false` });
  }
  return { accepted, refused };
}

/** JSON-safe copy of whatever a port answered (it travels in the event stream). */
export function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : (JSON.parse(text) as unknown);
  } catch {
    return String(value);
  }
}

export function errorInfo(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  let message: string;
  try {
    message = typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  } catch {
    message = String(error);
  }
  return { name: 'Error', message };
}

export type PortSettled = { ok: boolean; outcome: unknown; error: { name: string; message: string } | null };

/**
 * Call a port and report how it went, once: at once for a plain answer or a throw, later for a
 * promise. Returns the promise to wait for, if any. `ok` is the answer's own `ok` when it has one.
 */
export function callPort<T>(call: () => T, settled: (result: PortSettled) => void): Promise<void> | null {
  const answered = (value: unknown) => {
    const own = typeof value === 'object' && value !== null && 'ok' in value ? (value as { ok: unknown }).ok : undefined;
    settled({ ok: own === undefined ? true : own === true, outcome: toJson(value), error: null });
  };
  const failed = (error: unknown) => settled({ ok: false, outcome: null, error: errorInfo(error) });
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    failed(error);
    return null;
  }
  if (typeof result === 'object' && result !== null && typeof (result as { then?: unknown }).then === 'function') {
    return Promise.resolve(result as PromiseLike<unknown>)
      .then(answered, failed)
      .catch(() => undefined);
  }
  answered(result);
  return null;
}
