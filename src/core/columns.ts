/**
 * The column vocabulary of the measurement record: canonical field names, the other names
 * harnesses write, and latency columns matched by pattern (a `_s` suffix means seconds).
 * A header that names a setting (settings.ts) resolves to that setting.
 */
import { settingFor } from './settings.ts';
import { LATENCY_METRICS, type LatencyMetric } from './types.ts';

/** Every measured field of the record (settings are named in settings.ts). */
export const FIELDS = [
  'gpu', 'workload', 'concurrency', 'request_rate', 'max_new_tokens',
  'throughput_tok_s', 'request_throughput', 'mean_output_tokens', 'mean_input_tokens', 'duration_s',
  ...LATENCY_METRICS,
  'requests', 'failed', 'status',
] as const;

/** One measured field. */
export type Field = (typeof FIELDS)[number];

/** What a header (or a key of a tool's record) resolves to. */
export type ColumnMapping =
  | { kind: 'field'; field: Field; scale: number }
  | { kind: 'setting'; key: string };

const FIELD_SET: ReadonlySet<string> = new Set(FIELDS);
const LATENCY_SET: ReadonlySet<string> = new Set(LATENCY_METRICS);

// Other names seen in real harness output; latency columns are matched by pattern below instead.
const ALIASES: Readonly<Record<string, Field>> = {
  max_concurrency: 'concurrency',
  num_concurrent_requests: 'concurrency',
  max_tokens: 'max_new_tokens',
  max_output_tokens: 'max_new_tokens',
  output_len: 'max_new_tokens',
  output_throughput: 'throughput_tok_s',
  output_throughput_tok_s: 'throughput_tok_s',
  output_tok_s: 'throughput_tok_s',
  throughput: 'throughput_tok_s',
  request_throughput_req_s: 'request_throughput',
  req_s: 'request_throughput',
  duration: 'duration_s',
  completed: 'requests',
  num_requests: 'requests',
  errors: 'failed',
  num_failed: 'failed',
  qps: 'request_rate',
  rate: 'request_rate',
};

const STAT_NAMES: Readonly<Record<string, string>> = { median: 'p50', avg: 'mean', average: 'mean' };
const METRIC_NAMES: Readonly<Record<string, string>> = {
  e2e: 'e2e', e2el: 'e2e', latency: 'e2e', e2e_latency: 'e2e', request_latency: 'e2e', end_to_end_latency: 'e2e',
  ttft: 'ttft', tpot: 'tpot', itl: 'itl',
};
const LATENCY_PATTERN = /^(mean|median|avg|average|p\d{1,2})_([a-z0-9_]+?)(?:_(ms|s))?$/;

/** Normalises a header cell: trimmed, lower-case, runs of spaces or dashes as `_`. */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * Resolves a header cell to a field or a known setting, or null for a column the record does not
 * use (such columns are ignored, not rejected: harnesses add their own).
 */
export function resolveColumn(header: string): ColumnMapping | null {
  const name = normaliseHeader(header);
  if (FIELD_SET.has(name)) return { kind: 'field', field: name as Field, scale: 1 };
  const alias = ALIASES[name];
  if (alias) return { kind: 'field', field: alias, scale: 1 };
  const latency = resolveLatency(name);
  if (latency) return { kind: 'field', field: latency.metric, scale: latency.scale };
  const setting = settingFor(name);
  return setting ? { kind: 'setting', key: setting.key } : null;
}

/** A latency column name (`p95_e2el_ms`, `median_ttft_s`…) as a metric and the factor to milliseconds. */
export function resolveLatency(name: string): { metric: LatencyMetric; scale: number } | null {
  const match = LATENCY_PATTERN.exec(name);
  if (!match) return null;
  const [, rawStat = '', rawMetric = '', unit] = match;
  const stat = STAT_NAMES[rawStat] ?? rawStat;
  const metric = METRIC_NAMES[rawMetric];
  if (!metric) return null;
  const field = `${stat}_${metric}_ms`;
  if (!LATENCY_SET.has(field)) return null;
  return { metric: field as LatencyMetric, scale: unit === 's' ? 1000 : 1 };
}

/** True for fields that hold latencies in milliseconds. */
export function isLatencyField(field: string): field is LatencyMetric {
  return LATENCY_SET.has(field);
}

/** True for a canonical measured field name. */
export function isField(name: string): name is Field {
  return FIELD_SET.has(name);
}
