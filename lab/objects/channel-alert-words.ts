// A channel alert's attempt in words, for the CLI's run and the Automaton page's alert list:
// «Попытка 1 из 3: статус 429, ответ «Too Many Requests: retry after 3»; сервис просит подождать
// 3 с, будет повтор». Only what the attempt itself says (its status, its reply, the wait the
// service asked for): whether the alert went in the end is the alert's outcome.
import type { Bilingual } from '../integration/integration-types.js';
import type { ChannelAttempt } from '../channels/channel-wire.js';

const MAX_REPLY = 200;

const shortReply = (reply: string) => {
  const line = reply.replace(/\s+/g, ' ').trim();
  return line.length > MAX_REPLY ? `${line.slice(0, MAX_REPLY - 1)}…` : line;
};

export function channelAttemptLine(attempt: ChannelAttempt): Bilingual {
  const head = { ru: `Попытка ${attempt.n} из ${attempt.of}`, en: `Attempt ${attempt.n} of ${attempt.of}` };
  const answer: Bilingual =
    attempt.status === null
      ? { ru: 'ответа нет (соединение не установлено или время вышло)', en: 'no answer (no connection, or it timed out)' }
      : attempt.reply
        ? { ru: `статус ${attempt.status}, ответ «${shortReply(attempt.reply)}»`, en: `status ${attempt.status}, reply "${shortReply(attempt.reply)}"` }
        : { ru: `статус ${attempt.status}`, en: `status ${attempt.status}` };
  const wait: Bilingual =
    attempt.retryAfterSeconds !== null
      ? { ru: `; сервис просит подождать ${attempt.retryAfterSeconds} с`, en: `; the service asks to wait ${attempt.retryAfterSeconds} s` }
      : { ru: '', en: '' };
  const again: Bilingual = attempt.transient && attempt.n < attempt.of ? { ru: ', будет повтор', en: ', to be tried again' } : { ru: '', en: '' };
  return { ru: `${head.ru}: ${answer.ru}${wait.ru}${again.ru}`, en: `${head.en}: ${answer.en}${wait.en}${again.en}` };
}
