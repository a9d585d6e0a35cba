import { useServices } from '../app/services.js';
import { useObservable } from '../ui/use-observable.js';
import type { Bilingual, Lang } from './bilingual.js';
import type { Format } from './format.js';

export interface I18n extends Format {
  lang: Lang;
  /** The text in the page's language. */
  tr<T>(text: Bilingual<T>): T;
  setLang(lang: Lang): void;
}

export function useI18n(): I18n {
  const { language, format } = useServices();
  const lang = useObservable(language);
  return {
    ...format(lang),
    lang,
    tr: (text) => text[lang],
    setLang: (next) => language.set(next),
  };
}
