// The baseline: smtp-server with no capture at all. It reads each body to the end and drops it,
// so what remains is the cost of the SMTP protocol in smtp-server itself. The options that change
// the work per connection or per mail match the lab's plain listener (server/smtp/smtp-listener.ts
// and profiles/open-profile.ts); the lab's transcript logger, mailbox and live hub are left out.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface BareServer {
  port: number;
  /** Mails whose body was read to the end. */
  accepted(): number;
  close(): Promise<void>;
}

export async function createBareServer(host: string): Promise<BareServer> {
  let accepted = 0;
  const server = new SMTPServer({
    name: 'smtp-lab',
    logger: false,
    disableReverseLookup: true,
    hideSTARTTLS: true,
    disabledCommands: ['STARTTLS'],
    hideENHANCEDSTATUSCODES: false,
    authOptional: true,
    allowInsecureAuth: true,
    size: 25 * 1024 * 1024,
    rejectOversized: true,
    maxRecipients: 100,
    maxClients: 1_000,
    socketTimeout: 5 * 60_000,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        accepted++;
        callback();
      });
      stream.resume();
    },
  });
  server.on('error', (err: Error) => process.stderr.write(`bare smtp-server: ${err.message}\n`));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    accepted: () => accepted,
    close() {
      server.options.closeTimeout = 1;
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
