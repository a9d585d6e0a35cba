// Picks the plain-language explanation of one dialogue line from the tables in explanations.ts:
// a command by its verb, a reply by the command it answers, its code, its text and its enhanced
// code, an EHLO reply extension by extension, a connection event by its kind; a reply or an
// event the lab injected (a fault rule) by the rule that made it (server/faults/fault-explanations.ts).
import { EFFECT_NAMES, explainFault, STAGE_NAMES } from '../../../server/faults/fault-explanations.js';
import type { LineFault } from '../../../server/wire/faults.js';
import type { Lang } from '../i18n/bilingual.js';
import type { DialogueLine, ListenerSecurity, SessionSummary } from '../../../server/wire/sessions.js';
import { isTlsHandshake, type ClosingKind } from './dialogue-analysis.js';
import {
  AUTH_IN_CLEAR,
  AUTH_OVER_TLS,
  BLANK_LINE,
  BLANK_REPLY,
  STRAY_REPLY,
  STRAY_TEXT,
  TLS_HANDSHAKE_LINE,
  TLS_HANDSHAKE_REPLY,
  TYPO_COMMAND,
  TYPO_REPLY,
  TYPOS,
  UNKNOWN_COMMAND_ANSWERED,
} from './context-explanations.js';
import {
  AUTH_CANCEL,
  COMMANDS,
  CONNECTION_EVENTS,
  CONTEXT_REPLIES,
  EHLO_FIRST_LINE,
  ENHANCED_CLASSES,
  ENHANCED_CODES,
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
  /** The lab injected this line (a fault rule): the rule that made it. */
  fault?: LineFault;
  /** An injected event: what the lab did, in one line (the explanation says why). */
  headline?: string;
}

export interface ExplainContext {
  /** For a reply: the client line it answers. */
  answers?: DialogueLine | undefined;
  /** For a client line: the reply that answered it. */
  reply?: DialogueLine | undefined;
  /** A client line the server read as a command because DATA had been refused (or a reply to one). */
  stray?: boolean;
  /** TLS was active when the line was sent. */
  secure?: boolean;
  /** The listener's profile and security (AUTH in clear, TLS bytes on a plain port). */
  profile?: string;
  security?: ListenerSecurity;
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
  const whole = ENHANCED_CODES[enhanced];
  if (whole) return whole[lang];
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

export function explainExtension(keyword: string, lang: Lang, context: ExplainContext = {}): string {
  const base = (EXTENSIONS[keyword.toUpperCase()] ?? UNKNOWN_EXTENSION)[lang];
  if (keyword.toUpperCase() !== 'AUTH' || context.profile === undefined) return base;
  return `${base} ${authNote(lang, context)}`;
}

/** Whether the AUTH exchange travels encrypted, and what this port allows. */
function authNote(lang: Lang, context: ExplainContext): string {
  if (context.secure) return AUTH_OVER_TLS[lang];
  return AUTH_IN_CLEAR[lang][context.profile === 'open' ? 'open' : 'other'];
}

/** The command written without its space (MAILFROM:<…>), as the handout spells it. */
function typoOf(line: DialogueLine): { typed: string; correct: string; example: string } | undefined {
  const typed = line.Command ?? '';
  const typo = TYPOS[typed];
  return typo ? { typed, ...typo } : undefined;
}

const isBlank = (line: DialogueLine) => line.Dir === 'C' && line.Command !== 'DATA-BODY' && !isTlsHandshake(line) && line.Text.trim() === '';

function explainCommand(line: DialogueLine, lang: Lang, context: ExplainContext): LineExplanation {
  const command = line.Command ?? '';
  const mandatory = command === 'MAIL' || command === 'RCPT' || command === 'DATA' ? command : undefined;
  const code = context.reply?.Code;
  if (isTlsHandshake(line)) return { text: TLS_HANDSHAKE_LINE[lang](context.security === 'starttls' ? 'starttls' : 'none', code) };
  if (line.Masked) return { text: MASKED_CREDENTIALS[lang] };
  if (command === 'AUTH' && line.Text.trim() === '*') return { text: AUTH_CANCEL[lang] };
  if (command === 'DATA-BODY') {
    const size = line.Bytes !== undefined && context.formatBytes ? ` (${context.formatBytes(line.Bytes)})` : '';
    return { text: `${COMMANDS['DATA-BODY']?.[lang] ?? ''}${size}` };
  }
  if (context.stray) return { text: STRAY_TEXT[lang](code) };
  if (isBlank(line)) return { text: BLANK_LINE[lang](code) };
  const typo = typoOf(line);
  if (typo) return { text: TYPO_COMMAND[lang](typo.typed, typo.correct, typo.example) };
  const entry = COMMANDS[command];
  if (!entry) return { text: UNKNOWN_COMMAND_ANSWERED[lang](code) };
  if (command === 'AUTH' && context.profile !== undefined) return { text: `${entry[lang]} ${authNote(lang, context)}` };
  return { text: entry[lang], ...(mandatory ? { mandatory } : {}) };
}

function explainReply(line: DialogueLine, lang: Lang, context: ExplainContext): LineExplanation {
  const code = line.Code;
  const answered = context.answers;
  const command = answered?.Command ?? '';
  const enhanced = line.Enhanced ? explainEnhanced(line.Enhanced, lang) : undefined;
  const extra = enhanced ? { enhanced } : {};
  if (code === undefined) {
    return { text: lang === 'ru' ? 'Ответ сервера без кода.' : 'A server reply without a code.', ...extra };
  }
  // What the reply answers says more than its code: TLS bytes, the message read as commands,
  // an empty line, a command without its space.
  if (answered && isTlsHandshake(answered)) return { text: TLS_HANDSHAKE_REPLY[lang](code), ...extra };
  if (code >= 500 && answered && context.stray) return { text: STRAY_REPLY[lang], ...extra };
  if (code >= 500 && answered && isBlank(answered)) return { text: BLANK_REPLY[lang], ...extra };
  const typo = answered && code >= 500 ? typoOf(answered) : undefined;
  if (typo) return { text: TYPO_REPLY[lang](typo.correct), ...extra };
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
        text: explainExtension(keyword, lang, context),
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
      detail = summary ? `${summary.ClientAddress}:${summary.ClientPort} → ${summary.Listener.Name} :${summary.Listener.Port}` : line.Text;
      break;
    case 'tls':
      key = 'tls';
      detail = summary?.Tls ? `${summary.Tls.Protocol}, ${summary.Tls.Cipher}` : line.Text.replace(/^[^:]*:\s*/, '');
      break;
    case 'tls-failed':
      key = 'tls-failed';
      detail = /\(([^)]*)\)/.exec(line.Text)?.[1] ?? '';
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

/** An event the lab caused without a rule recorded (an older record): said, not guessed. */
const INJECTED_EVENT = {
  ru: 'Лаборатория вмешалась в диалог по правилу сбоя.',
  en: 'The lab interfered with the dialogue by a fault rule.',
} as const;

/**
 * A reply or an event the lab injected is explained as that, never as the server's own: which
 * rule made it, what a real server answering so is doing, what a sender should do.
 */
function explainInjected(line: DialogueLine, fault: LineFault, lang: Lang): LineExplanation {
  const enhanced = line.Dir === 'S' && line.Enhanced ? explainEnhanced(line.Enhanced, lang) : undefined;
  const text = explainFault(fault, line.Code)[lang];
  if (line.Dir === 'S') return { text, fault, ...(enhanced ? { enhanced } : {}) };
  const headline =
    lang === 'ru'
      ? `Лаборатория подставила сбой: ${EFFECT_NAMES[fault.effect].ru}, этап ${STAGE_NAMES[fault.stage].ru}.`
      : `The lab injected a fault: ${EFFECT_NAMES[fault.effect].en}, at stage ${STAGE_NAMES[fault.stage].en}.`;
  return { text, fault, headline };
}

export function explainLine(line: DialogueLine, lang: Lang, context: ExplainContext = {}): LineExplanation {
  if (line.Dir === 'C') return explainCommand(line, lang, context);
  if (line.Fault) return explainInjected(line, line.Fault, lang);
  if (line.Dir === 'E' && line.Event === 'fault') return { text: INJECTED_EVENT[lang] };
  if (line.Dir === 'S') return explainReply(line, lang, context);
  return explainEvent(line, lang, context);
}
