// What a WebSocket client sends never takes the server down: any JSON value that is not a
// command, text that is not JSON, binary frames, frames over the size limit. After each, the
// server still answers, still holds its mail, and a proper Follow still works.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveEvent } from '../../../server/index.js';
import { getJson, startLab } from '../../helpers/lab.js';
import { subscribe } from '../../helpers/live-events.js';
import { labTransport } from '../../helpers/send-mail.js';
import { openSession } from '../../helpers/smtp-dialogue.js';

const frames: Array<{ name: string; data: string | Buffer }> = [
  { name: 'null', data: 'null' },
  { name: 'a number', data: '1' },
  { name: 'an array', data: '[]' },
  { name: 'a string', data: '"Follow"' },
  { name: 'true', data: 'true' },
  { name: 'an empty object', data: '{}' },
  { name: 'Follow null', data: '{"Follow":null}' },
  { name: 'Follow a string', data: '{"Follow":"abc"}' },
  { name: 'Follow of non-strings', data: '{"Follow":[1,null,{},[],true]}' },
  { name: 'Follow with __proto__', data: '{"__proto__":{"Follow":["x"]},"Follow":[{"toString":1}]}' },
  { name: 'not JSON', data: '{"Follow":[' },
  { name: 'binary junk', data: Buffer.from([0xff, 0x00, 0xfe, 0x16, 0x03]) },
  { name: 'a thousand ids', data: JSON.stringify({ Follow: Array.from({ length: 1000 }, (_, i) => `id-${i}`) }) },
];

describe('client input on /api/events', () => {
  it.each(frames)('$name is ignored and the server stays up', async ({ data }) => {
    const lab = await startLab();
    await labTransport(lab.smtpPort).sendMail({ from: 'a@lab.local', to: 'b@lab.local', subject: 'kept', text: 'x' });
    const client = await subscribe(lab.url, 'sessions=summary');
    client.socket.send(data);
    // The server still answers, keeps its mail, and serves a proper command on the same socket.
    expect((await getJson<{ total: number }>(`${lab.url}/api/v1/messages`)).body.total).toBe(1);
    const conn = await openSession(lab.smtpPort);
    const id = lab.sessions.list({ state: 'open' }).sessions[0]?.ID as string;
    client.send({ Follow: [id] });
    await client.waitFor((e: LiveEvent) => e.Type === 'session' && e.Data.Summary.ID === id && e.Data.Lines.length > 0);
    conn.close();
    expect(lab.logs.lines.filter((l) => l.startsWith('error'))).toEqual([]);
  });

  it('a frame over the size limit closes that socket only', async () => {
    const lab = await startLab();
    const big = await subscribe(lab.url);
    const other = await subscribe(lab.url);
    big.socket.send('x'.repeat(128 * 1024));
    expect((await big.closed).code).toBe(1009);
    expect(other.socket.readyState).toBe(WebSocket.OPEN);
    expect((await fetch(`${lab.url}/livez`)).status).toBe(200);
  });
});
