// Numbers, sizes, times and time offsets the way each language writes them. Building an Intl
// formatter costs far more than using one, and a busy list formats a time per row per render,
// so a Format holds its formatters; the page keeps one Format per language (create-services.ts).
import type { Lang } from './bilingual.js';

const UNITS: Record<Lang, string[]> = {
  en: ['B', 'KB', 'MB', 'GB'],
  ru: ['Б', 'КБ', 'МБ', 'ГБ'],
};

export interface Format {
  number(n: number): string;
  bytes(n: number): string;
  /** A line's time since the session's first line: "+0.042 s" / "+0,042 с". */
  offset(ms: number): string;
  clock(iso: string | number): string;
  dateTime(iso: string | number): string;
  /** The clock for today's items, the date and clock for older ones. */
  when(iso: string, now?: number): string;
}

function valid(iso: string | number): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function createFormat(lang: Lang): Format {
  const integer = new Intl.NumberFormat(lang);
  const fixed = (digits: number) => new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const fixed0 = fixed(0);
  const fixed1 = fixed(1);
  const fixed3 = fixed(3);
  const clock = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' });
  const dayTime = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const second = lang === 'ru' ? 'с' : 's';
  const minute = lang === 'ru' ? 'мин' : 'min';
  return {
    number: (n) => integer.format(n),
    bytes(n) {
      let value = n;
      let unit = 0;
      while (value >= 1024 && unit < UNITS[lang].length - 1) {
        value /= 1024;
        unit++;
      }
      return `${(unit === 0 || value >= 100 ? fixed0 : fixed1).format(value)} ${UNITS[lang][unit]}`;
    },
    offset(ms) {
      const seconds = Math.max(0, ms) / 1000;
      if (seconds < 60) return `+${fixed3.format(seconds)} ${second}`;
      const minutes = Math.floor(seconds / 60);
      return `+${minutes} ${minute} ${fixed1.format(seconds - minutes * 60)} ${second}`;
    },
    clock: (iso) => {
      const date = valid(iso);
      return date ? clock.format(date) : '';
    },
    dateTime: (iso) => {
      const date = valid(iso);
      return date ? dateTime.format(date) : '';
    },
    when(iso, now = Date.now()) {
      const date = valid(iso);
      if (!date) return '';
      const today = new Date(now);
      const sameDay = today.getFullYear() === date.getFullYear() && today.getMonth() === date.getMonth() && today.getDate() === date.getDate();
      return (sameDay ? clock : dayTime).format(date);
    },
  };
}

export function formatBytes(bytes: number, lang: Lang): string {
  return createFormat(lang).bytes(bytes);
}

export function formatOffset(ms: number, lang: Lang): string {
  return createFormat(lang).offset(ms);
}
