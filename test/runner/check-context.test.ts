// The check vocabulary's expectation helpers, driven with a fake client and a fake task: every
// failure must carry the request (usersig redacted), the response, the expectation and the doc URL.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { closedPortTarget } from '../closed-port-target.ts';
import { createCheckContext, type CheckClient, type CheckTaskPort } from '../../test-utils/check/context.ts';
import { CheckFailedError } from '../../test-utils/check/failure.ts';
import { seededFaker } from '../../test-utils/check/seeded-faker.ts';
import { buildCheckMeta } from '../../test-utils/check/define-check.ts';
import { profileCase } from '../../test-utils/contract/index.ts';
import type { ResolvedTarget, TimTaskMeta } from '../../test-utils/contract/types.ts';
import type { CallResult } from '../../test-utils/client/index.ts';
import { ledgerPathFor, readLedgerEntries } from '../../test-utils/fixtures/ledger.ts';

const SECRET = 'very-secret-key-0123456789';
const DOC = 'https://tencentcloud.com/document/product/1047/44189';

function makeTarget(overrides: Partial<ResolvedTarget> = {}): ResolvedTarget {
  return closedPortTarget('unit0001', { secretKey: SECRET, seed: 42, ...overrides });
}

function answer(body: unknown, extra: Partial<CallResult> = {}): CallResult {
  return {
    operationId: 'clear_group_attr',
    httpStatus: 200,
    body,
    rawText: JSON.stringify(body) ?? '',
    request: { method: 'POST', url: 'http://127.0.0.1:9/v4/x?usersig=<redacted>', body: '{}' },
    attempts: 1,
    durationMs: 1,
    curl: `curl -X POST 'http://127.0.0.1:9/v4/group_open_http_svc/clear_group_attr?sdkappid=1400000001&identifier=administrator&usersig=eJyrVkrOz0tLLUIwBACMKhAs&random=1'`,
    ...extra,
  };
}

function fakeTask() {
  const cleanups: (() => unknown)[] = [];
  const task: CheckTaskPort & { cleanups: typeof cleanups } = {
    meta: {} as TimTaskMeta,
    skip: (note: string): never => {
      throw Object.assign(new Error(`skipped: ${note}`), { skipped: true });
    },
    onFinished: (fn) => cleanups.push(fn),
    cleanups,
  };
  return task;
}

function fakeClient(respond: (operationId: string, body: any, opts: any) => CallResult) {
  const calls: { operationId: string; body: any; opts: any }[] = [];
  const owned: string[] = [];
  const client: CheckClient & { calls: typeof calls; owned: string[] } = {
    async call(operationId, body, opts) {
      calls.push({ operationId, body, opts });
      return respond(operationId, body, opts);
    },
    markGroupOwned: (id) => owned.push(id),
    calls,
    owned,
  };
  return client;
}

function setup(
  respond: Parameters<typeof fakeClient>[0] = () => answer({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }),
  opts: { status?: 'documented' | 'inferred'; target?: Partial<ResolvedTarget> } = {},
) {
  const target = makeTarget(opts.target);
  const meta = buildCheckMeta(
    {
      operation: 'clear_group_attr',
      check: 'clears-every-key',
      groupType: 'Public',
      status: opts.status ?? 'documented',
      docUrl: DOC,
    },
    target.strict,
  );
  const task = fakeTask();
  const client = fakeClient(respond);
  const ctx = createCheckContext({ meta, target, client, faker: seededFaker(target.seed, meta.id), task });
  return { ctx, task, client, target, meta };
}

function failureOf(fn: () => unknown): CheckFailedError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CheckFailedError) return error;
    throw error;
  }
  throw new Error('expected a CheckFailedError');
}

describe('expectErrorCode', () => {
  test('a failure carries curl (usersig redacted), response, expectation and doc URL', () => {
    const { ctx, task } = setup();
    const result = answer({ ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: 'invalid parameter' });
    const error = failureOf(() =>
      ctx.expectErrorCode(result, profileCase('groups.unknown-group'), 'a destroyed group'),
    );

    expect(task.meta.timFailure).toEqual({
      curl: expect.stringContaining('usersig=<redacted>'),
      response: { ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: 'invalid parameter' },
      expected: expect.stringContaining('a destroyed group: ErrorCode 10010 (documented-set: any of 10010, 10015)'),
      docUrl: DOC,
      kind: expect.objectContaining({ kind: 'wrong-code', groupKey: 'wrong-code|group-attr|10010,10015|10004' }),
      request: expect.objectContaining({ operation: 'clear_group_attr', method: 'POST' }),
    });
    expect(task.meta.timFailure!.curl).not.toContain('eJyrVkrOz0tLLUIwBACMKhAs');
    expect(JSON.stringify(task.meta.timFailure!.request)).not.toContain('eJyrVkrOz0tLLUIwBACMKhAs');
    expect(error.message).toContain('clear_group_attr/clears-every-key/Public (gating, documented)');
    expect(error.message).toContain('ErrorCode was 10004 ("invalid parameter"), expected one of 10010, 10015');
    expect(error.message).toContain(`document: ${DOC}`);
    expect(error.message).toContain('--seed 42');
    expect(error.message).not.toContain('eJyrVkrOz0tLLUIwBACMKhAs');
  });

  test('any code of a documented set is accepted', () => {
    const { ctx } = setup();
    for (const code of [10010, 10015]) {
      expect(
        ctx.expectErrorCode(
          answer({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: '' }),
          profileCase('groups.unknown-group'),
        ),
      ).toBe(code);
    }
  });

  test('a plain number means exactly that code', () => {
    const { ctx } = setup();
    expect(ctx.expectErrorCode(answer({ ActionStatus: 'FAIL', ErrorCode: 10007, ErrorInfo: '' }), 10007)).toBe(10007);
    failureOf(() => ctx.expectErrorCode(answer({ ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: '' }), 10007));
  });

  test('code 0 in an expectation means accepted (OK)', () => {
    const { ctx } = setup();
    expect(
      ctx.expectErrorCode(
        answer({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }),
        profileCase('signing.random-above-2-31'),
      ),
    ).toBe(0);
  });

  test('the right code inside a broken envelope still fails', () => {
    const { ctx } = setup();
    const error = failureOf(() =>
      ctx.expectErrorCode(answer({ ActionStatus: 'OK', ErrorCode: 10010, ErrorInfo: '' }), 10010),
    );
    expect(error.problem).toContain('does not agree');
  });
});

describe('expectOk and expectEnvelope', () => {
  test('expectOk returns the body on success', () => {
    const { ctx } = setup();
    const body = ctx.expectOk<{ GroupAttrAry: unknown[] }>(
      answer({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', GroupAttrAry: [] }),
    );
    expect(body.GroupAttrAry).toEqual([]);
  });

  test.each([
    [
      'a non-200 status',
      answer({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }, { httpStatus: 502 }),
      'HTTP status 502',
    ],
    ['a lower-case ActionStatus', answer({ ActionStatus: 'ok', ErrorCode: 0, ErrorInfo: '' }), 'ActionStatus is "ok"'],
    [
      'a string ErrorCode',
      answer({ ActionStatus: 'OK', ErrorCode: '0', ErrorInfo: '' }),
      'ErrorCode is "0", not an integer',
    ],
    ['a missing ErrorInfo', answer({ ActionStatus: 'OK', ErrorCode: 0 }), 'ErrorInfo is undefined'],
    ['a body that is not an object', answer([1, 2]), 'not a JSON object'],
    [
      'no response at all',
      answer(undefined, { httpStatus: 0, networkError: 'ECONNRESET' }),
      'no HTTP response: ECONNRESET',
    ],
  ])('%s fails the envelope', (_name, result, problem) => {
    const { ctx, task } = setup();
    const error = failureOf(() => ctx.expectOk(result));
    expect(error.problem).toContain(problem);
    expect(task.meta.timFailure?.docUrl).toBe(DOC);
  });

  test('expectOk on an error names the code and the documented expectation', () => {
    const { ctx, task } = setup();
    const error = failureOf(() =>
      ctx.expectOk(
        answer({ ActionStatus: 'FAIL', ErrorCode: 10007, ErrorInfo: 'no permission' }),
        'clearing a Public group',
      ),
    );
    expect(error.problem).toBe('ErrorCode was 10007 ("no permission"), expected 0');
    expect(task.meta.timFailure?.expected).toBe('clearing a Public group (ActionStatus OK, ErrorCode 0)');
  });
});

describe('expectThat, expectEqual, fail', () => {
  test('expectEqual shows both sides', () => {
    const { ctx, task } = setup();
    const result = answer({
      ActionStatus: 'OK',
      ErrorCode: 0,
      ErrorInfo: '',
      GroupAttrAry: [{ key: 'a', value: '1' }],
    });
    const error = failureOf(() =>
      ctx.expectEqual(
        result,
        (result.body as { GroupAttrAry: unknown }).GroupAttrAry,
        [],
        'get_group_attr answers GroupAttrAry: [] after a clear',
      ),
    );
    expect(error.problem).toBe('got [{"key":"a","value":"1"}], wanted []');
    expect(task.meta.timFailure?.expected).toBe('get_group_attr answers GroupAttrAry: [] after a clear');
  });

  test('expectThat passes on true and fails on false', () => {
    const { ctx } = setup();
    const result = answer({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    ctx.expectThat(result, true, 'holds');
    expect(failureOf(() => ctx.expectThat(result, false, 'the keys are lower case')).problem).toContain(
      'the keys are lower case',
    );
  });

  test('only the first failure is recorded', () => {
    const { ctx, task } = setup();
    failureOf(() => ctx.fail(undefined, 'first', 'one'));
    failureOf(() => ctx.fail(undefined, 'second', 'two'));
    expect(task.meta.timFailure?.expected).toBe('one');
  });

  test('a secret key echoed into a failure is redacted', () => {
    const { ctx, task } = setup();
    const error = failureOf(() =>
      ctx.fail(answer({ leaked: SECRET }, { curl: `curl 'http://h/?k=${SECRET}'` }), `saw ${SECRET}`, 'nothing'),
    );
    expect(error.message).not.toContain(SECRET);
    expect(task.meta.timFailure?.curl).not.toContain(SECRET);
  });
});

describe('call and the schema hook', () => {
  test('schema errors fail the call with the property path', async () => {
    const { ctx, task } = setup(() =>
      answer(
        { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', GroupAttrAry: [{ Key: 'a' }] },
        {
          schemaErrors: [{ path: '/GroupAttrAry/0', message: "must have required property 'key'" }],
        },
      ),
    );
    await expect(ctx.call('get_group_attr', { GroupId: 'timc-unit0001-x' })).rejects.toThrow(
      /\/GroupAttrAry\/0: must have required property 'key'/,
    );
    expect(task.meta.timFailure?.expected).toContain('get_group_attr.response.schema.json');
  });

  test('skipSchemaCheck lets a check inspect a malformed answer itself, and is not sent to the client', async () => {
    const { ctx, client } = setup(() => answer({}, { schemaErrors: [{ path: '', message: 'bad' }] }));
    await ctx.call('get_group_attr', {}, { skipSchemaCheck: true, allowForeignGroup: true });
    expect(client.calls[0]!.opts).toEqual({ allowForeignGroup: true });
  });

  test('an unexpected error is recorded with the last request', async () => {
    const { ctx, task } = setup();
    await ctx.call('get_group_attr', { GroupId: 'timc-unit0001-x' });
    ctx.recordUnexpectedError(new Error('boom'));
    expect(task.meta.timFailure?.expected).toContain('it threw: boom');
    expect(task.meta.timFailure?.curl).toContain('usersig=<redacted>');
  });
});

describe('notRun and the basic app', () => {
  test('notRun records the reason and skips', () => {
    const { ctx, task } = setup();
    expect(() => ctx.notRun('no Community on this app')).toThrow(/skipped/);
    expect(task.meta.timNotRun).toBe('no Community on this app');
  });

  test('requireBasicApp without a basic app is a not-run, never a pass', () => {
    const { ctx, task } = setup();
    expect(() => ctx.requireBasicApp()).toThrow(/skipped/);
    expect(task.meta.timNotRun).toMatch(/TIM_BASIC_SDKAPPID/);
  });
});

describe('createGroup', () => {
  const created = (_op: string, body: any) =>
    answer({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', GroupId: body.GroupId });

  test('creates a run-scoped group, ledgers it first and destroys it at the end', async () => {
    let ledgerAtCreate: unknown[] = [];
    // eslint-disable-next-line prefer-const -- declared before the handler that reads it, assigned once set-up returns
    let target!: ResolvedTarget;
    const run = setup((op, body) => {
      if (op === 'create_group') ledgerAtCreate = readLedgerEntries(ledgerPathFor(target));
      return created(op, body);
    });
    target = run.target;
    const group = await run.ctx.createGroup();
    expect(group.type).toBe('Public');
    expect(group.groupId.startsWith('timc-unit0001-')).toBe(true);
    expect(ledgerAtCreate).toEqual([expect.objectContaining({ op: 'create', groupId: group.groupId })]);
    expect(run.client.owned).toContain(group.groupId);
    expect(run.task.cleanups).toHaveLength(1);

    await run.task.cleanups[0]!();
    expect(run.client.calls.at(-1)).toMatchObject({ operationId: 'destroy_group', body: { GroupId: group.groupId } });
    expect(readLedgerEntries(ledgerPathFor(run.target)).map((e) => e.op)).toEqual(['create', 'destroyed']);
    expect(readFileSync(ledgerPathFor(run.target), 'utf8')).not.toContain(SECRET);
  });

  test('the same seed and check id make the same group id suffix', async () => {
    const a = setup(created);
    const b = setup(created);
    const ga = await a.ctx.createGroup();
    const gb = await b.ctx.createGroup();
    expect(ga.groupId).toBe(gb.groupId);
    expect(ga.name).toBe(gb.name);
  });

  test('a failed create fails the check against the mock', async () => {
    const { ctx, task } = setup(() => answer({ ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: 'bad' }), {
      target: { kind: 'mock' },
    });
    await expect(ctx.createGroup({ type: 'Community' })).rejects.toBeInstanceOf(CheckFailedError);
    expect(task.meta.timNotRun).toBeUndefined();
  });

  test('a Community the target cannot create is reported as not run on a real target', async () => {
    const { ctx, task } = setup(() => answer({ ActionStatus: 'FAIL', ErrorCode: 10007, ErrorInfo: 'not enabled' }));
    await expect(ctx.createGroup({ type: 'Community' })).rejects.toThrow(/skipped/);
    expect(task.meta.timNotRun).toMatch(/could not create a Community group.*10007/);
  });

  test('a Public group the target cannot create fails (a target must not pass by skipping)', async () => {
    const { ctx } = setup(() => answer({ ActionStatus: 'FAIL', ErrorCode: 10007, ErrorInfo: 'no' }));
    await expect(ctx.createGroup({ type: 'Public' })).rejects.toBeInstanceOf(CheckFailedError);
  });
});

describe('typed failures: each helper records its kind', () => {
  test.each([
    [
      'expectErrorCode on an envelope with another code',
      (ctx: ReturnType<typeof setup>['ctx']) =>
        ctx.expectErrorCode(answer({ ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: '' }), 10010),
      'wrong-code',
    ],
    [
      'expectOk on an error',
      (ctx: ReturnType<typeof setup>['ctx']) =>
        ctx.expectOk(answer({ ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: '' })),
      'wrong-code',
    ],
    [
      'expectEnvelope on a malformed body',
      (ctx: ReturnType<typeof setup>['ctx']) => ctx.expectEnvelope(answer({ ActionStatus: 'OK' })),
      'wrong-shape',
    ],
    [
      'expectThat',
      (ctx: ReturnType<typeof setup>['ctx']) =>
        ctx.expectThat(answer({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }), false, 'the key is gone'),
      'wrong-state',
    ],
    [
      'expectEqual',
      (ctx: ReturnType<typeof setup>['ctx']) =>
        ctx.expectEqual(answer({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }), 1, 2, 'the count'),
      'wrong-state',
    ],
    [
      'expectErrorCode without an answer',
      (ctx: ReturnType<typeof setup>['ctx']) =>
        ctx.expectErrorCode(
          answer(undefined, { httpStatus: 0, networkError: 'connect ECONNREFUSED', networkErrorCode: 'ECONNREFUSED' }),
          10010,
        ),
      'transport',
    ],
    [
      'expectOk on HTTP 502',
      (ctx: ReturnType<typeof setup>['ctx']) => ctx.expectOk(answer('<html>', { httpStatus: 502 })),
      'transport',
    ],
  ] as const)('%s → %s', (_name, act, kind) => {
    const { ctx, task } = setup();
    failureOf(() => act(ctx));
    expect(task.meta.timFailure?.kind?.kind).toBe(kind);
    expect(task.meta.timFailure?.kind?.title.length).toBeGreaterThan(5);
    expect(task.meta.timFailure?.kind?.groupKey.startsWith(kind)).toBe(true);
  });

  test('two checks that meet one wrong code on one family share a grouping key; another code does not', () => {
    const keys = [10004, 10004, 10007].map((code) => {
      const { ctx, task } = setup();
      failureOf(() =>
        ctx.expectErrorCode(answer({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: `limit ${code}` }), 10010),
      );
      return task.meta.timFailure?.kind?.groupKey;
    });
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  test('the rerun line names the target, the seed and the check id, never a credential', () => {
    const { ctx } = setup();
    const error = failureOf(() =>
      ctx.expectErrorCode(answer({ ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: '' }), 10010),
    );
    expect(error.message).toMatch(
      /rerun: {4}npx tim-conformance run .*--seed 42 --id clear_group_attr\/clears-every-key\/Public/,
    );
  });
});
