/**
 * One undici keep-alive Pool per origin (the REST overview recommends keep-alive and pools),
 * trusting an extra CA when the target gives one, and connecting regional host names to the
 * addresses of `target.resolve` inside the connector: the URL, the Host header and the TLS
 * server name stay those of the real host, only the socket goes elsewhere. That is how
 * `region:<name>` is tested against a local HTTPS server without the internet.
 */
import { rootCertificates } from 'node:tls';
import { isIP } from 'node:net';
import { Pool, buildConnector } from 'undici';
import { getLimit } from '../contract/index.ts';

/** Above the server's own timeout (limits.json server.timeout.seconds), so its answer arrives. */
export function defaultTimeoutMs(): number {
  const serverSeconds = getLimit('server.timeout.seconds').max ?? 3;
  return (serverSeconds + 2) * 1000;
}

export interface ResolvedAddress {
  ip: string;
  port?: number;
}

/** 'ip', 'ip:port' or '[v6]:port' from a target.resolve value. */
export function parseResolvedAddress(value: string): ResolvedAddress {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (v6) return v6[2] === undefined ? { ip: v6[1] as string } : { ip: v6[1] as string, port: Number(v6[2]) };
  if (isIP(value) !== 0) return { ip: value };
  const [ip, port] = value.split(':');
  return port === undefined ? { ip: ip as string } : { ip: ip as string, port: Number(port) };
}

export interface TransportOptions {
  caCert?: string;
  resolve?: Record<string, string>;
  timeoutMs: number;
  connections?: number;
}

export class Transport {
  readonly #options: TransportOptions;
  readonly #pools = new Map<string, Pool>();
  readonly #connector: buildConnector.connector;

  constructor(options: TransportOptions) {
    this.#options = options;
    const tlsOptions: buildConnector.BuildOptions = { timeout: options.timeoutMs };
    if (options.caCert !== undefined) (tlsOptions as { ca?: string[] }).ca = [...rootCertificates, options.caCert];
    const base = buildConnector(tlsOptions);
    const resolve = options.resolve ?? {};
    this.#connector = (opts, callback) => {
      const override = resolve[opts.hostname.toLowerCase()];
      if (override === undefined) return base(opts, callback);
      const address = parseResolvedAddress(override);
      const servername = opts.servername ?? (isIP(opts.hostname) === 0 ? opts.hostname : undefined);
      const redirected = {
        ...opts,
        hostname: address.ip,
        port: address.port === undefined ? opts.port : String(address.port),
      };
      if (servername !== undefined && servername !== null) redirected.servername = servername;
      return base(redirected, callback);
    };
  }

  pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connect: this.#connector,
        connections: this.#options.connections ?? 32,
        headersTimeout: this.#options.timeoutMs,
        bodyTimeout: this.#options.timeoutMs,
        keepAliveTimeout: 4000,
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }

  /** The curl --resolve entry for an origin, when its host is redirected. */
  curlResolve(origin: string): string[] {
    const url = new URL(origin);
    const override = this.#options.resolve?.[url.hostname.toLowerCase()];
    if (override === undefined) return [];
    const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
    return [`${url.hostname}:${port}:${parseResolvedAddress(override).ip}`];
  }

  /** Drops every connection at once, requests in flight included (a preflight that gave up). */
  async destroy(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((p) => p.destroy()));
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((p) => p.close()));
  }
}
