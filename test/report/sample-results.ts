// Results files for the report tests: one check of every outcome, and a run whose target
// answers with markup, Markdown and a javascript: link wherever a target's text can reach.
import type { ResultsFile, TestEntry } from '../../test-utils/runner/results.ts';
import { summarise } from '../../test-utils/runner/results.ts';

export const DOC = 'https://www.tencentcloud.com/document/product/1047/44187';

export function entry(id: string, overrides: Partial<TestEntry> = {}): TestEntry {
  const [operation = '', check = '', groupType] = id.split('/');
  return {
    id,
    title: `${id} — the ${check} check`,
    operation,
    check,
    groupType: (groupType as TestEntry['groupType']) ?? null,
    status: 'passed',
    gating: true,
    evidence: 'documented',
    docUrl: DOC,
    ...overrides,
  };
}

export function failed(
  id: string,
  overrides: Partial<TestEntry> = {},
  response: unknown = { ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: 'bad' },
): TestEntry {
  return entry(id, {
    status: 'failed',
    failure: {
      curl: `curl -sS -X POST 'http://127.0.0.1:9/v4/group_open_attr_http_svc/${id.split('/')[0]}?sdkappid=1400000001&identifier=administrator&usersig=<redacted>&random=1&contenttype=json' --data-raw '{"GroupId":"timc-x-1"}'`,
      response,
      expected: `an unknown group: ErrorCode 10010 (documented-set: any of 10010, 10015)`,
      message: `${id} (gating, documented): got ErrorCode 10004, wanted 10010\n  expected: an unknown group\n  document: ${DOC}\n  request:  curl …\n  response: {}\n  rerun:    tim-conformance run --seed 7 --grep '${id}'`,
    },
    ...overrides,
  });
}

export function resultsOf(tests: TestEntry[], overrides: Partial<ResultsFile> = {}): ResultsFile {
  const summary = summarise(tests);
  return {
    target: {
      kind: 'mock',
      baseUrl: 'http://127.0.0.1:9',
      region: null,
      sdkappid: 1400000001,
      admin: 'administrator',
      basicSdkappid: 1400000002,
      strict: false,
      groupIdPrefix: 'timc-report1-',
    },
    seed: 7,
    runEnd: summary.failed > 0 ? 'failed' : 'passed',
    summary,
    tests,
    ...overrides,
  };
}

/** One of each: pass (with and without a group type), gating failure, tentative finding, not run. */
export function mixedResults(): ResultsFile {
  return resultsOf([
    entry('get_group_attr/fresh-group-ok/Public'),
    entry('get_group_attr/fresh-group-ok/Private'),
    entry('get_group_attr/unknown-group'),
    failed('clear_group_attr/clears-every-key/Public'),
    entry('clear_group_attr/clears-every-key/Private'),
    failed('delete_group_counter/empty-keys-deletes-all/Public', { gating: false, evidence: 'inferred' }),
    entry('delete_group_counter/edition-missing/Public', {
      status: 'skipped',
      reason:
        'the target has no basic app (an app without the counters edition): set TIM_BASIC_SDKAPPID and TIM_BASIC_SECRET_KEY',
    }),
  ]);
}

/** Text a hostile target could put in its answers; none of it may become markup. */
export const HOSTILE = {
  body: '<script>window.__timInjected = 1</script><img src="http://127.0.0.1:9/beacon.png" onerror="window.__timInjected = 2"><b id="tim-injected">bold</b>',
  markdown: '**bold** [click](javascript:alert(1)) ![img](http://127.0.0.1:9/pixel.png) | cell | `code` ``` fence',
  docUrl: 'javascript:alert(document.domain)',
  usersig: 'eJyrVkrOLCjIzEtXslIyNDExMDQ0NjAwMDI2NTSpBQB7GgkP0123456789abcdef',
};

export function hostileResults(): ResultsFile {
  const id = 'get_group_attr/hostile-body/Public';
  return resultsOf([
    entry('get_group_attr/fresh-group-ok/Public'),
    {
      ...failed(
        id,
        {},
        {
          ActionStatus: 'FAIL',
          ErrorCode: 10004,
          ErrorInfo: HOSTILE.body,
          GroupAttrAry: [{ key: HOSTILE.markdown, value: '</pre></code></td></table>' }],
        },
      ),
      title: `${id} — ${HOSTILE.body}`,
      docUrl: HOSTILE.docUrl,
      failure: {
        curl: `curl -sS 'http://127.0.0.1:9/v4/x/get_group_attr?usersig=${HOSTILE.usersig}&random=1' --data-raw '${HOSTILE.body}'`,
        response: {
          ActionStatus: 'FAIL',
          ErrorCode: 10004,
          ErrorInfo: HOSTILE.body,
          GroupAttrAry: [{ key: HOSTILE.markdown, value: '</pre></code></td></table>' }],
        },
        expected: 'ErrorCode 10010',
        message: `${id} (gating, documented): got ErrorInfo ${HOSTILE.body} ${HOSTILE.markdown}\n\`\`\`\n# heading\n<details open>`,
      },
    },
    entry('get_group_attr/hostile-reason', {
      status: 'skipped',
      reason: `not run: ${HOSTILE.body} ${HOSTILE.markdown}`,
    }),
  ]);
}

/** A run judged against an expectations file: a known deviation, an unexpected pass, a listed id that did not run. */
export function resultsWithExpectations(): ResultsFile {
  const tests: TestEntry[] = [
    entry('get_group_attr/fresh-group-ok/Public'),
    {
      ...failed('modify_group_attr/key-past-byte-limit/Public', { gating: false }),
      expectation: { state: 'expected-failure', reason: 'sgp answers 10004 for a too-long key' },
    },
    {
      ...entry('set_group_attr/key-past-byte-limit/Public'),
      expectation: { state: 'unexpected-pass', reason: 'sgp answered 10004 until May' },
    },
  ];
  return resultsOf(tests, {
    summary: summarise(tests, true),
    runEnd: 'failed',
    expectations: { file: 'expectations/sgp.json', listed: 3, notRun: ['update_group_counter/edition-missing/Public'] },
  });
}
