import type { Measurement } from '../types.ts';
import { readCapacityCsv } from './capacity-csv.ts';
import { headerLine } from './csv-rows.ts';
import { baseName, folderOf } from './json-text.ts';
import type { Reader, ReaderContext } from './reader.ts';

/**
 * `vllm bench sweep serve` ends by writing `summary.csv` in the experiment folder: every run of
 * every combination again, one row each (pandas, with an unnamed index column). Beside the
 * `SERVE--…/run=N.json` files it would count every run twice, so it is then recorded as rejected;
 * alone, its rows are read as capacity CSV rows (the run dicts use the record's column names).
 */

const RUN_FILE = /^run=\d+\.json$/i;

/** Reads a sweep's summary.csv, unless the run files it summarises are in the folder. */
export function readVllmSweepSummaryCsv(text: string, context: ReaderContext): Measurement[] {
  const folder = folderOf(context.file);
  const prefix = folder === '' ? '' : `${folder}/`;
  const runs = context.files.filter((f) => f.startsWith(prefix) && f !== context.file && RUN_FILE.test(baseName(f)));
  if (runs.length > 0) {
    context.rejected.push({
      file: context.file, line: 1, column: 1,
      message: `summary of the ${runs.length} run=*.json files in the sweep folders below it: those are read (runs of one combination as repeats), not counted twice`,
    });
    return [];
  }
  return readCapacityCsv(text, context);
}

/** A sweep's summary.csv: that name, with `run_number` and `output_throughput` columns. */
export const vllmSweepSummaryCsvReader: Reader = {
  name: 'vllm-bench-sweep',
  detect: ({ file, head }) => {
    if (baseName(file).toLowerCase() !== 'summary.csv') return false;
    const columns = headerLine(head).split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    return columns.includes('run_number') && columns.includes('output_throughput');
  },
  read: readVllmSweepSummaryCsv,
};
