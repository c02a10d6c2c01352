/**
 * `tim-conformance reproduce <check id>`: re-sends the request a failure recorded in
 * results.json, on fresh fixture groups with a fresh usersig, and prints the answer beside the
 * expectation. The work is in reproduce.ts (imported when the command runs).
 */
import { stringOf, UsageError, type CommandSpec } from './option-table.ts';
import { targetFlags } from './options.ts';

export const reproduceCommand: CommandSpec = {
  name: 'reproduce',
  summary: "re-send a failure's recorded request and show the answer beside the expectation",
  synopsis: 'tim-conformance reproduce <check id> [--report-dir DIR] [target options]',
  positionals: 'the id of a failed check in DIR/results.json',
  description: `Reads DIR/results.json, takes the request the failure of <check id> recorded, creates a fresh
group for each group of the run the request named, signs a fresh usersig and sends it again to the
same target (the run's target unless target options say otherwise; for the embedded mock, a new
one). Prints the expectation, the answer the run saw and the answer now, then destroys the groups.
Exit 1 when a wrong error code is answered again (reproduced), 0 otherwise, 2 on a usage or
configuration error. A failure that depends on earlier steps (state set before, a group destroyed)
is rerun exactly with the failure's rerun command (run --seed N --id ID).`,
  reuse: [
    'target',
    'sdkappid',
    'secret-key',
    'admin',
    'basic-sdkappid',
    'basic-secret-key',
    'ca-cert',
    'resolve',
    'report-dir',
  ],
  async run({ values, positionals }, io) {
    if (positionals.length !== 1)
      throw new UsageError('reproduce takes one check id (see tim-conformance help reproduce)');
    const { reproduce } = await import('./reproduce.ts');
    return reproduce(positionals[0]!, targetFlags(values), stringOf(values, 'report-dir'), process.env, io);
  },
};
