// The lab's own TLS certificate for its implicit-TLS and STARTTLS listeners: generated on first
// start and kept in a directory so that a student who trusts it once keeps trusting it. Self-
// signed, so a client must be told to trust it (the lab preset does; otherwise the client says
// "self-signed certificate", which the lab explains).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTextIfExists } from '../common/private-file.js';

export interface TlsCertificate {
  key: string;
  cert: string;
  /** Where it is kept, when it is kept. */
  certPath?: string;
}

const VALID_DAYS = 825; // the longest validity Apple and Chrome accept for a TLS server certificate

async function generate(hostnames: string[]): Promise<TlsCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_DAYS * 86_400_000);
  // Loaded only to make a certificate: once one is kept, a start never needs it (~15 MB).
  const { default: selfsigned } = await import('selfsigned');
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'smtp-lab local CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      // CA:true lets a client pass this very certificate as its trust anchor (`tls.ca`).
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...hostnames.map((value) => ({ type: 2 as const, value })), { type: 7 as const, ip: '127.0.0.1' }, { type: 7 as const, ip: '::1' }],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** Loads the certificate kept in `dir`, or makes one there; without `dir`, one for this run. */
export async function loadOrCreateCertificate(dir: string | undefined, hostnames: string[]): Promise<TlsCertificate> {
  if (!dir) return generate(hostnames);
  const keyPath = join(dir, 'smtp-lab.key.pem');
  const certPath = join(dir, 'smtp-lab.cert.pem');
  const [key, cert] = await Promise.all([readTextIfExists(keyPath), readTextIfExists(certPath)]);
  if (key !== undefined && cert !== undefined) return { key, cert, certPath };
  const created = await generate(hostnames);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Written under temporary names and renamed, so that two starts racing leave a matching pair.
  const suffix = `.${process.pid}.tmp`;
  await writeFile(keyPath + suffix, created.key, { mode: 0o600 });
  await writeFile(certPath + suffix, created.cert);
  await rename(keyPath + suffix, keyPath);
  await rename(certPath + suffix, certPath);
  return { ...created, certPath };
}
