/**
 * Fuzzes the reference mock over real HTTP: seeded fast-check requests (see requests.ts) for a
 * bounded time, one at a time, against a mock started in this process, so its state and the
 * process's prototypes can be inspected. Violations are counted, not thrown, so a run reports
 * its figures in full: cases tried, crashes (an uncaught exception, or the server not answering
 * a plain request afterwards), invariant violations (an answer that is not HTTP 200 with a valid
 * envelope, a success that does not match its response schema, a state limit broken, a
 * prototype changed).
 *
 * The documented network-level answers, which are not violations: bytes that are not an HTTP/1.1
 * request (the `raw` cases only) are refused by Node's HTTP parser with 400/413/414/431/501/505
 * and a closed connection, or the connection is closed (or left waiting for the rest of the
 * request) without an answer. A HEAD request gets HTTP 200 and, as HTTP says, no body.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { Agent, request } from 'undici';
import { operationByPath, validateEnvelope, validateResponse } from '../test-utils/contract/index.ts';
import {
  DEFAULT_BASIC_APP,
  DEFAULT_FULL_APP,
  startMockServer,
  type MockApp,
  type MockServerHandle,
} from '../test-utils/mock/index.ts';
import { signUserSig } from '../test-utils/signing/index.ts';
import { prototypeViolations, snapshotPrototypes, stateLimits, stateViolations } from './invariants.ts';
import { describeRequest, fuzzRequest, type AuthQuery, type FuzzContext, type FuzzRequest } from './requests.ts';

export interface FuzzOptions {
  seed: number;
  /** Time bound for generating and sending cases. */
  durationMs: number;
  /** Stop after this many cases even if time is left (default: none). */
  maxCases?: number;
  /** Check the state invariants every this many cases (and always at the end); default 200. */
  invariantEvery?: number;
  /** Deviations for the fuzzed mock (only to show that the fuzzer catches a broken server). */
  deviations?: string[];
  /** End at the first crash or violation (the can-fail tests); default false: count them all. */
  stopOnViolation?: boolean;
}

export interface FuzzFigures {
  seed: number;
  elapsedMs: number;
  cases: number;
  casesByKind: Record<FuzzRequest['kind'], number>;
  /** API answers with ErrorCode 0. */
  succeeded: number;
  /** Distinct ErrorCodes seen. */
  errorCodes: number[];
  /** raw cases refused by the HTTP parser or closed without an answer (documented, not violations). */
  refusedAtHttpLayer: number;
  groupsAtEnd: number;
  crashes: number;
  invariantViolations: number;
  /** The first violations and crashes, each with the request that caused it (usersig redacted). */
  examples: string[];
}

const HTTP_LAYER_STATUSES = new Set([400, 413, 414, 431, 501, 505]);
const RAW_ANSWER_WAIT_MS = 1000;
const MAX_EXAMPLES = 10;
const GROUP_TYPES_TO_SEED = ['Public', 'Private', 'ChatRoom', 'AVChatRoom', 'Community'] as const;

function authFor(app: MockApp): AuthQuery {
  return {
    sdkappid: String(app.sdkappid),
    identifier: encodeURIComponent(app.admin),
    usersig: encodeURIComponent(signUserSig(app)),
  };
}

interface Answer {
  status: number;
  text: string;
}

async function sendHttp(
  mock: MockServerHandle,
  dispatcher: Agent,
  req: Exclude<FuzzRequest, { kind: 'raw' }>,
): Promise<Answer> {
  const method = req.kind === 'method-path' ? req.method : 'POST';
  const body = method === 'GET' || method === 'HEAD' ? undefined : req.body;
  const response = await request(`${mock.url}${req.path}?${req.query}`, {
    method: method as 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    dispatcher,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

/** Writes raw bytes on a fresh connection; resolves with whatever came back before close (or the wait). */
function sendRaw(mock: MockServerHandle, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(mock.port, mock.host);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(finish, RAW_ANSWER_WAIT_MS);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', finish);
    socket.on('error', () => {
      /* reset by the server: the close handler resolves */
    });
    socket.end(bytes);
  });
}

export async function fuzzMock(options: FuzzOptions): Promise<FuzzFigures> {
  const started = Date.now();
  const prototypesBefore = snapshotPrototypes();
  const limits = stateLimits();
  const figures: FuzzFigures = {
    seed: options.seed,
    elapsedMs: 0,
    cases: 0,
    casesByKind: { api: 0, query: 0, 'method-path': 0, raw: 0 },
    succeeded: 0,
    errorCodes: [],
    refusedAtHttpLayer: 0,
    groupsAtEnd: 0,
    crashes: 0,
    invariantViolations: 0,
    examples: [],
  };
  const codes = new Set<number>();
  const note = (what: string, req: FuzzRequest | undefined) => {
    if (figures.examples.length < MAX_EXAMPLES)
      figures.examples.push(`case ${figures.cases}: ${what}${req ? ` <- ${describeRequest(req)}` : ''}`);
  };
  const violation = (what: string, req?: FuzzRequest) => {
    figures.invariantViolations += 1;
    note(what, req);
  };

  let current: FuzzRequest | undefined;
  const onUncaught = (error: unknown) => {
    figures.crashes += 1;
    note(`uncaught ${(error as Error)?.stack ?? String(error)}`, current);
  };
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);

  const mock = await startMockServer({
    rateLimits: false,
    ...(options.deviations ? { deviations: options.deviations } : {}),
  });
  const dispatcher = new Agent({ connections: 4, keepAliveTimeout: 10_000 });
  const full = authFor(DEFAULT_FULL_APP);
  const auths = [full, authFor(DEFAULT_BASIC_APP)];
  const signedQuery = (auth: AuthQuery) =>
    `sdkappid=${auth.sdkappid}&identifier=${auth.identifier}&usersig=${auth.usersig}&random=1&contenttype=json`;
  const probeQuery = signedQuery(full);
  const probePath = '/v4/group_open_http_svc/get_group_info';

  /** The server is up when a plain request gets a valid envelope. */
  const serverAnswers = async (): Promise<boolean> => {
    try {
      const answer = await sendHttp(mock, dispatcher, {
        kind: 'api',
        path: probePath,
        query: probeQuery,
        body: Buffer.from('{"GroupIdList":["probe"]}'),
      });
      return answer.status === 200 && validateEnvelope(JSON.parse(answer.text)).valid;
    } catch {
      return false;
    }
  };

  const ctx: FuzzContext = {
    groupIds: GROUP_TYPES_TO_SEED.map((type) => (type === 'Community' ? `@TGS#_fuzz-${type}` : `fuzz-${type}`)),
  };
  /** (Re)creates the groups most requests name, so writes keep landing after a fuzzed destroy_group. */
  const seedGroups = async () => {
    for (const [i, type] of GROUP_TYPES_TO_SEED.entries()) {
      const groupId = ctx.groupIds[i]!;
      for (const app of [DEFAULT_FULL_APP, DEFAULT_BASIC_APP]) {
        if (mock.state.apps.get(app.sdkappid)?.groups.has(groupId)) continue;
        const auth = app === DEFAULT_FULL_APP ? full : auths[1]!;
        await sendHttp(mock, dispatcher, {
          kind: 'api',
          path: '/v4/group_open_http_svc/create_group',
          query: signedQuery(auth),
          body: Buffer.from(JSON.stringify({ Type: type, Name: 'fuzz', GroupId: groupId })),
        });
      }
    }
  };
  try {
    await seedGroups();

    const checkState = (req?: FuzzRequest) => {
      for (const problem of [...stateViolations(mock.state, limits), ...prototypeViolations(prototypesBefore)])
        violation(problem, req);
    };
    const every = options.invariantEvery ?? 200;
    let serverDown = false;

    const runCase = async (req: FuzzRequest): Promise<void> => {
      current = req;
      figures.cases += 1;
      figures.casesByKind[req.kind] += 1;
      let suspectDown = false;
      if (req.kind === 'raw') {
        const answer = await sendRaw(mock, req.bytes);
        const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1];
        if (answer === '' || (status !== undefined && HTTP_LAYER_STATUSES.has(Number(status))))
          figures.refusedAtHttpLayer += 1;
        else if (status === '200') {
          const text = answer.slice(answer.indexOf('\r\n\r\n') + 4);
          if (!safeEnvelope(text)) violation('HTTP 200 without a valid envelope', req);
        } else violation(`raw request answered ${JSON.stringify(answer.slice(0, 80))}`, req);
        suspectDown = true;
      } else {
        try {
          const answer = await sendHttp(mock, dispatcher, req);
          const method = req.kind === 'method-path' ? req.method : 'POST';
          if (answer.status !== 200) violation(`HTTP ${answer.status}`, req);
          else if (method === 'HEAD') {
            if (answer.text !== '') violation('HEAD answered with a body', req);
          } else {
            const body = safeParse(answer.text);
            if (body === undefined || !validateEnvelope(body).valid)
              violation(`not a valid envelope: ${answer.text.slice(0, 120)}`, req);
            else {
              const code = (body as { ErrorCode: number }).ErrorCode;
              codes.add(code);
              const op = method === 'POST' ? operationByPath(req.path) : undefined;
              if (code === 0) {
                figures.succeeded += 1;
                if (op && !validateResponse(op.operationId, body).valid)
                  violation(
                    `a success that does not match the ${op.operationId} response schema: ${answer.text.slice(0, 120)}`,
                    req,
                  );
              }
            }
          }
        } catch (error) {
          violation(`no HTTP answer (${(error as { code?: string }).code ?? (error as Error).message})`, req);
          suspectDown = true;
        }
      }
      if (suspectDown && !(await serverAnswers())) {
        figures.crashes += 1;
        note('the server stopped answering', req);
        serverDown = true;
      }
      if (figures.cases % every === 0) checkState(req);
      if (!serverDown && req.kind !== 'raw' && req.path.endsWith('destroy_group')) await seedGroups();
    };

    await fc.check(
      fc.asyncProperty(fuzzRequest(ctx, auths), async (req) => {
        if (serverDown) return true;
        await runCase(req);
        // false ends fc.check at once (endOnFailure: no shrinking); the figures hold the finding.
        return !(options.stopOnViolation && figures.crashes + figures.invariantViolations > 0);
      }),
      {
        seed: options.seed,
        numRuns: options.maxCases ?? Number.MAX_SAFE_INTEGER,
        interruptAfterTimeLimit: options.durationMs,
        markInterruptAsFailure: false,
        endOnFailure: true,
      },
    );
    current = undefined;
    if (!serverDown && !(await serverAnswers())) {
      figures.crashes += 1;
      note('the server stopped answering', undefined);
    }
    checkState();
  } finally {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
    figures.groupsAtEnd = [...mock.state.apps.values()].reduce((n, app) => n + app.groups.size, 0);
    await dispatcher.close();
    await mock.close();
  }
  figures.errorCodes = [...codes].sort((a, b) => a - b);
  figures.elapsedMs = Date.now() - started;
  return figures;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function safeEnvelope(text: string): boolean {
  const body = safeParse(text);
  return body !== undefined && validateEnvelope(body).valid;
}

/** The figures as the lines `npm run fuzz` and the test print. */
export function formatFigures(f: FuzzFigures): string {
  const kinds = Object.entries(f.casesByKind)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  const lines = [
    `fuzz: seed ${f.seed}, ${(f.elapsedMs / 1000).toFixed(1)} s, cases tried ${f.cases} (${kinds})`,
    `fuzz: answers with ErrorCode 0: ${f.succeeded}; distinct error codes: ${f.errorCodes.length}; raw cases refused at the HTTP layer: ${f.refusedAtHttpLayer}; groups at the end: ${f.groupsAtEnd}`,
    `fuzz: crashes ${f.crashes}, invariant violations ${f.invariantViolations}`,
  ];
  for (const example of f.examples) lines.push(`fuzz:   ${example}`);
  if (f.crashes + f.invariantViolations > 0) lines.push(`fuzz: replay with --seed ${f.seed}`);
  return lines.join('\n');
}
