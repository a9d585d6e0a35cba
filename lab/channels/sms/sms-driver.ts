// The SMS channel as the lab plugs it in: the form and presets of sms-settings.ts, and the
// sender — SMPP through the `smpp` package's client (smpp-send.ts), SMS.ru's HTTP API through
// fetch (sms-ru-send.ts) — with the retries every channel shares: throttling, a full queue, a
// centre's failure, SMS.ru's 220 and a dropped connection are tried again; the rest are mistakes
// to fix and are not. This module reaches Node (the smpp package): the browser imports sms-settings.ts.
import type { ChannelDriver } from '../channel-driver.js';
import type { Bilingual, ChannelSendResult } from '../channel-wire.js';
import { sendWithRetries } from '../senders/retrying-send.js';
import { checkNumber } from './sms-numbers.js';
import { smsRuAttempt } from './sms-ru-send.js';
import { ruPlural, segmentSms } from './sms-segments.js';
import { DEFAULT_SMS_ATTEMPTS, SMS_FIELDS, SMS_TEST_FIELDS, smsPresets, validateSmsSettings, validateSmsTest, type SmsSettings } from './sms-settings.js';
import { createSmppSend, type SmppOutcome } from './smpp-send.js';
import type { SmsRuOutcome } from './sms-ru-send.js';

function sentMessage(parts: number, encoding: string): Bilingual {
  return {
    ru: `SMS отправлено: ${parts} ${ruPlural(parts, 'часть', 'части', 'частей')} (${encoding})`,
    en: `SMS sent: ${parts} ${parts === 1 ? 'part' : 'parts'} (${encoding})`,
  };
}

function failedMessage(settings: SmsSettings, last: SmppOutcome | SmsRuOutcome): Bilingual {
  const where = settings.protocol === 'smpp' ? `${settings.host}:${settings.port}` : settings.apiRoot;
  if (last.status === null)
    return {
      ru: `SMS не отправлено: не удалось связаться с ${where} (${last.networkCode ?? '?'})`,
      en: `The SMS was not sent: could not reach ${where} (${last.networkCode ?? '?'})`,
    };
  if (settings.protocol === 'smpp')
    return { ru: `SMS не отправлено: SMS-центр ответил «${last.reply ?? ''}»`, en: `The SMS was not sent: the SMS centre answered "${last.reply ?? ''}"` };
  return { ru: `SMS не отправлено: SMS.ru ответил кодом ${last.status}`, en: `The SMS was not sent: SMS.ru answered with code ${last.status}` };
}

export const smsDriver: ChannelDriver<SmsSettings> = {
  channel: 'sms',
  name: { ru: 'SMS', en: 'SMS' },
  fields: SMS_FIELDS,
  testFields: SMS_TEST_FIELDS,
  presets: smsPresets,
  validate: validateSmsSettings,
  validateTest: (input) => validateSmsTest(input),
  async send(settings, message, options = {}) {
    const to = checkNumber(message.to ?? '').number;
    // An SMS has no subject: an alert's title is its first line.
    const text = message.title ? `${message.title}\n${message.text}` : message.text;
    const split = segmentSms(text);
    const target = { sender: settings.sender, to, text };
    const smpp =
      settings.protocol === 'smpp'
        ? createSmppSend({ ...target, host: settings.host, port: settings.port, systemId: settings.systemId, password: settings.password })
        : null;
    const once = (): Promise<SmppOutcome | SmsRuOutcome> =>
      smpp ? smpp.attempt(options.signal) : smsRuAttempt({ ...target, apiRoot: settings.apiRoot, apiId: settings.apiId }, options.signal);
    const { last, attempts } = await sendWithRetries(once, {
      attempts: options.attempts ?? settings.attempts ?? DEFAULT_SMS_ATTEMPTS,
      // A centre's throttle counts a second: a second later the next part is welcome.
      intervalSeconds: smpp ? 1 : 2,
      ...(options.waitScale !== undefined ? { waitScale: options.waitScale } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
    });
    const result: ChannelSendResult = {
      ok: last.ok,
      message: last.ok ? sentMessage(split.parts.length, split.encoding) : failedMessage(settings, last),
      status: last.status,
      reply: last.reply,
      explanation: last.explanation,
      attempts,
      // The feature finds the captured message by serviceMessageId (store.findByServiceId) when the target is the lab's.
      messageId: null,
      exchangeId: null,
    };
    return { ...result, serviceMessageId: last.ok ? last.messageId : null };
  },
};
