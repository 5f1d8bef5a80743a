import { defaultConfig } from '../../../src/core/config.ts';
import { IssueList } from '../../../src/core/issues.ts';
import { NO_DEFAULTS, type RecordDefaults } from '../../../src/core/record.ts';
import { readCapacityCsv } from '../../../src/core/readers/capacity-csv.ts';
import type { Load, Measurement } from '../../../src/core/types.ts';

/** Defaults as the loader gives them, from plain labels. */
export function defaults(values: Record<string, string | number>): RecordDefaults {
  return { values, origin: Object.fromEntries(Object.keys(values).map((k) => [k, 'the file name'])) };
}

/** Reads CSV text as the loader would, returning measurements and formatted issues. */
export function readCsv(text: string, file = 'sweep.csv', labels: RecordDefaults = NO_DEFAULTS) {
  const issues = new IssueList(file);
  const measurements = readCapacityCsv(text, { file, defaults: labels, issues, rejected: [], files: [file] });
  return { measurements, issues: issues.items.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`) };
}

let line = 1;

/** Options of a test measurement: its load in short form, p95 e2e and TTFT, and any field. */
export type MeasurementFields = Partial<Omit<Measurement, 'load'>> & {
  concurrency?: number;
  rate?: number;
  unbounded?: boolean;
  p95?: number;
  ttft?: number;
};

/** A measurement with sensible defaults (concurrency 1, 128 tokens, 100 tok/s), for analysis tests. */
export function m(fields: MeasurementFields = {}): Measurement {
  const { p95, ttft, concurrency, rate, unbounded, ...rest } = fields;
  const latency = { ...(p95 !== undefined ? { p95_e2e_ms: p95 } : {}), ...(ttft !== undefined ? { p95_ttft_ms: ttft } : {}), ...rest.latency };
  const load: Load = unbounded ? { axis: 'unbounded', value: null } : rate !== undefined ? { axis: 'request_rate', value: rate } : { axis: 'concurrency', value: concurrency ?? 1 };
  const source = rest.source ?? { file: 'test.csv', line: ++line };
  return {
    source,
    tool: 'csv',
    gpu: 'GPU-A',
    workload: 'chat',
    load,
    max_new_tokens: 128,
    throughput_tok_s: 100,
    request_throughput: null,
    mean_output_tokens: null,
    mean_input_tokens: null,
    duration_s: null,
    requests: null,
    failed: null,
    status: 'ok',
    setup: {},
    repeat_group: source.file,
    request_stats: null,
    ...rest,
    latency,
  };
}

/** The default configuration (chat ≤ 2000 ms, others ≤ 5000 ms on p95 e2e). */
export const config = defaultConfig;
