/**
 * `tim-conformance merge DIR...`: combines the report directories of separate runs (one CI job
 * per region) into the regional matrix `run --regions` writes (runner/merge-runs.ts).
 */
import { stringOf, UsageError, type CommandSpec } from './option-table.ts';

export const mergeCommand: CommandSpec = {
  name: 'merge',
  summary: 'combine the reports of separate regional runs into one regional matrix',
  synopsis: 'tim-conformance merge DIR... [--report-dir OUT]',
  positionals:
    'the report directories of the runs (each holds a results.json; each column is named after its directory)',
  description: `Combines report directories of separate runs (one CI job per region, each with its own secrets,
in parallel) into OUT/regions.json, regions.html and regions.md, the same files \`run --regions\`
writes. Exits 1 when any run has a gating failure (or was interrupted, or ran nothing), 0
otherwise, 2 when the runs cannot be compared: different seeds, different spec versions, one
directory name twice, or a directory without results.json (one line naming the difference). A
column is named after its directory: name each run's directory after its region, under OUT, so
the matrix links to its report.html.`,
  reuse: ['report-dir'],
  async run({ values, positionals }, io) {
    if (positionals.length === 0)
      throw new UsageError('merge needs the report directories of the runs (see tim-conformance help merge)');
    const { MergeRefused, mergeRuns } = await import('../runner/merge-runs.ts');
    const out = stringOf(values, 'report-dir') ?? (process.env['TIM_REPORT_DIR'] ?? '').trim();
    let outcome;
    try {
      outcome = mergeRuns(positionals, out === '' ? 'reports' : out);
    } catch (error) {
      if (error instanceof MergeRefused) throw new UsageError(`merge: ${error.message}`);
      throw error;
    }
    io.out(
      [
        'Regions:',
        ...outcome.verdicts.map((v) => `  ${v.region}: ${v.verdict}`),
        `Combined report: ${outcome.files.join(', ')}`,
      ].join('\n'),
    );
    return outcome.code;
  },
};
