// The Automaton page's words for the lab's channel commands «Отправить SMS», «Отправить в
// Telegram», «Отправить в Discord» and their alerts, in both languages. The checks' own messages
// come from lab/automaton/channel-authoring.ts, the server's code.
import type { AlertChannel, TelegramParseMode } from '../../../lab/automaton/automaton-types.js';
import type { AlertKind } from '../../../lab/objects/alert-log.js';
import type { Bilingual } from '../i18n/bilingual.js';

type Fn<A extends unknown[]> = Bilingual<(...args: A) => string>;

/** One glyph per command, as the diagram and the alert list show it (✉ is e-mail's). */
export const CHANNEL_ICONS: Record<AlertKind, string> = { email: '✉', sms: '✆', telegram: '✈', discord: '✦' };

export const zc = {
  title: { en: 'SMS, Telegram and Discord in a state', ru: 'SMS, Telegram и Discord в состоянии' },
  intro: {
    en: 'Besides the mail, an alert can go as an SMS (for the most urgent), to a Telegram chat or to a Discord channel. When the object enters (or leaves) the state, the lab sends it through your saved integration of that channel.',
    ru: 'Кроме письма, оповещение можно отправить SMS (для самых срочных), в чат Telegram или в канал Discord. Когда объект входит в состояние (или выходит из него), лаборатория отправляет его через вашу сохранённую интеграцию этого канала.',
  },
  ownIds: {
    en: "These commands are the lab's own: the platform documents only «Send e-mail» and the operator's messages. In the exported file they are send-sms, send-telegram and send-discord; the platform does not know them.",
    ru: 'Эти команды — собственные команды лаборатории: у платформы описаны только «Отправить e-mail» и сообщения оператору. В экспортированном файле это send-sms, send-telegram и send-discord — платформа их не знает.',
  },
  existing: { en: 'Channel alerts of this automaton', ru: 'Оповещения по каналам в этом автомате' },
  none: { en: 'None yet.', ru: 'Пока нет.' },
  channel: { en: 'Channel', ru: 'Канал' },
  channels: {
    sms: { en: 'SMS', ru: 'SMS' },
    telegram: { en: 'Telegram', ru: 'Telegram' },
    discord: { en: 'Discord', ru: 'Discord' },
  } satisfies Record<AlertChannel, Bilingual>,
  addTitle: {
    sms: { en: 'Add «Send SMS»', ru: 'Добавить «Отправить SMS»' },
    telegram: { en: 'Add «Send to Telegram»', ru: 'Добавить «Отправить в Telegram»' },
    discord: { en: 'Add «Send to Discord»', ru: 'Добавить «Отправить в Discord»' },
  } satisfies Record<AlertChannel, Bilingual>,
  editTitle: { en: (what: string, where: string) => `Edit «${what}» (${where})`, ru: (what: string, where: string) => `Изменить «${what}» (${where})` } as Fn<
    [string, string]
  >,
  removeQuestion: { en: 'Remove this alert?', ru: 'Удалить это оповещение?' },
  phone: { en: 'Phone number', ru: 'Номер телефона' },
  phoneHint: {
    en: 'With the country code: +7 925 507-06-02. A {{parameter}} may stand for it.',
    ru: 'С кодом страны: +7 925 507-06-02. Вместо него можно подставить {{параметр}}.',
  },
  chat: { en: 'Chat', ru: 'Чат' },
  chatHint: {
    en: "Empty: the chat saved in the Telegram integration. Or another chat's id from getUpdates (negative for a group) or @channel.",
    ru: 'Пусто — чат из интеграции Telegram. Или ID другого чата из getUpdates (у группы он отрицательный), или @канал.',
  },
  text: { en: 'Text', ru: 'Текст' },
  smsTextHint: {
    en: 'Latin letters fit 160 to an SMS, Cyrillic 70: a longer text goes in several parts.',
    ru: 'В одно SMS помещается 160 латинских букв или 70 кириллических: длинный текст уходит несколькими частями.',
  },
  titleField: { en: 'Title', ru: 'Заголовок' },
  titleHint: {
    en: "Shown in bold above the text (a Discord embed's title).",
    ru: 'Показывается жирным над текстом (заголовок вставки — «embed» — в Discord).',
  },
  parseMode: { en: 'Markup', ru: 'Разметка' },
  parseModes: {
    none: { en: 'none: the text as it is', ru: 'без разметки — текст как есть' },
    HTML: { en: 'HTML: <b>, <i>, <code>, <a href="…">', ru: 'HTML: теги «<b>», «<i>», «<code>», «<a href="…">»' },
    MarkdownV2: { en: 'MarkdownV2: *bold*, _italic_, `code`', ru: 'MarkdownV2: *жирный*, _курсив_, `код`' },
  } satisfies Record<TelegramParseMode, Bilingual>,
  parseModeHint: {
    en: 'Values put in by {{…}} are escaped for the markup; the rest must be valid markup, or Telegram answers 400 "can\'t parse entities".',
    ru: "Значения из {{…}} экранируются под разметку; остальное должно быть правильной разметкой, иначе Telegram ответит 400 «can't parse entities».",
  },
  add: { en: 'Add to the state', ru: 'Добавить в состояние' },
  added: { en: 'Added. The automaton now sends this alert.', ru: 'Добавлено. Теперь автомат отправляет это оповещение.' },

  alert: {
    via: { en: (channel: string) => `via ${channel}`, ru: (channel: string) => `через ${channel}` } as Fn<[string]>,
    to: { en: 'To', ru: 'Куда' },
    messageId: { en: (id: string) => `captured by the lab's simulator as ${id}`, ru: (id: string) => `получено симулятором лаборатории: ${id}` } as Fn<
      [string]
    >,
    exchangeId: { en: (id: string) => `exchange ${id}`, ru: (id: string) => `обмен ${id}` } as Fn<[string]>,
    attempts: { en: 'Attempts', ru: 'Попытки' },
    counts: {
      en: (sent: number, failed: number) => `${sent} channel alerts sent · ${failed} failed`,
      ru: (sent: number, failed: number) => `по каналам отправлено: ${sent} · не отправлено: ${failed}`,
    } as Fn<[number, number]>,
    notInLab: {
      en: "The target is not one of the lab's simulators: the message is not in the lab.",
      ru: 'Адрес — не симулятор лаборатории: сообщения в лаборатории нет.',
    },
  },
};
