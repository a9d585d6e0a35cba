// The explanations as data: every rule speaks Russian and English, names a field of the SMS form
// (or none), and an unknown code still gets a sentence rather than nothing.
import { describe, expect, it } from 'vitest';
import {
  explainNetwork,
  explainSmpp,
  explainSmsRu,
  NETWORK_RULES,
  SMPP_RULES,
  SMS_RU_RULES,
  SMS_RU_TEXTS,
} from '../../../../lab/channels/sms/sms-explain-rules.js';

const FIELDS = [null, 'systemId', 'password', 'sender', 'to', 'apiId', 'apiRoot', 'host', 'port', 'text'];
const CONTEXT = {
  systemId: 'lab',
  sender: 'MyShop',
  to: '79255070602',
  host: '127.0.0.1',
  port: 2775,
  apiRoot: 'https://sms.ru',
  parts: 9,
  balance: 1,
  cost: 7,
  throttle: 10,
};

const all = [
  ...Object.keys(SMPP_RULES).map((s) => ({ name: `SMPP 0x${Number(s).toString(16)}`, e: explainSmpp(Number(s), CONTEXT) })),
  ...Object.keys(SMS_RU_RULES).map((c) => ({ name: `SMS.ru ${c}`, e: explainSmsRu(Number(c), CONTEXT) })),
  ...Object.keys(NETWORK_RULES).map((c) => ({ name: c, e: explainNetwork(c, { ...CONTEXT, protocol: 'smpp' }) })),
];

describe('the SMS explanations', () => {
  it.each(all)('$name is bilingual and names a form field', ({ e }) => {
    expect(FIELDS).toContain(e.field);
    for (const text of [e.cause, e.fix]) {
      expect(text.ru).toMatch(/[а-яё]{3}/i);
      expect(text.en).toMatch(/[a-z]{3}/i);
      expect(text.en).not.toMatch(/[а-яё]/i);
    }
  });

  it('gives every SMS.ru code its own words and an unknown one a sentence', () => {
    for (const code of Object.keys(SMS_RU_RULES)) expect(SMS_RU_TEXTS[Number(code)]).toMatch(/[а-я]/);
    expect(explainSmpp(0x61, { detail: 'x' })).toMatchObject({ code: 'smpp-status-97', field: null, cause: { en: expect.stringContaining('0x00000061') } });
    expect(explainSmsRu(230).cause.ru).toMatch(/230/);
    expect(explainNetwork('EWHATEVER', { protocol: 'sms-ru', apiRoot: 'https://sms.ru' })).toMatchObject({ code: 'sms-network', field: 'apiRoot' });
  });

  it('points an address failure at the field of the protocol in use', () => {
    expect(explainNetwork('ECONNREFUSED', { protocol: 'smpp' }).field).toBe('port');
    expect(explainNetwork('ECONNREFUSED', { protocol: 'sms-ru' }).field).toBe('apiRoot');
    expect(explainNetwork('EAI_AGAIN', { protocol: 'smpp' })).toMatchObject({ code: 'sms-host-not-found', field: 'host' });
  });
});
