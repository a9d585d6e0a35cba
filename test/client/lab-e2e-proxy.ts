// A recording HTTP proxy in front of a lab server, for the Lab page's leak checks: the page is
// opened through it, so every byte of every answer the page receives passes here, streamed
// answers included, and is kept as text. (Chromium's DevTools cannot be asked for the body of
// a streamed fetch reliably: "No data found for resource".) Answers stream through unchanged,
// chunk by chunk; WebSocket upgrades are piped both ways. Closed when the test ends.
import { request as httpRequest, createServer, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { onTestFinished } from 'vitest';

export interface RecordedAnswer {
  method: string;
  path: string;
  status: number;
  body: string;
}

export interface RecordingProxy {
  url: string;
  /** Every answer so far, once each has ended. */
  answers(): Promise<RecordedAnswer[]>;
}

export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const port = Number(target.port);
  const answers: Array<Promise<RecordedAnswer>> = [];
  const sockets = new Set<Socket>();
  const asTarget = (headers: IncomingHttpHeaders): IncomingHttpHeaders => ({
    ...headers,
    host: target.host,
    ...(headers.origin !== undefined ? { origin: target.origin } : {}),
  });

  const server = createServer((req, res) => {
    answers.push(
      new Promise<RecordedAnswer>((resolve) => {
        // The lab answers only its own Host and Origin (DNS-rebinding and cross-site checks), and
        // the page's are the proxy's: they are rewritten to the lab's, as for the page itself.
        const upstream = httpRequest({ host: target.hostname, port, method: req.method, path: req.url, headers: asTarget(req.headers) }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers as IncomingHttpHeaders);
          res.flushHeaders();
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            res.write(chunk);
          });
          answer.on('end', () => {
            res.end();
            const encoding = answer.headers['content-encoding'];
            const body = encoding && encoding !== 'identity' ? `UNREADABLE (${encoding})` : Buffer.concat(chunks).toString('utf8');
            resolve({ method: req.method ?? '', path: req.url ?? '', status: answer.statusCode ?? 0, body });
          });
        });
        upstream.on('error', (err) => {
          res.destroy(err);
          resolve({ method: req.method ?? '', path: req.url ?? '', status: 0, body: `UNREADABLE (${err.message})` });
        });
        req.pipe(upstream);
      }),
    );
  });

  server.on('upgrade', (req, client: Socket, head: Buffer) => {
    const upstream = connect(port, target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i] ?? '';
        const value = /^host$/i.test(name) ? target.host : /^origin$/i.test(name) ? target.origin : req.rawHeaders[i + 1];
        lines.push(`${name}: ${value}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port: own } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${own}`,
    answers: () => Promise.all(answers),
  };
}
