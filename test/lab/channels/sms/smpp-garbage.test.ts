// What is not SMPP, sent to the SMS centre's port over a plain socket: an HTTP request, lengths
// shorter than a header, zeros, random bytes, an unknown command, half a PDU and a vanished
// client. Each ends its own session (answered with generic_nack where SMPP says so) and the
// centre goes on serving; an error on any session would otherwise end the test run.
import { connect, type Socket } from 'node:net';
import fc from 'fast-check';
import smpp from 'smpp';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../../helpers/lab.js';
import { connectSmpp, OWNER, startCentre } from './sms-fixtures.js';

/** Writes `bytes`, then collects what comes back until the centre closes (or `waitMs` passes). */
function exchange(port: number, bytes: Buffer, waitMs = 1500): Promise<{ reply: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ reply: Buffer.concat(chunks), closed });
    };
    const timer = setTimeout(() => done(false), waitMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => done(true));
  });
}

const GENERIC_NACK_RINVCMDLEN = Buffer.from('00000010800000000000000200000000', 'hex');

async function stillServes(url: string, systemId: string, password: string) {
  const client = await connectSmpp(url);
  expect((await client.call('bind_transceiver', { system_id: systemId, password })).command_status).toBe(0);
  await client.close();
}

describe('garbage on the SMPP port', () => {
  it.each([
    { what: 'an HTTP request', bytes: Buffer.from('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n') },
    { what: 'a length shorter than a header', bytes: Buffer.from([0, 0, 0, 5, 1, 2, 3, 4, 5]) },
    { what: 'zeros', bytes: Buffer.alloc(64) },
    { what: 'a length of 4', bytes: Buffer.from([0, 0, 0, 4]) },
  ])('answers $what with generic_nack ESME_RINVCMDLEN, closes, and keeps serving', async ({ bytes }) => {
    const { centre, store, world } = await startCentre();
    const { account, password } = world.createSmppAccount(OWNER);
    const { reply, closed } = await exchange(centre.port, bytes);
    expect(closed).toBe(true);
    expect(reply.equals(GENERIC_NACK_RINVCMDLEN)).toBe(true);
    const [summary] = store.exchanges({ channel: 'sms' }).exchanges;
    expect(summary).toMatchObject({ Status: 0x02, Ok: false, Explanation: { code: 'smpp-not-a-pdu', field: 'port' } });
    expect(summary?.Ended).not.toBeNull();
    await stillServes(centre.url, account.systemId, password);
  });

  it('answers an unknown command with generic_nack ESME_RINVCMDID and keeps the session', async () => {
    const { centre, world } = await startCentre();
    const { account, password } = world.createSmppAccount(OWNER);
    const unknown = Buffer.from('00000010000000990000000000000007', 'hex');
    const bind = new smpp.PDU('bind_transceiver', { system_id: account.systemId, password, sequence_number: 8 }).toBuffer();
    const { reply, closed } = await exchange(centre.port, Buffer.concat([unknown, bind]), 300);
    expect(closed).toBe(false);
    expect(reply.subarray(0, 16).toString('hex')).toBe('00000010800000000000000300000007');
    // The bind after it is answered in the same session: bind_transceiver_resp, ESME_ROK, sequence 8.
    expect(reply.subarray(16 + 4, 16 + 16).toString('hex')).toBe('800000090000000000000008');
  });

  it('records a client that vanishes in the middle of a PDU', async () => {
    const { centre, store } = await startCentre();
    const bind = new smpp.PDU('bind_transceiver', { system_id: 'half', password: 'x' }).toBuffer();
    const socket = connect(centre.port, '127.0.0.1', () => {
      socket.write(bind.subarray(0, 10));
      setTimeout(() => socket.destroy(), 20);
    });
    socket.on('error', () => undefined);
    const ended = await eventually(() => store.exchanges({ channel: 'sms' }).exchanges.find((e) => e.Ended));
    expect(store.exchange(ended.ID)?.Lines.at(-1)?.Text).toBe('connection closed without unbind');
  });

  it('survives random bytes', async () => {
    const { centre, world } = await startCentre();
    const { account, password } = world.createSmppAccount(OWNER);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        await exchange(centre.port, Buffer.from(bytes), 150);
      }),
      { numRuns: 40 },
    );
    // Well-formed headers with random commands and bodies, too.
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0x04, 0x09, 0x02, 0x15, 0x06, 0x80000004, 0x21, 0x103), fc.uint8Array({ maxLength: 120 }), async (id, body) => {
        const header = Buffer.alloc(16);
        header.writeUInt32BE(16 + body.length, 0);
        header.writeUInt32BE(id, 4);
        header.writeUInt32BE(1, 12);
        await exchange(centre.port, Buffer.concat([header, Buffer.from(body)]), 100);
      }),
      { numRuns: 40 },
    );
    await stillServes(centre.url, account.systemId, password);
  });
});
