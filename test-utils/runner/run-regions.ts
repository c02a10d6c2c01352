/**
 * `run --regions sgp,kr,...|all`: the whole run once per region, one after the other (each run
 * already paces to the region's rate limits), with one seed for all so the regions answer the
 * same requests. Each region's reports go to DIR/<region>/, the combined matrix to DIR/. Exit 1
 * when any region has a gating failure, 2 on a configuration error (before any request), 130/143
 * when interrupted (the remaining regions are not run).
 */
import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigError, type Env, type RunFlags, type TargetConfig } from '../config/index.ts';
import type { Region } from '../contract/types.ts';
import type { ExpectationsFile } from '../expectations/index.ts';
import { parseRegionList, refusePerAppFlags, regionTargetConfig } from './region-config.ts';
import { writeRegionsReport, type RegionRun } from './regions-report.ts';
import {
  expectationsPath,
  loadExpectations,
  runOnTarget,
  type RunnerDeps,
  type RunnerIO,
  type RunnerOptions,
} from './run-target.ts';

/** '{region}' in an --expectations path stands for the region's canonical name. */
export const REGION_PLACEHOLDER = '{region}';

interface PlannedRegion {
  region: Region;
  config: TargetConfig;
  expectations?: { file: ExpectationsFile; path: string };
}

function plan(
  regionsText: string,
  flags: RunFlags,
  env: Env,
  options: RunnerOptions,
): { planned: PlannedRegion[]; reportDir: string } {
  const source = options.regions !== undefined ? 'the --regions flag' : 'TIM_REGIONS';
  const regions = parseRegionList(regionsText, source);
  refusePerAppFlags(flags);
  // One seed for every region: the same generated data, so outcomes compare.
  const seedGiven = flags.seed !== undefined || (env.TIM_SEED ?? '').trim() !== '';
  const shared: RunFlags = seedGiven ? flags : { ...flags, seed: String(randomInt(0, 2 ** 31 - 1)) };
  const template = expectationsPath(options, env);
  const update = options.updateExpectations === true;
  if (update && template !== undefined && regions.length > 1 && !template.includes(REGION_PLACEHOLDER)) {
    throw new ConfigError(
      `--update-expectations with several regions needs one file per region: put ${REGION_PLACEHOLDER} in the path, e.g. expectations/${REGION_PLACEHOLDER}.json.`,
      'TIM_EXPECTATIONS',
    );
  }
  const planned = regions.map((region): PlannedRegion => {
    const config = regionTargetConfig(region, shared, env);
    const path = template?.split(REGION_PLACEHOLDER).join(region.name);
    const file = loadExpectations(path, update);
    return {
      region,
      config: { ...config, reportDir: resolve(config.reportDir) },
      ...(file && path ? { expectations: { file, path } } : {}),
    };
  });
  const reportDir = resolve(planned[0]!.config.reportDir, '..');
  return { planned, reportDir };
}

/** The exit code of a regional run, and each region's results (what DIR/<region>/results.json holds). */
export interface RegionsOutcome {
  code: number;
  runs: RegionRun[];
}

export async function runRegions(
  regionsText: string,
  flags: RunFlags,
  env: Env,
  io: RunnerIO,
  options: RunnerOptions,
  deps: RunnerDeps,
): Promise<RegionsOutcome> {
  let planned: PlannedRegion[];
  let reportDir: string;
  try {
    ({ planned, reportDir } = plan(regionsText, flags, env, options));
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`tim-conformance: ${error.message}`);
      return { code: 2, runs: [] };
    }
    throw error;
  }

  const runs: RegionRun[] = [];
  const codes: { region: string; code: number }[] = [];
  for (const [index, item] of planned.entries()) {
    io.out(`tim-conformance: region ${item.region.name} (${index + 1}/${planned.length}), ${item.config.baseUrl}`);
    const outcome = await runOnTarget(item.config, io, options, deps, {
      label: item.region.name,
      ...(item.expectations ? { expectations: item.expectations } : {}),
    });
    codes.push({ region: item.region.name, code: outcome.code });
    runs.push(
      outcome.results
        ? { region: item.region.name, results: outcome.results }
        : { region: item.region.name, results: null, error: 'the target could not start (see the error above)' },
    );
    if (outcome.interrupted) {
      io.err(`tim-conformance: interrupted; the regions after ${item.region.name} were not run`);
      break;
    }
  }

  const files = runs.length > 0 ? writeRegionsReport(runs, reportDir) : [];
  const lines = ['Regions:'];
  for (const { region, code } of codes) {
    const verdict = code === 0 ? 'PASS' : code === 1 ? 'FAIL' : code === 2 ? 'ERROR (configuration)' : 'INTERRUPTED';
    lines.push(`  ${region}: ${verdict}`);
  }
  if (files.length > 0) lines.push(`Combined report: ${files.join(', ')}`);
  io.out(lines.join('\n'));

  return { code: regionsExitCode(codes, planned.length), runs };
}

function regionsExitCode(codes: { code: number }[], planned: number): number {
  const interrupted = codes.find((c) => c.code === 130 || c.code === 143);
  if (interrupted) return interrupted.code;
  if (codes.some((c) => c.code === 2)) return 2;
  if (codes.length < planned || codes.some((c) => c.code !== 0)) return 1;
  return 0;
}
