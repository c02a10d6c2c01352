/**
 * Composes a table of replaceable steps with the deviations that are switched on: each active
 * deviation's layers, in the table's order, replace or wrap the steps so far. A layer that two
 * active deviations share (one read cache under two ways of keeping it) is applied once.
 */

/** One layer: given the steps so far, the steps it replaces (wrapping the old ones if it calls them). */
export type StepLayer<S> = (steps: S) => Partial<S>;

export type StepDeviationTable<S> = Readonly<Partial<Record<string, StepLayer<S> | readonly StepLayer<S>[]>>>;

export function composeSteps<S extends object>(
  reference: S,
  table: StepDeviationTable<S>,
  active: ReadonlySet<string>,
): S {
  if (active.size === 0) return reference;
  let steps = reference;
  const applied = new Set<StepLayer<S>>();
  for (const [name, entry] of Object.entries(table)) {
    if (entry === undefined || !active.has(name)) continue;
    const layers: readonly StepLayer<S>[] = typeof entry === 'function' ? [entry] : entry;
    for (const layer of layers) {
      if (applied.has(layer)) continue;
      applied.add(layer);
      steps = { ...steps, ...layer(steps) };
    }
  }
  return steps;
}
