// The SMS tests' parts, started for one test on port 0 and closed when it ends: the store, the
// world, the SMPP centre, the SMS.ru gateway; and an SMPP client of the `smpp` package whose
// calls are promises, answering each deliver_sm as an ESME does.
import smpp, { type Pdu, type Session } from 'smpp';
import { onTestFinished } from 'vitest';
import { createChannelStore, type ChannelStore } from '../../../../lab/channels/channel-store.js';
import { createSmppCentre, type SmppCentreOptions } from '../../../../lab/channels/sms/smpp-centre.js';
import { createSmsRuGateway, type SmsRuGatewayOptions } from '../../../../lab/channels/sms/sms-ru-gateway.js';
import { createSmsWorld, type SmsWorld, type SmsWorldOptions } from '../../../../lab/channels/sms/sms-world.js';

/** The Russian alert of the practical work: 95 characters, so 2 SMS in UCS-2. */
export const ALERT_95 = 'Авария: температура котла 95 °C выше порога 90 °C. Срочно проверьте циркуляционный насос котла.';
export const OWNER = 'student@lab.local';
export const PHONE = '79255070602';

export async function startWorld(options: SmsWorldOptions = {}): Promise<{ store: ChannelStore; world: SmsWorld }> {
  const store = await createChannelStore();
  const world = await createSmsWorld(options);
  onTestFinished(async () => {
    await world.close();
    await store.close();
  });
  return { store, world };
}

export async function startCentre(options: Partial<SmppCentreOptions> = {}) {
  const base = options.store && options.world ? { store: options.store, world: options.world } : await startWorld();
  const centre = await createSmppCentre({ receiptDelayMs: 30, ...options, ...base });
  onTestFinished(() => centre.close());
  return { ...base, centre };
}

export async function startGateway(options: Partial<SmsRuGatewayOptions> = {}) {
  const base = options.store && options.world ? { store: options.store, world: options.world } : await startWorld();
  const gateway = await createSmsRuGateway({ receiptDelayMs: 30, ...options, ...base });
  onTestFinished(() => gateway.close());
  return { ...base, gateway };
}

export interface SmppClient {
  session: Session;
  errors: Error[];
  /** Sends a request and resolves with its response. */
  call(
    command: 'bind_transceiver' | 'bind_transmitter' | 'bind_receiver' | 'submit_sm' | 'enquire_link' | 'unbind',
    fields?: Record<string, unknown>,
  ): Promise<Pdu>;
  /** The next deliver_sm the centre sends (answered with deliver_sm_resp). */
  nextDeliver(): Promise<Pdu>;
  close(): Promise<void>;
}

export async function connectSmpp(url: string): Promise<SmppClient> {
  const session = smpp.connect({ url });
  const errors: Error[] = [];
  session.on('error', (err: Error) => errors.push(err));
  const delivered: Pdu[] = [];
  const waiting: Array<(pdu: Pdu) => void> = [];
  session.on('deliver_sm', (pdu: Pdu) => {
    session.send(pdu.response());
    const waiter = waiting.shift();
    if (waiter) waiter(pdu);
    else delivered.push(pdu);
  });
  await new Promise<void>((resolve, reject) => {
    session.once('connect', () => resolve());
    session.once('error', reject);
  });
  const closed = new Promise<void>((resolve) => session.socket.once('close', () => resolve()));
  onTestFinished(() => session.destroy());
  return {
    session,
    errors,
    call: (command, fields = {}) =>
      new Promise((resolve) => {
        const send = session[command] as (options: Record<string, unknown>, callback: (pdu: Pdu) => void) => boolean;
        send.call(session, fields, resolve);
      }),
    nextDeliver: () => {
      const ready = delivered.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () => {
      session.close();
      return closed;
    },
  };
}
