// How many SMS a text takes: GSM-7 (160, 153 a part; the extension table counts 2) or UCS-2
// (70, 67 a part, UTF-16 units), never splitting a character; and the count in words.
import { describe, expect, it } from 'vitest';
import { decodeGsm7, encodeGsm7 } from '../../../../lab/channels/sms/sms-codec.js';
import { segmentSms, smsSummary } from '../../../../lab/channels/sms/sms-segments.js';
import { ALERT_95 } from './sms-fixtures.js';

const cases: Array<{ name: string; text: string; encoding: 'GSM-7' | 'UCS-2'; characters: number; parts: number[]; perPart: number }> = [
  { name: 'the 95-letter Russian alert', text: ALERT_95, encoding: 'UCS-2', characters: 95, parts: [67, 28], perPart: 67 },
  { name: '70 Cyrillic letters', text: 'я'.repeat(70), encoding: 'UCS-2', characters: 70, parts: [70], perPart: 70 },
  { name: '71 Cyrillic letters', text: 'я'.repeat(71), encoding: 'UCS-2', characters: 71, parts: [67, 4], perPart: 67 },
  { name: '160 GSM characters', text: 'a'.repeat(160), encoding: 'GSM-7', characters: 160, parts: [160], perPart: 160 },
  { name: '161 GSM characters', text: 'a'.repeat(161), encoding: 'GSM-7', characters: 161, parts: [153, 8], perPart: 153 },
  { name: '80 € fill one SMS (each counts 2)', text: '€'.repeat(80), encoding: 'GSM-7', characters: 160, parts: [80], perPart: 160 },
  { name: '81 € take two', text: '€'.repeat(81), encoding: 'GSM-7', characters: 162, parts: [76, 5], perPart: 153 },
  { name: 'an escape pair is never split', text: `${'a'.repeat(152)}€${'b'.repeat(10)}`, encoding: 'GSM-7', characters: 164, parts: [152, 11], perPart: 153 },
  { name: 'one Cyrillic letter makes it UCS-2', text: `Temperature ${'x'.repeat(60)} ок`, encoding: 'UCS-2', characters: 75, parts: [67, 8], perPart: 67 },
  { name: 'an emoji counts two UTF-16 units', text: `Alert 🔥${'!'.repeat(62)}`, encoding: 'UCS-2', characters: 70, parts: [69], perPart: 70 },
  { name: 'a surrogate pair is never split', text: `${'a'.repeat(66)}😀${'b'.repeat(10)}`, encoding: 'UCS-2', characters: 78, parts: [66, 11], perPart: 67 },
  { name: 'GSM Greek and accents stay GSM-7', text: 'ΔΦΓ èéù Ñ ¿?', encoding: 'GSM-7', characters: 12, parts: [12], perPart: 160 },
  { name: 'the empty text is one empty SMS', text: '', encoding: 'GSM-7', characters: 0, parts: [0], perPart: 160 },
];

describe('segmentSms', () => {
  it.each(cases)('$name', ({ text, encoding, characters, parts, perPart }) => {
    const seg = segmentSms(text);
    expect({ encoding: seg.encoding, characters: seg.characters, perPart: seg.perPart }).toEqual({ encoding, characters, perPart });
    // Parts measured in code points (what a person counts), joined back to the text.
    expect(seg.parts.map((p) => [...p].length)).toEqual(parts);
    expect(seg.parts.join('')).toBe(text);
  });

  it('keeps every part within its room', () => {
    for (const { text } of cases) {
      const seg = segmentSms(text);
      const units = (part: string) => (seg.encoding === 'UCS-2' ? part.length : [...part].reduce((n, c) => n + ('^{}\\[~]|€\f'.includes(c) ? 2 : 1), 0));
      for (const part of seg.parts) expect(units(part)).toBeLessThanOrEqual(seg.perPart);
    }
  });
});

describe('smsSummary', () => {
  it.each([
    { text: ALERT_95, ru: '95 символов кириллицей — это 2 SMS (UCS-2: по 67 символов в части)', en: '95 Cyrillic characters make 2 SMS (UCS-2, 67 per part)' },
    { text: 'я'.repeat(41), ru: '41 символ кириллицей — это 1 SMS (UCS-2: до 70 символов)', en: '41 Cyrillic characters make 1 SMS (UCS-2, up to 70)' },
    { text: 'a'.repeat(161), ru: '161 символ — это 2 SMS (GSM-7: по 153 символа в части)', en: '161 characters make 2 SMS (GSM-7, 153 per part)' },
    {
      text: 'Price: 5€',
      ru: '10 символов — это 1 SMS (GSM-7: до 160 символов; € считается за два)',
      en: '10 characters make 1 SMS (GSM-7, up to 160; € counts as two)',
    },
    { text: `${'x'.repeat(22)}😀`, ru: '24 символа — это 1 SMS (UCS-2: до 70 символов)', en: '24 characters make 1 SMS (UCS-2, up to 70)' },
  ])('$en', ({ text, ru, en }) => {
    expect(smsSummary(segmentSms(text), text)).toEqual({ ru, en });
  });
});

describe('GSM-7 octets', () => {
  it('encodes the extension table behind the escape and decodes back', () => {
    const text = 'Hi @ {x} €5 [ok] ~ | ^ \\ Δ';
    const bytes = encodeGsm7(text);
    expect([...encodeGsm7('@€')]).toEqual([0x00, 0x1b, 0x65]);
    expect(decodeGsm7(bytes)).toBe(text);
  });

  it('shows a character outside the alphabet as ?', () => {
    expect(decodeGsm7(encodeGsm7('Ж!'))).toBe('?!');
  });
});
