/**
 * `npm run bench` (all figures) and `npm run bench:<name>`: `tsx bench/run.ts all|mock|sig|suite|scale`.
 * Benchmarks print figures; nothing here asserts a timing.
 */
import { ensureBenchDeps } from './lib/bench-deps.ts';
import { machineLine } from './lib/report.ts';
import { benchMockThroughput, formatMockThroughput } from './mock-throughput.ts';
import { benchUserSigVerify, formatUserSigVerify } from './usersig-verify.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);

type Name = 'mock' | 'sig' | 'suite' | 'scale';
const ALL: Name[] = ['mock', 'sig', 'suite', 'scale'];

async function runOne(name: Name): Promise<void> {
  switch (name) {
    case 'mock': {
      log('\n== 1. Mock throughput and latency: reference mock vs Prism ==');
      log(formatMockThroughput(await benchMockThroughput(log)));
      break;
    }
    case 'sig': {
      log('\n== 2. UserSig verification cost per request ==');
      log(formatUserSigVerify(benchUserSigVerify()));
      break;
    }
    default:
      throw new Error(`not yet: ${name}`);
  }
}

async function main(): Promise<void> {
  const arg = process.argv[2] ?? 'all';
  const names: Name[] = arg === 'all' ? ALL : (arg.split(',') as Name[]);
  for (const name of names) if (!ALL.includes(name)) throw new Error(`unknown benchmark '${name}'; use all or ${ALL.join(', ')}`);
  if (names.includes('mock')) ensureBenchDeps(log);
  log(`tim-conformance benchmarks · ${machineLine()}`);
  for (const name of names) await runOne(name);
}

await main();
