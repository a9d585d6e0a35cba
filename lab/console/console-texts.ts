// What the bridge says when it refuses a line or ends a console, in both languages (the frames
// carry the text, as the API's errors do). Pure.
import type { Bilingual } from '../../server/wire/bilingual.js';
import type { ConsoleEnd, ConsoleListenerName, ConsoleRefusal } from './console-wire.js';

export function refusalText(reason: ConsoleRefusal, limit?: number): Bilingual {
  switch (reason) {
    case 'line-too-long':
      return {
        en: `The line is longer than ${limit ?? '?'} bytes, the most SMTP allows here (RFC 5321 §4.5.3.1): it was not sent. Shorten it.`,
        ru: `Строка длиннее ${limit ?? '?'} байт — больше, чем SMTP здесь допускает (RFC 5321 §4.5.3.1), и не отправлена. Сократите её.`,
      };
    case 'line-break':
      return {
        en: 'One line at a time: the console adds the line ending (CRLF) itself. The line was not sent.',
        ru: 'По одной строке: конец строки (CRLF) консоль добавляет сама. Строка не отправлена.',
      };
    case 'not-ready':
      return {
        en: 'The connection to the server is not up yet (or is being switched to TLS): wait for it and send the line again.',
        ru: 'Соединение с сервером ещё не установлено (или переходит на TLS): дождитесь его и отправьте строку снова.',
      };
    case 'too-fast':
      return {
        en: 'Too many lines at once: the server has not read the last ones yet. Wait for its reply.',
        ru: 'Слишком много строк сразу: сервер ещё не прочитал предыдущие. Дождитесь его ответа.',
      };
  }
}

export interface EndContext {
  listener?: string;
  known?: readonly ConsoleListenerName[];
  perAccount?: number;
  idleMs?: number;
  detail?: string;
}

export function endText(reason: ConsoleEnd, context: EndContext = {}): Bilingual {
  switch (reason) {
    case 'not-signed-in':
      return {
        en: 'Sign in to your lab account: the console opens SMTP connections for signed-in students only.',
        ru: 'Войдите в учётную запись лаборатории: консоль открывает SMTP-соединения только для вошедших студентов.',
      };
    case 'unknown-listener': {
      const known = (context.known ?? []).join(', ');
      return {
        en: `The lab has no listener "${context.listener ?? ''}" the console may reach: choose one of ${known || 'none'}.`,
        ru: `У лаборатории нет порта «${context.listener ?? ''}», к которому консоль может подключиться: выберите один из: ${known || 'нет'}.`,
      };
    }
    case 'too-many':
      return {
        en: `You already have ${context.perAccount ?? '?'} consoles open (the most for one account): close one first.`,
        ru: `У вас уже открыто консолей: ${context.perAccount ?? '?'} (больше для одной учётной записи нельзя): сначала закройте одну.`,
      };
    case 'connect-failed':
      return {
        en: `Could not connect to the lab's listener: ${context.detail ?? ''}`,
        ru: `Не удалось подключиться к порту лаборатории: ${context.detail ?? ''}`,
      };
    case 'tls-failed':
      return {
        en: `The TLS handshake with the lab's server failed: ${context.detail ?? ''}`,
        ru: `Не удалось установить TLS с сервером лаборатории: ${context.detail ?? ''}`,
      };
    case 'server-closed':
      return { en: 'The server closed the connection.', ru: 'Сервер закрыл соединение.' };
    case 'idle': {
      const minutes = Math.max(1, Math.round((context.idleMs ?? 0) / 60_000));
      return {
        en: `Nothing was typed or received for ${minutes} min: the console closed the connection.`,
        ru: `${minutes} мин ничего не вводилось и не приходило: консоль закрыла соединение.`,
      };
    }
    case 'shutdown':
      return { en: 'The lab server is stopping.', ru: 'Сервер лаборатории останавливается.' };
    case 'bad-frame':
      return { en: 'The console received something that is not a line of text.', ru: 'Консоль получила что-то, что не является строкой текста.' };
  }
}
