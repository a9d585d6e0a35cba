// What the objects' automatons send through besides e-mail: the channels feature implements it
// (the owner's saved integration of that channel, its driver, its retries), the objects feature
// calls it for «send-sms», «send-telegram», «send-discord». Types only.
import type { ChannelAttempt, ChannelId, ChannelSendResult } from './channel-wire.js';

export interface ChannelAlert {
  text: string;
  /** SMS: the phone number (required); Telegram: a chat id other than the saved one; Discord: unused. */
  to?: string;
  /** Discord: an embed's title above the text; the others put it as the first line. */
  title?: string;
  /** Telegram: the markup the text is in (the values filled in are escaped for it); none: plain text. */
  parseMode?: 'HTML' | 'MarkdownV2' | 'none';
}

export interface ChannelAlertPort {
  /**
   * Sends one alert through `owner`'s saved integration of `channel`; without one the result is
   * not ok and says which integration to save. Never throws.
   */
  send(owner: string, channel: ChannelId, alert: ChannelAlert, onAttempt?: (attempt: ChannelAttempt) => void, signal?: AbortSignal): Promise<ChannelSendResult>;
}
