// A fault rule in words, part by part (what it does, to which sessions, which attempts, for how
// long), for the rules list and the presets. Values from the rule itself (a reply's text, an
// address pattern) are quoted, as data, never translated.
import { findPreset } from '../../../server/faults/fault-presets.js';
import type { FaultAttempts, FaultEffect, FaultLifetime, FaultMatch, FaultRule } from '../../../server/wire/faults.js';
import type { Bilingual, Lang } from '../i18n/bilingual.js';
import { fm } from './faults-messages.js';

const both = (make: (lang: Lang) => string): Bilingual => ({ ru: make('ru'), en: make('en') });
const num = (lang: Lang, n: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 3 }).format(n);

/** The reply as it goes on the wire: "451 4.7.1 Greylisted, please try again later". */
export function replyLine(effect: Extract<FaultEffect, { kind: 'reply' }>): string {
  return [effect.code, effect.enhanced, effect.text].filter((part) => part !== undefined && part !== '').join(' ');
}

export function describeEffect(effect: FaultEffect): Bilingual {
  return both((lang) => {
    switch (effect.kind) {
      case 'reply':
        return fm.effect.reply[lang](replyLine(effect)) + (effect.delayMs ? fm.effect.after[lang](num(lang, effect.delayMs)) : '');
      case 'delay':
        return fm.effect.delay[lang](num(lang, effect.ms));
      case 'disconnect':
        return fm.effect.disconnect[lang] + (effect.delayMs ? fm.effect.after[lang](num(lang, effect.delayMs)) : '');
      case 'throttle':
        return fm.effect.throttle[lang](num(lang, effect.bytesPerSecond));
      case 'tls-failure':
        return fm.effect.tls[lang];
    }
  });
}

export function describeAttempts(attempts: FaultAttempts): Bilingual {
  return both((lang) => {
    switch (attempts.kind) {
      case 'every':
        return fm.attempts.every[lang];
      case 'nth':
        return fm.attempts.nth[lang](attempts.n);
      case 'first':
        return fm.attempts.first[lang](attempts.n);
      case 'every-nth':
        return fm.attempts.everyNth[lang](attempts.n);
      case 'probability':
        return attempts.seed === null
          ? fm.attempts.random[lang](num(lang, attempts.percent))
          : fm.attempts.seeded[lang](num(lang, attempts.percent), attempts.seed);
      case 'greylist':
        return fm.attempts.greylist[lang](num(lang, attempts.retryAfterSeconds));
    }
  });
}

const MATCH_ORDER = ['listener', 'clientAddress', 'helo', 'user', 'mailFrom', 'rcptTo'] as const;

export function describeMatch(match: FaultMatch): Bilingual {
  return both((lang) => {
    const parts = MATCH_ORDER.filter((field) => match[field]).map((field) => {
      const value = match[field] ?? '';
      return `${fm.match[field][lang]} ${lang === 'ru' ? `«${value}»` : `"${value}"`}`;
    });
    return parts.length > 0 ? parts.join(', ') : fm.match.any[lang];
  });
}

export function describeLifetime(lifetime: FaultLifetime): Bilingual {
  return both((lang) => {
    const parts = [
      ...(lifetime.firings !== undefined ? [fm.lifetime.firings[lang](lifetime.firings)] : []),
      ...(lifetime.seconds !== undefined ? [fm.lifetime.seconds[lang](num(lang, lifetime.seconds))] : []),
    ];
    return parts.length > 0 ? fm.lifetime.upTo[lang](parts.join(fm.lifetime.or[lang])) : fm.lifetime.forever[lang];
  });
}

/**
 * What to call a rule: a preset's rule by the preset's name in the page's language when the
 * server named it after the preset; a rule its maker named, by that name, as given.
 */
export function ruleTitle(rule: Pick<FaultRule, 'name' | 'preset'>): { text: Bilingual; given: boolean } {
  const preset = rule.preset ? findPreset(rule.preset) : undefined;
  if (preset && (rule.name === preset.id || rule.name === preset.name.en || rule.name === preset.name.ru)) return { text: preset.name, given: false };
  return { text: { ru: rule.name, en: rule.name }, given: true };
}

/**
 * The attributes of a text that is data, kept as given (translate="no"); none for the page's own
 * words. `translate={undefined}` would not do: the DOM property is a boolean, and Preact would
 * set it to false.
 */
export const verbatim = (given: boolean): { translate?: boolean } => (given ? { translate: false } : {});
