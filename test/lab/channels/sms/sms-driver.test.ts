// The SMS integration: its form validated per field for the chosen protocol, its presets, and
// its sender against the lab's SMPP centre and SMS.ru gateway — a Cyrillic alert in two parts,
// mistakes explained and not retried, throttling and an outage retried until they pass.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ChannelAttempt } from '../../../../lab/channels/channel-wire.js';
import { smsDriver } from '../../../../lab/channels/sms/sms-driver.js';
import type { SmsSettings } from '../../../../lab/channels/sms/sms-settings.js';
import { ALERT_95, connectSmpp, OWNER, PHONE, startCentre, startGateway } from './sms-fixtures.js';

const SMPP_FORM = { preset: 'lab-smpp', host: '127.0.0.1', port: '2775', systemId: 'student', password: 'abcd1234', sender: 'LabAlert', attempts: '3' };
const HTTP_FORM = { preset: 'lab-http', apiRoot: 'http://127.0.0.1:8028', apiId: '0877FB60-123D-911D-462C-F8B2B54F1343', sender: '' };

describe('the form', () => {
  it.each([
    { mistake: 'a URL for the host', form: { ...SMPP_FORM, host: 'smpp://smpp.example.ru' }, field: 'host' },
    { mistake: 'the port in the host', form: { ...SMPP_FORM, host: 'smpp.example.ru:2775' }, field: 'host' },
    { mistake: 'a port that is not a number', form: { ...SMPP_FORM, port: 'smpp' }, field: 'port' },
    { mistake: 'a system_id of 16 characters', form: { ...SMPP_FORM, systemId: 'a'.repeat(16) }, field: 'systemId' },
    { mistake: 'a password of 9 characters', form: { ...SMPP_FORM, password: '123456789' }, field: 'password' },
    { mistake: 'no password', form: { ...SMPP_FORM, password: '' }, field: 'password' },
    { mistake: 'a sender of 12 letters', form: { ...SMPP_FORM, sender: 'KotelnayaTwo' }, field: 'sender' },
    { mistake: '11 attempts', form: { ...SMPP_FORM, attempts: '11' }, field: 'attempts' },
    { mistake: 'HTTP for the SMPP preset', form: { ...SMPP_FORM, protocol: 'sms-ru' }, field: 'protocol' },
    { mistake: 'an address without https://', form: { ...HTTP_FORM, apiRoot: 'sms.ru' }, field: 'apiRoot' },
    { mistake: 'the method in the address', form: { ...HTTP_FORM, apiRoot: 'https://sms.ru/sms/send' }, field: 'apiRoot' },
    { mistake: 'an api_id cut short', form: { ...HTTP_FORM, apiId: '0877FB60-123D' }, field: 'apiId' },
    { mistake: 'an unknown preset', form: { ...HTTP_FORM, preset: 'twilio' }, field: 'preset' },
  ])('names the field for $mistake', ({ form, field }) => {
    const checked = smsDriver.validate(form, undefined);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(Object.keys(checked.errors)).toEqual([field]);
      expect(checked.errors[field]?.ru).toMatch(/[а-я]/);
    }
  });

  it('keeps a saved secret when the field is left empty, and takes only the chosen protocol’s fields as required', () => {
    const first = smsDriver.validate(SMPP_FORM, undefined);
    expect(first).toEqual({ ok: true, value: { ...SMPP_FORM, protocol: 'smpp', port: 2775, attempts: 3, apiRoot: '', apiId: '' } });
    const saved = first.ok ? first.value : undefined;
    expect(smsDriver.validate({ ...SMPP_FORM, password: '' }, saved)).toMatchObject({ ok: true, value: { password: 'abcd1234' } });
    expect(smsDriver.validate({ ...HTTP_FORM, apiRoot: 'https://sms.ru/' }, undefined)).toMatchObject({
      ok: true,
      value: { protocol: 'sms-ru', apiRoot: 'https://sms.ru', port: 2775 },
    });
  });

  it('takes the test SMS’s number in the international form', () => {
    const settings = {} as SmsSettings;
    expect(smsDriver.validateTest({ to: '' }, settings)).toMatchObject({ ok: false, errors: { to: { en: expect.stringMatching(/phone number/) } } });
    expect(smsDriver.validateTest({ to: 'ivanov' }, settings)).toMatchObject({ ok: false, errors: { to: expect.any(Object) } });
    expect(smsDriver.validateTest({ to: '89255070602' }, settings)).toMatchObject({ ok: false, errors: { to: { ru: expect.stringMatching(/7 вместо 8/) } } });
    expect(smsDriver.validateTest({ to: '+79255070602', text: 'Hi' }, settings)).toEqual({ ok: true, value: { to: PHONE, text: 'Hi' } });
    expect(smsDriver.validateTest({ to: PHONE }, settings)).toMatchObject({ ok: true, value: { text: expect.stringMatching(/smtp-lab/) } });
  });

  it('presets the lab’s centre and gateway at their addresses, SMS.ru and a real centre', () => {
    const presets = smsDriver.presets({ smpp: { host: '127.0.0.1', port: 12775 }, smsRu: 'http://127.0.0.1:18028' });
    expect(presets.map((p) => [p.id, p.real, p.values])).toEqual([
      ['lab-smpp', false, { preset: 'lab-smpp', protocol: 'smpp', host: '127.0.0.1', port: 12775 }],
      ['lab-http', false, { preset: 'lab-http', protocol: 'sms-ru', apiRoot: 'http://127.0.0.1:18028' }],
      ['smsru', true, { preset: 'smsru', protocol: 'sms-ru', apiRoot: 'https://sms.ru' }],
      ['smpp', true, { preset: 'smpp', protocol: 'smpp', host: '', port: 2775 }],
    ]);
    for (const p of presets) expect(p.note.ru).toMatch(/[а-я]/);
  });
});

async function smppSetup(options: { throttle?: number } = {}) {
  const parts = await startCentre(options);
  const { account, password } = parts.world.createSmppAccount(OWNER);
  const settings: SmsSettings = {
    preset: 'lab-smpp',
    protocol: 'smpp',
    host: parts.centre.host,
    port: parts.centre.port,
    systemId: account.systemId,
    password,
    apiRoot: '',
    apiId: '',
    sender: 'LabAlert',
    attempts: 3,
  };
  return { ...parts, settings };
}

describe('send over SMPP', () => {
  it('sends the Cyrillic alert in two parts, captured as one message', async () => {
    const { settings, store } = await smppSetup();
    const result = await smsDriver.send(settings, { text: ALERT_95, to: PHONE });
    expect(result).toMatchObject({
      ok: true,
      status: 0,
      explanation: null,
      message: { ru: 'SMS отправлено: 2 части (UCS-2)', en: 'SMS sent: 2 parts (UCS-2)' },
    });
    expect(result.attempts).toHaveLength(1);
    const captured = store.findByServiceId('sms', result.serviceMessageId ?? '');
    expect(captured?.Content).toMatchObject({ text: ALERT_95, parts: 2, encoding: 'UCS-2', from: 'LabAlert', to: PHONE });
    const lines = store.exchange(captured?.ExchangeID ?? '')?.Lines.map((l) => l.Text) ?? [];
    expect(lines.filter((l) => l.startsWith('submit_sm ') && l.includes('data_coding=8 esm_class=0x40 registered_delivery=1 udh=05 00 03 '))).toHaveLength(2);
  });

  it('sends GSM-7 as data_coding 0, the extension table intact', async () => {
    const { settings, store } = await smppSetup();
    const text = `Temp @ boiler: 95 C > {limit} [90] ~ €${'.'.repeat(140)}`;
    const result = await smsDriver.send(settings, { text, to: PHONE });
    expect(result.message.en).toBe('SMS sent: 2 parts (GSM-7)');
    expect(store.findByServiceId('sms', result.serviceMessageId ?? '')?.Content).toMatchObject({ text, parts: 2, encoding: 'GSM-7', perPart: 153 });
  });

  it.each([
    { mistake: 'a wrong password', change: { password: 'wrong' }, status: 0x0e, field: 'password', reply: 'bind_transceiver_resp ESME_RINVPASWD (0x0000000e)' },
    {
      mistake: 'an unknown system_id',
      change: { systemId: 'nobody' },
      status: 0x0f,
      field: 'systemId',
      reply: 'bind_transceiver_resp ESME_RINVSYSID (0x0000000f)',
    },
    { mistake: 'a sender nobody approved', change: { sender: 'MyShop' }, status: 0x0a, field: 'sender', reply: 'submit_sm_resp ESME_RINVSRCADR (0x0000000a)' },
  ])('explains $mistake and does not retry it', async ({ change, status, field, reply }) => {
    const { settings } = await smppSetup();
    const result = await smsDriver.send({ ...settings, ...change }, { text: 'Overheat', to: PHONE });
    expect(result).toMatchObject({ ok: false, status, reply, serviceMessageId: null, explanation: { field } });
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]?.transient).toBe(false);
  });

  it('retries a refused connection, then explains the port', async () => {
    const { settings } = await smppSetup();
    const closed = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const result = await smsDriver.send({ ...settings, port: closed, attempts: 2 }, { text: 'Overheat', to: PHONE }, { waitScale: 0.01 });
    expect(result.attempts.map((a) => [a.status, a.transient])).toEqual([
      [null, true],
      [null, true],
    ]);
    expect(result.explanation).toMatchObject({ code: 'sms-connection-refused', field: 'port' });
    expect(result.message.en).toMatch(/ECONNREFUSED/);
  });

  it('explains an HTTP port given as the SMPP port', async () => {
    const { settings, store, world } = await smppSetup();
    const { gateway } = await startGateway({ store, world });
    const result = await smsDriver.send({ ...settings, port: gateway.port }, { text: 'Overheat', to: PHONE });
    expect(result).toMatchObject({ ok: false, explanation: { code: 'sms-not-smpp', field: 'port' } });
    expect(result.attempts).toHaveLength(1);
  });

  it('honours throttling: a burst fills the second, the sender waits and goes on from the refused part', async () => {
    const { settings, store, centre } = await smppSetup({ throttle: 1 });
    const other = await connectSmpp(centre.url);
    await other.call('bind_transceiver', { system_id: settings.systemId, password: settings.password });
    expect((await other.call('submit_sm', { destination_addr: PHONE, short_message: 'first' })).command_status).toBe(0);
    expect((await other.call('submit_sm', { destination_addr: PHONE, short_message: 'second' })).command_status).toBe(0x58);
    const seen: ChannelAttempt[] = [];
    const text = 'я'.repeat(67 + 10);
    const result = await smsDriver.send({ ...settings, attempts: 4 }, { text, to: PHONE }, { onAttempt: (a) => seen.push(a) });
    // Part 1 throttled; a second later part 1 taken and part 2 throttled; two seconds later part 2 taken.
    expect(result.ok).toBe(true);
    expect(seen.map((a) => [a.status, a.transient])).toEqual([
      [0x58, true],
      [0x58, true],
      [0, false],
    ]);
    const messages = store.list({ channel: 'sms', text: 'яяя' }).messages;
    expect(messages).toHaveLength(1);
    expect(messages[0]?.Content).toMatchObject({ text, parts: 2 });
    expect(result.serviceMessageId).toBe(messages[0]?.Content.kind === 'sms' ? messages[0].Content.smsId : '');
  });
});

describe('send through SMS.ru', () => {
  async function httpSetup() {
    const parts = await startGateway();
    const { apiId } = parts.world.createApiKey(OWNER);
    const settings: SmsSettings = {
      preset: 'lab-http',
      protocol: 'sms-ru',
      host: '',
      port: 2775,
      systemId: '',
      password: '',
      apiRoot: parts.gateway.url,
      apiId,
      sender: '',
      attempts: 3,
    };
    return { ...parts, settings };
  }

  it('sends and names SMS.ru’s sms_id', async () => {
    const { settings, store } = await httpSetup();
    const result = await smsDriver.send(settings, { text: 'Overheat in boiler room 2', to: PHONE });
    expect(result).toMatchObject({ ok: true, status: 100, explanation: null, message: { ru: 'SMS отправлено: 1 часть (GSM-7)' } });
    expect(JSON.parse(result.reply ?? '{}')).toMatchObject({ status: 'OK', balance: 96.5 });
    expect(store.findByServiceId('sms', result.serviceMessageId ?? '')?.Content).toMatchObject({ to: PHONE, from: 'LabAlert' });
  });

  it.each([
    { mistake: 'a wrong api_id', change: { apiId: '0877FB60-123D-911D-462C-F8B2B54F1343' }, to: PHONE, status: 200, field: 'apiId' },
    { mistake: 'a stop-listed number', change: {}, to: '79000000000', status: 209, field: 'to' },
    { mistake: 'a fixed line', change: {}, to: '74951234567', status: 207, field: 'to' },
    { mistake: 'a sender nobody approved', change: { sender: 'MyShop' }, to: PHONE, status: 204, field: 'sender' },
  ])('explains $mistake and does not retry it', async ({ change, to, status, field }) => {
    const { settings } = await httpSetup();
    const result = await smsDriver.send({ ...settings, ...change }, { text: 'Overheat', to });
    expect(result).toMatchObject({ ok: false, status, explanation: { field } });
    expect(result.attempts).toHaveLength(1);
  });

  it('retries 220 until the service is back', async () => {
    const { settings, gateway } = await httpSetup();
    gateway.setUnavailable(true);
    const result = await smsDriver.send(settings, { text: 'Overheat', to: PHONE }, { waitScale: 0.01, onAttempt: () => gateway.setUnavailable(false) });
    expect(result.attempts.map((a) => [a.status, a.transient])).toEqual([
      [220, true],
      [100, false],
    ]);
    expect(result.ok).toBe(true);
  });

  it('explains an address with the method in it', async () => {
    const { settings } = await httpSetup();
    const result = await smsDriver.send({ ...settings, apiRoot: `${settings.apiRoot}/sms/send` }, { text: 'Overheat', to: PHONE });
    expect(result).toMatchObject({ ok: false, status: 404, explanation: { code: 'sms-ru-no-such-method', field: 'apiRoot' } });
  });

  it('explains an SMPP port given as the API address', async () => {
    const { settings, store, world } = await httpSetup();
    const { centre } = await startCentre({ store, world });
    const result = await smsDriver.send({ ...settings, apiRoot: `http://${centre.host}:${centre.port}`, attempts: 1 }, { text: 'Overheat', to: PHONE });
    expect(result.ok).toBe(false);
    expect(result.explanation?.field).toBe('apiRoot');
  });
});

it('reports a host that does not resolve without retrying', async () => {
  const result = await smsDriver.send(
    { preset: 'smpp', protocol: 'smpp', host: 'smpp.invalid', port: 2775, systemId: 'x', password: 'y', apiRoot: '', apiId: '', sender: '', attempts: 3 },
    { text: 'Overheat', to: PHONE },
  );
  expect(result).toMatchObject({ ok: false, status: null, explanation: { code: 'sms-host-not-found', field: 'host' } });
  expect(result.attempts).toHaveLength(1);
});
