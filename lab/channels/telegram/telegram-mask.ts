// Bot tokens never reach an exchange, a log or a result: `/bot123456:secret/…` becomes
// `/bot123456:●●●●/…`, and a token anywhere else in a text (a body, a library's error message
// quoting the URL) likewise — the bot's number stays, as BotFather shows it.
import { MASK } from '../http-exchange.js';

export function maskTelegramSecrets(text: string): string {
  return text
    .replace(/\/bot([^/?#\s"']+)(?=\/)/g, (_all, token: string) => {
      const id = /^(\d+)(?::|%3A)/i.exec(token)?.[1];
      return `/bot${id === undefined ? MASK : `${id}:${MASK}`}`;
    })
    .replace(/\b(\d{3,}):[A-Za-z0-9_-]{20,}/g, `$1:${MASK}`);
}
