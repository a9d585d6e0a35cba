// One alert channel as the lab plugs it in: its integration's fields and presets, their
// validation, and its sender. The channels feature (channels-feature.ts) keeps the settings, runs
// the test send and the automaton's commands through a driver, and knows nothing of the service.
import type { ChannelField, ChannelId, ChannelPreset, ChannelSendResult, ChannelTestInput, FieldErrors } from './channel-wire.js';

export type { ChannelField };
import type { ChannelAttempt } from './channel-wire.js';

/** Where the lab's simulators listen (undefined: that one is off). */
export interface SimulatorAddresses {
  /** e.g. http://127.0.0.1:8026 — a Telegram client's apiRoot. */
  telegram?: string;
  /** e.g. http://127.0.0.1:8027 — webhook URLs start with `${discord}/api/webhooks/`. */
  discord?: string;
  smpp?: { host: string; port: number };
  /** e.g. http://127.0.0.1:8028 — SMS.ru's `https://sms.ru` replaced. */
  smsRu?: string;
}

export type Checked<S> = { ok: true; value: S } | { ok: false; errors: FieldErrors };

export interface ChannelSendOptions {
  signal?: AbortSignal;
  /** Each attempt as it ends (a retry's wait follows). */
  onAttempt?(attempt: ChannelAttempt): void;
  /** How many tries in all (default: the settings' `attempts`, else 3). */
  attempts?: number;
  /** Tests shrink the waits between tries (1 = as the service asks). */
  waitScale?: number;
}

export interface ChannelDriver<S extends Record<string, string | number | boolean> = Record<string, string | number | boolean>> {
  channel: ChannelId;
  name: { ru: string; en: string };
  /** The form's fields, in order. */
  fields: readonly ChannelField[];
  /** The test send's own fields (SMS: the phone number). */
  testFields: readonly ChannelField[];
  presets(addresses: SimulatorAddresses): ChannelPreset[];
  /** A form (or the CLI's flags) as saved settings; an empty secret keeps the saved one. */
  validate(input: unknown, saved: S | undefined): Checked<S>;
  /** The test message's own fields (text, the SMS number) checked against the settings. */
  validateTest(input: unknown, settings: S): Checked<ChannelTestInput>;
  /**
   * Sends one message with retries: 429 after its retry_after, transient failures (5xx, refused,
   * throttled) after a growing wait, permanent ones never; the last reply verbatim, explained.
   */
  send(settings: S, message: ChannelTestInput, options?: ChannelSendOptions): Promise<ChannelSendResult & { serviceMessageId: string | null }>;
}

/** What a simulator's world routes (/api/lab/channels/<channel>/…) are given by the feature. */
export interface WorldRoutesDeps {
  /** engine.requireAccount: a signed-in lab account (the CLI's admin token with ?account=). */
  guard: import('express').RequestHandler;
  /** The owner a request acts for (the signed-in account's address). */
  ownerOf(res: import('express').Response): string;
  /** The world changed for this owner: the feature publishes a `channel-world` live event. */
  changed(owner: string): void;
}
