// The explainer's rules that no server of the test suite can provoke on this machine (DNS, a
// network that drops packets, another site's certificate, a provider that refuses AUTH-less
// mail after TLS). The failures are what nodemailer reports in those cases (providers.md).
import { describe, expect, test } from 'vitest';
import type { IntegrationSettings } from '../../lab/integration/integration-types.js';
import { explainFailure, RULES, type SendFailure } from '../../lab/sender/error-explainer.js';

const SETTINGS: IntegrationSettings = {
  preset: 'gmail',
  host: 'smtp.gmail.com',
  port: 465,
  security: 'ssl',
  login: 'student@gmail.com',
  password: 'abcdefghijklmnop',
  fromAddress: 'student@gmail.com',
  fromName: '',
};

const CASES: Array<{ name: string; failure: SendFailure; settings?: Partial<IntegrationSettings>; code: string; field: string | null }> = [
  {
    name: 'a host name with a typo (DNS)',
    failure: { code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.gmial.com', originalCode: 'ENOTFOUND' },
    settings: { host: 'smtp.gmial.com' },
    code: 'host-not-found',
    field: 'host',
  },
  {
    name: 'no answer from a filtered port',
    failure: { code: 'ETIMEDOUT', command: 'CONN', message: 'Connection timeout' },
    code: 'connect-timeout',
    field: 'host',
  },
  {
    name: "a certificate for another name (the provider's IP address typed as host)",
    failure: {
      code: 'ESOCKET',
      command: 'CONN',
      message: "Hostname/IP does not match certificate's altnames: IP: 142.250.1.108 is not in the cert's list: ",
      originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
    },
    settings: { host: '142.250.1.108' },
    code: 'certificate-name-mismatch',
    field: 'host',
  },
  {
    name: 'mail before AUTH over TLS (no credentials offered)',
    failure: { code: 'EENVELOPE', command: 'MAIL FROM', response: '530 5.7.0 Authentication required', responseCode: 530, message: 'Mail command failed: 530 5.7.0 Authentication required' },
    settings: { security: 'starttls', port: 587 },
    code: 'auth-required',
    field: 'login',
  },
  {
    name: 'a recipient deferred (452)',
    failure: { code: 'EENVELOPE', command: 'RCPT TO', response: '452 4.2.2 Mailbox full', responseCode: 452, message: "Can't send mail - all recipients were rejected: 452 4.2.2 Mailbox full" },
    code: 'recipient-rejected',
    field: 'to',
  },
  {
    name: 'a 535 with a login that is not a full address',
    failure: { code: 'EAUTH', command: 'AUTH PLAIN', response: '535 5.7.8 Error: authentication failed', responseCode: 535, message: 'Invalid login: 535 5.7.8 Error: authentication failed' },
    settings: { login: 'student' },
    code: 'bad-credentials',
    field: 'login',
  },
  {
    name: 'something nobody foresaw',
    failure: { code: 'ESTREAM', message: 'stream failed' },
    code: 'unknown',
    field: null,
  },
];

describe('explainFailure', () => {
  test.each(CASES)('$name → $code ($field)', ({ failure, settings, code, field }) => {
    const explanation = explainFailure(failure, { ...SETTINGS, ...settings });
    expect({ code: explanation.code, field: explanation.field }).toEqual({ code, field });
    expect(explanation.cause.ru).toMatch(/[а-я]/);
    expect(explanation.fix.en.length).toBeGreaterThan(10);
  });

  test('rule codes are unique (clients key on them)', () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
