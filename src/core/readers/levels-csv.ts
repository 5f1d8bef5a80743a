import type { Field } from '../columns.ts';
import type { Measurement } from '../types.ts';
import { cellColumn, csvRows, headerLine, isBlank, type CsvRow } from './csv-rows.ts';
import { buildRecord, EntryList, labelHintFor } from './json-record.ts';
import type { Position } from './json-text.ts';
import type { Reader, ReaderContext } from './reader.ts';

/**
 * A concurrency-level sweep table from server-side metrics (the akamaslabs study's `levels.csv`:
 * `experiment,step,mig_profile,max_num_seqs,level,replicas,total_tps,prefill_tps,decode_tps,…`).
 * `level` is the concurrency; throughput is `decode_tps` (generated tokens/s), not `total_tps`,
 * which adds prompt tokens (total = prefill + decode). The GPU slice is part of the GPU label:
 * `<gpu> MIG 1g.16gb ×2` for two replicas on 1g.16gb slices, so experiments stay apart.
 */

const TOOL = 'levels-csv';

const COLUMNS: Readonly<Record<string, Field>> = {
  level: 'concurrency',
  decode_tps: 'throughput_tok_s',
  max_num_seqs: 'max_num_seqs',
  ttft_p50_ms: 'p50_ttft_ms',
  ttft_p95_ms: 'p95_ttft_ms',
  ttft_p99_ms: 'p99_ttft_ms',
  itl_p50_ms: 'p50_itl_ms',
  itl_p95_ms: 'p95_itl_ms',
  itl_p99_ms: 'p99_itl_ms',
  e2e_p95_ms: 'p95_e2e_ms',
};

/** The GPU label of a row: the folder's GPU plus the slice (MIG profile) and replica count. */
export function sliceLabel(gpu: string, mig: string | undefined, replicas: string | undefined): string {
  let label = gpu;
  if (mig && mig.toLowerCase() !== 'none') label += ` MIG ${mig}`;
  if (replicas && /^\d+$/.test(replicas) && Number(replicas) > 1) label += ` ×${replicas}`;
  return label;
}

/** Reads every level row. */
export function readLevelsCsv(text: string, context: ReaderContext): Measurement[] {
  const rows = csvRows(text, context.issues);
  if (!rows) return [];
  const data = rows.filter((row) => !isBlank(row));
  const header = data.shift();
  if (!header) return [];
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
  const list = new EntryList();
  for (const [name, field] of Object.entries(COLUMNS)) list.set(field, value(name), at(name), 1, name);
  list.set('gpu', value('gpu'), at('gpu'), 1, 'gpu');
  if (!list.get('gpu') && context.defaults.gpu) {
    list.set('gpu', sliceLabel(context.defaults.gpu, value('mig_profile'), value('replicas')), at('mig_profile'), 1, 'mig_profile');
  }
  return buildRecord(list, context, {
    tool: TOOL,
    where: () => ({ line: row.line, column: 1 }),
    labelHint: labelHintFor(context.file, 'the MIG profile and replica count are added to that GPU label'),
  });
}

/** A level sweep table: a header with `level` and `decode_tps`. */
export const levelsCsvReader: Reader = {
  name: 'levels-csv',
  detect: (file, head) => {
    if (!/\.csv$/i.test(file)) return false;
    const columns = headerLine(head).split(',').map((c) => c.trim());
    return columns.includes('level') && columns.includes('decode_tps');
  },
  read: readLevelsCsv,
};
