// diff: two recordings paired by operation and request shape; only differing answers listed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffCommand } from '../../test-utils/cli/diff-command.ts';
import { UsageError } from '../../test-utils/cli/args.ts';

const PATH = (command: string) =>
  `/v4/group_open_http_svc/${command}?sdkappid=1400000001&identifier=administrator&usersig=<redacted>&random=1&contenttype=json`;

function line(seq: number, command: string, body: unknown, answer: { status?: number; code?: number } | null): string {
  const response =
    answer === null
      ? undefined
      : {
          status: answer.status ?? 200,
          body:
            answer.code === undefined
              ? 'Bad Gateway'
              : JSON.stringify({
                  ActionStatus: answer.code === 0 ? 'OK' : 'FAIL',
                  ErrorInfo: '',
                  ErrorCode: answer.code,
                }),
        };
  return JSON.stringify({
    seq,
    t: 1_800_000_000 + seq,
    method: 'POST',
    path: PATH(command),
    headers: {},
    body: JSON.stringify(body),
    ...(response ? { response } : {}),
  });
}

function recording(lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'timc-diff-')), 'rec.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

// A region that refuses a counter on a Public group with 10007 where the mock says 0, and one
// that drops an answer; the same shapes with other GroupIds pair up.
const A = recording([
  line(1, 'update_group_counter', { GroupId: 'g1', Mode: 'Set', GroupCounter: [{ Key: 'c', Value: 1 }] }, { code: 0 }),
  line(2, 'get_group_counter', { GroupId: 'g1' }, { code: 0 }),
  line(3, 'get_group_attr', { GroupId: 'g1' }, { code: 0 }),
  line(4, 'modify_group_attr', { GroupId: 'g1', GroupAttr: [{ key: 'k', value: 'v' }] }, { code: 0 }),
]);
const B = recording([
  line(
    1,
    'update_group_counter',
    { GroupId: 'other', Mode: 'Set', GroupCounter: [{ Key: 'c', Value: 9 }] },
    { code: 10007 },
  ),
  line(2, 'get_group_counter', { GroupId: 'other' }, { code: 0 }),
  line(3, 'get_group_attr', { GroupId: 'other' }, { status: 502 }),
  line(4, 'update_group_counter', { GroupId: 'other', Mode: 'Increase', GroupCounter: [{ Key: 'c', Value: 1 }] }, null),
]);

async function diff(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  try {
    const code = await diffCommand(args, { out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, out: out.join('\n') };
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, out: error.message };
    throw error;
  }
}

describe('diff', () => {
  it('tables the differing answers by operation and request shape (Markdown), exit 1', async () => {
    const { code, out } = await diff([A, B]);
    expect(code).toBe(1);
    const rows = out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| operation'));
    expect(rows).toEqual([
      '| get_group_attr | `{GroupId:string}` | ErrorCode 0 | HTTP 502 |',
      '| modify_group_attr | `{GroupAttr:[1×{key:string,value:string}],GroupId:string}` | ErrorCode 0 | (not called) |',
      '| update_group_counter | `{GroupCounter:[1×{Key:string,Value:int}],GroupId:string,Mode:"Increase"}` | (not called) | no answer |',
      '| update_group_counter | `{GroupCounter:[1×{Key:string,Value:int}],GroupId:string,Mode:"Set"}` | ErrorCode 0 | ErrorCode 10007 |',
    ]);
  });

  it('--json gives the same rows; identical recordings exit 0; a bad file is one line, exit 2', async () => {
    const json = await diff([A, B, '--json']);
    const parsed = JSON.parse(json.out);
    expect(parsed.requests).toEqual({ a: 4, b: 4 });
    expect(parsed.differences).toHaveLength(4);
    expect(parsed.differences[3]).toMatchObject({
      operation: 'update_group_counter',
      a: { 'ErrorCode 0': 1 },
      b: { 'ErrorCode 10007': 1 },
    });
    expect(await diff([A, A])).toMatchObject({ code: 0 });
    const missing = await diff([A, join(tmpdir(), 'no-such-recording.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.out).toMatch(/cannot read recording/);
    expect((await diff([A])).code).toBe(2);
  });
});
