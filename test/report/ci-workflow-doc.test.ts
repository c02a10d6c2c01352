// docs/ci-workflow.md: the sample workflow is valid YAML, and every tim-conformance command,
// flag and TIM_* variable it uses exists in the CLI's usage text (a renamed flag breaks this test,
// not a user's release).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { USAGE } from '../../test-utils/cli/usage.ts';

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'ci-workflow.md'), 'utf8');
const yamlBlock = doc.match(/```yaml\n([\s\S]*?)\n```/)?.[1] ?? '';

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}
interface Job {
  steps: Step[];
  env?: Record<string, string>;
  needs?: string | string[];
  strategy?: { matrix: { include: { region: string }[] } };
}

describe('the sample CI workflow', () => {
  const workflow = parse(yamlBlock) as { jobs: Record<string, Job> };
  const jobs = Object.values(workflow.jobs);
  const commands = jobs
    .flatMap((job) => job.steps.flatMap((step) => (step.run ?? '').split('\n')))
    .filter((line) => line.includes('tim-conformance '));

  test('parses, runs a matrix job per region with one seed, merges them, and gates the release on the mock job and the merge', () => {
    expect(Object.keys(workflow.jobs)).toEqual([
      'conformance-mock',
      'conformance-region',
      'conformance-merge',
      'release',
    ]);
    expect(workflow.jobs.release!.needs).toEqual(['conformance-mock', 'conformance-merge']);
    const region = workflow.jobs['conformance-region']!;
    expect(region.strategy!.matrix.include.map((r) => r.region)).toEqual(['sgp', 'kr']);
    expect(region.env).toMatchObject({
      TIM_TARGET: 'region:${{ matrix.region }}',
      TIM_SECRET_KEY: "${{ secrets[format('TIM_{0}_SECRET_KEY', matrix.secret)] }}",
      TIM_SEED: '${{ github.run_number }}',
    });
    expect(workflow.jobs['conformance-merge']!.needs).toBe('conformance-region');
    const merge = workflow.jobs['conformance-merge']!.steps.map((s) => s.run ?? '').join('\n');
    expect(merge).toMatch(/npx tim-conformance merge \$dirs --report-dir reports/);
    expect(
      workflow.jobs['conformance-merge']!.steps.some((s) => s.uses?.startsWith('actions/download-artifact@')),
    ).toBe(true);
  });

  test('uses only commands and flags the CLI has', () => {
    expect(commands.length).toBeGreaterThanOrEqual(3);
    for (const line of commands) {
      const [, command = '', rest = ''] = line.match(/tim-conformance (\w+)(.*)$/) ?? [];
      expect(Object.keys(USAGE), line).toContain(command);
      for (const flag of rest.match(/--[a-z-]+/g) ?? [])
        expect(USAGE[command], `${flag} in: ${line}`).toContain(`${flag} `);
    }
  });

  test('uses only TIM_* variables the CLI reads', () => {
    const used = new Set([...yamlBlock.matchAll(/\b(TIM_[A-Z_]+)\s*:/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThanOrEqual(4);
    for (const name of used) expect(Object.values(USAGE).join('\n'), name).toContain(name);
  });

  test('appends report.md to the step summary and uploads the report directory of each run', () => {
    for (const name of ['conformance-mock', 'conformance-region']) {
      const steps = workflow.jobs[name]!.steps;
      expect(
        steps.some((s) => /report\.md >> "\$GITHUB_STEP_SUMMARY"/.test(s.run ?? '')),
        name,
      ).toBe(true);
      expect(
        steps.some((s) => s.uses?.startsWith('actions/upload-artifact@')),
        name,
      ).toBe(true);
    }
  });
});
