// Servers the lab itself is not, for the mistakes a student makes against other hosts: a mail
// server that refuses a recipient, something that is not SMTP, a server that hangs up, a port
// nobody listens on. Each is closed when its test ends.
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { onTestFinished } from 'vitest';

async function listen(server: net.Server | SMTPServer): Promise<number> {
  const inner = server instanceof SMTPServer ? server.server : server;
  await new Promise<void>((resolve) => inner.listen(0, '127.0.0.1', () => resolve()));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (inner.address() as net.AddressInfo).port;
}

/** A plain SMTP server that answers every RCPT TO with Postfix's "user unknown" (550 5.1.1). */
export function startRecipientRejectingServer(): Promise<number> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    hideENHANCEDSTATUSCODES: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const err = Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown in virtual mailbox table`), {
        responseCode: 550,
      });
      callback(err);
    },
  });
  return listen(server);
}

/** A service that greets with something other than SMTP (an SSH server's banner, say). */
export function startBannerServer(banner: string): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.write(`${banner}\r\n`);
  });
  return listen(server);
}

/** Accepts and closes at once, before any greeting. */
export function startHangUpServer(): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.destroy();
  });
  return listen(server);
}

/** A port that was free a moment ago: nothing listens on it. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
