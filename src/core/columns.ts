import { LATENCY_METRICS, type LatencyMetric } from './types.ts';

/** Every canonical field of the measurement record, as readers name them. */
export const FIELDS = [
  'gpu', 'workload', 'concurrency', 'request_rate', 'max_new_tokens', 'throughput_tok_s',
  ...LATENCY_METRICS,
  'requests', 'failed', 'status',
  'model', 'dtype', 'max_model_len', 'max_num_seqs', 'gpu_memory_utilization',
  'tensor_parallel_size', 'kv_cache_tokens',
] as const;

/** One canonical field name. */
export type Field = (typeof FIELDS)[number];

/** A header resolved to a canonical field, with the factor that converts its unit. */
export interface ColumnMapping {
  field: Field;
  /** Multiply parsed numbers by this (1000 for latencies given in seconds). */
  scale: number;
}

const FIELD_SET: ReadonlySet<string> = new Set(FIELDS);
const LATENCY_SET: ReadonlySet<string> = new Set(LATENCY_METRICS);

// Aliases seen in real harness output; latency columns are matched by pattern below instead.
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
  completed: 'requests',
  num_requests: 'requests',
  errors: 'failed',
  num_failed: 'failed',
  qps: 'request_rate',
  rate: 'request_rate',
  tp: 'tensor_parallel_size',
  tensor_parallel: 'tensor_parallel_size',
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
 * Resolves a header cell to a canonical field, or null for a column the record does not use
 * (such columns are ignored, not rejected: harnesses add their own).
 */
export function resolveColumn(header: string): ColumnMapping | null {
  const name = normaliseHeader(header);
  if (FIELD_SET.has(name)) return { field: name as Field, scale: 1 };
  const alias = ALIASES[name];
  if (alias) return { field: alias, scale: 1 };
  const latency = resolveLatency(name);
  return latency;
}

function resolveLatency(name: string): ColumnMapping | null {
  const match = LATENCY_PATTERN.exec(name);
  if (!match) return null;
  const [, rawStat = '', rawMetric = '', unit] = match;
  const stat = STAT_NAMES[rawStat] ?? rawStat;
  const metric = METRIC_NAMES[rawMetric];
  if (!metric) return null;
  const field = `${stat}_${metric}_ms`;
  if (!LATENCY_SET.has(field)) return null;
  return { field: field as LatencyMetric, scale: unit === 's' ? 1000 : 1 };
}

/** True for fields that hold latencies in milliseconds. */
export function isLatencyField(field: Field): field is LatencyMetric {
  return LATENCY_SET.has(field);
}
