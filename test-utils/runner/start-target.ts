/**
 * Turns a target configuration into the ResolvedTarget of one run: gives the run its group id
 * prefix and, for the `mock` target, starts the embedded mock on a free loopback port and owns
 * its lifetime (close() stops it). The configuration modules never load the mock; only this
 * runner module does, and only for `mock`.
 */
import { ConfigError } from '../config/config-error.ts';
import type { TargetConfig } from '../config/target-config.ts';
import type { ResolvedTarget } from '../contract/types.ts';
import { makeGroupIdPrefix } from '../fixtures/group-ids.ts';
import type { MockApp } from '../mock/default-apps.ts';
import type { MockServerOptions } from '../mock/index.ts';

export interface StartTargetOptions {
  /**
   * Passed to startMockServer for the `mock` target. Port and host are always 0 / 127.0.0.1;
   * `apps` defaults to the configured app (with the counters' edition) and basic app (without).
   */
  mockOptions?: MockServerOptions;
}

export interface StartedTarget {
  target: ResolvedTarget;
  close(): Promise<void>;
}

/** Starts the embedded mock for `mock` (on a free loopback port); for the others nothing to start. */
export async function startTarget(config: TargetConfig, opts: StartTargetOptions = {}): Promise<StartedTarget> {
  const base: Omit<ResolvedTarget, 'baseUrl'> = {
    kind: config.kind,
    app: config.app,
    seed: config.seed,
    strict: config.strict,
    reportDir: config.reportDir,
    groupIdPrefix: makeGroupIdPrefix(config.seed),
  };
  if (config.region !== undefined) base.region = config.region;
  if (config.basicApp) base.basicApp = config.basicApp;
  if (config.caCert !== undefined) base.caCert = config.caCert;
  if (config.resolve) base.resolve = config.resolve;
  if (config.maxGroups !== undefined) base.maxGroups = config.maxGroups;

  if (config.kind !== 'mock') {
    if (config.baseUrl === undefined)
      throw new ConfigError('The target has no base URL; set --target or TIM_TARGET.', 'TIM_TARGET');
    return { target: { ...base, baseUrl: config.baseUrl }, close: async () => {} };
  }
  // Imported here so that a run against a URL or a region never loads the mock.
  const { startMockServer } = await import('../mock/index.ts');
  const apps: MockApp[] = [{ ...config.app, extraAdmins: [], countersEdition: true }];
  if (config.basicApp) apps.push({ ...config.basicApp, extraAdmins: [], countersEdition: false });
  const server = await startMockServer({ apps, ...opts.mockOptions, port: 0, host: '127.0.0.1' });
  const target: ResolvedTarget = { ...base, baseUrl: server.url.replace(/\/+$/, '') };
  if (server.caCert !== undefined) target.caCert = server.caCert;
  return { target, close: () => server.close() };
}
