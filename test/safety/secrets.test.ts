// Issue 10, secrets: a real `tim-conformance run` (spawned) against a mock this test owns, with
// secret keys that exist only in this test. Afterwards every file the run wrote and everything
// it printed is searched for the keys and for any usersig: the exact ones seen on the wire (a
// recording proxy sits in front of the mock) and anything shaped like one. One run passes the
// key by flag against a mock with a deviation, so failure reports with curl lines are written;
// one passes it by TIM_* environment. Every report file the run announces must be among those
// scanned; files written to the temp directory meanwhile are searched for the exact key and
// usersigs too. (The client's refusal to send a key: test/safety/client-refuses-secret.test.ts
// and test/client/redaction.test.ts; the ledger a killed run leaves: test/reliability.)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MockApp } from '../../test-utils/mock/default-apps.ts';
import { startMockServer } from '../../test-utils/mock/index.ts';
import { signUserSig } from '../../test-utils/signing/index.ts';
import { ROOT, runCliToEnd, targetFlags } from '../helpers/cli.ts';

/** Rate checks depend on timing through the recording proxy; the leak scan needs none of them. */
const NOT_RATE_CHECKS = '^[^/]+/(?![^/]*rate)';
/** Tencent's usersig alphabet: zlib output ('eJ' in base64) with + / = written as * - _. */
const USERSIG_SHAPE = /eJ[A-Za-z0-9*-]{40,}_{0,2}/g;

function makeApp(sdkappid: number, countersEdition: boolean): MockApp {
  return {
    sdkappid,
    secretKey: randomBytes(32).toString('hex'),
    admin: 'administrator',
    extraAdmins: [],
    countersEdition,
  };
}

type Mock = Awaited<ReturnType<typeof startMockServer>>;

/** Forwards to the mock and keeps every usersig query parameter it sees. */
async function startRecordingProxy(upstream: string, seen: Set<string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', upstream);
      for (const [name, value] of url.searchParams)
        if (name.toLowerCase() === 'usersig' && value !== '') seen.add(value);
      const headers: Record<string, string> = {};
      if (req.headers['content-type']) headers['content-type'] = String(req.headers['content-type']);
      const body = ['GET', 'HEAD'].includes(req.method ?? 'GET') ? undefined : Buffer.concat(chunks);
      fetch(url, { method: req.method ?? 'POST', headers, body })
        .then(async (answer) => {
          const payload = Buffer.from(await answer.arrayBuffer());
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(payload);
        })
        .catch(() => {
          res.destroy();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, server };
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return runCliToEnd(['run', ...args], env);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Files under the repository (not node_modules, not .git) changed since `sinceMs`. */
function repoFilesChangedSince(sinceMs: number): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (entry.name === 'node_modules' || entry.name === '.git') return [];
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.isFile() && statSync(path).mtimeMs >= sinceMs ? [path] : [];
    });
  return walk(ROOT);
}

function decodesAsUserSig(token: string): boolean {
  try {
    const text = inflateSync(
      Buffer.from(token.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64'),
    ).toString('utf8');
    return text.includes('TLS.');
  } catch {
    return false;
  }
}

/** Every leak found in one text: the secret keys, the usersigs seen on the wire, anything usersig-shaped. */
function findLeaks(where: string, text: string, secrets: string[], usersigs: Set<string>): string[] {
  const leaks: string[] = [];
  for (const secret of secrets) {
    // The whole key and a long middle piece (a key cut by a line wrap or a truncation).
    if (text.includes(secret) || text.includes(secret.slice(16, 48))) leaks.push(`${where}: a secret key`);
  }
  for (const sig of usersigs) {
    if (sig.length >= 24 && (text.includes(sig) || text.includes(sig.slice(0, 24)) || text.includes(sig.slice(-24)))) {
      leaks.push(`${where}: a usersig sent by the run`);
    }
  }
  for (const match of text.matchAll(USERSIG_SHAPE)) {
    leaks.push(`${where}: a usersig-shaped token${decodesAsUserSig(match[0]) ? ' (decodes to TLS.*)' : ''}`);
  }
  return leaks;
}

/** Files under the system temp directory changed since `sinceMs` (a run might write scratch files there). */
function tempFilesChangedSince(sinceMs: number): string[] {
  const walk = (dir: string, depth: number): string[] => {
    if (depth > 4) return [];
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    return entries.flatMap((entry) => {
      const path = join(dir, entry.name);
      try {
        if (entry.isDirectory()) return statSync(path).mtimeMs >= sinceMs ? walk(path, depth + 1) : [];
        return entry.isFile() && statSync(path).mtimeMs >= sinceMs && statSync(path).size < 8_000_000 ? [path] : [];
      } catch {
        return [];
      }
    });
  };
  return walk(tmpdir(), 0);
}

/** The report files the run says it wrote (its summary's "Reports:" line). */
function reportedFiles(output: string): string[] {
  const line = /^Reports: (.+)$/m.exec(output)?.[1];
  return line === undefined ? [] : line.split(', ').map((f) => f.trim());
}

function scanRun(
  reportDir: string,
  startedMs: number,
  output: string,
  secrets: string[],
  usersigs: Set<string>,
): { leaks: string[]; files: string[] } {
  const files = [...new Set([...filesUnder(reportDir), ...repoFilesChangedSince(startedMs)])];
  const leaks = findLeaks('stdout/stderr', output, secrets, usersigs);
  for (const file of files)
    leaks.push(...findLeaks(relative(ROOT, file), readFileSync(file, 'latin1'), secrets, usersigs));
  // Anything else written to the temp directory meanwhile (other tests' files too, so only the
  // exact keys and this run's usersigs count there, not usersig-shaped tokens).
  for (const file of tempFilesChangedSince(startedMs)) {
    if (files.includes(file)) continue;
    let text: string;
    try {
      text = readFileSync(file, 'latin1');
    } catch {
      continue;
    }
    leaks.push(...findLeaks(file, text, secrets, usersigs).filter((leak) => !leak.includes('usersig-shaped')));
  }
  return { leaks, files };
}

describe.sequential('secrets never leave the process', { timeout: 120_000 }, () => {
  const main = makeApp(1400770001, true);
  const basic = makeApp(1400770002, false);
  const secrets = [main.secretKey, basic.secretKey];
  let deviant: Mock;
  let reference: Mock;
  const proxies: Server[] = [];

  beforeAll(async () => {
    deviant = await startMockServer({ apps: [main, basic], deviations: ['attr.key-too-long-as-invalid-parameter'] });
    reference = await startMockServer({ apps: [main, basic] });
  });
  afterAll(async () => {
    for (const proxy of proxies) await new Promise((resolve) => proxy.close(resolve));
    await deviant?.close();
    await reference?.close();
  });

  test('the scanner finds a planted key and a planted usersig (so the real scans can fail)', async () => {
    const sig = signUserSig(main);
    expect(decodesAsUserSig(sig)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'timc-sec-plant-'));
    writeFileSync(join(dir, 'a.txt'), `key=${main.secretKey}`);
    writeFileSync(join(dir, 'b.txt'), `usersig=${sig}`);
    const { leaks } = scanRun(dir, Date.now() + 60_000, '', secrets, new Set());
    expect(leaks).toContain(`${relative(ROOT, join(dir, 'a.txt'))}: a secret key`);
    expect(leaks.some((l) => l.includes('b.txt') && l.includes('decodes to TLS.*'))).toBe(true);
    // The temp-directory scan of the runs below would find these.
    rmSync(dir, { recursive: true, force: true });
  });

  /** A recording proxy in front of `upstream` (closed after the tests), a fresh report directory, and when the run began. */
  async function watchedRun(upstream: string, dirPrefix: string) {
    const usersigs = new Set<string>();
    const proxy = await startRecordingProxy(upstream, usersigs);
    proxies.push(proxy.server);
    return { usersigs, proxy, reportDir: mkdtempSync(join(tmpdir(), dirPrefix)), startedMs: Date.now() - 1000 };
  }

  test('a failing run (keys by flag): report files and output hold no key and no usersig', async () => {
    const { usersigs, proxy, reportDir, startedMs } = await watchedRun(deviant.url, 'timc-sec-fail-');
    const { code, output } = await runCli(
      [
        ...targetFlags(proxy.url, main),
        '--basic-sdkappid',
        String(basic.sdkappid),
        '--basic-secret-key',
        basic.secretKey,
        '--suites',
        join('suites', 'limits'),
        '--grep',
        NOT_RATE_CHECKS,
        '--workers',
        '2',
        '--report-dir',
        reportDir,
      ],
      {},
    );
    // The failure paths ran: a gating failure with a curl line whose usersig is redacted (or read
    // from "$TIM_USERSIG", for a call signed as usual) reached the output and the report.
    expect(code, output).toBe(1);
    expect(output).toMatch(/usersig=(<redacted>|'"\$TIM_USERSIG"')/);
    expect(readFileSync(join(reportDir, 'results.json'), 'utf8')).toContain('curl ');
    expect(usersigs.size).toBeGreaterThan(0);
    const { leaks, files } = scanRun(reportDir, startedMs, output, secrets, usersigs);
    expect(files.map((f) => relative(reportDir, f))).toEqual(expect.arrayContaining(['junit.xml', 'results.json']));
    // Every report file the run announces (results, junit, coverage, HTML/Markdown, and any added later) was scanned.
    const reported = reportedFiles(output);
    expect(reported.length, output).toBeGreaterThanOrEqual(2);
    expect(files).toEqual(expect.arrayContaining(reported));
    expect(leaks).toEqual([]);
  });

  test('a run with the keys in TIM_* variables (signing checks included): nothing leaks either', async () => {
    const { usersigs, proxy, reportDir, startedMs } = await watchedRun(reference.url, 'timc-sec-env-');
    const { code, output } = await runCli(
      [
        '--suites',
        'suites',
        '--grep',
        '^(get_group_attr|set_group_attr|modify_group_attr)/(?![^/]*rate)',
        '--workers',
        '2',
      ],
      {
        TIM_TARGET: proxy.url,
        TIM_SDKAPPID: String(main.sdkappid),
        TIM_SECRET_KEY: main.secretKey,
        TIM_BASIC_SDKAPPID: String(basic.sdkappid),
        TIM_BASIC_SECRET_KEY: basic.secretKey,
        TIM_REPORT_DIR: reportDir,
      },
    );
    expect(code, output).toBe(0);
    expect(usersigs.size).toBeGreaterThan(1);
    const { leaks, files } = scanRun(reportDir, startedMs, output, secrets, usersigs);
    expect(files).toEqual(expect.arrayContaining(reportedFiles(output)));
    expect(leaks).toEqual([]);
  });
});
