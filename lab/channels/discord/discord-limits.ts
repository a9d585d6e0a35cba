// An execute-webhook body checked as Discord checks it (discord-api-docs, Webhook → Execute Webhook,
// and Channel → Embed Limits): the types and lengths first — 400 "Invalid Form Body" (50035) with
// an error per field —, then whether anything is left to show — 400 "Cannot send an empty
// message" (50006). Lengths count code points (Discord's API runs on Python, whose len() does).
// The wording of each error is Discord's as reports quote it; the ones marked (inferred) were not
// seen in a report. No Node imports: the driver and the browser may check a body before sending.
import type { DiscordEmbed } from '../channel-wire.js';

export const DISCORD_LIMITS = {
  content: 2000,
  username: 80,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** title + description + field names and values + footer text + author name, over all embeds. */
  embedTotal: 6000,
  color: 0xffffff,
} as const;

export interface DiscordFieldError {
  code: string;
  message: string;
}

/** API v8 and later: `{ "content": { "_errors": [...] }, "embeds": { "0": { "title": { "_errors": [...] } } } }`. */
export interface DiscordErrorTree {
  _errors?: DiscordFieldError[];
  [key: string]: DiscordErrorTree | DiscordFieldError[] | undefined;
}

export type DiscordErrorBody =
  | { message: string; code: number; errors?: DiscordErrorTree; retry_after?: number; global?: boolean }
  /** API v6 (what an unversioned /api/webhooks/… URL speaks): `{ "content": ["Must be …"], "embeds": ["0"] }`. */
  | Record<string, string[]>;

/** v8 changed the form errors (its changelog: "Form body errors have been improved"); an unversioned URL still gets v6's. */
export type FormErrorStyle = 'current' | 'legacy';

export interface FormProblem {
  path: Array<string | number>;
  error: DiscordFieldError;
}

export interface AcceptedWebhookMessage {
  content: string;
  embeds: DiscordEmbed[];
  username: string | null;
  avatarUrl: string | null;
  tts: boolean;
}

export type ExecuteCheck = { ok: true; message: AcceptedWebhookMessage } | { ok: false; status: 400; body: DiscordErrorBody; problems: FormProblem[] };

export const EMPTY_MESSAGE = { message: 'Cannot send an empty message', code: 50006 } as const;
export const INVALID_FORM_BODY = { message: 'Invalid Form Body', code: 50035 } as const;

/** A value as Python prints it, the way Discord quotes a wrong value ("Could not interpret "[]" as string."). */
export function pythonRepr(value: unknown, nested = false): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return nested ? `'${value}'` : value;
  if (Array.isArray(value)) return `[${value.map((v) => pythonRepr(v, true)).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `'${k}': ${pythonRepr(v, true)}`)
      .join(', ')}}`;
  }
  return String(value);
}

export const FIELD_ERRORS = {
  maxLength: (n: number): DiscordFieldError => ({ code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${n} or fewer in length.` }),
  badLength: (min: number, max: number): DiscordFieldError => ({ code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${min} and ${max} in length.` }),
  required: (): DiscordFieldError => ({ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }),
  string: (v: unknown): DiscordFieldError => ({ code: 'BASE_TYPE_STRING', message: `Could not interpret "${pythonRepr(v)}" as string.` }),
  int: (v: unknown): DiscordFieldError => ({ code: 'NUMBER_TYPE_COERCE', message: `Value "${pythonRepr(v)}" is not int.` }),
  /** (inferred) */
  intMax: (n: number): DiscordFieldError => ({ code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${n}.` }),
  /** (inferred) */
  boolean: (): DiscordFieldError => ({ code: 'BOOLEAN_TYPE_CONVERT', message: 'Must be either true or false.' }),
  /** (inferred) */
  list: (): DiscordFieldError => ({ code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' }),
  dict: (): DiscordFieldError => ({ code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }),
  /** (inferred) */
  url: (): DiscordFieldError => ({ code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' }),
  embedSize: (): DiscordFieldError => ({ code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${DISCORD_LIMITS.embedTotal}` }),
  usernameContains: (word: string): DiscordFieldError => ({ code: 'USERNAME_INVALID_CONTAINS', message: `Username cannot contain "${word}"` }),
  usernameIs: (word: string): DiscordFieldError => ({ code: 'USERNAME_INVALID', message: `Username cannot be "${word}"` }),
  snowflake: (v: unknown): DiscordFieldError => ({ code: 'NUMBER_TYPE_COERCE', message: `Value "${pythonRepr(v)}" is not snowflake.` }),
};

/** Webhook names follow Discord's username rules: these substrings and names are refused (User → Usernames and Nicknames). */
const FORBIDDEN_SUBSTRINGS = ['discord', 'clyde'];
const FORBIDDEN_NAMES = ['everyone', 'here'];

const length = (text: string) => [...text].length;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** JSON null is an absent optional field to Discord. */
const present = (v: unknown) => v !== undefined && v !== null;

/** A webhook's name or a message's username as Discord checks it; null when it is fine. */
export function usernameProblem(name: string): DiscordFieldError | null {
  if (length(name) < 1 || length(name) > DISCORD_LIMITS.username) return FIELD_ERRORS.badLength(1, DISCORD_LIMITS.username);
  const lower = name.toLowerCase();
  const word = FORBIDDEN_SUBSTRINGS.find((w) => lower.includes(w));
  if (word) return FIELD_ERRORS.usernameContains(word);
  const exact = FORBIDDEN_NAMES.find((w) => lower.trim() === w);
  return exact ? FIELD_ERRORS.usernameIs(exact) : null;
}

const isHttpUrl = (text: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
};

interface Checker {
  problems: FormProblem[];
  /** The string at `path`, or undefined (absent, or wrong: then a problem is noted). */
  text(value: unknown, path: FormProblem['path'], max?: number): string | undefined;
}

function checker(): Checker {
  const problems: FormProblem[] = [];
  return {
    problems,
    text(value, path, max) {
      if (!present(value)) return undefined;
      if (typeof value !== 'string') {
        problems.push({ path, error: FIELD_ERRORS.string(value) });
        return undefined;
      }
      if (max !== undefined && length(value) > max) problems.push({ path, error: FIELD_ERRORS.maxLength(max) });
      return value;
    },
  };
}

/** One embed: its texts within their limits; the characters it counts towards the 6000. */
function checkEmbed(raw: unknown, i: number, c: Checker): { embed: DiscordEmbed; size: number; visible: boolean } | undefined {
  if (!isObject(raw)) {
    c.problems.push({ path: ['embeds', i], error: FIELD_ERRORS.dict() });
    return undefined;
  }
  const at = (...rest: Array<string | number>) => ['embeds', i, ...rest];
  const embed: DiscordEmbed = {};
  let size = 0;
  const title = c.text(raw.title, at('title'), DISCORD_LIMITS.title);
  const description = c.text(raw.description, at('description'), DISCORD_LIMITS.description);
  const url = c.text(raw.url, at('url'));
  if (url !== undefined && !isHttpUrl(url)) c.problems.push({ path: at('url'), error: FIELD_ERRORS.url() });
  if (title !== undefined) {
    embed.title = title;
    size += length(title);
  }
  if (description !== undefined) {
    embed.description = description;
    size += length(description);
  }
  if (url !== undefined) embed.url = url;
  if (present(raw.color)) {
    if (typeof raw.color !== 'number' || !Number.isInteger(raw.color)) c.problems.push({ path: at('color'), error: FIELD_ERRORS.int(raw.color) });
    else if (raw.color < 0 || raw.color > DISCORD_LIMITS.color) c.problems.push({ path: at('color'), error: FIELD_ERRORS.intMax(DISCORD_LIMITS.color) });
    else embed.color = raw.color;
  }
  const timestamp = c.text(raw.timestamp, at('timestamp'));
  if (timestamp !== undefined) embed.timestamp = timestamp;
  for (const [key, max] of [
    ['footer', DISCORD_LIMITS.footer],
    ['author', DISCORD_LIMITS.authorName],
  ] as const) {
    const part = raw[key];
    if (!present(part)) continue;
    if (!isObject(part)) {
      c.problems.push({ path: at(key), error: FIELD_ERRORS.dict() });
      continue;
    }
    const name = key === 'footer' ? 'text' : 'name';
    if (!present(part[name])) c.problems.push({ path: at(key, name), error: FIELD_ERRORS.required() });
    const text = c.text(part[name], at(key, name), max);
    if (text === undefined) continue;
    size += length(text);
    if (key === 'footer') embed.footer = { text };
  }
  if (present(raw.fields)) {
    if (!Array.isArray(raw.fields)) c.problems.push({ path: at('fields'), error: FIELD_ERRORS.list() });
    else {
      if (raw.fields.length > DISCORD_LIMITS.fields) c.problems.push({ path: at('fields'), error: FIELD_ERRORS.maxLength(DISCORD_LIMITS.fields) });
      const fields: NonNullable<DiscordEmbed['fields']> = [];
      raw.fields.slice(0, DISCORD_LIMITS.fields).forEach((f: unknown, j) => {
        if (!isObject(f)) return void c.problems.push({ path: at('fields', j), error: FIELD_ERRORS.dict() });
        for (const key of ['name', 'value'] as const) {
          if (!present(f[key]) || f[key] === '') c.problems.push({ path: at('fields', j, key), error: FIELD_ERRORS.required() });
        }
        const name = c.text(f.name, at('fields', j, 'name'), DISCORD_LIMITS.fieldName);
        const value = c.text(f.value, at('fields', j, 'value'), DISCORD_LIMITS.fieldValue);
        if (name === undefined || value === undefined) return;
        size += length(name) + length(value);
        fields.push({ name, value, ...(f.inline === true ? { inline: true } : {}) });
      });
      if (fields.length > 0) embed.fields = fields;
    }
  }
  const visible = size > 0 || ['image', 'thumbnail', 'video'].some((k) => present(raw[k]));
  return { embed, size, visible };
}

/** The errors as the API version answers them (see FormErrorStyle). */
export function formErrorBody(problems: readonly FormProblem[], style: FormErrorStyle): DiscordErrorBody {
  if (style === 'legacy') {
    const flat: Record<string, string[]> = {};
    for (const { path, error } of problems) {
      const key = path.length === 0 ? '_misc' : String(path[0]);
      // v6 names the first level below a field, not the error: `{"embeds": ["0"]}`.
      const entry = path.length <= 1 ? error.message : String(path[1]);
      flat[key] ??= [];
      if (!flat[key].includes(entry)) flat[key].push(entry);
    }
    return flat;
  }
  const errors: DiscordErrorTree = {};
  for (const { path, error } of problems) {
    let node = errors;
    for (const key of path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as DiscordErrorTree;
    }
    (node._errors ??= []).push(error);
  }
  return { ...INVALID_FORM_BODY, errors };
}

/**
 * The body of POST /webhooks/{id}/{token}. `files` is how many attachments a multipart request
 * carried (an attachment alone is a message).
 */
export function checkExecuteBody(body: unknown, options: { style?: FormErrorStyle; files?: number } = {}): ExecuteCheck {
  const style = options.style ?? 'current';
  const fail = (problems: FormProblem[]): ExecuteCheck => ({ ok: false, status: 400, body: formErrorBody(problems, style), problems });
  if (!isObject(body)) return fail([{ path: [], error: FIELD_ERRORS.dict() }]);
  const c = checker();
  const content = c.text(body.content, ['content'], DISCORD_LIMITS.content);
  const username = c.text(body.username, ['username']);
  if (username !== undefined) {
    const problem = usernameProblem(username);
    if (problem) c.problems.push({ path: ['username'], error: problem });
  }
  const avatarUrl = c.text(body.avatar_url, ['avatar_url']);
  if (avatarUrl !== undefined && !isHttpUrl(avatarUrl)) c.problems.push({ path: ['avatar_url'], error: FIELD_ERRORS.url() });
  if (present(body.tts) && typeof body.tts !== 'boolean') c.problems.push({ path: ['tts'], error: FIELD_ERRORS.boolean() });

  const embeds: DiscordEmbed[] = [];
  let total = 0;
  let visibleEmbeds = 0;
  if (present(body.embeds)) {
    if (!Array.isArray(body.embeds)) c.problems.push({ path: ['embeds'], error: FIELD_ERRORS.list() });
    else {
      if (body.embeds.length > DISCORD_LIMITS.embeds) c.problems.push({ path: ['embeds'], error: FIELD_ERRORS.maxLength(DISCORD_LIMITS.embeds) });
      body.embeds.slice(0, DISCORD_LIMITS.embeds).forEach((raw: unknown, i) => {
        const checked = checkEmbed(raw, i, c);
        if (!checked) return;
        total += checked.size;
        if (!checked.visible) return;
        visibleEmbeds += 1;
        embeds.push(checked.embed);
      });
      if (total > DISCORD_LIMITS.embedTotal) c.problems.push({ path: ['embeds'], error: FIELD_ERRORS.embedSize() });
    }
  }
  for (const key of ['components'] as const) {
    if (present(body[key]) && !Array.isArray(body[key])) c.problems.push({ path: [key], error: FIELD_ERRORS.list() });
  }
  if (present(body.poll) && !isObject(body.poll)) c.problems.push({ path: ['poll'], error: FIELD_ERRORS.dict() });
  if (c.problems.length > 0) return fail(c.problems);

  const hasComponents = Array.isArray(body.components) && body.components.length > 0;
  const hasText = content !== undefined && content.trim() !== '';
  if (!hasText && visibleEmbeds === 0 && !hasComponents && !present(body.poll) && (options.files ?? 0) === 0) {
    return { ok: false, status: 400, body: { ...EMPTY_MESSAGE }, problems: [] };
  }
  return { ok: true, message: { content: content ?? '', embeds, username: username ?? null, avatarUrl: avatarUrl ?? null, tts: body.tts === true } };
}
