/**
 * `tim-conformance janitor`: resolve the target as `run` does, prove it usable (preflight), then
 * sweep this target's ledgers and its groups with the prefix.
 */
import { resolve } from 'node:path';
import { ConfigError, describeTarget, resolveTargetConfig, type Env, type RunFlags } from '../config/index.ts';
import { startTarget } from '../runner/start-target.ts';
import type { ResolvedTarget } from '../contract/types.ts';
import type { FixtureClient } from '../fixtures/client-port.ts';
import { runJanitor } from '../fixtures/sweep.ts';
import { checkReportDir } from '../config/report-dir.ts';
import { preflight, type PreflightResult } from '../runner/preflight.ts';
import { createPortedClient } from '../fixtures/tim-client.ts';
import type { RunnerIO } from '../runner/run-conformance.ts';

export interface JanitorCommandOptions {
  prefix?: string;
  dryRun?: boolean;
  createClient?: (target: ResolvedTarget) => Promise<FixtureClient & { close?(): unknown }>;
  preflight?: (target: ResolvedTarget) => Promise<PreflightResult>;
}

export async function runJanitorCommand(
  flags: RunFlags,
  env: Env,
  io: RunnerIO,
  opts: JanitorCommandOptions = {},
): Promise<number> {
  let started;
  try {
    const config = resolveTargetConfig(flags, env);
    checkReportDir(config.reportDir);
    started = await startTarget({ ...config, reportDir: resolve(config.reportDir) });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`tim-conformance: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const { target } = started;
  io.out(`tim-conformance janitor: target ${JSON.stringify(describeTarget(target))}`);
  const ready = await (opts.preflight ?? preflight)(target);
  if (!ready.ok) {
    io.err(`tim-conformance: ${ready.problem}`);
    await started.close();
    return 2;
  }
  let client: (FixtureClient & { close?(): unknown }) | undefined;
  try {
    client = await (opts.createClient ?? createPortedClient)(target);
    const report = await runJanitor(client, target, { prefix: opts.prefix, dryRun: opts.dryRun, log: io.out });
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    await client?.close?.();
    await started.close();
  }
}
