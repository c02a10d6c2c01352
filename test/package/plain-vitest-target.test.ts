// The suites' globalSetup for plain vitest: it starts the target the TIM_* variables name when
// nobody provided one, and stays out of the way under the runner (which provides its own).
import { describe, expect, test, vi } from 'vitest';
import type { TestProject } from 'vitest/node';
import setup from '../../test-utils/runner/plain-vitest-target.ts';

function fakeProject(provided: Record<string, unknown>): { project: TestProject; provide: ReturnType<typeof vi.fn> } {
  const provide = vi.fn();
  const project = { getProvidedContext: () => provided, provide, config: { maxWorkers: 3 } } as unknown as TestProject;
  return { project, provide };
}

describe('plain vitest on the suites', () => {
  test('under the runner (a target provided) it starts nothing', async () => {
    const { project, provide } = fakeProject({ timTarget: { kind: 'mock', baseUrl: 'http://127.0.0.1:1' } });
    expect(await setup(project)).toBeUndefined();
    expect(provide).not.toHaveBeenCalled();
  });

  test('without one it starts the target of the TIM_* variables (the mock by default) and stops it at teardown', async () => {
    vi.stubEnv('TIM_TARGET', '');
    vi.stubEnv('TIM_SEED', '11');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { project, provide } = fakeProject({});
      const teardown = await setup(project);
      const provided = Object.fromEntries(provide.mock.calls.map(([key, value]) => [key, value]));
      expect(provided.timTarget).toMatchObject({ kind: 'mock', seed: 11 });
      expect(provided.timWorkers).toBe(3);
      const answer = await fetch(`${provided.timTarget.baseUrl}/v4/group_open_http_svc/get_appid_group_list`, {
        method: 'POST',
        body: '{}',
      });
      expect(answer.status).toBe(200);
      expect(typeof provided.timPacingUrl).toBe('string');
      await teardown!();
      await expect(
        fetch(`${provided.timTarget.baseUrl}/v4/group_open_http_svc/get_appid_group_list`, {
          method: 'POST',
          body: '{}',
        }),
      ).rejects.toThrow();
    } finally {
      stderr.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});
