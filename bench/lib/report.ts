/** Plain-text tables and the machine line every figure is printed with. */
import { cpus, freemem, loadavg, totalmem } from 'node:os';

export type Cell = string | number;

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

export function mib(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function table(headers: string[], rows: Cell[][]): string {
  const text = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...text.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(text[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].join('\n');
}

export function machineLine(): string {
  const cpu = cpus();
  const [one, five] = loadavg();
  return (
    `${new Date().toISOString()} · ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'} · ` +
    `${mib(totalmem())} RAM (${mib(freemem())} free) · load ${fixed(one ?? 0, 2)}/${fixed(five ?? 0, 2)} (1/5 min) · Node ${process.version}`
  );
}

/** The load average now: the machine may be shared, and every figure is only as good as it. */
export function loadLine(): string {
  const [one, five] = loadavg();
  return `load average ${fixed(one ?? 0, 2)}/${fixed(five ?? 0, 2)} (1/5 min) on ${cpus().length} cores at ${new Date().toISOString()}`;
}

/** 'met' / 'NOT met' for a target line. */
export function verdict(ok: boolean): string {
  return ok ? 'met' : 'NOT met';
}
