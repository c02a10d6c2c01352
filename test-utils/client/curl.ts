/**
 * A curl line that reproduces a request, for failure reports. It is built from the redacted URL
 * and body, so the usersig shows as <redacted> and must be re-signed to replay the call.
 */
import { redact } from './redact.ts';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface CurlInput {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** 'host:port:ip' entries when the client connected to another address than DNS would give. */
  resolve?: string[];
  /** Whether an extra CA certificate was trusted (curl needs --cacert with the same file). */
  extraCa?: boolean;
}

export function buildCurl(input: CurlInput): string {
  const parts = ['curl', '-sS'];
  if (input.method !== 'GET') parts.push('-X', input.method);
  for (const entry of input.resolve ?? []) parts.push('--resolve', shellQuote(entry));
  if (input.extraCa) parts.push('--cacert', 'ca.pem');
  parts.push(shellQuote(redact(input.url)));
  for (const [name, value] of Object.entries(input.headers)) parts.push('-H', shellQuote(redact(`${name}: ${value}`)));
  parts.push('--data-raw', shellQuote(redact(input.body)));
  return parts.join(' ');
}
