// The lab account's words: sign up, sign in, app passwords. The lab account plays the mail
// provider's account (Google, Yandex, Mail.ru): an address, an account password for people,
// and app passwords for programs such as the platform.
import type { Bilingual } from '../i18n/bilingual.js';

type Fn<A extends unknown[]> = Bilingual<(...args: A) => string>;

export const am = {
  classIntro: {
    en: 'This is a class: your instructor gave you your address and first password. Sign in with them; you see only your own mail and sessions.',
    ru: 'Это занятие с преподавателем: адрес и первый пароль вам выдал преподаватель. Войдите с ними — вы видите только свою почту и свои сеансы.',
  },
  intro: {
    en: 'A lab account plays your mail account at Google, Yandex or Mail.ru: an address and an account password, and app passwords for programs such as the platform.',
    ru: 'Учётная запись лаборатории играет роль вашей почты в Google, Яндексе или Mail.ru: адрес и пароль учётной записи, а для программ вроде платформы — пароли приложений.',
  },
  modes: { en: 'Sign in or create an account', ru: 'Вход или регистрация' },
  signIn: { en: 'Sign in', ru: 'Вход' },
  signUp: { en: 'Create an account', ru: 'Регистрация' },
  address: { en: 'Address', ru: 'Адрес' },
  addressOrName: { en: 'Address or just a name', ru: 'Адрес или просто имя' },
  addressHint: {
    en: 'A name without @ becomes name@lab.local.',
    ru: 'Имя без @ станет адресом имя@lab.local.',
  },
  password: { en: 'Account password', ru: 'Пароль учётной записи' },
  passwordHint: {
    en: 'At least 8 characters. It signs you in here; programs get app passwords instead.',
    ru: 'Не короче 8 символов. С ним вы входите сюда; программам выдаются пароли приложений.',
  },
  submitSignIn: { en: 'Sign in', ru: 'Войти' },
  submitSignUp: { en: 'Create the account', ru: 'Создать учётную запись' },
  expired: {
    en: 'Your sign-in has ended (the lab server was restarted?). Sign in again.',
    ru: 'Вход завершён (сервер лаборатории перезапущен?). Войдите снова.',
  },
  required: { en: 'Fill in this field', ru: 'Заполните это поле' },

  accountHeading: { en: 'Your lab mail account', ru: 'Ваша почтовая учётная запись в лаборатории' },
  created: { en: 'Created', ru: 'Создана' },
  appPasswords: { en: 'App passwords', ru: 'Пароли приложений' },
  appPasswordsIntro: {
    en: 'Like Google: a program that sends mail in your name (the platform) signs in with an app password, not with your account password. Each is shown once; revoke one and the program using it can no longer send.',
    ru: 'Как в Google: программа, которая отправляет почту от вашего имени (платформа), входит с паролем приложения, а не с паролем учётной записи. Каждый показывается один раз; отзовите его — и программа с ним больше не сможет отправлять.',
  },
  label: { en: 'Name (what it is for)', ru: 'Название (для чего он)' },
  labelPlaceholder: { en: 'e.g. platform', ru: 'например, платформа' },
  defaultLabel: { en: (n: number) => `app password ${n}`, ru: (n: number) => `пароль приложения ${n}` } as Fn<[number]>,
  generate: { en: 'Generate app password', ru: 'Создать пароль приложения' },
  newTitle: { en: (label: string) => `Your app password for “${label}”`, ru: (label: string) => `Ваш пароль приложения «${label}»` } as Fn<[string]>,
  newHow: {
    en: "Enter it without spaces in the program's password field (here: the platform's SMTP password).",
    ru: 'Введите его без пробелов в поле пароля программы (здесь — в поле «Пароль» интеграции SMTP на платформе).',
  },
  newOnce: {
    en: 'It is shown only now: copy it before you close this.',
    ru: 'Он показывается только сейчас: скопируйте его, прежде чем закрыть.',
  },
  copy: { en: 'Copy (without spaces)', ru: 'Копировать (без пробелов)' },
  copied: { en: 'Copied.', ru: 'Скопировано.' },
  copyFailed: {
    en: 'The browser did not allow copying: select the letters and copy them yourself.',
    ru: 'Браузер не разрешил копирование: выделите буквы и скопируйте сами.',
  },
  done: { en: 'Done', ru: 'Готово' },
  none: { en: 'No app passwords yet.', ru: 'Паролей приложений пока нет.' },
  listLabel: { en: 'Your app passwords', ru: 'Ваши пароли приложений' },
  revoke: { en: 'Revoke', ru: 'Отозвать' },
  revokeQuestion: { en: (label: string) => `Revoke “${label}”?`, ru: (label: string) => `Отозвать «${label}»?` } as Fn<[string]>,
  revokeConfirm: { en: 'Yes, revoke', ru: 'Да, отозвать' },
  cancel: { en: 'Cancel', ru: 'Отмена' },
  nextStep: {
    en: "Next: the platform's SMTP integration.",
    ru: 'Дальше — интеграция SMTP на платформе.',
  },
  goPlatform: { en: "Open the platform's SMTP integration →", ru: 'Перейти к интеграции SMTP на платформе →' },
};
