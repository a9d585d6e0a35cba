// Every text a student or instructor reads exists in Russian and English: a `Bilingual` holds
// both, so a missing translation is a type error rather than a blank on the page or in the
// terminal. The one definition for the server, the lab, the CLI and the browser. Types only.

export type Lang = 'ru' | 'en';

export interface Bilingual<T = string> {
  ru: T;
  en: T;
}
