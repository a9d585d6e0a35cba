// Provider presets of the integration form: they fill host, port and security (providers.md,
// "Settings"); login and password stay the student's. No Node imports: the browser uses it too.
import type { Bilingual, Preset, PresetId } from './integration-types.js';

const APP_PASSWORD_NOTE = {
  ru: 'Логин — полный адрес. Пароль — пароль приложения, а не пароль от почты.',
  en: 'Login: the full address. Password: an app password, not the account password.',
};

/** Said first in a provider's note: the lab's look-alike of it is easy to take for it offline. */
function realProvider(service: Bilingual, account: Bilingual): Bilingual {
  return {
    ru: `Настоящий сервер ${service.ru}: нужны доступ в интернет и настоящий аккаунт ${account.ru}; учётная запись лаборатории здесь не подойдёт. Потренироваться без интернета — шаблон «Лаборатория».`,
    en: `The real ${service.en} server: it needs internet access and a real ${account.en} account; a lab account does not work here. To practise offline, choose the Lab preset.`,
  };
}

/** The provider a lab profile plays, by profile name. */
export const PROFILE_PROVIDERS: Readonly<Record<string, Bilingual>> = {
  gmail: { ru: 'Gmail', en: 'Gmail' },
  yandex: { ru: 'Яндекс', en: 'Yandex' },
  mailru: { ru: 'Mail.ru', en: 'Mail.ru' },
};

export const PROVIDER_PRESETS: readonly Preset[] = [
  {
    id: 'gmail',
    name: { ru: 'Gmail', en: 'Gmail' },
    host: 'smtp.gmail.com',
    port: 465,
    security: 'ssl',
    note: {
      ru: `${realProvider({ ru: 'Google', en: 'Google' }, { ru: 'Gmail', en: 'Gmail' }).ru} ${APP_PASSWORD_NOTE.ru} Google выдаёт пароль приложения из 16 букв, только если включена двухэтапная аутентификация. Порт 587 — с STARTTLS.`,
      en: `${realProvider({ ru: 'Google', en: 'Google' }, { ru: 'Gmail', en: 'Gmail' }).en} ${APP_PASSWORD_NOTE.en} Google gives a 16-letter app password only with 2-Step Verification on. Port 587 takes STARTTLS.`,
    },
  },
  {
    id: 'yandex',
    name: { ru: 'Яндекс', en: 'Yandex' },
    host: 'smtp.yandex.ru',
    port: 465,
    security: 'ssl',
    note: {
      ru: `${realProvider({ ru: 'Яндекса', en: 'Yandex' }, { ru: 'Яндекса', en: 'Yandex' }).ru} Логин — адрес или имя до @. Пароль — пароль приложения («Почта»), созданный в Яндекс ID. Порт 587 — с STARTTLS.`,
      en: `${realProvider({ ru: 'Яндекса', en: 'Yandex' }, { ru: 'Яндекса', en: 'Yandex' }).en} Login: the address or the name before @. Password: an app password ("Mail") made in Yandex ID. Port 587 takes STARTTLS.`,
    },
  },
  {
    id: 'mailru',
    name: { ru: 'Mail.ru', en: 'Mail.ru' },
    host: 'smtp.mail.ru',
    port: 465,
    security: 'ssl',
    note: {
      ru: `${realProvider({ ru: 'Mail.ru', en: 'Mail.ru' }, { ru: 'Mail.ru', en: 'Mail.ru' }).ru} ${APP_PASSWORD_NOTE.ru} Пароль приложения создаётся в настройках безопасности Mail.ru. Порт 587 — с STARTTLS.`,
      en: `${realProvider({ ru: 'Mail.ru', en: 'Mail.ru' }, { ru: 'Mail.ru', en: 'Mail.ru' }).en} ${APP_PASSWORD_NOTE.en} Make the app password in Mail.ru's security settings. Port 587 takes STARTTLS.`,
    },
  },
];

/** The lab's own TLS listener; host and port are the running server's (defaults: 127.0.0.1:1465). */
export function labPreset(options: { host?: string; port?: number; profile?: string } = {}): Preset {
  const profile = options.profile ?? 'lab';
  const plays = PROFILE_PROVIDERS[profile];
  const what: Bilingual = plays
    ? {
        ru: `Сервер лаборатории на этом компьютере: отвечает как ${plays.ru} (профиль ${profile}), но это не ${plays.ru}: интернет и настоящий аккаунт не нужны.`,
        en: `The lab's server on this computer: it answers like ${plays.en} (profile ${profile}), but it is not ${plays.en}: no internet and no real account needed.`,
      }
    : {
        ru: `Сервер лаборатории на этом компьютере (профиль ${profile}): интернет и настоящий аккаунт не нужны.`,
        en: `The lab's server on this computer (profile ${profile}): no internet and no real account needed.`,
      };
  return {
    id: 'lab',
    name: { ru: 'Лаборатория (smtp-lab)', en: 'The lab (smtp-lab)' },
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 1465,
    security: 'ssl',
    profile,
    note: {
      ru: `${what.ru} Его сертификат считается доверенным. Логин — адрес учётной записи лаборатории, пароль — ${profile === 'lab' ? 'её пароль или пароль приложения' : 'пароль приложения (профиль провайдера не примет пароль учётной записи)'}. Порт STARTTLS — 1587.`,
      en: `${what.en} Its certificate is trusted. Login: your lab account's address; password: ${profile === 'lab' ? 'its password or an app password' : "an app password (a provider's profile refuses the account password)"}. The STARTTLS port is 1587.`,
    },
  };
}

export function findPreset(id: PresetId, lab: Preset = labPreset()): Preset | undefined {
  if (id === 'lab') return lab;
  return PROVIDER_PRESETS.find((p) => p.id === id);
}
