import { cpus, totalmem } from 'node:os';

export interface Table {
  title: string;
  /** What was measured and how, in a sentence or two. */
  note?: string;
  headers: string[];
  rows: string[][];
}

export interface Target {
  target: string;
  measured: string;
  /** Null when the run did not measure it (e.g. no TEST_DATABASE_URL, or a --quick run). */
  pass: boolean | null;
}

export interface SectionResult {
  tables: Table[];
  targets: Target[];
}

export function renderTable(table: Table): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  const lines = [`### ${table.title}`, ''];
  if (table.note) lines.push(table.note, '');
  lines.push(`| ${table.headers.map(escapeCell).join(' | ')} |`);
  lines.push(`| ${table.headers.map(() => '---').join(' | ')} |`);
  for (const row of table.rows) lines.push(`| ${row.map(escapeCell).join(' | ')} |`);
  return lines.join('\n');
}

export function machineDescription(): string {
  const list = cpus();
  const model = list[0]?.model.trim() ?? 'unknown CPU';
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  return `${model}, ${list.length} cores, ${memory} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

export const ms = (value: number) =>
  Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 1)} ms` : 'n/a';
export const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
export const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
export const verdict = (pass: boolean | null) => (pass === null ? 'not measured' : pass ? 'PASS' : 'MISS');
