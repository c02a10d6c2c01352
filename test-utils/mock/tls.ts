/**
 * The https side: a self-signed certificate made at start (for SDKs that hard-code https and
 * take only host:port), or the user's own files. The certificate PEM is handed back so clients
 * can trust exactly this server instead of switching verification off.
 */
import { generate } from 'selfsigned';

export interface TlsMaterial {
  cert: string;
  key: string;
}

export async function selfSignedCertificate(host: string): Promise<TlsMaterial> {
  const altNames: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  if (/^[\d.]+$/.test(host) || host.includes(':')) {
    if (host !== '127.0.0.1' && host !== '::1' && host !== '0.0.0.0' && host !== '::')
      altNames.push({ type: 7, ip: host });
  } else if (host !== 'localhost') {
    altNames.push({ type: 2, value: host });
  }
  return certificateWithAltNames(altNames);
}

/**
 * A self-signed certificate for these DNS names only: a server standing in for regional hosts
 * (reached through --resolve), trusted by handing its PEM to the client as --ca-cert.
 */
export function selfSignedCertificateFor(dnsNames: readonly string[]): Promise<TlsMaterial> {
  return certificateWithAltNames(dnsNames.map((value) => ({ type: 2 as const, value })));
}

async function certificateWithAltNames(altNames: { type: 2 | 7; value?: string; ip?: string }[]): Promise<TlsMaterial> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'tim-conformance mock' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
