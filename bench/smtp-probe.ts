// A raw-socket SMTP client for the latency probe: one connection, one mail at a time, and the
// moment each final 250 reply arrives. The lab's reply names the stored mail ("OK: queued as
// <ID>", profiles/open-profile.ts), which is how the 250 is matched to its `new` event.
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createReplyReader } from '../server/wire/smtp-replies.js';

export interface ProbeReply {
  code: number;
  text: string;
  /** performance.now() when the last line of the reply arrived. */
  at: number;
}

export interface ProbeSent {
  id: string;
  /** performance.now() just before the final "." was written. */
  dataEndAt: number;
  repliedAt: number;
}

export interface SmtpProbe {
  /** Sends one mail; resolves with the stored mail's id, when its end of data was written and when the 250 arrived. */
  send(body: string): Promise<ProbeSent>;
  close(): Promise<void>;
}

const QUEUED_AS = /queued as ([A-Za-z0-9_-]+)/;

export function probeMessage(sequence: number, payloadBytes: number): string {
  const header = [
    'From: Probe <probe@bench.smtp-lab.test>',
    'To: Sink <sink@bench.smtp-lab.test>',
    `Subject: latency probe ${sequence}`,
    `Message-ID: <probe-${sequence}@bench.smtp-lab.test>`,
    `Date: ${new Date().toUTCString()}`,
    '',
  ].join('\r\n');
  const line = 'The quick brown fox jumps over the lazy dog, again and again and again.\r\n';
  let body = '';
  while (body.length + line.length <= payloadBytes) body += line;
  return `${header}\r\n${body}`;
}

export async function openProbe(host: string, port: number): Promise<SmtpProbe> {
  const socket: Socket = connect({ host, port });
  socket.setNoDelay(true);
  const waiting: { resolve: (reply: ProbeReply) => void; reject: (err: Error) => void }[] = [];
  let failure: Error | undefined;
  // The time a reply arrived is the time of the chunk that completed it.
  let chunkAt = 0;
  const reader = createReplyReader(({ code, text }) => waiting.shift()?.resolve({ code, text, at: chunkAt }));

  socket.on('data', (chunk: Buffer) => {
    chunkAt = performance.now();
    reader.push(chunk.toString('latin1'));
  });
  const fail = (err: Error) => {
    failure ??= err;
    for (const waiter of waiting.splice(0)) waiter.reject(failure);
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('probe: the server closed the connection')));

  function next(): Promise<ProbeReply> {
    if (failure) return Promise.reject(failure);
    return new Promise<ProbeReply>((resolve, reject) => waiting.push({ resolve, reject }));
  }

  async function command(line: string, expected: number): Promise<ProbeReply> {
    const reply = next();
    socket.write(`${line}\r\n`);
    const answer = await reply;
    if (answer.code !== expected) throw new Error(`probe: "${line.slice(0, 40)}" got ${answer.text}`);
    return answer;
  }

  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  const greeting = await next();
  if (greeting.code !== 220) throw new Error(`probe: greeting ${greeting.text}`);
  await command('EHLO probe.bench.smtp-lab.test', 250);

  return {
    async send(body) {
      await command('MAIL FROM:<probe@bench.smtp-lab.test>', 250);
      await command('RCPT TO:<sink@bench.smtp-lab.test>', 250);
      await command('DATA', 354);
      // No line of probeMessage starts with "." so no dot-stuffing is needed (RFC 5321 §4.5.2);
      // it ends with CRLF, so "." alone completes the end-of-data sequence.
      const terminated = body.endsWith('\r\n') ? `${body}.` : `${body}\r\n.`;
      const dataEndAt = performance.now();
      const reply = await command(terminated, 250);
      const id = QUEUED_AS.exec(reply.text)?.[1];
      if (!id) throw new Error(`probe: no mail id in "${reply.text}"`);
      return { id, dataEndAt, repliedAt: reply.at };
    },
    async close() {
      await command('QUIT', 221).catch(() => undefined);
      socket.destroy();
    },
  };
}
