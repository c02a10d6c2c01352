/**
 * Fault injection for client robustness tests: a seeded share of requests answers the API's
 * "internal error, retry" (10002, HTTP 200), a bare HTTP 502 (what the pages call a network
 * error), or has its connection dropped without an answer. Seeded, so a failing client test
 * replays the same sequence.
 */

export const FAULT_KINDS = ['10002', 'http502', 'drop'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** Share of requests that get a fault, 0..1. */
  share: number;
  /** Which faults to pick from (uniformly); default all three. */
  kinds?: FaultKind[];
  seed?: number;
}

/** mulberry32: small, fast, good enough to spread faults evenly (also used by the tests' fault proxy). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultPicker = () => FaultKind | null;

export function createFaultPicker(options: FaultOptions | undefined): FaultPicker | null {
  if (options === undefined || !(options.share > 0)) return null;
  if (options.share > 1) throw new Error(`faults.share must be between 0 and 1, got ${options.share}`);
  const kinds = options.kinds ?? [...FAULT_KINDS];
  if (kinds.length === 0) throw new Error('faults.kinds must name at least one fault');
  for (const kind of kinds) {
    if (!(FAULT_KINDS as readonly string[]).includes(kind))
      throw new Error(`unknown fault kind '${kind}'; known: ${FAULT_KINDS.join(', ')}`);
  }
  const random = mulberry32(options.seed ?? 1);
  return () => {
    if (random() >= options.share) return null;
    return kinds[Math.floor(random() * kinds.length)] ?? null;
  };
}
