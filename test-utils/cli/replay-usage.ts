/** `tim-conformance replay --help`. */
export const REPLAY_USAGE = `tim-conformance replay FILE [options]

Runs a stateful check's replay file (written to DIR/stateful/ when stateful/* fails) again
against the target: new groups, fresh UserSigs, the same requests in the same order. Prints
each answer beside the model's and exits 1 when an answer or a read-back disagrees with a
documented row (with --strict, an inferred one too), 0 when all agree, 2 on a bad file or bad
options. The file format is described in docs/stateful.md (schema:
test-utils/stateful/replay.schema.json).

Target: the same flags as run (--target, --sdkappid, --secret-key, --admin, --basic-sdkappid,
--basic-secret-key, --report-dir, --ca-cert, --resolve) and the same TIM_* variables.
  --strict    inferred-row mismatches fail too`;
