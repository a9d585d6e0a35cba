// The lab's SMS centre against the `smpp` package's client over loopback: binds refused for the
// reasons a student meets, submits checked as a centre checks them, a Cyrillic alert sent in two
// parts and captured as one message, delivery receipts as deliver_sm, throttling under a burst,
// and each session one exchange, its password masked.
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../helpers/lab.js';
import { MASK } from '../../../../lab/channels/http-exchange.js';
import { ALERT_95, connectSmpp, OWNER, PHONE, startCentre } from './sms-fixtures.js';

async function accountAndCentre(options: { throttle?: number } = {}) {
  const parts = await startCentre(options);
  const { account, password } = parts.world.createSmppAccount(OWNER, { systemId: 'lab-sms' });
  return { ...parts, systemId: account.systemId, password };
}

describe('bind', () => {
  it('refuses an unknown system_id and a wrong password, takes the right ones, and refuses a second bind', async () => {
    const { centre, store, systemId, password } = await accountAndCentre();
    const client = await connectSmpp(centre.url);
    expect((await client.call('bind_transceiver', { system_id: 'nobody', password })).command_status).toBe(0x0f);
    const exchangeId = store.exchanges({ channel: 'sms' }).exchanges[0]?.ID ?? '';
    expect(store.exchange(exchangeId)?.Explanation).toMatchObject({ code: 'smpp-unknown-system-id', field: 'systemId' });
    expect(store.exchange(exchangeId)?.Owner).toBe('local');

    expect((await client.call('bind_transceiver', { system_id: systemId, password: 'wrong' })).command_status).toBe(0x0e);
    expect(store.exchange(exchangeId)).toMatchObject({
      Status: 0x0e,
      Ok: false,
      Owner: OWNER,
      Explanation: { code: 'smpp-wrong-password', field: 'password' },
    });

    const bound = await client.call('bind_transceiver', { system_id: systemId, password });
    expect(bound.command_status).toBe(0);
    expect(bound.system_id).toBe('smtp-lab');
    expect((await client.call('bind_transceiver', { system_id: systemId, password })).command_status).toBe(0x05);
    expect((await client.call('enquire_link')).command_status).toBe(0);
    expect((await client.call('unbind')).command_status).toBe(0);
    await client.close();

    const exchange = await eventually(() => (store.exchange(exchangeId)?.Ended ? store.exchange(exchangeId) : undefined));
    expect(exchange).toMatchObject({ Channel: 'sms', Service: 'smpp', Summary: 'SMPP bind_transceiver lab-sms', Status: 0, Ok: true });
    const texts = exchange.Lines.map((l) => `${l.Dir} ${l.Text}`);
    expect(texts).toContain('S bind_transceiver_resp ESME_RINVSYSID');
    expect(texts).toContain('S bind_transceiver_resp ESME_RINVPASWD');
    expect(texts).toContain('S enquire_link_resp ESME_ROK');
    expect(texts).toContain('S unbind_resp ESME_ROK');
    // Every bind line masks the password; the password itself is on no line.
    const binds = exchange.Lines.filter((l) => l.Text.startsWith('bind_transceiver '));
    expect(binds).toHaveLength(4);
    for (const b of binds) expect(b).toMatchObject({ Dir: 'C', Masked: true, Text: expect.stringContaining(`password=${MASK}`) });
    expect(JSON.stringify(exchange)).not.toContain(password);
  });

  it('takes bind_transmitter and bind_receiver; a receiver may not submit', async () => {
    const { centre, systemId, password } = await accountAndCentre();
    const receiver = await connectSmpp(centre.url);
    expect((await receiver.call('bind_receiver', { system_id: systemId, password })).command_status).toBe(0);
    expect((await receiver.call('submit_sm', { destination_addr: PHONE, short_message: 'hi' })).command_status).toBe(0x04);
    const transmitter = await connectSmpp(centre.url);
    expect((await transmitter.call('bind_transmitter', { system_id: systemId, password })).command_status).toBe(0);
    const sent = await transmitter.call('submit_sm', {
      source_addr: 'LabAlert',
      destination_addr: PHONE,
      short_message: 'Pump 2 stopped',
      registered_delivery: 1,
    });
    expect(sent.command_status).toBe(0);
    // The transmitter cannot take the receipt: it goes to the account's receiver.
    const receipt = await receiver.nextDeliver();
    expect(String((receipt.short_message as { message: string }).message)).toContain(`id:${String(sent.message_id)} `);
  });
});

describe('submit_sm', () => {
  it('is refused before a bind with ESME_RINVBNDSTS', async () => {
    const { centre, store } = await accountAndCentre();
    const client = await connectSmpp(centre.url);
    expect((await client.call('submit_sm', { source_addr: 'LabAlert', destination_addr: PHONE, short_message: 'hello' })).command_status).toBe(0x04);
    expect(store.exchanges({ channel: 'sms' }).exchanges[0]?.Explanation).toMatchObject({ code: 'smpp-not-bound', field: null });
  });

  it.each([
    { mistake: 'a sender name nobody approved', fields: { source_addr: 'MyShop' }, status: 0x0a, code: 'smpp-sender-not-approved', field: 'sender' },
    { mistake: 'a name instead of a number', fields: { destination_addr: 'ivanov' }, status: 0x0b, code: 'smpp-bad-destination', field: 'to' },
    { mistake: 'a number too short', fields: { destination_addr: '925507060' }, status: 0x0b, code: 'smpp-bad-destination', field: 'to' },
    {
      mistake: 'a number with spaces and brackets',
      fields: { destination_addr: '+7 (925) 507-06-02' },
      status: 0x0b,
      code: 'smpp-bad-destination',
      field: 'to',
    },
    {
      mistake: '255 octets in short_message',
      fields: { short_message: Buffer.alloc(255, 0x41), data_coding: 1 },
      status: 0x01,
      code: 'smpp-message-too-long',
      field: 'text',
    },
    {
      mistake: 'a data_coding the centre does not read',
      fields: { short_message: Buffer.from('hi'), data_coding: 4 },
      status: 0x45,
      code: 'smpp-submit-failed',
      field: 'text',
    },
    {
      mistake: 'a UDH longer than the message',
      fields: { short_message: Buffer.from([0x09, 0x00, 0x03, 0x01]), esm_class: 0x40, data_coding: 8 },
      status: 0x43,
      code: 'smpp-bad-udh',
      field: 'text',
    },
  ])('refuses $mistake', async ({ fields, status, code, field }) => {
    const { centre, store, systemId, password } = await accountAndCentre();
    const client = await connectSmpp(centre.url);
    await client.call('bind_transceiver', { system_id: systemId, password });
    const resp = await client.call('submit_sm', { source_addr: 'LabAlert', destination_addr: PHONE, short_message: 'Overheat', ...fields });
    expect(resp.command_status).toBe(status);
    expect(store.exchanges({ channel: 'sms' }).exchanges[0]).toMatchObject({ Status: status, Ok: false, Explanation: { code, field } });
    expect(store.list({ channel: 'sms' }).total).toBe(0);
  });

  it('decodes data_coding 0, 1, 3 and 8 from the octets', async () => {
    const { centre, store, systemId, password } = await accountAndCentre();
    const client = await connectSmpp(centre.url);
    await client.call('bind_transceiver', { system_id: systemId, password });
    const cases = [
      { data_coding: 0, short_message: Buffer.from([0x00, 0x1b, 0x65, 0x35, 0x11]), text: '@€5_' },
      { data_coding: 1, short_message: Buffer.from('a@b $5', 'ascii'), text: 'a@b $5' },
      { data_coding: 3, short_message: Buffer.from('Grüße ±1°', 'latin1'), text: 'Grüße ±1°' },
      { data_coding: 8, short_message: Buffer.from('Жар 🔥', 'utf16le').swap16(), text: 'Жар 🔥' },
    ];
    for (const c of cases) {
      expect(
        (await client.call('submit_sm', { source_addr: 'LabAlert', destination_addr: PHONE, data_coding: c.data_coding, short_message: c.short_message }))
          .command_status,
      ).toBe(0);
    }
    expect(
      store
        .list({ channel: 'sms' })
        .messages.map((m) => (m.Content.kind === 'sms' ? m.Content.text : ''))
        .reverse(),
    ).toEqual(cases.map((c) => c.text));
  });

  it('joins a Cyrillic alert sent in two parts with a UDH into one captured message, and sends a receipt per part', async () => {
    const { centre, store, systemId, password } = await accountAndCentre();
    const client = await connectSmpp(centre.url);
    await client.call('bind_transceiver', { system_id: systemId, password });
    const halves = [ALERT_95.slice(0, 67), ALERT_95.slice(67)];
    const ids: string[] = [];
    for (const [i, half] of halves.entries()) {
      // The package does not split: each part is given its UDH; it picks UCS-2 (data_coding 8) and sets esm_class 0x40 itself.
      const resp = await client.call('submit_sm', {
        source_addr: 'LabAlert',
        destination_addr: PHONE,
        registered_delivery: 1,
        short_message: { udh: Buffer.from([5, 0, 3, 0x2a, 2, i + 1]), message: half },
      });
      expect(resp.command_status).toBe(0);
      ids.push(String(resp.message_id));
      if (i === 0) expect(store.list({ channel: 'sms' }).total).toBe(0);
    }
    const [message] = store.list({ channel: 'sms' }).messages;
    expect(message?.Content).toMatchObject({
      kind: 'sms',
      text: ALERT_95,
      encoding: 'UCS-2',
      parts: 2,
      perPart: 67,
      characters: 95,
      from: 'LabAlert',
      to: PHONE,
      smsId: ids[0],
      status: 'ENROUTE',
    });
    expect(message?.Owner).toBe(OWNER);

    const receipts = [await client.nextDeliver(), await client.nextDeliver()];
    for (const [i, receipt] of receipts.entries()) {
      expect(receipt.esm_class).toBe(0x04);
      expect(receipt.source_addr).toBe(PHONE);
      expect(receipt.destination_addr).toBe('LabAlert');
      expect(receipt.receipted_message_id).toBe(ids[i]);
      const text = String((receipt.short_message as { message: string }).message);
      expect(text).toMatch(new RegExp(`^id:${ids[i]} sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000 text:`));
    }
    expect(store.get(message?.ID ?? '')?.Content).toMatchObject({ status: 'DELIVRD' });
    const exchange = store.exchange(message?.ExchangeID ?? '');
    expect(exchange?.MessageIDs).toEqual([message?.ID]);
    const texts = exchange?.Lines.map((l) => `${l.Dir} ${l.Text}`) ?? [];
    expect(texts.find((t) => t.startsWith('C submit_sm '))).toMatch(
      /^C submit_sm source_addr=LabAlert destination_addr=79255070602 data_coding=8 esm_class=0x40 registered_delivery=1 udh=05 00 03 2a 02 01 short_message="Авария/,
    );
    expect(texts).toContain(`S submit_sm_resp message_id=${ids[0]} ESME_ROK`);
    expect(texts).toContain('E 2 parts joined into one message of 95 characters (UCS-2)');
    await eventually(() => (store.exchange(exchange?.ID ?? '')?.Lines.filter((l) => l.Text === 'deliver_sm_resp ESME_ROK').length === 2 ? true : undefined));
    expect(texts.filter((t) => t.startsWith('S deliver_sm receipt id:'))).toHaveLength(2);
  });

  it('accepts a stop-listed number and answers with an UNDELIV receipt', async () => {
    const { centre, store, systemId, password } = await accountAndCentre();
    const client = await connectSmpp(centre.url);
    await client.call('bind_transceiver', { system_id: systemId, password });
    const resp = await client.call('submit_sm', { destination_addr: '+79000000000', short_message: 'Test', registered_delivery: 1 });
    expect(resp.command_status).toBe(0);
    const receipt = await client.nextDeliver();
    expect(String((receipt.short_message as { message: string }).message)).toMatch(/dlvrd:000 .* stat:UNDELIV err:001 text:Test$/);
    expect(receipt.message_state).toBe(5);
    // An empty source_addr takes the account's default sender.
    expect(store.list({ channel: 'sms' }).messages[0]?.Content).toMatchObject({ to: '79000000000', from: 'LabAlert', status: 'UNDELIV' });
  });

  it('throttles a burst over the rate with ESME_RTHROTTLED', async () => {
    const { centre, store, systemId, password } = await accountAndCentre({ throttle: 3 });
    const client = await connectSmpp(centre.url);
    await client.call('bind_transceiver', { system_id: systemId, password });
    const burst = await Promise.all(
      Array.from({ length: 6 }, (_, i) => client.call('submit_sm', { source_addr: 'LabAlert', destination_addr: PHONE, short_message: `Alert ${i}` })),
    );
    expect(burst.map((r) => r.command_status)).toEqual([0, 0, 0, 0x58, 0x58, 0x58]);
    expect(store.list({ channel: 'sms' }).total).toBe(3);
    expect(store.exchanges({ channel: 'sms' }).exchanges[0]?.Explanation).toMatchObject({ code: 'smpp-throttled', field: null });
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await client.call('submit_sm', { source_addr: 'LabAlert', destination_addr: PHONE, short_message: 'later' })).command_status).toBe(0);
  });
});
