// Replay round trip: a failing stateful sequence written as a replay file reports the mismatch
// again against the deviating server (exit 1) and agrees with the unmodified mock (exit 0);
// bad input is one line and exit 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../test-utils/cli/main.ts';
import { DEFAULT_FULL_APP, startMockServer } from '../../test-utils/mock/index.ts';
import { buildReplayFile, parseReplayFile, writeReplayFile } from '../../test-utils/stateful/replay-file.ts';
import { runStatefulProperty } from '../../test-utils/stateful/run-property.ts';
import { inProcessMock } from './in-process-port.ts';

const DEVIATION = 'state.attr-value-trimmed';
let dir: string;
let replayPath: string;

function capture() {
  const lines: string[] = [];
  return { lines, io: { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) } };
}

async function replayAgainst(deviations: string[], file: string) {
  const mock = await startMockServer({ deviations });
  try {
    const { lines, io } = capture();
    const code = await main(
      [
        'replay',
        file,
        '--target',
        mock.url,
        '--sdkappid',
        String(DEFAULT_FULL_APP.sdkappid),
        '--secret-key',
        DEFAULT_FULL_APP.secretKey,
        '--report-dir',
        dir,
      ],
      io,
    );
    return { code, text: lines.join('\n') };
  } finally {
    await mock.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'timc-replay-'));
  const mock = inProcessMock({ deviations: [DEVIATION] });
  const result = await runStatefulProperty({ kind: 'attributes', seed: 1, port: mock.port, apps: mock.apps });
  if (!result.failure) throw new Error(`the stateful check did not find ${DEVIATION}`);
  replayPath = writeReplayFile(dir, buildReplayFile('attributes', 1, result.failure));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tim-conformance replay', () => {
  test('the written file parses back to the same steps (int64 values exact)', () => {
    const file = parseReplayFile(readFileSync(replayPath, 'utf8'));
    expect(file.kind).toBe('attributes');
    expect(file.steps.length).toBeGreaterThan(0);
    const counters = parseReplayFile(
      JSON.stringify({ ...file, steps: [] }).replace(
        '"steps":[]',
        '"steps":[{"app":"main","slot":0,"operation":"update_group_counter","body":{"Mode":"Set","GroupCounter":[{"Key":"n","Value":9223372036854775807}]}}]',
      ),
    );
    expect((counters.steps[0]!.body['GroupCounter'] as Array<{ Value: unknown }>)[0]!.Value).toBe(9223372036854775807n);
  });

  test('against the deviating server: prints the answers beside the model, reports the mismatch, exit 1', async () => {
    const { code, text } = await replayAgainst([DEVIATION], replayPath);
    expect(text).toContain('model:');
    expect(text).toContain('MISMATCH');
    expect(text).not.toContain(DEFAULT_FULL_APP.secretKey);
    expect(code).toBe(1);
  });

  test('against the unmodified mock: all agree, exit 0', async () => {
    const { code, text } = await replayAgainst([], replayPath);
    expect(text).toContain('agree with the model');
    expect(code).toBe(0);
  });

  test('bad input is one line and exit 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      '{"format":"tim-conformance/stateful-replay","version":1,"kind":"attributes","seed":1,"groups":[{"app":"main","type":"Public"}],"steps":[{"app":"main","slot":7,"operation":"get_group_attr","body":{}}]}',
    );
    for (const args of [
      ['replay'],
      ['replay', join(dir, 'missing.json')],
      ['replay', bad],
      ['replay', replayPath, '--bogus'],
    ]) {
      const { lines, io } = capture();
      expect(await main(args, io)).toBe(2);
      expect(lines).toHaveLength(1);
    }
  });
});

describe('run --stateful-runs', () => {
  test('a value that is not a positive integer is a usage error (exit 2)', async () => {
    const { lines, io } = capture();
    expect(await main(['run', '--stateful-runs', 'lots'], io)).toBe(2);
    expect(lines.join('\n')).toContain('--stateful-runs');
  });
});

describe('the replay file format', () => {
  test('a written file is valid against test-utils/stateful/replay.schema.json', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const schema = JSON.parse(
      readFileSync(new URL('../../test-utils/stateful/replay.schema.json', import.meta.url), 'utf8'),
    );
    const validate = new Ajv2020({ strict: false }).compile(schema);
    // Plain JSON.parse is enough here: the schema says "integer", not how large.
    const ok = validate(JSON.parse(readFileSync(replayPath, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});
