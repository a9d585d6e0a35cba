// Picks the plain-language explanation of one dialogue line from the tables in explanations.ts:
// a command by its verb, a reply by the command it answers, its code, its text and its enhanced
// code, an EHLO reply extension by extension, a connection event by its kind.
import type { Lang } from '../i18n/bilingual.js';
import type { DialogueLine, SessionSummary } from '../../../server/sessions/wire-types.js';
import type { ClosingKind } from './dialogue-analysis.js';
import {
  AUTH_CANCEL,
  COMMANDS,
  CONNECTION_EVENTS,
  CONTEXT_REPLIES,
  EHLO_FIRST_LINE,
  ENHANCED_CLASSES,
  ENHANCED_DETAILS,
  ENHANCED_SUBJECTS,
  EXTENSIONS,
  MASKED_CREDENTIALS,
  REPLY_CLASSES,
  REPLY_CODES,
  REPLY_TEXTS,
  UNKNOWN_COMMAND,
  UNKNOWN_EXTENSION,
  type ConnectionEventKey,
  type MandatoryCommand,
} from './explanations.js';

export interface ExplainedItem {
  label: string;
  text: string;
}

export interface LineExplanation {
  text: string;
  /** EHLO replies: one entry per advertised extension. */
  items?: ExplainedItem[];
  /** The enhanced status code spelled out ("permanent · security or policy · …"). */
  enhanced?: string;
  /** MAIL, RCPT or DATA: one of the three mandatory commands. */
  mandatory?: MandatoryCommand;
}

export interface ExplainContext {
  /** For a reply: the client line it answers. */
  answers?: DialogueLine | undefined;
  summary?: Pick<SessionSummary, 'ClientAddress' | 'ClientPort' | 'Listener' | 'Tls'>;
  closing?: ClosingKind;
  formatBytes?: (bytes: number) => string;
}

export function replyClass(code: number | undefined): 2 | 3 | 4 | 5 | undefined {
  if (code === undefined) return undefined;
  const cls = Math.floor(code / 100);
  return cls === 2 || cls === 3 || cls === 4 || cls === 5 ? cls : undefined;
}

export function explainEnhanced(enhanced: string, lang: Lang): string | undefined {
  const match = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(enhanced);
  if (!match) return undefined;
  const [, cls = '', subject = '', detail = ''] = match;
  const parts = [ENHANCED_CLASSES[cls as '2' | '4' | '5'][lang]];
  const subjectText = ENHANCED_SUBJECTS[subject];
  if (subjectText) parts.push(subjectText[lang]);
  const detailText = ENHANCED_DETAILS[`${subject}.${detail}`];
  if (detailText) parts.push(detailText[lang]);
  return parts.join(' · ');
}

/** The extensions of a 250 reply to EHLO: every line after the first, keyword first. */
export function ehloExtensions(text: string): Array<{ keyword: string; params: string }> {
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/^\d{3}[ -](?:[245]\.\d{1,3}\.\d{1,3} )?/, '').trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/[\s=]+/);
      return { keyword: keyword.toUpperCase(), params: rest.join(' ') };
    });
}

export function explainExtension(keyword: string, lang: Lang): string {
  return (EXTENSIONS[keyword.toUpperCase()] ?? UNKNOWN_EXTENSION)[lang];
}

function explainCommand(line: DialogueLine, lang: Lang, context: ExplainContext): LineExplanation {
  const command = line.Command ?? '';
  const mandatory = command === 'MAIL' || command === 'RCPT' || command === 'DATA' ? command : undefined;
  if (line.Masked) return { text: MASKED_CREDENTIALS[lang] };
  if (command === 'AUTH' && line.Text.trim() === '*') return { text: AUTH_CANCEL[lang] };
  if (command === 'DATA-BODY') {
    const size = line.Bytes !== undefined && context.formatBytes ? ` (${context.formatBytes(line.Bytes)})` : '';
    return { text: `${COMMANDS['DATA-BODY']?.[lang] ?? ''}${size}` };
  }
  const entry = COMMANDS[command] ?? UNKNOWN_COMMAND;
  return { text: entry[lang], ...(mandatory ? { mandatory } : {}) };
}

function explainReply(line: DialogueLine, lang: Lang, context: ExplainContext): LineExplanation {
  const code = line.Code;
  const command = context.answers?.Command ?? '';
  const enhanced = line.Enhanced ? explainEnhanced(line.Enhanced, lang) : undefined;
  const extra = enhanced ? { enhanced } : {};
  if (code === undefined) {
    return { text: lang === 'ru' ? 'Ответ сервера без кода.' : 'A server reply without a code.', ...extra };
  }
  const byText = REPLY_TEXTS.find((entry) => entry.code === code && entry.pattern.test(line.Text));
  const byContext = CONTEXT_REPLIES[`${command} ${code}`];
  const byCode = REPLY_CODES[code];
  const cls = replyClass(code);
  const text = (byText?.text ?? byContext ?? byCode ?? (cls ? REPLY_CLASSES[cls] : UNKNOWN_COMMAND))[lang];
  if (command === 'EHLO' && code === 250) {
    const items: ExplainedItem[] = [
      { label: line.Text.split('\n')[0]?.replace(/^250[ -]/, '') ?? '', text: EHLO_FIRST_LINE[lang] },
      ...ehloExtensions(line.Text).map(({ keyword, params }) => ({
        label: params ? `${keyword} ${params}` : keyword,
        text: explainExtension(keyword, lang),
      })),
    ];
    return { text, items, ...extra };
  }
  return { text, ...extra };
}

function explainEvent(line: DialogueLine, lang: Lang, context: ExplainContext): LineExplanation {
  const summary = context.summary;
  let key: ConnectionEventKey;
  let detail = '';
  switch (line.Event) {
    case 'connected':
      key = 'connected';
      detail = summary
        ? `${summary.ClientAddress}:${summary.ClientPort} → ${summary.Listener.Name} :${summary.Listener.Port}`
        : line.Text;
      break;
    case 'tls':
      key = 'tls';
      detail = summary?.Tls ? `${summary.Tls.Protocol}, ${summary.Tls.Cipher}` : line.Text.replace(/^[^:]*:\s*/, '');
      break;
    case 'closed':
      key = context.closing === 'quit' ? 'closed-quit' : context.closing === 'server' ? 'closed-server' : 'closed-no-quit';
      break;
    case 'aborted':
      key = 'aborted';
      break;
    case 'timed-out':
      key = 'timed-out';
      break;
    case 'data-incomplete': {
      key = 'data-incomplete';
      const bytes = Number(/(\d+) bytes/.exec(line.Text)?.[1] ?? 0);
      detail = context.formatBytes ? context.formatBytes(bytes) : `${bytes} B`;
      break;
    }
    default:
      return { text: line.Text };
  }
  return { text: CONNECTION_EVENTS[key][lang](detail) };
}

export function explainLine(line: DialogueLine, lang: Lang, context: ExplainContext = {}): LineExplanation {
  if (line.Dir === 'C') return explainCommand(line, lang, context);
  if (line.Dir === 'S') return explainReply(line, lang, context);
  return explainEvent(line, lang, context);
}
