// How a line of a channel's exchange is coloured, as the SMTP dialogue colours a reply by its
// class: an HTTP status line by its status (RFC 9110 §15: 2xx success, 4xx the client's
// mistake, 429 and 5xx worth a retry), an SMPP response by its command_status (ESME_ROK, the
// throttling ones, the rest refusals), a Bot API or SMS.ru body by its own "ok"/"status".
import type { ExchangeLine } from '../../../lab/channels/channel-wire.js';

export type LineTone = 'ok' | 'info' | 'retry' | 'bad';

/** SMPP 3.4 §5.1.3: the statuses that mean "later", not "never". */
const SMPP_RETRY = new Set(['ESME_RTHROTTLED', 'ESME_RMSGQFUL']);

const TONE_RULES: ReadonlyArray<{ test: RegExp; tone: (m: RegExpExecArray) => LineTone | undefined }> = [
  {
    test: /^HTTP\/\d(?:\.\d)? (\d{3})\b/,
    tone: (m) => {
      const status = Number(m[1]);
      if (status === 429 || status >= 500) return 'retry';
      if (status >= 400) return 'bad';
      if (status >= 300) return 'info';
      return 'ok';
    },
  },
  { test: /\b(ESME_R[A-Z]+)\b/, tone: (m) => (m[1] === 'ESME_ROK' ? 'ok' : SMPP_RETRY.has(m[1] ?? '') ? 'retry' : 'bad') },
  // The Telegram envelope and SMS.ru's JSON answer, when the body is a line of its own.
  { test: /"ok"\s*:\s*false|"status"\s*:\s*"ERROR"/, tone: () => 'bad' },
  { test: /"ok"\s*:\s*true|"status"\s*:\s*"OK"/, tone: () => 'ok' },
];

export function lineTone(line: ExchangeLine): LineTone | undefined {
  if (line.Dir !== 'S') return undefined;
  for (const rule of TONE_RULES) {
    const match = rule.test.exec(line.Text);
    if (match) return rule.tone(match);
  }
  return undefined;
}

/** The SMTP dialogue's classes for the same meanings (styles/app.css: cls-2xx … cls-5xx). */
export const TONE_CLASS: Record<LineTone, string> = { ok: 'cls-2xx', info: 'cls-3xx', retry: 'cls-4xx', bad: 'cls-5xx' };
