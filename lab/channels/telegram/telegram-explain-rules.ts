// Why the Bot API refused a request, and what to change — as data: the status and the words of
// the description (or, when nothing answered, the network error) pick a rule; the first match
// wins, so the specific rules come before the general ones. The simulator explains each exchange
// with these, the sender each failed send: one explainer for both, as for e-mail.
// Descriptions: tdlib/telegram-bot-api Client.cpp and issue reports (../shared/reference/alert-channels.md).
import type { Bilingual, ChannelExplanation } from '../channel-wire.js';

export type TelegramField = 'botToken' | 'chatId' | 'parseMode' | 'text' | 'apiRoot';

type Text = Bilingual | ((m: RegExpExecArray) => Bilingual);

export interface TelegramExplainRule {
  code: string;
  /** The HTTP status; 'server' for any 5xx; 'network' when nothing answered. */
  status: number | 'server' | 'network';
  /** Tried on the description (network: the error code, a space, the message). */
  match: RegExp;
  field: TelegramField | null;
  cause: Text;
  fix: Text;
}

const GET_CHAT_ID: Bilingual = {
  ru: 'Чтобы узнать chat_id: напишите боту (нажмите «Старт») или добавьте его в группу, откройте <адрес API>/bot<токен>/getUpdates и возьмите message.chat.id из ответа.',
  en: 'To find the chat_id: write to the bot (press Start) or add it to the group, open <API address>/bot<token>/getUpdates and take message.chat.id from the answer.',
};
const LAB_PRESET: Bilingual = {
  ru: 'Для симулятора лаборатории выберите шаблон «Лаборатория»: он подставит адрес; для настоящего Telegram — https://api.telegram.org.',
  en: 'For the lab\'s simulator choose the "Lab" preset: it fills in the address; for the real Telegram, https://api.telegram.org.',
};
const ESCAPE_V2 = '_ * [ ] ( ) ~ ` > # + - = | { } . !';

export const TELEGRAM_EXPLAIN_RULES: readonly TelegramExplainRule[] = [
  {
    code: 'telegram-token-malformed',
    status: 401,
    match: /^Unauthorized: invalid token specified/,
    field: 'botToken',
    cause: {
      ru: 'Это не токен бота: токен выглядит как 123456789:AAF… — номер бота, двоеточие и 35 символов. Обычно при копировании потерялась часть или попало лишнее (пробел, кавычки, слово «bot» в начале).',
      en: 'This is not a bot token: a token looks like 123456789:AAF… — the bot\'s number, a colon and 35 characters. Usually part of it was lost when copying, or something slipped in (a space, quotes, the word "bot" in front).',
    },
    fix: {
      ru: 'Скопируйте токен целиком — из BotFather или со страницы «Сообщения → Telegram» лаборатории — в поле «Токен бота».',
      en: 'Copy the whole token — from BotFather, or from the lab\'s Messages → Telegram page — into the "Bot token" field.',
    },
  },
  {
    code: 'telegram-token-unknown',
    status: 401,
    match: /^Unauthorized/,
    field: 'botToken',
    cause: {
      ru: 'Токен по форме верный, но бота с ним нет: в токене опечатка, его отозвали (после нового токена старый не действует) или бота удалили. Токен бота лаборатории не работает на api.telegram.org, и наоборот.',
      en: "The token is well-formed, but no bot has it: it has a typo, it was revoked (once a new token is made the old one stops working), or the bot was deleted. A lab bot's token does not work at api.telegram.org, nor the other way round.",
    },
    fix: { ru: 'Вставьте текущий токен этого бота в поле «Токен бота».', en: 'Put the bot\'s current token into the "Bot token" field.' },
  },
  {
    code: 'telegram-not-found',
    status: 404,
    match: /^Not Found/,
    field: 'apiRoot',
    cause: {
      ru: 'Такого адреса у Bot API нет: запрос должен идти на <адрес API>/bot<токен>/<метод>. Обычно в «Адресе API» лишний хвост (…/bot, косая черта в конце), токен пуст или метод назван с ошибкой.',
      en: 'The Bot API has no such address: a request goes to <API address>/bot<token>/<method>. Usually the "API address" has an extra tail (…/bot, a trailing slash), the token is empty or the method is misspelt.',
    },
    fix: {
      ru: `В «Адресе API» — только сервер, без /bot и без косой черты в конце. ${LAB_PRESET.ru}`,
      en: `The "API address" is the server only, without /bot and no trailing slash. ${LAB_PRESET.en}`,
    },
  },
  {
    code: 'telegram-chat-id-empty',
    status: 400,
    match: /chat_id is empty/,
    field: 'chatId',
    cause: { ru: 'chat_id не передан: боту не сказали, в какой чат писать.', en: 'No chat_id was sent: the bot was not told which chat to write to.' },
    fix: GET_CHAT_ID,
  },
  {
    code: 'telegram-chat-not-found',
    status: 400,
    match: /chat not found/,
    field: 'chatId',
    cause: {
      ru: 'Бот не знает чата с таким chat_id: в номере опечатка, это чат другого бота, у группы потерян минус (id группы отрицательный, например -4012345678) или бота в эту группу не добавили. Бот видит только чаты, где ему писали или куда его добавили.',
      en: "The bot knows no chat with this chat_id: the number has a typo, it is another bot's chat, a group's minus got lost (a group's id is negative, e.g. -4012345678), or the bot was never added to that group. A bot sees only the chats that wrote to it or added it.",
    },
    fix: GET_CHAT_ID,
  },
  {
    code: 'telegram-chat-is-bot',
    status: 403,
    match: /can't send messages to bots/,
    field: 'chatId',
    cause: {
      ru: 'В chat_id указан бот (его @username): боты не пишут другим ботам.',
      en: "The chat_id names a bot (its @username): bots don't write to other bots.",
    },
    fix: GET_CHAT_ID,
  },
  {
    code: 'telegram-text-empty',
    status: 400,
    match: /message text is empty|text must be non-empty/,
    field: 'text',
    cause: {
      ru: 'Текст сообщения пуст: его не передали, или после разбора разметки и обрезки пробелов ничего не осталось.',
      en: 'The message text is empty: none was sent, or nothing was left once the markup was parsed and the spaces trimmed.',
    },
    fix: { ru: 'Напишите текст сообщения.', en: 'Write the message text.' },
  },
  {
    code: 'telegram-text-too-long',
    status: 400,
    match: /message is too long|text is too long/,
    field: 'text',
    cause: {
      ru: 'Текст длиннее 4096 символов (считается то, что осталось после разбора разметки).',
      en: 'The text is longer than 4096 characters (counted after the markup is parsed).',
    },
    fix: { ru: 'Сократите текст или разбейте его на несколько сообщений.', en: 'Shorten the text, or split it into several messages.' },
  },
  {
    code: 'telegram-parse-mode-unsupported',
    status: 400,
    match: /unsupported parse_mode/,
    field: 'parseMode',
    cause: {
      ru: 'parse_mode бывает только HTML, MarkdownV2 или Markdown (регистр не важен).',
      en: 'parse_mode is HTML, MarkdownV2 or Markdown only (in any case).',
    },
    fix: { ru: 'Выберите разметку HTML, MarkdownV2 или «без разметки».', en: 'Choose HTML, MarkdownV2 or no formatting.' },
  },
  {
    code: 'telegram-markdown-reserved',
    status: 400,
    match: /can't parse entities: Character '(.)' is reserved/,
    field: 'parseMode',
    cause: (m) => ({
      ru: `В MarkdownV2 символ «${m[1]}» служебный, и вне разметки его нужно экранировать: «\\${m[1]}». Чаще всего это точка в числе (85.5), дефис или скобка в обычном тексте. Служебные: ${ESCAPE_V2}.`,
      en: `In MarkdownV2 the character "${m[1]}" is reserved and must be escaped outside markup: "\\${m[1]}". Most often it is the dot of a number (85.5), a hyphen or a bracket in plain text. Reserved: ${ESCAPE_V2}.`,
    }),
    fix: (m) => ({
      ru: `Поставьте обратную косую черту перед каждым таким символом (85\\.5, \\${m[1]}) — или выберите HTML, где служебные только < > &.`,
      en: `Put a backslash before each such character (85\\.5, \\${m[1]}) — or choose HTML, where only < > & are special.`,
    }),
  },
  {
    code: 'telegram-html-unknown-tag',
    status: 400,
    match: /can't parse entities: Unsupported start tag "(.*)" at byte offset (\d+)/,
    field: 'parseMode',
    cause: (m) =>
      m[1]
        ? {
            ru: `В HTML тега <${m[1]}> Telegram не знает (байт ${m[2]} текста в UTF-8).`,
            en: `Telegram knows no <${m[1]}> tag in HTML (byte ${m[2]} of the UTF-8 text).`,
          }
        : {
            ru: `В HTML знак «<» открывает тег, а здесь (байт ${m[2]} текста в UTF-8) за ним нет имени тега — обычно это сравнение вроде «t < 50».`,
            en: `In HTML "<" opens a tag, and here (byte ${m[2]} of the UTF-8 text) no tag name follows it — usually a comparison like "t < 50".`,
          },
    fix: {
      ru: 'Запишите «<» как &lt; (а «>» и «&» — как &gt; и &amp;). Telegram понимает b, i, u, s, a, code, pre, blockquote, tg-spoiler.',
      en: 'Write "<" as &lt; (and ">", "&" as &gt;, &amp;). Telegram knows b, i, u, s, a, code, pre, blockquote, tg-spoiler.',
    },
  },
  {
    code: 'telegram-markup-unclosed',
    status: 400,
    match: /can't parse entities: (Can't find end|Unmatched end tag|Unexpected end tag|Unclosed)/,
    field: 'parseMode',
    cause: (m) => ({
      ru: `Разметка не закрыта или закрыта не тем («${m.input.replace(/^Bad Request: can't parse entities: /, '')}»). В Markdown так бывает с одиночными «_» и «*» — например, в имени snake_case или в «2*3».`,
      en: `Markup is left open or closed by the wrong mark ("${m.input.replace(/^Bad Request: can't parse entities: /, '')}"). In Markdown this happens with a lone "_" or "*", as in snake_case or 2*3.`,
    }),
    fix: {
      ru: 'Закройте каждый тег и знак разметки или экранируйте одиночные символы обратной косой чертой; для текста без оформления выберите «без разметки».',
      en: 'Close every tag and mark, or escape lone characters with a backslash; for text without formatting choose no formatting.',
    },
  },
  {
    code: 'telegram-markup-invalid',
    status: 400,
    match: /can't parse entities/,
    field: 'parseMode',
    cause: (m) => ({ ru: `Telegram не смог разобрать разметку: «${m.input}».`, en: `Telegram could not parse the markup: "${m.input}".` }),
    fix: {
      ru: 'Исправьте разметку по ответу сервиса или выберите «без разметки».',
      en: "Fix the markup as the service's answer says, or choose no formatting.",
    },
  },
  {
    code: 'telegram-bot-blocked',
    status: 403,
    match: /bot was blocked by the user/,
    field: null,
    cause: {
      ru: 'Пользователь заблокировал бота: Telegram не доставляет ему сообщения от этого бота.',
      en: "The user blocked the bot: Telegram doesn't deliver that bot's messages to them.",
    },
    fix: {
      ru: 'Настройки тут ни при чём: пользователь должен разблокировать бота и нажать «Перезапустить» (в лаборатории — на странице «Сообщения → Telegram»).',
      en: 'No setting is wrong: the user must unblock the bot and press Restart (in the lab, on the Messages → Telegram page).',
    },
  },
  {
    code: 'telegram-never-started',
    status: 403,
    match: /can't initiate conversation/,
    field: 'chatId',
    cause: {
      ru: 'Пользователь ещё не нажал «Старт» у бота: бот не может написать первым.',
      en: "The user hasn't pressed Start in the bot's chat yet: a bot cannot write first.",
    },
    fix: {
      ru: 'Откройте чат с ботом и нажмите «Старт», затем узнайте chat_id через getUpdates.',
      en: "Open the bot's chat and press Start, then find the chat_id with getUpdates.",
    },
  },
  {
    code: 'telegram-bot-kicked',
    status: 403,
    match: /bot was kicked|bot is not a member/,
    field: null,
    cause: {
      ru: 'Бота удалили из группы (или он в ней не состоит): писать туда он не может.',
      en: 'The bot was removed from the group (or is not in it): it cannot write there.',
    },
    fix: { ru: 'Добавьте бота в группу снова.', en: 'Add the bot to the group again.' },
  },
  {
    code: 'telegram-webhook-active',
    status: 409,
    match: /webhook is active/,
    field: null,
    cause: {
      ru: 'У бота установлен вебхук, а getUpdates при вебхуке не работает: обновления уходят на вебхук.',
      en: 'The bot has a webhook set, and getUpdates does not work then: the updates go to the webhook.',
    },
    fix: { ru: 'Удалите вебхук: вызовите deleteWebhook, затем getUpdates.', en: 'Delete the webhook: call deleteWebhook, then getUpdates.' },
  },
  {
    code: 'telegram-polling-conflict',
    status: 409,
    match: /^Conflict/,
    field: null,
    cause: {
      ru: 'Запрос getUpdates прервал другой: с этим токеном одновременно работают две копии бота (или setWebhook).',
      en: 'Another request ended this getUpdates: two copies of the bot run with this token at once (or setWebhook was called).',
    },
    fix: { ru: 'Оставьте запущенной одну копию бота.', en: 'Keep one copy of the bot running.' },
  },
  {
    code: 'telegram-rate-limited',
    status: 429,
    match: /retry after (\d+)/,
    field: null,
    cause: (m) => ({
      ru: `Слишком много сообщений подряд: Telegram пропускает около одного сообщения в секунду в один чат, 20 в минуту в группу и 30 в секунду от бота всего. Сервис просит подождать ${m[1]} с.`,
      en: `Too many messages in a row: Telegram lets through about one message a second to a chat, 20 a minute to a group and 30 a second from a bot in all. The service asks to wait ${m[1]} s.`,
    }),
    fix: (m) => ({
      ru: `Отправитель сам повторит попытку через ${m[1]} с. В оповещениях группируйте события вместо сообщения на каждое.`,
      en: `The sender tries again by itself after ${m[1]} s. In alerts, group events together instead of a message for each.`,
    }),
  },
  {
    code: 'telegram-bad-webhook',
    status: 400,
    match: /bad webhook/,
    field: null,
    cause: { ru: 'Адрес вебхука не подходит: Telegram принимает только https://.', en: 'The webhook address is not accepted: Telegram takes https:// only.' },
    fix: {
      ru: 'Укажите https-адрес вебхука или получайте обновления через getUpdates.',
      en: 'Give an https webhook address, or get the updates with getUpdates.',
    },
  },
  {
    code: 'telegram-request-too-large',
    status: 413,
    match: /./,
    field: 'text',
    cause: { ru: 'Запрос слишком большой (больше 1 МБ).', en: 'The request is too large (over 1 MB).' },
    fix: { ru: 'Сократите текст.', en: 'Shorten the text.' },
  },
  {
    code: 'telegram-server-error',
    status: 'server',
    match: /.*/,
    field: null,
    cause: { ru: 'Сбой на стороне Telegram: настройки тут ни при чём.', en: "A failure on Telegram's side: no setting is wrong." },
    fix: { ru: 'Отправитель повторит попытку сам; если сбой долгий — попробуйте позже.', en: 'The sender tries again by itself; if it lasts, try later.' },
  },
  {
    code: 'telegram-api-root-slash',
    status: 'network',
    match: /trailing '\/'/,
    field: 'apiRoot',
    cause: {
      ru: 'Адрес API кончается косой чертой, и клиент добавил бы вторую: …//bot<токен>.',
      en: 'The API address ends in a slash, and the client would add another: …//bot<token>.',
    },
    fix: { ru: 'Уберите косую черту в конце адреса API.', en: 'Remove the trailing slash of the API address.' },
  },
  {
    code: 'telegram-connection-refused',
    status: 'network',
    match: /ECONNREFUSED/,
    field: 'apiRoot',
    cause: {
      ru: 'Соединение отклонено (ECONNREFUSED): по «Адресу API» никто не слушает. Обычно симулятор Telegram лаборатории выключен или порт не тот.',
      en: 'The connection was refused (ECONNREFUSED): nothing listens at the "API address". Usually the lab\'s Telegram simulator is off, or the port is wrong.',
    },
    fix: {
      ru: `Проверьте, что лаборатория запущена с симулятором Telegram. ${LAB_PRESET.ru}`,
      en: `Check that the lab runs with its Telegram simulator on. ${LAB_PRESET.en}`,
    },
  },
  {
    code: 'telegram-dns',
    status: 'network',
    match: /ENOTFOUND|EAI_AGAIN/,
    field: 'apiRoot',
    cause: {
      ru: 'Имя сервера из «Адреса API» не нашлось в DNS: в нём опечатка, или у компьютера нет доступа к интернету и DNS.',
      en: 'The server name of the "API address" is not found in DNS: it has a typo, or the computer has no Internet and DNS.',
    },
    fix: {
      ru: `Проверьте написание (api.telegram.org) и сеть. ${LAB_PRESET.ru}`,
      en: `Check the spelling (api.telegram.org) and the network. ${LAB_PRESET.en}`,
    },
  },
  {
    code: 'telegram-tls',
    status: 'network',
    match: /CERT|SSL|TLS|EPROTO|wrong version number/i,
    field: 'apiRoot',
    cause: {
      ru: 'TLS-соединение не сложилось: https:// указан для сервера, который говорит по http (симулятор лаборатории — http://), или сертификат сервера не доверенный.',
      en: "The TLS connection failed: https:// was given for a server that speaks plain http (the lab's simulator is http://), or the server's certificate is not trusted.",
    },
    fix: {
      ru: `Для симулятора — http://127.0.0.1:<порт>, для Telegram — https://api.telegram.org. ${LAB_PRESET.ru}`,
      en: `For the simulator use http://127.0.0.1:<port>, for Telegram https://api.telegram.org. ${LAB_PRESET.en}`,
    },
  },
  {
    code: 'telegram-not-bot-api',
    status: 'network',
    match: /INVALID_JSON|invalid-json/,
    field: 'apiRoot',
    cause: {
      ru: 'По «Адресу API» кто-то ответил, но не как Bot API (не JSON): например, это веб-страница лаборатории, а не её симулятор Telegram.',
      en: 'Something answered at the "API address", but not as the Bot API does (not JSON): for instance the lab\'s web page rather than its Telegram simulator.',
    },
    fix: LAB_PRESET,
  },
  {
    code: 'telegram-unreachable',
    status: 'network',
    match: /.*/,
    field: 'apiRoot',
    cause: {
      ru: 'Сервер из «Адреса API» не ответил (сеть недоступна, соединение оборвалось или истекло время ожидания). В некоторых сетях api.telegram.org заблокирован.',
      en: 'The server of the "API address" did not answer (no network, the connection dropped or timed out). Some networks block api.telegram.org.',
    },
    fix: {
      ru: `Отправитель повторит попытку сам. Проверьте сеть и адрес. ${LAB_PRESET.ru}`,
      en: `The sender tries again by itself. Check the network and the address. ${LAB_PRESET.en}`,
    },
  },
];

/** When no rule fits: the description quoted, by the status's class. */
function fallback(status: number | null, description: string): ChannelExplanation {
  const field: TelegramField | null = status === 401 ? 'botToken' : null;
  return {
    code: `telegram-${status ?? 'network'}`,
    cause: { ru: `Telegram ответил отказом: «${description}».`, en: `Telegram refused: "${description}".` },
    field,
    fix: { ru: 'Исправьте запрос по ответу сервиса.', en: "Fix the request as the service's answer says." },
  };
}

const statusMatches = (rule: TelegramExplainRule, status: number | null) =>
  status === null ? rule.status === 'network' : rule.status === status || (rule.status === 'server' && status >= 500);

/** Why a request failed (null when it did not): a status with its description, or no status and the network error's code. */
export function explainTelegram(status: number | null, description: string | null, networkCode?: string): ChannelExplanation | null {
  if (status !== null && status < 400) return null;
  const subject = status === null ? `${networkCode ?? ''} ${description ?? ''}`.trim() : (description ?? '');
  for (const rule of TELEGRAM_EXPLAIN_RULES) {
    if (!statusMatches(rule, status)) continue;
    const m = rule.match.exec(subject);
    if (!m) continue;
    const text = (t: Text) => (typeof t === 'function' ? t(m) : t);
    return { code: rule.code, cause: text(rule.cause), field: rule.field, fix: text(rule.fix) };
  }
  return fallback(status, subject);
}
