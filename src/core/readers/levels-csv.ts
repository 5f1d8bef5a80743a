import type { Field } from '../columns.ts';
import type { Position } from '../record.ts';
import type { Measurement } from '../types.ts';
import { cellColumn, csvRows, headerLine, isBlank, type CsvRow } from './csv-rows.ts';
import { notABenchmark } from './hints.ts';
import { buildRun, Draft, labelHintFor, type Reader, type ReaderContext } from './reader.ts';

/**
 * A concurrency-level sweep table from server-side metrics (the akamaslabs study's `levels.csv`:
 * `experiment,step,mig_profile,max_num_seqs,level,replicas,total_tps,prefill_tps,decode_tps,…`).
 * `level` is the concurrency; throughput is `decode_tps` (generated tokens/s), not `total_tps`,
 * which adds prompt tokens (total = prefill + decode). Each experiment is its own setup: its
 * number, the GPU slice (MIG profile) and the replica count are settings beside max_num_seqs.
 */

const TOOL = 'levels-csv';

const FIELDS: Readonly<Record<string, Field>> = {
  gpu: 'gpu',
  level: 'concurrency',
  decode_tps: 'throughput_tok_s',
  ttft_p50_ms: 'p50_ttft_ms',
  ttft_p95_ms: 'p95_ttft_ms',
  ttft_p99_ms: 'p99_ttft_ms',
  itl_p50_ms: 'p50_itl_ms',
  itl_p95_ms: 'p95_itl_ms',
  itl_p99_ms: 'p99_itl_ms',
  e2e_p95_ms: 'p95_e2e_ms',
};

// Columns that identify an experiment's configuration. `step` is the experiment's description
// (one per experiment, so it adds nothing to its number); `start`, `end` and the server gauges
// (running_avg, kv_usage_max, gpu_w…) are per-run outcomes.
const SETTINGS = ['experiment', 'mig_profile', 'replicas', 'max_num_seqs'];

/** Reads every level row. */
export function readLevelsCsv(text: string, context: ReaderContext): Measurement[] {
  const rows = csvRows(text, context.issues);
  if (!rows) return [];
  const data = rows.filter((row) => !isBlank(row));
  const header = data.shift();
  if (!header) {
    context.issues.add(1, 1, notABenchmark(context.file, 'expects a header line and level rows but the file is empty'));
    return [];
  }
  const index = new Map(header.cells.map((name, i) => [name.toLowerCase(), i]));
  const measurements: Measurement[] = [];
  for (const row of data) {
    const measurement = readRow(row, index, text, context);
    if (measurement) measurements.push(measurement);
  }
  return measurements;
}

function readRow(row: CsvRow, index: Map<string, number>, text: string, context: ReaderContext): Measurement | null {
  const value = (name: string): string | undefined => {
    const i = index.get(name);
    const cell = i === undefined ? undefined : row.cells[i];
    return cell === undefined || cell === '' ? undefined : cell;
  };
  const at = (name: string) => (): Position => ({ line: row.line, column: cellColumn(text, row, index.get(name) ?? 0) });
  const draft = new Draft();
  for (const [name, field] of Object.entries(FIELDS)) draft.set(field, value(name), at(name), name);
  for (const name of SETTINGS) draft.setting(name, value(name), at(name));
  return buildRun(draft, context, {
    tool: TOOL,
    where: () => ({ line: row.line, column: 1 }),
    labelHint: labelHintFor(context.file, 'the MIG profile and replica count are kept as settings of each experiment'),
    loadHint: 'the level column is the concurrency',
  });
}

/** A level sweep table: a header with `level` and `decode_tps`. */
export const levelsCsvReader: Reader = {
  name: TOOL,
  detect: ({ file, head }) => {
    if (!/\.csv$/i.test(file)) return false;
    const columns = headerLine(head).split(',').map((c) => c.trim());
    return columns.includes('level') && columns.includes('decode_tps');
  },
  read: readLevelsCsv,
};
