// Finds English prose in a text meant to be Russian. What may be Latin script in a Russian text:
// protocol tokens and codes (EHLO, STARTTLS, 5.7.8, EAUTH — upper case), commands, flags and
// identifiers (--password, smtp-lab, SMTP_LAB_DATA_DIR, student@lab.local, 127.0.0.1:1025,
// https://…), the names of products and of the CLI's own values (nodemailer, Gmail, lab, ssl),
// and anything quoted verbatim («…», "…", `…`, <…>): a server's reply, the library's message, a
// value to type; a JSON shape ({ ok, message }). Everything else in Latin letters is prose a Russian reader was not given in
// Russian, and is reported.

/** Quoted verbatim: removed before looking. */
const VERBATIM = [/«[^»]*»/g, /"[^"\n]*"/g, /“[^”\n]*”/g, /„[^“\n]*“/g, /`[^`\n]*`/g, /\{[^{}\n]*\}/g];

/**
 * <…> holds an address, a placeholder or a protocol token (<a@b.c>, <data-dir>, <адрес>, <CR><LF>,
 * <ru|en>); a plain English word in it (<value>) is still English.
 */
const BRACKETED = /<([^<>\n]*)>/g;
const BRACKETED_TOKEN = /[@.:\d|/_-]|[А-Яа-яЁё]|^[A-Z]+$|^$/;

/** Identifiers, addresses, paths, flags, numbers, key:value: not words. */
const TECHNICAL = /^(?:https?:\/\/\S*|\S*[@/\\:=_.+\d#$%&*|~^]\S*|-{1,2}\S+|\S+-\S+)$/;

/**
 * Names and the CLI's own words, which stay as they are in Russian text: products and
 * providers, tools, the CLI's commands and subcommands, and the profiles, listeners, securities
 * and languages its flags take.
 */
const NAMES = new Set(
  [
    'nodemailer',
    'gmail',
    'google',
    'yandex',
    'mailru',
    'mailpit',
    'swaks',
    'rspamd',
    'postgrey',
    'postfix',
    'curl',
    'npm',
    'npx',
    'nc',
    'telnet',
    'chromium',
    'localhost',
    'json',
    'start',
    'account',
    'add',
    'list',
    'revoke',
    'integration',
    'set',
    'show',
    'help',
    'lab',
    'open',
    'custom',
    'smtp',
    'smtps',
    'submission',
    'none',
    'starttls',
    'ssl',
    'ru',
    'en',
    'on',
    'off',
    'automaton',
    'fault',
    'scenario',
    'run',
    'overheat',
    'steady',
    'door',
    'mqtt',
    'mosquitto',
    'telegram',
    'class',
    'inbox',
    'create',
    'delete',
    'discord',
    'bot',
    'botfather',
    'grammy',
    'channel',
    'getupdates',
    'getme',
    'sendmessage',
    'markdownv2',
    'webhook',
    'sms',
  ].map((name) => name.toLowerCase()),
);

export interface LatinFinding {
  word: string;
  /** The sentence-sized piece around it. */
  context: string;
}

/** Generated ids and identifiers: long runs of letters, or camelCase (session ids, clientLog). */
const IDENTIFIER = /^(?:[A-Za-z0-9_-]{16,}|[a-z]+[A-Z][A-Za-z]*|[A-Z][a-z]*[A-Z][A-Za-z]*)$/;

function isAllowed(token: string, identifiers: ReadonlySet<string>): boolean {
  if (TECHNICAL.test(token)) return true;
  const word = token.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, '');
  if (!/^[A-Za-z]+$/.test(word)) return true;
  if (IDENTIFIER.test(word)) return true;
  // Protocol tokens, codes and abbreviations are upper case: EHLO, TLS, EAUTH, OK, ID; of single
  // letters only the placeholder N (--speed N) and a degree's unit (°C, °F): "185 B" is English.
  if (word.length >= 2 && word === word.toUpperCase()) return true;
  if (word === 'N' || /^°[CF]$/.test(token.replace(/[^°A-Za-z]/g, ''))) return true;
  return NAMES.has(word.toLowerCase()) || identifiers.has(word);
}

/**
 * Every Latin word of prose in `text` (after verbatim parts are taken out). `identifiers` are the
 * names the student's own files give (an automaton's parameters: status, temperature), which the
 * text uses as they stand.
 */
export function latinProse(text: string, identifiers: Iterable<string> = []): LatinFinding[] {
  const known = new Set(identifiers);
  let rest = text;
  for (const pattern of VERBATIM) rest = rest.replace(pattern, ' ');
  rest = rest.replace(BRACKETED, (whole, inner: string) => (BRACKETED_TOKEN.test(inner) ? ' ' : ` ${inner} `));
  const findings: LatinFinding[] = [];
  for (const line of rest.split('\n')) {
    for (const token of line.split(/[\s,;()!?—–]+/)) {
      if (!token || !/[A-Za-z]/.test(token) || isAllowed(token, known)) continue;
      findings.push({ word: token, context: line.trim().slice(0, 160) });
    }
  }
  return findings;
}

/** Lines that are the SMTP dialogue itself, verbatim: "→ EHLO …", "← 250 …". */
export function withoutDialogueLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*[→←] /.test(line))
    .join('\n');
}
