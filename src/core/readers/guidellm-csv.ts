import type { Field } from '../columns.ts';
import { isDecimal, type Position } from '../record.ts';
import type { Measurement } from '../types.ts';
import { cellColumn, csvRows, headerLine, isBlank, type CsvRow } from './csv-rows.ts';
import { notABenchmark } from './hints.ts';
import { buildRun, Draft, type Reader, type ReaderContext } from './reader.ts';

/**
 * A CSV flattened from GuideLLM reports (`source_file,profile,rate,…`, as written by
 * llm-d-style `parse_benchmarks.py` scripts): one row per benchmark, `-` for a missing value,
 * request latency in seconds, TTFT and ITL in milliseconds. It has no output-throughput column:
 * throughput = rps_mean × output_tokens_mean (successful requests/s × output tokens per request).
 */

const TOOL = 'guidellm-csv';

// Column → record field and unit factor. GuideLLM's ITL is per request (latency − TTFT) /
// (tokens − 1): our TPOT (see METRICS.md).
const COLUMNS: Readonly<Record<string, { field: Field; scale: number }>> = {
  ttft_mean_ms: { field: 'mean_ttft_ms', scale: 1 },
  ttft_median_ms: { field: 'p50_ttft_ms', scale: 1 },
  ttft_p90_ms: { field: 'p90_ttft_ms', scale: 1 },
  ttft_p95_ms: { field: 'p95_ttft_ms', scale: 1 },
  ttft_p99_ms: { field: 'p99_ttft_ms', scale: 1 },
  itl_mean_ms: { field: 'mean_tpot_ms', scale: 1 },
  itl_median_ms: { field: 'p50_tpot_ms', scale: 1 },
  itl_p90_ms: { field: 'p90_tpot_ms', scale: 1 },
  itl_p95_ms: { field: 'p95_tpot_ms', scale: 1 },
  itl_p99_ms: { field: 'p99_tpot_ms', scale: 1 },
  req_latency_mean_s: { field: 'mean_e2e_ms', scale: 1000 },
  req_latency_median_s: { field: 'p50_e2e_ms', scale: 1000 },
  req_latency_p90_s: { field: 'p90_e2e_ms', scale: 1000 },
  req_latency_p95_s: { field: 'p95_e2e_ms', scale: 1000 },
  req_latency_p99_s: { field: 'p99_e2e_ms', scale: 1000 },
  error_requests: { field: 'failed', scale: 1 },
  duration_s: { field: 'duration_s', scale: 1 },
  rps_mean: { field: 'request_throughput', scale: 1 },
  output_tokens_mean: { field: 'mean_output_tokens', scale: 1 },
  prompt_tokens_mean: { field: 'mean_input_tokens', scale: 1 },
};

/** Reads every benchmark row of a GuideLLM-derived CSV. */
export function readGuidellmCsv(text: string, context: ReaderContext): Measurement[] {
  const rows = csvRows(text, context.issues);
  if (!rows) return [];
  const data = rows.filter((row) => !isBlank(row));
  const header = data.shift();
  if (!header) return [];
  const index = new Map(header.cells.map((name, i) => [name.toLowerCase(), i]));
  for (const required of ['profile', 'rps_mean', 'output_tokens_mean']) {
    if (!index.has(required)) {
      context.issues.add(1, 1, notABenchmark(context.file, `expects a ${required} column in a GuideLLM CSV but the header has: ${header.cells.join(', ')}`));
      return [];
    }
  }
  const measurements: Measurement[] = [];
  for (const row of data) {
    const measurement = readRow(row, index, text, context);
    if (measurement) measurements.push(measurement);
  }
  return measurements;
}

/**
 * The load of a row from its profile. `throughput` sends every request at once (GuideLLM's
 * ceiling run): an unbounded load. `source_file` names the benchmark (`concurrent16`,
 * `sweep[3]`) and embeds the load, so it is not a setting; a Poisson profile is (`arrivals`).
 */
function draftLoad(draft: Draft, profile: string, value: (name: string) => string | undefined, at: (name: string) => () => Position): boolean {
  switch (profile) {
    case 'synchronous':
      draft.set('concurrency', 1, at('profile'), 'profile synchronous');
      return true;
    case 'concurrent': {
      // The stream count is GuideLLM's --rate for this profile; such CSVs keep it in the benchmark name.
      const streams = value('rate') ?? /(\d+)$/.exec(value('source_file') ?? '')?.[1];
      draft.set('concurrency', streams, value('rate') ? at('rate') : at('source_file'), value('rate') ? 'rate' : 'source_file');
      return true;
    }
    case 'constant': case 'poisson':
      draft.set('request_rate', value('rate'), at('rate'), 'rate');
      // Poisson arrivals come in bursts that constant ones (a sweep's rate steps) do not: at one
      // rate they are two setups, never repeats of one point.
      if (profile === 'poisson') draft.setting('arrivals', 'Poisson', at('profile'), 'profile');
      return true;
    case 'throughput':
      draft.set('request_rate', 'inf', at('profile'), 'profile throughput');
      return true;
    default:
      return false;
  }
}

function readRow(row: CsvRow, index: Map<string, number>, text: string, context: ReaderContext): Measurement | null {
  const value = (name: string): string | undefined => {
    const i = index.get(name);
    const cell = i === undefined ? undefined : row.cells[i];
    return cell === undefined || cell === '' || cell === '-' ? undefined : cell;
  };
  const at = (name: string) => (): Position => ({ line: row.line, column: cellColumn(text, row, index.get(name) ?? 0) });
  const draft = new Draft();
  const profile = (value('profile') ?? '').toLowerCase();
  if (!draftLoad(draft, profile, value, at)) {
    context.issues.add(row.line, cellColumn(text, row, index.get('profile') ?? 0),
      `profile expects synchronous, concurrent, constant, poisson or throughput but found ${JSON.stringify(value('profile') ?? '')}`);
    return null;
  }
  for (const [name, { field, scale }] of Object.entries(COLUMNS)) {
    draft.set(field, value(name), at(name), name, scale);
  }
  // Successful requests: total minus errored (GuideLLM's request totals count errors in the total).
  const total = value('total_requests');
  const errors = value('error_requests') ?? '0';
  if (total !== undefined && isDecimal(total) && isDecimal(errors) && Number(total) >= Number(errors)) {
    draft.set('requests', Number(total) - Number(errors), at('total_requests'), 'total_requests − error_requests');
  } else {
    draft.set('requests', total, at('total_requests'), 'total_requests');
  }
  const rps = value('rps_mean');
  const tokens = value('output_tokens_mean');
  for (const [name, raw] of [['rps_mean', rps], ['output_tokens_mean', tokens]] as const) {
    if (raw !== undefined && !isDecimal(raw)) {
      const where = at(name)();
      context.issues.add(where.line, where.column, `${name} expects a number of 0 or more but found ${JSON.stringify(raw)}`);
      return null;
    }
  }
  if (rps === undefined || tokens === undefined) {
    const where = at(rps === undefined ? 'rps_mean' : 'output_tokens_mean')();
    context.issues.add(where.line, where.column, 'expects rps_mean and output_tokens_mean (their product is the output throughput) but found "-" or nothing');
    return null;
  }
  draft.set('throughput_tok_s', Number(rps) * Number(tokens), at('rps_mean'), 'rps_mean × output_tokens_mean');
  return buildRun(draft, context, {
    tool: TOOL,
    where: () => ({ line: row.line, column: 1 }),
    loadHint: 'the profile column gives it (and rate, for constant and poisson rows)',
  });
}

/** A GuideLLM-derived CSV: a header with `profile`, `rps_mean` and `req_latency_…_s` columns. */
export const guidellmCsvReader: Reader = {
  name: TOOL,
  detect: ({ file, head }) => {
    if (!/\.csv$/i.test(file)) return false;
    const columns = headerLine(head).split(',').map((c) => c.trim());
    return columns.includes('profile') && columns.includes('rps_mean') && columns.some((c) => /^req_latency_\w+_s$/.test(c));
  },
  read: readGuidellmCsv,
};
