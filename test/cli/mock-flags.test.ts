// `mock --deviation NAME` and `mock --tls --cert-out FILE` (issue 17 item 4), in-process, and the
// colour rule of the CLI's terminal output (NO_COLOR, FORCE_COLOR, a terminal).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseMockArgs, runMockCommand } from '../../test-utils/mock/cli.ts';
import { colourEnabled, paintFor } from '../../test-utils/runner/colour.ts';
import { MUTANT_CATALOGUE } from '../../test-utils/mutants/catalogue.ts';
import { Agent, request } from 'undici';

async function startMock(args: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const stop = new AbortController();
  let listening!: () => void;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  const done = runMockCommand(args, {
    stdout: (line) => {
      lines.push(line);
      if (line.startsWith('listening on ')) listening();
    },
    stderr: (line) => errors.push(line),
    signal: stop.signal,
  });
  await Promise.race([ready, done]);
  return { lines, errors, stop: async () => (stop.abort(), done), done };
}

describe('mock --deviation', () => {
  test('accepts the names mutants --list prints (repeatable) and says the mock is deliberately wrong', async () => {
    const names = MUTANT_CATALOGUE.slice(0, 2).map((m) => m.name);
    expect(parseMockArgs(names.flatMap((n) => ['--deviation', n]))).toMatchObject({ deviations: names });
    const mock = await startMock(['--deviation', names[0]!]);
    expect(mock.lines.join('\n')).toContain(`deviations: ${names[0]} (this mock is deliberately wrong)`);
    expect(await mock.stop()).toBe(0);
  });

  test('an unknown name is one line naming mutants --list, exit 2', async () => {
    const errors: string[] = [];
    expect(await runMockCommand(['--deviation', 'no-such'], { stderr: (l) => errors.push(l), stdout: () => {} })).toBe(
      2,
    );
    expect(errors).toEqual(["tim-conformance mock: unknown deviation 'no-such' (see tim-conformance mutants --list)"]);
  });
});

describe('mock --tls --cert-out', () => {
  test('writes the certificate it made, which a client can then trust', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'timc-cert-')), 'mock-ca.pem');
    const mock = await startMock(['--tls', '--cert-out', file]);
    try {
      const pem = readFileSync(file, 'utf8');
      expect(pem).toContain('-----BEGIN CERTIFICATE-----');
      expect(mock.lines).toContain(`certificate: ${file} (trust it with --ca-cert ${file})`);
      const url = mock.lines[0]!.replace('listening on ', '');
      expect(url).toMatch(/^https:/);
      // The TLS handshake succeeds trusting only that certificate: any HTTP answer proves it.
      const agent = new Agent({ connect: { ca: pem } });
      const answer = await request(`${url}/v4/group_open_http_svc/get_group_attr`, {
        method: 'POST',
        body: '{}',
        dispatcher: agent,
      });
      expect(answer.statusCode).toBeGreaterThan(0);
      await answer.body.dump();
      await agent.close();
    } finally {
      await mock.stop();
    }
  });

  test('--cert-out without --tls is one line, exit 2', () => {
    expect(() => parseMockArgs(['--cert-out', 'x.pem'])).toThrow('--cert-out needs --tls');
  });
});

describe('colours', () => {
  test.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: false }, {}, false],
    [{ isTTY: true }, { NO_COLOR: '1' }, false],
    [{ isTTY: false }, { FORCE_COLOR: '1' }, true],
    [{ isTTY: true }, { FORCE_COLOR: '0' }, false],
    [{ isTTY: true }, { TERM: 'dumb' }, false],
    [{ isTTY: true }, { NO_COLOR: '' }, true],
  ])('stream %j, env %j → %s', (stream, env, enabled) => {
    expect(colourEnabled(stream, env)).toBe(enabled);
    expect(paintFor(enabled)('red', 'x') === 'x').toBe(!enabled);
  });
});
