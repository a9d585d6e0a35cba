// Mailpit's search language (../shared/reference/mailpit-api.md): `to:` `from:` `cc:` `bcc:`
// `subject:` `message-id:` `is:read` `is:unread` `has:attachment` `after:` `before:`, quoted
// phrases, a leading `-` to negate, and bare words that match anywhere in the message.
// Matching is a case-insensitive substring test, as Mailpit's SQL LIKE is.
import type { MailAddress, MessageSummary } from '../wire/mailbox.js';

type AddressField = 'to' | 'from' | 'cc' | 'bcc';

export type SearchTerm =
  | { kind: 'address'; field: AddressField; value: string; negate: boolean }
  | { kind: 'subject' | 'message-id' | 'text'; value: string; negate: boolean }
  | { kind: 'read'; value: boolean; negate: boolean }
  | { kind: 'has-attachment'; negate: boolean }
  | { kind: 'after' | 'before'; value: number; negate: boolean };

export class SearchQueryError extends Error {}

export interface SearchTarget {
  summary: MessageSummary;
  /** The decoded body text, computed only when a bare word needs it. */
  body(): string;
}

export type SearchPredicate = (target: SearchTarget) => boolean;

/** Splits on white space outside double quotes; quotes group but are not kept. */
function tokenize(query: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoted = false;
  let hasToken = false;
  for (const ch of query) {
    if (ch === '"') {
      quoted = !quoted;
      hasToken = true;
      continue;
    }
    if (!quoted && /\s/.test(ch)) {
      if (hasToken) tokens.push(current);
      current = '';
      hasToken = false;
      continue;
    }
    current += ch;
    hasToken = true;
  }
  if (hasToken) tokens.push(current);
  return tokens;
}

/**
 * `after:`/`before:` take a date (YYYY-MM-DD, midnight in `timeZoneOffsetMinutes`) or any
 * date-time that Date.parse reads.
 */
function parseDate(value: string, word: string, timeZone: string | undefined): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const utc = Date.UTC(year, month - 1, date);
    // Date.UTC rolls 2020-13-45 over into 2021-02-14; a day that does not exist is a mistake.
    const check = new Date(utc);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
      throw new SearchQueryError(`${word}: "${value}" is not a date (use YYYY-MM-DD with a real month and day)`);
    }
    return utc - zoneOffsetMs(utc, timeZone);
  }
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new SearchQueryError(`${word}: "${value}" is not a date (use YYYY-MM-DD)`);
  return parsed;
}

function zoneOffsetMs(utc: number, timeZone: string | undefined): number {
  if (!timeZone) return 0;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(utc));
  } catch {
    throw new SearchQueryError(`tz: "${timeZone}" is not a time zone`);
  }
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - utc;
}

export function parseSearchQuery(query: string, timeZone?: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const token of tokenize(query)) {
    let word = token;
    let negate = false;
    if (word.startsWith('-') && word.length > 1) {
      negate = true;
      word = word.slice(1);
    } else if (word.startsWith('!') && word.length > 1) {
      negate = true;
      word = word.slice(1);
    }
    const colon = word.indexOf(':');
    const prefix = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
    const value = colon > 0 ? word.slice(colon + 1) : word;
    switch (prefix) {
      case 'to':
      case 'from':
      case 'cc':
      case 'bcc':
        terms.push({ kind: 'address', field: prefix, value: value.toLowerCase(), negate });
        break;
      case 'subject':
      case 'message-id':
        terms.push({ kind: prefix, value: value.toLowerCase().replace(/^<|>$/g, ''), negate });
        break;
      case 'is': {
        const state = value.toLowerCase();
        if (state !== 'read' && state !== 'unread') {
          throw new SearchQueryError(`is:${value} is not supported (use is:read or is:unread)`);
        }
        terms.push({ kind: 'read', value: state === 'read', negate });
        break;
      }
      case 'has':
        if (!/^attachments?$/i.test(value)) {
          throw new SearchQueryError(`has:${value} is not supported (use has:attachment)`);
        }
        terms.push({ kind: 'has-attachment', negate });
        break;
      case 'after':
      case 'before':
        terms.push({ kind: prefix, value: parseDate(value, prefix, timeZone), negate });
        break;
      default:
        if (word.trim()) terms.push({ kind: 'text', value: word.toLowerCase(), negate });
    }
  }
  return terms;
}

function addressesOf(summary: MessageSummary, field: AddressField): MailAddress[] {
  switch (field) {
    case 'from':
      return summary.From ? [summary.From] : [];
    case 'to':
      return summary.To;
    case 'cc':
      return summary.Cc;
    case 'bcc':
      return summary.Bcc;
  }
}

function addressMatches(list: MailAddress[], value: string): boolean {
  return list.some((a) => `${a.Name} <${a.Address}>`.toLowerCase().includes(value));
}

function textMatches(target: SearchTarget, value: string): boolean {
  const s = target.summary;
  const headerText = [s.Subject, s.MessageID, s.Snippet, ...[s.From, ...s.To, ...s.Cc, ...s.Bcc, ...s.ReplyTo].flatMap((a) => (a ? [a.Name, a.Address] : []))]
    .join('\n')
    .toLowerCase();
  return headerText.includes(value) || target.body().toLowerCase().includes(value);
}

function termMatches(term: SearchTerm, target: SearchTarget): boolean {
  const s = target.summary;
  switch (term.kind) {
    case 'address':
      return addressMatches(addressesOf(s, term.field), term.value);
    case 'subject':
      return s.Subject.toLowerCase().includes(term.value);
    case 'message-id':
      return s.MessageID.toLowerCase().includes(term.value);
    case 'text':
      return textMatches(target, term.value);
    case 'read':
      return s.Read === term.value;
    case 'has-attachment':
      return s.Attachments > 0;
    case 'after':
      return Date.parse(s.Created) > term.value;
    case 'before':
      return Date.parse(s.Created) < term.value;
  }
}

/** All terms must hold. Cheap terms run first so that bare words decode few bodies. */
export function compileSearch(terms: SearchTerm[]): SearchPredicate {
  const ordered = [...terms].sort((a, b) => Number(a.kind === 'text') - Number(b.kind === 'text'));
  return (target) => ordered.every((term) => termMatches(term, target) !== term.negate);
}
