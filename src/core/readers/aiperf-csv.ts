import type { Field } from '../columns.ts';
import type { Position } from '../record.ts';
import type { LatencyMetric, Measurement } from '../types.ts';
import { AIPERF_LATENCIES, AIPERF_STATS, AIPERF_VALUES, msPerUnit, placementFromPath, tagOfDisplayName } from './aiperf-metrics.ts';
import { cellColumn, csvRows, headerLine, isBlank, type CsvRow } from './csv-rows.ts';
import { notABenchmark } from './hints.ts';
import { baseName, folderOf } from './json-text.ts';
import { buildRun, Draft, type Reader, type ReaderContext } from './reader.ts';

/**
 * AIPerf / GenAI-Perf `profile_export_*.csv`: blocks separated by blank lines. A statistics block
 * (`Metric,avg,min,max,…,p99,std`, one metric per row), a `Metric,Value` block of single values,
 * and a GPU telemetry block (`Endpoint,GPU_Index,…`, ignored). GenAI-Perf quotes numbers of 1000
 * and more with thousands separators (`"2,156.03"`). The CSV records neither the load nor any
 * setting: the load comes from the folder name aiperf gives a sweep step (`concurrency_64/`).
 *
 * When the JSON export of the same run sits beside it (same name, `.json`), the CSV is recorded
 * as rejected and the JSON is read: one run must not become two repeats of its own point.
 */

const TOOL = 'aiperf-csv';

/** The JSON export of the same run, when the folder holds one. */
export function siblingJson(file: string, files: readonly string[]): string | null {
  const json = file.replace(/\.csv$/i, '.json');
  const match = files.find((f) => f.toLowerCase() === json.toLowerCase());
  return match ?? null;
}

// A number with thousands separators, as GenAI-Perf writes them: 2,156.03.
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** A cell's number text, without GenAI-Perf's thousands separators. */
function cellValue(cell: string | undefined): string | undefined {
  return cell !== undefined && GROUPED.test(cell) ? cell.replace(/,/g, '') : cell;
}

/** Reads an AIPerf CSV export into one measurement. */
export function readAiperfCsv(text: string, context: ReaderContext): Measurement[] {
  const json = siblingJson(context.file, context.files);
  if (json) {
    context.rejected.push({
      file: context.file, line: 1, column: 1,
      message: `same run as ${baseName(json)} in the same folder: the JSON export is read (it also records the concurrency and the settings), so this CSV is not counted twice`,
    });
    return [];
  }
  const rows = csvRows(text, context.issues);
  if (!rows) return [];
  const draft = new Draft();
  const cell = (row: CsvRow, index: number) => (): Position => ({ line: row.line, column: cellColumn(text, row, index) });
  let header: string[] | null = null;
  let sawMetrics = false;
  for (const row of rows) {
    if (isBlank(row)) {
      header = null;
      continue;
    }
    if (header === null) {
      header = row.cells.map((c) => c.toLowerCase());
      if (header[0] === 'statistic') header[0] = 'metric';
      if (header[0] !== 'metric') header = ['(ignored)'];
      continue;
    }
    if (header[0] !== 'metric') continue;
    sawMetrics = true;
    const { tag, unit } = tagOfDisplayName(row.cells[0] ?? '');
    const into = AIPERF_LATENCIES[tag];
    if (into) {
      const scale = msPerUnit(unit);
      if (scale === null) {
        context.issues.add(row.line, 1, `"${row.cells[0]}" expects a time unit in parentheses (ms, s, us, ns) but found ${JSON.stringify(unit)}`);
        continue;
      }
      header.forEach((stat, index) => {
        const prefix = AIPERF_STATS[stat];
        if (prefix) draft.set(`${prefix}_${into}_ms` as LatencyMetric, cellValue(row.cells[index]), cell(row, index), `${row.cells[0]} ${stat}`, scale);
      });
      continue;
    }
    const field: Field | undefined = AIPERF_VALUES[tag];
    if (field) {
      const index = header.indexOf('value') !== -1 ? header.indexOf('value') : header.indexOf('avg');
      if (index !== -1) draft.set(field, cellValue(row.cells[index]), cell(row, index), row.cells[0]);
    }
  }
  if (!sawMetrics) {
    context.issues.add(1, 1, notABenchmark(context.file, `expects a "Metric,avg,…" block of AIPerf statistics but found none (first line: ${JSON.stringify(rows[0]?.cells.join(',') ?? '')})`));
    return [];
  }
  const placement = placementFromPath(context.file);
  const folder = `folder ${baseName(folderOf(context.file))}`;
  draft.set('concurrency', placement.concurrency, () => ({ line: 1, column: 1 }), folder);
  if (!placement.concurrency) draft.set('request_rate', placement.request_rate, () => ({ line: 1, column: 1 }), folder);

  const count = draft.get('requests')?.raw;
  if (count !== undefined && Number(count) === 0) {
    for (const key of [...draft.fields.keys()]) if (key === 'throughput_tok_s' || key === 'request_throughput' || key.endsWith('_ms')) draft.delete(key);
    draft.set('status', 'error', () => ({ line: 1, column: 1 }));
  } else if (!draft.get('throughput_tok_s')) {
    context.issues.add(1, 1, notABenchmark(context.file, 'expects an "Output Token Throughput (tokens/sec)" row but found none'));
    return [];
  }
  const measurement = buildRun(draft, context, {
    tool: TOOL,
    where: () => ({ line: 1, column: 1 }),
    loadHint: 'the AIPerf CSV does not record the load; keep it in a folder named concurrency_<N> (as aiperf sweeps do) or read profile_export_aiperf.json instead',
  });
  return measurement ? [measurement] : [];
}

/** AIPerf / GenAI-Perf CSV: a header starting `Metric,avg` (the statistics block comes first). */
export const aiperfCsvReader: Reader = {
  name: TOOL,
  detect: ({ file, head }) => /\.csv$/i.test(file) && /^(?:metric|statistic),(avg|value)\b/.test(headerLine(head)),
  read: readAiperfCsv,
};
