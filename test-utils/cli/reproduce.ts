/** The work of `tim-conformance reproduce` (see reproduce-command.ts). */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seededFaker } from '../check/seeded-faker.ts';
import { cut } from '../runner/summary.ts';
import { ConfigError, resolveTargetConfig, type Env, type RunFlags } from '../config/index.ts';
import { startTarget } from '../runner/start-target.ts';
import type { GroupType } from '../contract/types.ts';
import { createGroupFixture, destroyGroupFixture, type GroupFixture } from '../fixtures/create-group.ts';
import { ledgerFor } from '../fixtures/ledger.ts';
import { createPortedClient } from '../fixtures/tim-client.ts';
import type { ResultsFile, TestEntry } from '../runner/results.ts';
import type { CommandIO } from './option-table.ts';
import { UsageError } from './option-table.ts';

const SHOWN_CHARS = 2000;

function readResults(reportDir: string): ResultsFile {
  const path = join(reportDir, 'results.json');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
  } catch {
    throw new UsageError(
      `no readable results.json in ${reportDir}; give the report directory of the run with --report-dir`,
    );
  }
}

function findFailure(results: ResultsFile, id: string): TestEntry {
  const test = results.tests.find((t) => t.id === id);
  if (!test) throw new UsageError(`no check '${id}' in that run's results.json`);
  if (test.status !== 'failed' || !test.failure)
    throw new UsageError(`'${id}' did not fail in that run (it ${test.status})`);
  if (!test.failure.request)
    throw new UsageError(
      `the failure of '${id}' recorded no request (it failed before sending one); rerun it with: ${test.failure.rerun ?? `run --id ${id}`}`,
    );
  return test;
}

/** The run's target as flags, unless the user gave target options. */
function flagsFor(results: ResultsFile, given: RunFlags): RunFlags {
  if (given.target !== undefined) return given;
  const t = results.target;
  if (t.kind === 'mock') return { ...given, target: 'mock' };
  const flags: RunFlags = { ...given, target: t.kind === 'region' && t.region ? `region:${t.region}` : t.baseUrl };
  flags.sdkappid ??= String(t.sdkappid);
  if (
    t.basicSdkappid !== null &&
    given.basicSdkappid === undefined &&
    (process.env['TIM_BASIC_SECRET_KEY'] ?? '') !== ''
  )
    flags.basicSdkappid = String(t.basicSdkappid);
  if (t.admin !== 'administrator') flags.admin ??= t.admin;
  return flags;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function reproduce(
  id: string,
  given: RunFlags,
  reportDirFlag: string | undefined,
  env: Env,
  io: CommandIO,
): Promise<number> {
  const reportDir = resolve(reportDirFlag ?? env['TIM_REPORT_DIR'] ?? 'reports');
  const results = readResults(reportDir);
  const test = findFailure(results, id);
  const failure = test.failure!;
  const request = failure.request!;

  let started;
  try {
    const config = resolveTargetConfig(flagsFor(results, given), env);
    started = await startTarget({ ...config, seed: results.seed, reportDir });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const { target } = started;
  const client = await createPortedClient(target);
  const ledger = ledgerFor(target);
  const fresh: GroupFixture[] = [];
  try {
    // Every group of the run the request named gets a fresh stand-in of the check's group type.
    const oldIds = [
      ...new Set(
        request.body.match(new RegExp(`(?:@TGS#_)?${escapeRegExp(results.target.groupIdPrefix)}[A-Za-z0-9_-]*`, 'g')) ??
          [],
      ),
    ];
    let body = request.body;
    const faker = seededFaker(results.seed, id);
    for (const oldId of oldIds) {
      const group = await createGroupFixture(client, {
        type: (test.groupType ?? 'Public') as GroupType,
        target,
        faker,
        ledger,
      });
      fresh.push(group);
      body = body.split(oldId).join(group.groupId);
    }
    const url = new URL(request.url.replace(/<redacted>/g, 'x'));
    const answer = await client.call(request.operation, undefined, {
      rawBody: body,
      path: url.pathname,
      method: request.method,
      pacing: true,
    });
    const now = answer.networkError
      ? { networkError: answer.networkError }
      : (answer.body ?? { httpStatus: answer.httpStatus, rawText: answer.rawText });
    io.out(`tim-conformance reproduce ${id} (seed ${results.seed}) against ${target.baseUrl}`);
    io.out(`  request:  ${request.method} ${url.pathname} ${cut(body, SHOWN_CHARS)}`);
    if (fresh.length > 0) io.out(`  groups:   ${fresh.map((g) => g.groupId).join(', ')} (fresh, destroyed afterwards)`);
    io.out(`  expected: ${failure.expected}`);
    io.out(`  run saw:  ${cut(JSON.stringify(failure.response) ?? 'nothing', SHOWN_CHARS)}`);
    io.out(`  now:      ${cut(JSON.stringify(now) ?? 'nothing', SHOWN_CHARS)}`);
    const kind = test.kind;
    if (kind?.kind === 'wrong-code') {
      const code = (answer.body as { ErrorCode?: unknown } | undefined)?.ErrorCode;
      const again = code === kind.answeredCode;
      io.out(
        again
          ? `reproduced: ErrorCode ${String(code)} again, documented ${kind.expectedCodes.join(' or ')}`
          : `not reproduced: ErrorCode ${String(code)} now (the run saw ${kind.answeredCode})`,
      );
      return again ? 1 : 0;
    }
    return 0;
  } finally {
    for (const group of fresh) await destroyGroupFixture(client, group, ledger).catch(() => {});
    await client.close();
    await started.close();
  }
}
