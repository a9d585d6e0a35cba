// Why a reply or an event of the dialogue was injected, in words, so that it is never mistaken
// for the server's own: the rule that made it, what a real server answering so is doing, and what
// a sender should do (RFC 5321 §4.2.1, §4.5.4.1). Shared by the Sessions view, the sender's log and
// the API. No Node imports.
import type { Bilingual } from '../wire/bilingual.js';
import type { FaultEffectKind, FaultStage, LineFault } from '../wire/faults.js';
import { findPreset } from './fault-presets.js';

export const STAGE_NAMES: Readonly<Record<FaultStage, Bilingual>> = {
  connect: { ru: 'подключение', en: 'connect' },
  greeting: { ru: 'приветствие', en: 'greeting' },
  helo: { ru: 'EHLO/HELO', en: 'EHLO/HELO' },
  starttls: { ru: 'STARTTLS', en: 'STARTTLS' },
  auth: { ru: 'AUTH', en: 'AUTH' },
  mail: { ru: 'MAIL FROM', en: 'MAIL FROM' },
  rcpt: { ru: 'RCPT TO', en: 'RCPT TO' },
  data: { ru: 'DATA', en: 'DATA' },
  body: { ru: 'ответ после письма', en: 'the reply after the body' },
  quit: { ru: 'QUIT', en: 'QUIT' },
};

export const EFFECT_NAMES: Readonly<Record<FaultEffectKind, Bilingual>> = {
  reply: { ru: 'ответ', en: 'reply' },
  delay: { ru: 'задержка', en: 'delay' },
  disconnect: { ru: 'разрыв соединения', en: 'disconnect' },
  throttle: { ru: 'замедление', en: 'throttle' },
  'tls-failure': { ru: 'сбой TLS', en: 'TLS failure' },
};

/** What was injected, as the object of «Лаборатория подставила …» / "The lab injected …". */
const WHAT_INJECTED: Readonly<Record<FaultEffectKind, Bilingual>> = {
  reply: { ru: 'этот ответ', en: 'this reply' },
  delay: { ru: 'эту задержку', en: 'this delay' },
  disconnect: { ru: 'этот разрыв соединения', en: 'this dropped connection' },
  throttle: { ru: 'это замедление', en: 'this throttle' },
  'tls-failure': { ru: 'этот сбой TLS', en: 'this TLS failure' },
};

function byEffect(effect: FaultEffectKind, code: number | undefined): { real: Bilingual; should: Bilingual } {
  switch (effect) {
    case 'reply':
      if (code !== undefined && code >= 500)
        return {
          real: { ru: 'сервер отказывает окончательно', en: 'the server refuses for good' },
          should: {
            ru: 'не повторять (5xx — окончательный отказ, RFC 5321 §4.2.1) и сообщить об ошибке',
            en: 'not retry (a 5xx is permanent, RFC 5321 §4.2.1) and report the failure',
          },
        };
      return {
        real: { ru: 'сервер временно не может принять', en: 'the server cannot take it for now' },
        should: { ru: 'повторить позже (4xx — временная ошибка, RFC 5321 §4.2.1)', en: 'retry later (a 4xx is transient, RFC 5321 §4.2.1)' },
      };
    case 'delay':
      return {
        real: { ru: 'сервер перегружен и отвечает медленно', en: 'the server is overloaded and slow to answer' },
        should: { ru: 'ждать в пределах своего тайм-аута; после тайм-аута — повторить позже', en: 'wait within its timeout; after a timeout, retry later' },
      };
    case 'disconnect':
      return {
        real: { ru: 'сервер или сеть оборвали соединение без ответа', en: 'the server or the network dropped the connection without a reply' },
        should: { ru: 'считать письмо не доставленным и повторить позже', en: 'count the mail as not delivered and retry later' },
      };
    case 'throttle':
      return {
        real: { ru: 'канал до сервера очень медленный', en: 'the link to the server is very slow' },
        should: { ru: 'ждать в пределах тайм-аута', en: 'wait within its timeout' },
      };
    case 'tls-failure':
      return {
        real: { ru: 'у сервера сломан TLS (сертификат, версии протокола)', en: "the server's TLS is broken (its certificate, the protocol versions)" },
        should: {
          ru: 'не отправлять без шифрования; сообщить об ошибке и повторить позже',
          en: 'never fall back to plain text; report the error and retry later',
        },
      };
  }
}

/** "The lab injected this reply (rule «…», greylisting): a real server answers like this when …; a sender should …" */
export function explainFault(fault: LineFault, code?: number): Bilingual {
  const preset = fault.preset ? findPreset(fault.preset) : undefined;
  const what = WHAT_INJECTED[fault.effect];
  const { real, should } = preset ? { real: preset.realWorld, should: preset.senderShould } : byEffect(fault.effect, code);
  // A preset's rule keeps the preset's id as its name unless given one: say the preset's name.
  const ruleName = preset && fault.ruleName === preset.id ? preset.name : { ru: fault.ruleName, en: fault.ruleName };
  const first = preset
    ? {
        ru: `Лаборатория подставила ${what.ru} (правило «${ruleName.ru}», этап ${STAGE_NAMES[fault.stage].ru}), чтобы показать, как выглядит «${preset.name.ru}».`,
        en: `The lab injected ${what.en} (rule "${ruleName.en}", stage ${STAGE_NAMES[fault.stage].en}) to show what ${preset.name.en.toLowerCase()} looks like.`,
      }
    : {
        ru: `Лаборатория подставила ${what.ru} по правилу сбоя «${fault.ruleName}» (этап ${STAGE_NAMES[fault.stage].ru}).`,
        en: `The lab injected ${what.en} by fault rule "${fault.ruleName}" (stage ${STAGE_NAMES[fault.stage].en}).`,
      };
  return {
    ru: `${first.ru} В жизни так бывает, когда ${real.ru}. Отправителю следует ${should.ru}.`,
    en: `${first.en} A real server answers like this when ${real.en}. A sender should ${should.en}.`,
  };
}
