/**
 * `npm run bench` (all figures) and `npm run bench:<name>`: `tsx bench/run.ts all|mock|sig|suite|scale|proxy|stateful`.
 * Benchmarks print figures; nothing here asserts a timing.
 */
import { ensureBenchDeps } from './lib/bench-deps.ts';
import { loadLine, machineLine } from './lib/report.ts';
import { benchMockThroughput, formatMockThroughput } from './mock-throughput.ts';
import { benchProxyOverhead, formatProxyOverhead } from './proxy-overhead.ts';
import { benchScale, formatScale } from './scale.ts';
import { benchStatefulSpeed, formatStatefulSpeed } from './stateful-speed.ts';
import { benchSuiteSpeed, formatSuiteRuns, type SuiteRunFigures } from './suite-speed.ts';
import { benchUserSigVerify, formatUserSigVerify } from './usersig-verify.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);

type Name = 'mock' | 'sig' | 'suite' | 'scale' | 'proxy' | 'stateful';
const ALL: Name[] = ['mock', 'sig', 'suite', 'scale', 'proxy', 'stateful'];

/** The full suite run of figure 3, reused by figure 4 when both run. */
let fullRun: SuiteRunFigures | undefined;

async function runOne(name: Name): Promise<void> {
  switch (name) {
    case 'mock': {
      log('\n== 1. Mock throughput and latency: reference mock vs Prism ==');
      log(loadLine());
      log(formatMockThroughput(await benchMockThroughput(log)));
      break;
    }
    case 'sig': {
      log('\n== 2. UserSig verification cost per request ==');
      log(loadLine());
      log(formatUserSigVerify(benchUserSigVerify()));
      break;
    }
    case 'suite': {
      log('\n== 3. Suite speed against the rate-limit floor (embedded mock) ==');
      log(loadLine());
      const runs = await benchSuiteSpeed(log);
      fullRun = runs.find((r) => r.latencyMs === 0);
      log(formatSuiteRuns(runs));
      break;
    }
    case 'scale': {
      log('\n== 4. Scale: 10,000 full groups; suite time against the number of operations ==');
      log(loadLine());
      log(formatScale(await benchScale(log, fullRun)));
      break;
    }
    case 'proxy': {
      log('\n== 5. Recording proxy: latency it adds at 200 requests/s ==');
      log(loadLine());
      log(formatProxyOverhead(await benchProxyOverhead(log)));
      break;
    }
    case 'stateful': {
      log("\n== 6. Stateful check: operations per second against the embedded mock (paced, one worker's share) ==");
      log(loadLine());
      log(formatStatefulSpeed(await benchStatefulSpeed()));
      break;
    }
    default:
      throw new Error(`unknown benchmark '${String(name)}'`);
  }
}

async function main(): Promise<void> {
  const arg = process.argv[2] ?? 'all';
  const names: Name[] = arg === 'all' ? ALL : (arg.split(',') as Name[]);
  for (const name of names)
    if (!ALL.includes(name)) throw new Error(`unknown benchmark '${name}'; use all or ${ALL.join(', ')}`);
  if (names.includes('mock') || names.includes('scale') || names.includes('proxy')) ensureBenchDeps(log);
  log(`tim-conformance benchmarks · ${machineLine()}`);
  for (const name of names) await runOne(name);
}

await main();
