// A TLS client that completes the handshake and resets the TCP connection at once, N times, from
// its own process: the server must read the client's Finished and the RST in one go, which an
// in-process client cannot arrange. Usage: node tls-reset-client.mjs PORT COUNT [starttls]
import net from 'node:net';
import tls from 'node:tls';

const [port, count] = process.argv.slice(2, 4).map(Number);
const starttls = process.argv[4] === 'starttls';
let done = 0;
let started = 0;
let inflight = 0;

function attempt() {
  started++;
  inflight++;
  const raw = net.connect(port, '127.0.0.1');
  raw.on('error', () => {});
  raw.on('close', () => {
    inflight--;
    if (++done === count) process.exit(0);
    next();
  });
  const handshake = () => {
    const secure = tls.connect({ socket: raw, rejectUnauthorized: false });
    secure.on('error', () => {});
    secure.on('secureConnect', () => setImmediate(() => raw.resetAndDestroy()));
  };
  if (!starttls) return handshake();
  let said = '';
  const onData = (chunk) => {
    said += chunk.toString();
    if (/^220 /m.test(said) && !said.includes('EHLO-SENT')) {
      said += 'EHLO-SENT';
      raw.write('EHLO reset.test\r\n');
    } else if (/^250 /m.test(said) && !said.includes('TLS-SENT')) {
      said += 'TLS-SENT';
      raw.write('STARTTLS\r\n');
    } else if (said.includes('TLS-SENT') && /(^|\n)220 /.test(said.split('TLS-SENT')[1] ?? '')) {
      raw.off('data', onData);
      handshake();
    }
  };
  raw.on('data', onData);
}

function next() {
  while (inflight < 10 && started < count) attempt();
}
next();
