// What each part of an SMTP dialogue means, in plain words, in Russian and English: every
// command the server understands, every EHLO extension it (or a real provider) advertises,
// every reply code it can send, the enhanced status codes (RFC 3463) and the connection events
// of a session record. Data only; explain-line.ts picks the right entry for a line.
// Sources: RFC 5321 (SMTP), RFC 3207 (STARTTLS), RFC 4954 (AUTH), RFC 2920 (PIPELINING),
// RFC 3463 / RFC 2034 (enhanced codes), and smtp-server's replies (smtp-connection.js, sasl.js).
import type { Bilingual } from '../i18n/bilingual.js';

/** The three commands the practical work calls mandatory for every mail. */
export const MANDATORY_COMMANDS = ['MAIL', 'RCPT', 'DATA'] as const;
export type MandatoryCommand = (typeof MANDATORY_COMMANDS)[number];

export const MANDATORY_LABELS: Record<MandatoryCommand, string> = { MAIL: 'MAIL FROM', RCPT: 'RCPT TO', DATA: 'DATA' };

export const COMMANDS: Record<string, Bilingual> = {
  EHLO: {
    en: 'Extended greeting (RFC 5321 §4.1.1.1): the client gives its own host name and asks which extensions the server supports. The server answers 250 and lists them, one per line.',
    ru: 'Расширенное приветствие (RFC 5321 §4.1.1.1): клиент называет имя своего хоста и спрашивает, какие расширения поддерживает сервер. Сервер отвечает 250 и перечисляет их по одному в строке.',
  },
  HELO: {
    en: 'The old greeting (RFC 821): the client gives its host name. The server answers 250 but lists no extensions, so no STARTTLS, AUTH or SIZE.',
    ru: 'Старое приветствие (RFC 821): клиент называет имя своего хоста. Сервер отвечает 250, но не перечисляет расширений, то есть без STARTTLS, AUTH и SIZE.',
  },
  LHLO: {
    en: 'The greeting of LMTP (RFC 2033), the local variant of SMTP. An SMTP server answers it with an error.',
    ru: 'Приветствие протокола LMTP (RFC 2033), локального варианта SMTP. SMTP-сервер отвечает на него ошибкой.',
  },
  STARTTLS: {
    en: 'Asks to switch this connection to TLS (RFC 3207). After 220 both sides run a TLS handshake; everything after it is encrypted, and the client must send EHLO again.',
    ru: 'Просьба перевести соединение на TLS (RFC 3207). После ответа 220 стороны выполняют TLS-рукопожатие; всё дальнейшее шифруется, и клиент должен заново отправить EHLO.',
  },
  AUTH: {
    en: 'Signs in (RFC 4954). The mechanism (PLAIN, LOGIN, …) says how the user name and password are sent: only base64-encoded, not encrypted, which is why real servers take AUTH only after TLS. smtp-lab hides the credentials.',
    ru: 'Вход в учётную запись (RFC 4954). Механизм (PLAIN, LOGIN, …) определяет, как передаются логин и пароль: они лишь закодированы base64, а не зашифрованы, поэтому настоящие серверы принимают AUTH только после TLS. smtp-lab скрывает учётные данные.',
  },
  MAIL: {
    en: 'MAIL FROM:<address> is mandatory command 1 of 3: it starts a mail transaction and gives the sender address of the envelope (where bounces go). It may differ from the From: header.',
    ru: 'MAIL FROM:<адрес> — обязательная команда 1 из 3: начинает почтовую транзакцию и задаёт адрес отправителя в конверте (куда вернутся уведомления о недоставке). Он может отличаться от заголовка From:.',
  },
  RCPT: {
    en: 'RCPT TO:<address> is mandatory command 2 of 3: it names one recipient and is repeated for each. Without at least one accepted recipient the mail has nowhere to go.',
    ru: 'RCPT TO:<адрес> — обязательная команда 2 из 3: называет одного получателя и повторяется для каждого. Без хотя бы одного принятого получателя письму некуда идти.',
  },
  DATA: {
    en: 'DATA is mandatory command 3 of 3: it asks to send the message itself. After 354 the client sends the headers and the body and ends with a line holding a single dot.',
    ru: 'DATA — обязательная команда 3 из 3: просьба передать само письмо. После ответа 354 клиент передаёт заголовки и текст и завершает строкой из одной точки.',
  },
  'DATA-BODY': {
    en: 'The message itself: headers, an empty line, the body, ended by a line holding a single dot (<CRLF>.<CRLF>). The server answers only once the whole message has arrived.',
    ru: 'Само письмо: заголовки, пустая строка, текст; в конце строка из одной точки (<CRLF>.<CRLF>). Сервер отвечает, только когда получит письмо целиком.',
  },
  QUIT: {
    en: 'Ends the session politely (RFC 5321 §4.1.1.10). The server answers 221 and closes the connection.',
    ru: 'Вежливое завершение сеанса (RFC 5321 §4.1.1.10). Сервер отвечает 221 и закрывает соединение.',
  },
  RSET: {
    en: 'Cancels the current mail transaction (the sender and recipients given so far); the connection stays open.',
    ru: 'Отменяет текущую почтовую транзакцию (уже заданных отправителя и получателей); соединение остаётся открытым.',
  },
  NOOP: {
    en: 'Does nothing: checks that the server is still there and keeps the connection from idling out.',
    ru: 'Ничего не делает: проверяет, что сервер на связи, и не даёт соединению закрыться по простою.',
  },
  VRFY: {
    en: 'Asks whether an address exists. Servers rarely tell, because spammers would harvest addresses; this one answers 252 ("cannot verify, but will try").',
    ru: 'Спрашивает, существует ли адрес. Серверы почти никогда не отвечают по существу, иначе спамеры собирали бы адреса; этот отвечает 252 («проверить не могу, но попробую доставить»).',
  },
  EXPN: {
    en: 'Asks to expand a mailing list into its members. Nearly every server refuses it, for the same reason as VRFY.',
    ru: 'Просит раскрыть список рассылки. Почти все серверы отказывают в этом по той же причине, что и в VRFY.',
  },
  HELP: {
    en: 'Asks the server for help text (214).',
    ru: 'Просит у сервера справку (ответ 214).',
  },
  BDAT: {
    en: 'Sends the message in chunks of a stated size instead of DATA (RFC 3030, CHUNKING). This server does not offer it.',
    ru: 'Передаёт письмо частями заданного размера вместо DATA (RFC 3030, CHUNKING). Этот сервер его не поддерживает.',
  },
  XCLIENT: {
    en: 'A Postfix extension: a trusted proxy tells the server who the real client is. Refused unless the server is set up for it.',
    ru: 'Расширение Postfix: доверенный прокси сообщает серверу, кто настоящий клиент. Без особой настройки сервер отказывает.',
  },
  XFORWARD: {
    en: 'A Postfix extension: a trusted content filter passes on where the mail originally came from. Refused unless the server is set up for it.',
    ru: 'Расширение Postfix: доверенный фильтр передаёт, откуда письмо пришло изначально. Без особой настройки сервер отказывает.',
  },
  WIZ: {
    en: 'Not SMTP: a joke from old sendmail history. smtp-server answers it with a joke too.',
    ru: 'Не команда SMTP, а шутка из истории sendmail. smtp-server тоже отвечает шуткой.',
  },
  SHELL: {
    en: 'Not SMTP: an attempt to get a shell, answered with a refusal.',
    ru: 'Не команда SMTP: попытка получить командную оболочку; сервер отказывает.',
  },
  KILL: {
    en: 'Not SMTP: a joke command, answered with a refusal.',
    ru: 'Не команда SMTP, а шуточная команда; сервер отказывает.',
  },
};

export const UNKNOWN_COMMAND: Bilingual = {
  en: 'Not a command this server knows; it answers 500. After ten unknown commands it closes the connection.',
  ru: 'Эту команду сервер не знает и отвечает 500. После десяти неизвестных команд он закрывает соединение.',
};

export const MASKED_CREDENTIALS: Bilingual = {
  en: 'Credentials hidden: this line carried a user name or password (base64 is readable by anyone who sees the traffic), so smtp-lab does not show it.',
  ru: 'Учётные данные скрыты: в этой строке были логин или пароль (base64 прочтёт любой, кто видит трафик), поэтому smtp-lab их не показывает.',
};

export const AUTH_CANCEL: Bilingual = {
  en: 'A single "*" cancels the sign-in exchange (RFC 4954 §4); the server answers 501.',
  ru: 'Одна «*» отменяет обмен при входе (RFC 4954 §4); сервер отвечает 501.',
};

/** EHLO keywords (the first word of each line after the first of a 250 reply to EHLO). */
export const EXTENSIONS: Record<string, Bilingual> = {
  PIPELINING: {
    en: 'PIPELINING (RFC 2920): the client may send several commands (MAIL FROM, RCPT TO, DATA) without waiting for each reply.',
    ru: 'PIPELINING (RFC 2920): клиент может отправить несколько команд подряд (MAIL FROM, RCPT TO, DATA), не дожидаясь ответа на каждую.',
  },
  '8BITMIME': {
    en: '8BITMIME (RFC 6152): the body may contain 8-bit bytes (for example UTF-8 text without encoding).',
    ru: '8BITMIME (RFC 6152): в тексте письма допустимы 8-битные байты (например, UTF-8 без перекодирования).',
  },
  SMTPUTF8: {
    en: 'SMTPUTF8 (RFC 6531): addresses and headers may use Unicode (e.g. пользователь@пример.рф).',
    ru: 'SMTPUTF8 (RFC 6531): адреса и заголовки могут быть в Юникоде (например, пользователь@пример.рф).',
  },
  ENHANCEDSTATUSCODES: {
    en: 'ENHANCEDSTATUSCODES (RFC 2034): replies carry a second, finer code such as 5.7.8 after the three digits.',
    ru: 'ENHANCEDSTATUSCODES (RFC 2034): в ответах после трёх цифр идёт второй, более точный код, например 5.7.8.',
  },
  DSN: {
    en: 'DSN (RFC 3461): the client may ask for delivery status notifications (NOTIFY=SUCCESS,FAILURE on RCPT TO).',
    ru: 'DSN (RFC 3461): клиент может заказать уведомления о доставке (NOTIFY=SUCCESS,FAILURE в RCPT TO).',
  },
  AUTH: {
    en: 'AUTH (RFC 4954): the server accepts sign-in, with the mechanisms listed: PLAIN and LOGIN send the password base64-encoded, which is not encryption (real servers take them only over TLS), CRAM-MD5 proves it without sending it, XOAUTH2 sends an OAuth token.',
    ru: 'AUTH (RFC 4954): сервер принимает вход перечисленными механизмами: PLAIN и LOGIN передают пароль в base64, а это не шифрование (настоящие серверы принимают их только поверх TLS), CRAM-MD5 доказывает знание пароля, не передавая его, XOAUTH2 передаёт токен OAuth.',
  },
  STARTTLS: {
    en: 'STARTTLS (RFC 3207): the client can switch this connection to TLS encryption before signing in.',
    ru: 'STARTTLS (RFC 3207): клиент может перевести соединение на шифрование TLS до входа.',
  },
  REQUIRETLS: {
    en: 'REQUIRETLS (RFC 8689): the client may demand that the mail travel only over TLS all the way.',
    ru: 'REQUIRETLS (RFC 8689): клиент может потребовать, чтобы письмо передавалось только по TLS на всём пути.',
  },
  SIZE: {
    en: 'SIZE (RFC 1870): the largest message the server accepts, in bytes; a larger one gets 552.',
    ru: 'SIZE (RFC 1870): наибольший размер письма в байтах, который примет сервер; большее получит 552.',
  },
  CHUNKING: {
    en: 'CHUNKING (RFC 3030): the message may be sent in pieces with BDAT instead of DATA.',
    ru: 'CHUNKING (RFC 3030): письмо можно передать частями командой BDAT вместо DATA.',
  },
  BINARYMIME: {
    en: 'BINARYMIME (RFC 3030): binary MIME parts may be sent unencoded (with BDAT).',
    ru: 'BINARYMIME (RFC 3030): двоичные части MIME можно передавать без кодирования (через BDAT).',
  },
  DELIVERBY: {
    en: 'DELIVERBY (RFC 2852): the client may set a deadline for delivery.',
    ru: 'DELIVERBY (RFC 2852): клиент может задать срок доставки.',
  },
  ETRN: {
    en: 'ETRN (RFC 1985): a server may ask this one to send the mail queued for it.',
    ru: 'ETRN (RFC 1985): другой сервер может попросить этот отправить накопленную для него почту.',
  },
  'MT-PRIORITY': {
    en: 'MT-PRIORITY (RFC 6710): the client may give the mail a priority.',
    ru: 'MT-PRIORITY (RFC 6710): клиент может задать письму приоритет.',
  },
  HELP: {
    en: 'HELP: the server answers the HELP command.',
    ru: 'HELP: сервер отвечает на команду HELP.',
  },
  VRFY: {
    en: 'VRFY: the server answers address checks (see the VRFY command).',
    ru: 'VRFY: сервер отвечает на проверку адресов (см. команду VRFY).',
  },
  XCLIENT: {
    en: "XCLIENT (Postfix): a trusted proxy may pass on the real client's address.",
    ru: 'XCLIENT (Postfix): доверенный прокси может передать адрес настоящего клиента.',
  },
  XFORWARD: {
    en: 'XFORWARD (Postfix): a trusted filter may pass on where the mail came from.',
    ru: 'XFORWARD (Postfix): доверенный фильтр может передать, откуда пришло письмо.',
  },
};

export const UNKNOWN_EXTENSION: Bilingual = {
  en: 'An extension this explainer does not describe; a client that does not know it simply does not use it.',
  ru: 'Расширение, которого нет в этом справочнике; клиент, не знающий его, просто им не пользуется.',
};

export const EHLO_FIRST_LINE: Bilingual = {
  en: "The first line: the server's name and a greeting to the client.",
  ru: 'Первая строка: имя сервера и приветствие клиенту.',
};

/** Reply codes (RFC 5321 §4.2.2 and §4.2.3, RFC 4954 §6, RFC 3207, and codes real servers use). */
export const REPLY_CODES: Record<number, Bilingual> = {
  200: {
    en: 'Nonstandard success reply (smtp-server answers its joke command WIZ with it).',
    ru: 'Нестандартный успешный ответ (smtp-server даёт его на шуточную команду WIZ).',
  },
  211: { en: 'System status or help reply.', ru: 'Состояние системы или справка.' },
  214: { en: 'Help message for a human reader.', ru: 'Справочное сообщение для человека.' },
  220: {
    en: 'Service ready: the server greets the client, who may now send EHLO.',
    ru: 'Сервис готов: сервер приветствует клиента, теперь клиент может отправить EHLO.',
  },
  221: { en: 'Goodbye: the server closes the connection.', ru: 'До свидания: сервер закрывает соединение.' },
  235: { en: 'Authentication succeeded: the client is signed in.', ru: 'Вход выполнен: клиент аутентифицирован.' },
  250: { en: 'OK: the requested action was done.', ru: 'OK: запрошенное действие выполнено.' },
  251: { en: 'User not local; the server will forward the mail.', ru: 'Получатель не местный; сервер перешлёт письмо.' },
  252: {
    en: 'Cannot verify the address, but will accept mail for it and try to deliver.',
    ru: 'Проверить адрес нельзя, но сервер примет для него письмо и попробует доставить.',
  },
  334: {
    en: 'Continue signing in: the server waits for the next piece of the credentials (its text is a base64 prompt, e.g. "VXNlcm5hbWU6" is "Username:").',
    ru: 'Продолжайте вход: сервер ждёт следующую часть учётных данных (текст — подсказка в base64, например «VXNlcm5hbWU6» означает «Username:»).',
  },
  354: {
    en: 'Start mail input: send the message, then a line holding a single dot.',
    ru: 'Начинайте ввод письма: передайте письмо, затем строку из одной точки.',
  },
  420: {
    en: 'Temporary: timeout or connection problem (nonstandard). Try again later.',
    ru: 'Временная ошибка: тайм-аут или сбой соединения (нестандартный код). Повторите позже.',
  },
  421: {
    en: 'Service not available: the server is closing the connection. A temporary error (4xx): the client may try again later.',
    ru: 'Сервис недоступен: сервер закрывает соединение. Временная ошибка (4xx): клиент может повторить позже.',
  },
  450: {
    en: 'Temporary: the mailbox is unavailable (busy, or greylisting). Try again later.',
    ru: 'Временная ошибка: ящик недоступен (занят или действует серый список). Повторите позже.',
  },
  451: {
    en: 'Temporary: the action was aborted by a local error on the server. The mail was not accepted; try again later.',
    ru: 'Временная ошибка: действие прервано из-за сбоя на сервере. Письмо не принято; повторите позже.',
  },
  452: {
    en: 'Temporary: insufficient storage, or too many recipients in this transaction; send the rest in another one.',
    ru: 'Временная ошибка: не хватает места или слишком много получателей в одной транзакции; остальных отправьте в следующей.',
  },
  454: {
    en: 'Temporary authentication failure (or TLS not available now). Try again later.',
    ru: 'Временный сбой аутентификации (или TLS сейчас недоступен). Повторите позже.',
  },
  500: {
    en: 'Syntax error: command not recognized (or the line was too long). A permanent error: resending the same line will fail again.',
    ru: 'Синтаксическая ошибка: команда не распознана (или строка слишком длинная). Постоянная ошибка: та же строка снова не пройдёт.',
  },
  501: {
    en: 'Syntax error in the parameters: the command is known but its argument is wrong (e.g. an address without <>).',
    ru: 'Ошибка в параметрах: команда известна, но аргумент неверен (например, адрес без <>).',
  },
  502: { en: 'Command not implemented by this server.', ru: 'Команда не реализована на этом сервере.' },
  503: {
    en: 'Bad sequence of commands: the order is EHLO, (AUTH), MAIL FROM, RCPT TO, DATA; this command came out of turn.',
    ru: 'Неверная последовательность команд: порядок — EHLO, (AUTH), MAIL FROM, RCPT TO, DATA; эта команда пришла не вовремя.',
  },
  504: {
    en: 'Command parameter not implemented (e.g. an AUTH mechanism the server does not offer).',
    ru: 'Параметр команды не поддерживается (например, механизм AUTH, которого сервер не предлагает).',
  },
  521: { en: 'This host does not accept mail at all.', ru: 'Этот хост вообще не принимает почту.' },
  523: {
    en: 'The message is larger than the server accepts (nonstandard code).',
    ru: 'Письмо больше, чем принимает сервер (нестандартный код).',
  },
  530: {
    en: 'Authentication required (or TLS first): sign in with AUTH before MAIL FROM.',
    ru: 'Требуется аутентификация (или сначала TLS): выполните AUTH до MAIL FROM.',
  },
  534: {
    en: 'The mechanism or password is too weak for this account: providers such as Gmail answer 534 5.7.9 when the account password is used where an app password is required.',
    ru: 'Слишком слабый механизм или пароль: например, Gmail отвечает 534 5.7.9, если вместо пароля приложения указан пароль от учётной записи.',
  },
  535: {
    en: 'Authentication failed: the user name or password is wrong (with providers: often not an app password).',
    ru: 'Аутентификация не пройдена: неверные логин или пароль (у почтовых сервисов часто — не пароль приложения).',
  },
  538: {
    en: 'Encryption required: this server accepts AUTH only after STARTTLS.',
    ru: 'Требуется шифрование: этот сервер принимает AUTH только после STARTTLS.',
  },
  550: {
    en: 'Permanent: the action was refused (mailbox unavailable, or not allowed by policy). Retrying will not help.',
    ru: 'Постоянная ошибка: действие отклонено (ящик недоступен или запрещено правилами). Повтор не поможет.',
  },
  551: { en: 'User not local; the server will not forward.', ru: 'Получатель не местный; сервер не будет пересылать.' },
  552: {
    en: 'Permanent: exceeded storage allocation; here, the message is larger than the SIZE the server announced.',
    ru: 'Постоянная ошибка: превышен допустимый объём; здесь — письмо больше размера SIZE, объявленного сервером.',
  },
  553: {
    en: 'Permanent: the mailbox name is not allowed (for example a sender address the signed-in account does not own).',
    ru: 'Постоянная ошибка: недопустимое имя ящика (например, адрес отправителя, не принадлежащий вошедшей учётной записи).',
  },
  554: {
    en: 'Transaction failed (or, as a greeting, no SMTP service here). Permanent.',
    ru: 'Транзакция не удалась (или, в приветствии, здесь нет SMTP-сервиса). Постоянная ошибка.',
  },
  555: {
    en: 'A MAIL FROM or RCPT TO parameter is not recognized or not implemented.',
    ru: 'Параметр MAIL FROM или RCPT TO не распознан или не поддерживается.',
  },
  556: { en: "The recipient's domain does not accept mail.", ru: 'Домен получателя не принимает почту.' },
  557: { en: 'Delivery not authorized (nonstandard code).', ru: 'Доставка не разрешена (нестандартный код).' },
  558: { en: 'The message is too large for the recipient (nonstandard code).', ru: 'Письмо слишком велико для получателя (нестандартный код).' },
};

/** The reply class, when a code is not in the table (RFC 5321 §4.2.1). */
export const REPLY_CLASSES: Record<2 | 3 | 4 | 5, Bilingual> = {
  2: { en: 'Success (2xx).', ru: 'Успех (2xx).' },
  3: { en: 'Intermediate (3xx): the server waits for more.', ru: 'Промежуточный ответ (3xx): сервер ждёт продолжения.' },
  4: {
    en: 'Temporary failure (4xx): the same command may succeed later.',
    ru: 'Временная ошибка (4xx): та же команда может пройти позже.',
  },
  5: {
    en: 'Permanent failure (5xx): the same command will fail again; something must change.',
    ru: 'Постоянная ошибка (5xx): та же команда снова не пройдёт; нужно что-то изменить.',
  },
};

/** A reply read in the light of the command it answers: `COMMAND CODE` (no command: the greeting). */
export const CONTEXT_REPLIES: Record<string, Bilingual> = {
  ' 220': {
    en: 'The greeting: the server is ready. Next the client says EHLO.',
    ru: 'Приветствие: сервер готов. Следующим клиент говорит EHLO.',
  },
  'EHLO 250': {
    en: 'Greeting accepted. The lines after the first are the extensions this server supports:',
    ru: 'Приветствие принято. Строки после первой — расширения, которые поддерживает сервер:',
  },
  'HELO 250': { en: 'Greeting accepted (without extensions).', ru: 'Приветствие принято (без расширений).' },
  'STARTTLS 220': {
    en: 'Ready to start TLS: the handshake begins right after this line.',
    ru: 'Готов к TLS: рукопожатие начинается сразу после этой строки.',
  },
  'AUTH 235': { en: 'Signed in: mail may now be sent as this user.', ru: 'Вход выполнен: теперь можно отправлять почту от этого пользователя.' },
  'AUTH 334': {
    en: 'The server asks for the next piece of the credentials (a base64 prompt).',
    ru: 'Сервер просит следующую часть учётных данных (подсказка в base64).',
  },
  'MAIL 250': {
    en: 'Sender accepted: the mail transaction has begun. Next: RCPT TO.',
    ru: 'Отправитель принят: почтовая транзакция началась. Дальше — RCPT TO.',
  },
  'RCPT 250': {
    en: 'Recipient accepted. More RCPT TO may follow, then DATA.',
    ru: 'Получатель принят. Могут последовать ещё RCPT TO, затем DATA.',
  },
  'DATA 354': {
    en: 'Go ahead: send the message and end it with a line holding a single dot.',
    ru: 'Передавайте: отправьте письмо и завершите его строкой из одной точки.',
  },
  'DATA-BODY 250': {
    en: 'Queued: the server took responsibility for the mail (here: stored it in the mailbox). The mail is sent.',
    ru: 'Поставлено в очередь: сервер принял ответственность за письмо (здесь — сохранил в почтовом ящике). Письмо отправлено.',
  },
  'DATA-BODY 552': {
    en: 'Refused: the message is larger than the SIZE the server announced. Nothing was stored.',
    ru: 'Отклонено: письмо больше размера SIZE, объявленного сервером. Ничего не сохранено.',
  },
  'DATA-BODY 451': {
    en: 'The server failed to store the message; the client should try again later.',
    ru: 'Сервер не смог сохранить письмо; клиенту стоит повторить позже.',
  },
  'QUIT 221': { en: 'Goodbye: the server closes the connection.', ru: 'До свидания: сервер закрывает соединение.' },
  'RSET 250': { en: 'Transaction cancelled; start again with MAIL FROM.', ru: 'Транзакция отменена; начните снова с MAIL FROM.' },
  'NOOP 250': { en: 'Still here.', ru: 'Сервер на связи.' },
  'MAIL 503': {
    en: 'A transaction is already open (nested MAIL): finish it with DATA or cancel it with RSET first.',
    ru: 'Транзакция уже открыта (вложенная MAIL): сначала завершите её через DATA или отмените через RSET.',
  },
  'RCPT 503': {
    en: 'RCPT TO before MAIL FROM: the order is MAIL FROM, then RCPT TO, then DATA.',
    ru: 'RCPT TO раньше MAIL FROM: порядок — MAIL FROM, затем RCPT TO, затем DATA.',
  },
  'DATA 503': {
    en: 'DATA before an accepted RCPT TO (or MAIL FROM): there is no recipient, so there is nothing to send to.',
    ru: 'DATA раньше принятой RCPT TO (или MAIL FROM): получателя нет, письмо некому отправлять.',
  },
  'AUTH 503': {
    en: 'Already signed in, or the greeting (EHLO) is missing.',
    ru: 'Вход уже выполнен или не было приветствия (EHLO).',
  },
  'STARTTLS 503': { en: 'TLS is already active on this connection.', ru: 'TLS на этом соединении уже включён.' },
  'RCPT 452': {
    en: 'Too many recipients in this transaction; send to the rest in another transaction.',
    ru: 'Слишком много получателей в одной транзакции; остальным отправьте в следующей.',
  },
};

/** Replies recognised by their text, where the code alone says too little. */
export const REPLY_TEXTS: ReadonlyArray<{ code: number; pattern: RegExp; text: Bilingual }> = [
  {
    code: 421,
    pattern: /timeout/i,
    text: {
      en: 'Idle timeout: the client sent nothing for too long, so the server closes the connection.',
      ru: 'Тайм-аут простоя: клиент слишком долго молчал, и сервер закрывает соединение.',
    },
  },
  {
    code: 421,
    pattern: /talk too soon/i,
    text: {
      en: 'The client spoke before the greeting (an early talker, typical of spam software); the server hangs up.',
      ru: 'Клиент заговорил раньше приветствия сервера (так делают спам-программы); сервер обрывает связь.',
    },
  },
  {
    code: 421,
    pattern: /shutting down/i,
    text: { en: 'The server is shutting down and closes the connection.', ru: 'Сервер останавливается и закрывает соединение.' },
  },
  {
    code: 421,
    pattern: /too many connected clients/i,
    text: {
      en: 'Too many clients are connected; try again in a moment.',
      ru: 'Подключено слишком много клиентов; повторите чуть позже.',
    },
  },
  {
    code: 421,
    pattern: /unrecognized commands/i,
    text: { en: 'Too many unknown commands: the server hangs up.', ru: 'Слишком много неизвестных команд: сервер обрывает связь.' },
  },
  {
    code: 421,
    pattern: /unauthenticated commands/i,
    text: {
      en: 'Too many commands without signing in: the server hangs up.',
      ru: 'Слишком много команд без входа: сервер обрывает связь.',
    },
  },
  {
    code: 421,
    pattern: /HTTP requests/i,
    text: {
      en: 'This looked like an HTTP request (a web page talking to the SMTP port); the server refuses it.',
      ru: 'Это похоже на HTTP-запрос (веб-страница обращается к SMTP-порту); сервер отказывает.',
    },
  },
  {
    code: 421,
    pattern: /line too long/i,
    text: {
      en: 'The client sent a line longer than SMTP allows (RFC 5321 §4.5.3.1.4: 512 octets for a command).',
      ru: 'Клиент прислал строку длиннее, чем допускает SMTP (RFC 5321 §4.5.3.1.4: 512 байт для команды).',
    },
  },
  {
    code: 503,
    pattern: /HELO\/EHLO first/i,
    text: {
      en: 'Greet first: EHLO must come before MAIL FROM, RCPT TO, DATA and AUTH.',
      ru: 'Сначала приветствие: EHLO должна идти до MAIL FROM, RCPT TO, DATA и AUTH.',
    },
  },
  {
    code: 503,
    pattern: /AUTH command first/i,
    text: { en: 'Sign in first: AUTH must come before MAIL FROM.', ru: 'Сначала вход: AUTH должна идти до MAIL FROM.' },
  },
  {
    code: 535,
    pattern: /access rights/i,
    text: {
      en: 'Yandex: this account has no access for mail programs, or an app password is required instead of the account password.',
      ru: 'Яндекс: у учётной записи нет доступа для почтовых программ, или вместо пароля учётной записи нужен пароль приложения.',
    },
  },
  {
    code: 535,
    pattern: /application password is required/i,
    text: {
      en: 'Mail.ru: an app password is required; the account password does not work for mail programs.',
      ru: 'Mail.ru: нужен пароль приложения; пароль от учётной записи для почтовых программ не подходит.',
    },
  },
];

/** RFC 3463: class.subject.detail. The class is the reply's class; subject and detail say what. */
export const ENHANCED_SUBJECTS: Record<string, Bilingual> = {
  '0': { en: 'other', ru: 'прочее' },
  '1': { en: 'addressing', ru: 'адресация' },
  '2': { en: 'mailbox', ru: 'почтовый ящик' },
  '3': { en: 'mail system', ru: 'почтовая система' },
  '4': { en: 'network and routing', ru: 'сеть и маршрутизация' },
  '5': { en: 'mail delivery protocol', ru: 'протокол доставки' },
  '6': { en: 'message content', ru: 'содержимое письма' },
  '7': { en: 'security or policy', ru: 'безопасность или политика' },
};

export const ENHANCED_DETAILS: Record<string, Bilingual> = {
  '0.0': { en: 'no further detail', ru: 'без уточнений' },
  '1.0': { en: 'address status', ru: 'состояние адреса' },
  '1.1': { en: 'bad destination mailbox address', ru: 'неверный адрес ящика получателя' },
  '1.3': { en: 'bad destination mailbox address syntax', ru: 'неверный синтаксис адреса получателя' },
  '1.5': { en: 'destination address valid', ru: 'адрес получателя верен' },
  '1.6': { en: 'destination mailbox has moved', ru: 'ящик получателя перемещён' },
  '1.7': { en: "bad sender's mailbox address syntax", ru: 'неверный синтаксис адреса отправителя' },
  '1.10': {
    en: 'recipient address not accepted (RFC 7505: its domain takes no mail; smtp-server uses it for a bad RCPT TO)',
    ru: 'адрес получателя не принят (RFC 7505: домен не принимает почту; smtp-server так отвечает на неверный RCPT TO)',
  },
  '2.1': { en: 'mailbox disabled, not accepting messages', ru: 'ящик отключён и не принимает писем' },
  '2.2': { en: 'mailbox full', ru: 'ящик переполнен' },
  '2.3': { en: 'message length exceeds administrative limit', ru: 'размер письма превышает установленный предел' },
  '3.0': { en: 'other mail system status', ru: 'прочее состояние почтовой системы' },
  '3.1': { en: 'mail system full', ru: 'почтовая система переполнена' },
  '3.2': { en: 'system not accepting network messages', ru: 'система не принимает писем из сети' },
  '3.4': { en: 'message too big for system', ru: 'письмо слишком велико для системы' },
  '4.0': { en: 'other network or routing status', ru: 'прочее состояние сети или маршрутизации' },
  '4.2': { en: 'bad connection (here: timeout or connection closing)', ru: 'плохое соединение (здесь: тайм-аут или закрытие связи)' },
  '5.0': { en: 'other or undefined protocol status', ru: 'прочее состояние протокола' },
  '5.1': { en: 'invalid command (or out of sequence)', ru: 'недопустимая команда (или не по порядку)' },
  '5.2': { en: 'syntax error', ru: 'синтаксическая ошибка' },
  '5.3': { en: 'too many recipients', ru: 'слишком много получателей' },
  '5.4': { en: 'invalid command arguments', ru: 'недопустимые аргументы команды' },
  '6.0': { en: 'other content status', ru: 'прочее, связанное с содержимым' },
  '7.0': {
    en: 'other security or policy status (e.g. authentication or TLS required)',
    ru: 'прочее состояние безопасности (например, нужна аутентификация или TLS)',
  },
  '7.1': { en: 'delivery not authorized, message refused', ru: 'доставка не разрешена, письмо отклонено' },
  '7.8': { en: 'authentication credentials invalid', ru: 'неверные учётные данные' },
  '7.9': {
    en: 'authentication mechanism too weak (e.g. an app password is required)',
    ru: 'слишком слабый механизм входа (например, нужен пароль приложения)',
  },
};

/**
 * Whole codes that read better as one phrase than as class · subject · detail: the success
 * codes smtp-server sends (2.6.0 is "message accepted" there, though RFC 3463 files X.6.0 under
 * content).
 */
export const ENHANCED_CODES: Record<string, Bilingual> = {
  '2.0.0': { en: 'success', ru: 'успех' },
  '2.1.0': { en: 'success · sender accepted', ru: 'успех · отправитель принят' },
  '2.1.5': { en: 'success · recipient accepted', ru: 'успех · получатель принят' },
  '2.6.0': { en: 'success · the message was accepted', ru: 'успех · письмо принято' },
  '2.7.0': { en: 'success · signed in', ru: 'успех · вход выполнен' },
};

export const ENHANCED_CLASSES: Record<'2' | '4' | '5', Bilingual> = {
  '2': { en: 'success', ru: 'успех' },
  '4': { en: 'temporary', ru: 'временная ошибка' },
  '5': { en: 'permanent', ru: 'постоянная ошибка' },
};

/** Things that happened on the connection (session lines with Dir 'E'). */
export const CONNECTION_EVENTS = {
  connected: {
    en: (where: string) =>
      `The client connected (${where}). In SMTP the server speaks first: it greets the client with 220 (RFC 5321 §3.1), and the client waits for that greeting before it sends anything.`,
    ru: (where: string) =>
      `Клиент подключился (${where}). В SMTP первым говорит сервер: он приветствует клиента ответом 220 (RFC 5321 §3.1), и клиент ничего не отправляет, пока не получит это приветствие.`,
  },
  tls: {
    en: (how: string) => `TLS established (${how}): from here on the connection is encrypted.`,
    ru: (how: string) => `TLS установлен (${how}): дальше соединение зашифровано.`,
  },
  'tls-failed': {
    en: (reason: string) =>
      `The TLS handshake failed (${reason}). This port expects TLS from the first byte, as 465 does: a client that starts in plain text (telnet, nc, a client set to no security) or refuses the lab's self-signed certificate never reaches SMTP. Connect with TLS (SSL/TLS in the settings, or openssl s_client), or trust the lab's certificate.`,
    ru: (reason: string) =>
      `TLS-рукопожатие не удалось (${reason}). Этот порт, как 465, ждёт TLS с первого байта: клиент, который начинает открытым текстом (telnet, nc, клиент без защиты) или не доверяет самоподписанному сертификату лаборатории, до SMTP не доходит. Подключайтесь через TLS (защита SSL/TLS в настройках или openssl s_client) либо доверьте клиенту сертификат лаборатории.`,
  },
  'closed-quit': {
    en: () => 'Connection closed after QUIT: a clean end.',
    ru: () => 'Соединение закрыто после QUIT: корректное завершение.',
  },
  'closed-server': {
    en: () => 'The server closed the connection.',
    ru: () => 'Сервер закрыл соединение.',
  },
  'closed-no-quit': {
    en: () =>
      'The client closed the connection without QUIT. RFC 5321 §4.1.1.10 says a client should end with QUIT and wait for 221; mails already answered 250 are not lost, an unfinished transaction is dropped.',
    ru: () =>
      'Клиент закрыл соединение без QUIT. По RFC 5321 §4.1.1.10 клиент должен завершать сеанс командой QUIT и дождаться ответа 221; письма, уже принятые с ответом 250, от этого не теряются, а незавершённая транзакция отменяется.',
  },
  aborted: {
    en: () => 'The client left in the middle of a mail transaction: that mail was not accepted.',
    ru: () => 'Клиент ушёл посреди почтовой транзакции: это письмо не принято.',
  },
  'timed-out': {
    en: () => 'Idle timeout: the server closed the connection because the client sent nothing for too long.',
    ru: () => 'Тайм-аут простоя: сервер закрыл соединение, потому что клиент слишком долго молчал.',
  },
  'data-incomplete': {
    en: (bytes: string) => `The client left during DATA (${bytes} received): no mail was stored.`,
    ru: (bytes: string) => `Клиент ушёл во время DATA (получено ${bytes}): письмо не сохранено.`,
  },
} satisfies Record<string, Bilingual<(detail: string) => string>>;

export type ConnectionEventKey = keyof typeof CONNECTION_EVENTS;
