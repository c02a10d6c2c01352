/**
 * Compares the answers of two recordings (region against region, region against the mock):
 * exchanges are paired by operation and request shape — the body's structure with its values
 * reduced to their JSON types, array lengths kept (a 17-key request is not a 1-key one), and the
 * values of the fields that choose behaviour (Mode, Type) kept — and every shape whose answers
 * differ becomes a row.
 */
import { operationByPath } from '../contract/index.ts';
import type { RecordedExchange } from './exchange.ts';

/** Fields whose value, not just type, decides what the server does. */
const BEHAVIOUR_FIELDS: ReadonlySet<string> = new Set(['Mode', 'Type']);

export interface DiffRow {
  operation: string;
  shape: string;
  /** Answers seen in A / B: 'ErrorCode N' or 'HTTP N' or 'no answer', with counts. */
  a: Record<string, number>;
  b: Record<string, number>;
}

function shapeOf(value: unknown, key?: string): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const items = [...new Set(value.map((v) => shapeOf(v)))];
    return `[${value.length}×${items.join('|')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map((k) => `${k}:${shapeOf((value as Record<string, unknown>)[k], k)}`);
    return `{${entries.join(',')}}`;
  }
  if (key !== undefined && BEHAVIOUR_FIELDS.has(key)) return JSON.stringify(value);
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'number';
  return typeof value;
}

export function requestShape(exchange: RecordedExchange): string {
  if (exchange.body.trim() === '') return '(empty)';
  try {
    return shapeOf(JSON.parse(exchange.body));
  } catch {
    return '(not JSON)';
  }
}

export function answerOf(exchange: RecordedExchange): string {
  const response = exchange.response;
  if (response === undefined) return 'no answer';
  if (response.status !== 200) return `HTTP ${response.status}`;
  try {
    const code = (JSON.parse(response.body) as { ErrorCode?: unknown }).ErrorCode;
    return code === undefined ? 'HTTP 200 no ErrorCode' : `ErrorCode ${String(code)}`;
  } catch {
    return 'HTTP 200 not JSON';
  }
}

function tally(
  exchanges: readonly RecordedExchange[],
): Map<string, { operation: string; shape: string; answers: Record<string, number> }> {
  const out = new Map<string, { operation: string; shape: string; answers: Record<string, number> }>();
  for (const e of exchanges) {
    const operation = operationByPath(e.path)?.operationId ?? e.path.split('?')[0]!;
    const shape = requestShape(e);
    const key = `${operation}\n${shape}`;
    let entry = out.get(key);
    if (entry === undefined) {
      entry = { operation, shape, answers: {} };
      out.set(key, entry);
    }
    const answer = answerOf(e);
    entry.answers[answer] = (entry.answers[answer] ?? 0) + 1;
  }
  return out;
}

/** Rows for every operation × shape whose set of answers differs (or is only in one recording). */
export function diffRecordings(a: readonly RecordedExchange[], b: readonly RecordedExchange[]): DiffRow[] {
  const ta = tally(a);
  const tb = tally(b);
  const rows: DiffRow[] = [];
  for (const key of [...new Set([...ta.keys(), ...tb.keys()])].sort()) {
    const ea = ta.get(key);
    const eb = tb.get(key);
    const answersA = ea?.answers ?? {};
    const answersB = eb?.answers ?? {};
    const same = Object.keys(answersA).sort().join('\n') === Object.keys(answersB).sort().join('\n');
    if (same) continue;
    rows.push({ operation: (ea ?? eb)!.operation, shape: (ea ?? eb)!.shape, a: answersA, b: answersB });
  }
  return rows;
}

function cell(answers: Record<string, number>): string {
  const parts = Object.entries(answers).map(([answer, n]) => (n === 1 ? answer : `${answer} ×${n}`));
  return parts.length === 0 ? '(not called)' : parts.join(', ');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function diffMarkdown(rows: readonly DiffRow[], nameA: string, nameB: string): string {
  if (rows.length === 0) return `No differing answers between ${nameA} and ${nameB}.`;
  const lines = [`| operation | request shape | ${escapeCell(nameA)} | ${escapeCell(nameB)} |`, '|---|---|---|---|'];
  for (const r of rows)
    lines.push(`| ${r.operation} | \`${escapeCell(r.shape)}\` | ${escapeCell(cell(r.a))} | ${escapeCell(cell(r.b))} |`);
  return lines.join('\n');
}
