/**
 * The stateful suite's checks, one file per kind (suites/stateful/<kind>.check.ts):
 *   stateful/<kind>           documented rows: fails on the first documented mismatch, with the
 *                             shrunk sequence as numbered curl lines and a replay file;
 *   stateful/<kind>-inferred  inferred rows: the tentative findings of the same sequences.
 * Both read one run per target (the mutation self-check gives one worker several targets).
 */
import { defineCheck, getOperation, profileCase } from '../check/index.ts';
import type { CheckContext } from '../check/index.ts';
import type { ResolvedTarget } from '../contract/types.ts';
import { ledgerFor } from '../fixtures/ledger.ts';
import { clientPort, type RawCaller } from './client-port.ts';
import { numberedRequests, replayHint } from './failure-text.ts';
import { buildReplayFile, writeReplayFile } from './replay-file.ts';
import { runStatefulProperty, type StatefulRunResult } from './run-property.ts';
import { statefulRunsFromEnv } from './runs-option.ts';
import type { StatefulKind } from './steps.ts';

const DOC_URLS: Record<StatefulKind, () => string> = {
  attributes: () => getOperation('modify_group_attr')['x-tim-docs'][0]!,
  counters: () => getOperation('update_group_counter')['x-tim-docs'][0]!,
  isolation: () => {
    try {
      return profileCase('groups.other-app-group').expected.docUrls[0]!;
    } catch {
      return profileCase('groups.unknown-group').expected.docUrls[0]!;
    }
  },
};

const TITLES: Record<StatefulKind, string> = {
  attributes: 'random sequences of attribute writes, reads, destroys and re-creations agree with the model',
  counters: 'random sequences of counter updates (every mode), reads and deletes agree with the model',
  isolation: "each app's calls on the other app's groups answer as for an unknown group and change nothing",
};

/** Per-kind timeout: shrinking re-runs sequences against the target. */
const CHECK_TIMEOUT_MS = 600_000;

const runs = new Map<string, Promise<StatefulRunResult>>();

function runFor(ctx: CheckContext, kind: StatefulKind): Promise<StatefulRunResult> {
  const target: ResolvedTarget = ctx.target;
  const key = `${kind} ${target.baseUrl} ${target.app.sdkappid}`;
  let run = runs.get(key);
  if (run === undefined) {
    const port = clientPort(ctx.client as RawCaller, target, ledgerFor(target));
    run = runStatefulProperty({
      kind,
      seed: target.seed,
      runs: statefulRunsFromEnv(process.env),
      port,
      strict: false,
      apps: {
        main: { sdkappid: target.app.sdkappid, countersEdition: true },
        basic: target.basicApp ? { sdkappid: target.basicApp.sdkappid, countersEdition: false } : undefined,
      },
    });
    runs.set(key, run);
  }
  return run;
}

function requireApps(ctx: CheckContext, kind: StatefulKind): void {
  if (kind === 'isolation' && !ctx.target.basicApp) {
    ctx.notRun(
      'the target gives one app only: isolation needs a second one (set TIM_BASIC_SDKAPPID and TIM_BASIC_SECRET_KEY)',
    );
  }
}

export function defineStatefulChecks(kind: StatefulKind): void {
  defineCheck(
    {
      operation: 'stateful',
      check: kind,
      status: 'documented',
      docUrl: DOC_URLS[kind](),
      title: TITLES[kind],
      timeout: CHECK_TIMEOUT_MS,
    },
    async (ctx) => {
      requireApps(ctx, kind);
      const result = await runFor(ctx, kind);
      const failure = result.failure;
      if (!failure) return;
      const mismatchEntry = failure.transcript.find((entry) => entry.mismatch && entry.mismatch.status !== 'inferred');
      const mismatch = mismatchEntry ? { step: mismatchEntry.n, problem: mismatchEntry.mismatch!.problem } : undefined;
      const path = writeReplayFile(
        ctx.target.reportDir,
        buildReplayFile(kind, ctx.target.seed, failure, mismatch),
        new URL(ctx.target.baseUrl).port || new URL(ctx.target.baseUrl).hostname,
      );
      const redact = (text: string) => ctx.client.redact?.(text) ?? text;
      const sequence = numberedRequests(failure.transcript, redact);
      const reproduced = failure.reproduced
        ? ''
        : ' (the shrunk sequence did not fail again when rerun: the target may be flaky)';
      ctx.fail(
        { httpStatus: 200, body: { shrunkSteps: failure.steps.length }, curl: sequence },
        `${failure.message}${reproduced}; shrunk to ${failure.steps.length} request(s), numbered below under request\n  ${replayHint(path)}`,
        'every answer and every read-back agrees with the model of the documented behaviour',
      );
    },
  );

  defineCheck(
    {
      operation: 'stateful',
      check: `${kind}-inferred`,
      status: 'inferred',
      docUrl: DOC_URLS[kind](),
      title: `${TITLES[kind]} (inferred rows: tentative)`,
      timeout: CHECK_TIMEOUT_MS,
    },
    async (ctx) => {
      requireApps(ctx, kind);
      const result = await runFor(ctx, kind);
      const findings = [...new Map(result.tentative.map((f) => [`${f.operation} ${f.problem}`, f])).values()];
      if (findings.length === 0) return;
      const list = findings
        .slice(0, 10)
        .map((f) => `  - ${f.operation}: ${f.problem}`)
        .join('\n');
      ctx.fail(
        undefined,
        `${findings.length} tentative finding(s) on inferred rows:\n${list}`,
        'the inferred rows of the behaviour profile hold',
      );
    },
  );
}
