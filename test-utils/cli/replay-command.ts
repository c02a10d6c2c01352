/**
 * `tim-conformance replay FILE`: a shrunk stateful sequence run again on new groups, each answer
 * printed beside the model's. Exit 0 = all agree, 1 = a mismatch that gates, 2 = bad input.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, resolveTargetConfig, type Env } from '../config/index.ts';
import { startTarget } from '../runner/start-target.ts';
import { ledgerFor } from '../fixtures/ledger.ts';
import { createPortedClient } from '../fixtures/tim-client.ts';
import { clientPort } from '../stateful/client-port.ts';
import { parseReplayFile, ReplayFileError, type ReplayFile } from '../stateful/replay-file.ts';
import { runSteps } from '../stateful/run-property.ts';
import { UsageError, type CommandIO, type ParsedArgs } from './option-table.ts';
import { targetFlags } from './options.ts';

function readReplay(path: string): ReplayFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the replay file ${JSON.stringify(path)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    return parseReplayFile(text);
  } catch (error) {
    if (error instanceof ReplayFileError) throw new UsageError(`${path}: ${error.message}`);
    throw error;
  }
}

/** The handler of `tim-conformance replay` (its options are in the table: commands.ts). */
export async function replayCommand(
  { values, positionals }: ParsedArgs,
  io: CommandIO,
  env: Env = process.env,
): Promise<number> {
  if (positionals.length !== 1)
    throw new UsageError("'replay' takes exactly one replay FILE (see tim-conformance replay --help)");
  const file = readReplay(positionals[0]!);
  const strict = values['strict'] === true;

  let started;
  try {
    const config = resolveTargetConfig(targetFlags(values), env);
    if (file.groups.some((g) => g.app === 'basic') || file.steps.some((s) => s.app === 'basic')) {
      if (!config.basicApp)
        throw new UsageError('the replay file uses the basic app: give --basic-sdkappid and --basic-secret-key');
    }
    started = await startTarget({ ...config, reportDir: resolve(config.reportDir) });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const { target } = started;
  const client = await createPortedClient(target);
  try {
    const port = clientPort(client, target, ledgerFor(target));
    const apps = {
      main: { sdkappid: target.app.sdkappid, countersEdition: true },
      basic: target.basicApp ? { sdkappid: target.basicApp.sdkappid, countersEdition: false } : undefined,
    };
    io.out(
      `tim-conformance replay: ${file.kind}, ${file.steps.length} request(s) on ${file.groups.length} new group(s), target ${target.kind === 'mock' ? 'mock' : target.baseUrl}`,
    );
    const { session, error } = await runSteps({ kind: file.kind, port, apps, slots: file.groups, strict }, file.steps);
    for (const entry of session.transcript) {
      if (entry.kind === 'setup') continue;
      const what =
        entry.kind === 'step'
          ? `${entry.n}. ${entry.operation} ${entry.app}→#${entry.slot}`
          : `${entry.n}.   read back ${entry.operation}`;
      io.out(
        `${what}\n     answer: ${entry.observed}\n     model:  ${entry.expected}${entry.mismatch ? `   <-- MISMATCH (${entry.mismatch.status})` : ''}`,
      );
    }
    for (const finding of session.tentative)
      io.out(`tentative (inferred row), step ${finding.step}: ${finding.problem}`);
    if (error) {
      io.out(`MISMATCH at step ${error.step}: ${error.mismatch.problem} [${error.mismatch.status}]`);
      return 1;
    }
    io.out(`all ${session.steps} request(s) and their read-backs agree with the model`);
    return 0;
  } finally {
    await client.close();
    await started.close();
  }
}
