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

/** The full suite run of figure 3, reused by figure 4 when both run. */
let fullRun: SuiteRunFigures | undefined;

/** Each figure: its title, whether it needs bench/package.json's dependencies, and its printed result. */
const FIGURES = {
  mock: {
    title: '1. Mock throughput and latency: reference mock vs Prism',
    needsBenchDeps: true,
    measure: async () => formatMockThroughput(await benchMockThroughput(log)),
  },
  sig: {
    title: '2. UserSig verification cost per request',
    needsBenchDeps: false,
    measure: async () => formatUserSigVerify(benchUserSigVerify()),
  },
  suite: {
    title: '3. Suite speed against the rate-limit floor (embedded mock)',
    needsBenchDeps: false,
    measure: async () => {
      const runs = await benchSuiteSpeed(log);
      fullRun = runs.find((r) => r.latencyMs === 0);
      return formatSuiteRuns(runs);
    },
  },
  scale: {
    title: '4. Scale: 10,000 full groups; suite time against the number of operations',
    needsBenchDeps: true,
    measure: async () => formatScale(await benchScale(log, fullRun)),
  },
  proxy: {
    title: '5. Recording proxy: latency it adds at 200 requests/s',
    needsBenchDeps: true,
    measure: async () => formatProxyOverhead(await benchProxyOverhead(log)),
  },
  stateful: {
    title: "6. Stateful check: operations per second against the embedded mock (paced, one worker's share)",
    needsBenchDeps: false,
    measure: async () => formatStatefulSpeed(await benchStatefulSpeed()),
  },
} satisfies Record<string, { title: string; needsBenchDeps: boolean; measure: () => Promise<string> }>;

type Name = keyof typeof FIGURES;
const ALL = Object.keys(FIGURES) as Name[];

async function main(): Promise<void> {
  const arg = process.argv[2] ?? 'all';
  const names: Name[] = arg === 'all' ? ALL : (arg.split(',') as Name[]);
  for (const name of names)
    if (!ALL.includes(name)) throw new Error(`unknown benchmark '${name}'; use all or ${ALL.join(', ')}`);
  if (names.some((name) => FIGURES[name].needsBenchDeps)) ensureBenchDeps(log);
  log(`tim-conformance benchmarks · ${machineLine()}`);
  for (const name of names) {
    log(`\n== ${FIGURES[name].title} ==`);
    log(loadLine());
    log(await FIGURES[name].measure());
  }
}

await main();
