/**
 * The shapes that flow through the pipeline: raw records from readers, validated measurements,
 * and the Report that pages and the CLI render. Everything here is plain, serialisable data.
 */

/** Where a value came from: a data file (relative to the data folder, `/`-separated) and a 1-based line. */
export interface Source {
  file: string;
  line: number;
}

/** Outcome of one benchmark run; anything but `ok` is a run that did not finish cleanly. */
export type Status = 'ok' | 'oom' | 'error' | 'timeout';

/** Every status, in the order pages list them. */
export const STATUSES: readonly Status[] = ['ok', 'oom', 'error', 'timeout'];

/** Latency metrics the record carries, all in milliseconds. */
export const LATENCY_METRICS = [
  'mean_e2e_ms', 'p50_e2e_ms', 'p90_e2e_ms', 'p95_e2e_ms', 'p99_e2e_ms',
  'mean_ttft_ms', 'p50_ttft_ms', 'p90_ttft_ms', 'p95_ttft_ms', 'p99_ttft_ms',
  'mean_tpot_ms', 'p50_tpot_ms', 'p90_tpot_ms', 'p95_tpot_ms', 'p99_tpot_ms',
  'mean_itl_ms', 'p50_itl_ms', 'p90_itl_ms', 'p95_itl_ms', 'p99_itl_ms',
] as const;

/** One latency metric name, e.g. `p95_e2e_ms`. */
export type LatencyMetric = (typeof LATENCY_METRICS)[number];

/** Server configuration fields of a run (all optional). */
export interface ServerConfig {
  model?: string;
  dtype?: string;
  max_model_len?: number;
  max_num_seqs?: number;
  gpu_memory_utilization?: number;
  tensor_parallel_size?: number;
  kv_cache_tokens?: number;
}

/** One validated point of a sweep, exactly one input row (or one run object of a tool's JSON). */
export interface Measurement {
  source: Source;
  /** Which reader produced it, e.g. `csv`, `vllm-bench-serve`. */
  tool: string;
  gpu: string;
  /** Lower-case workload name. */
  workload: string;
  /** Concurrent requests in flight; null for runs driven by request rate. */
  concurrency: number | null;
  /** Offered request rate in requests/s for rate-driven runs; null otherwise. */
  request_rate: number | null;
  max_new_tokens: number | null;
  throughput_tok_s: number | null;
  latency: Partial<Record<LatencyMetric, number>>;
  requests: number | null;
  failed: number | null;
  status: Status;
  server: ServerConfig;
}

/**
 * A Measurement as the report fold reads it, with its latencies by index instead of in an
 * object. A reader may fill one row object again and again (a million rows, no million objects):
 * only `source` is a new object each time, since the report keeps it.
 */
export interface MeasurementRow {
  source: Source;
  gpu: string;
  workload: string;
  concurrency: number | null;
  request_rate: number | null;
  max_new_tokens: number | null;
  throughput_tok_s: number | null;
  /** Latency values by LATENCY_METRICS index; only the first `metricCount` indexes of `metrics` are set. */
  latency: Float64Array;
  /** Indexes of the latency metrics the row has, in the order they were read. */
  metrics: number[];
  metricCount: number;
  requests: number | null;
  failed: number | null;
  status: Status;
  server: ServerConfig;
}

/** Where measurements can go one at a time, as objects or as rows (see MeasurementRow). */
export interface MeasurementSink {
  add(measurement: Measurement): void;
  addRow(row: MeasurementRow): void;
}

/** A problem with input data, located at file:line:column (line 1 is a CSV header). */
export interface DataIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** What was read from one input file. */
export interface FileProvenance {
  file: string;
  sha256: string;
  bytes: number;
  /** Reader that recognised the file. */
  tool: string;
  rows_read: number;
  /** Rows or records that were skipped, with the reason (never silently). */
  rows_rejected: DataIssue[];
}

/** The SLO a workload is judged against. */
export interface Slo {
  metric: LatencyMetric;
  threshold_ms: number;
}

/** Model architecture for the KV-cache arithmetic. */
export interface ModelArchitecture {
  name?: string;
  layers: number;
  kv_heads: number;
  head_dim: number;
  bytes_per_element: number;
  /** Weights in GiB; with overhead it is subtracted from usable memory. */
  weights_gib: number;
  overhead_gib: number;
}

/** Per data folder settings, after defaults are applied. */
export interface ResolvedConfig {
  title: string;
  client: string | null;
  slo: { default: Slo; workloads: Record<string, Slo> };
  model: ModelArchitecture | null;
  /** GPU memory (GiB) and vLLM's gpu_memory_utilization, keyed by GPU label. */
  gpus: Record<string, { memory_gib: number; gpu_memory_utilization?: number }>;
  /** Context length the KV-cache budget assumes when rows carry no max_model_len. */
  context_length: number | null;
  /** Labels for files that carry no gpu or workload: file path (relative, glob-free) → labels. */
  files: Record<string, { gpu?: string; workload?: string }>;
  base: string;
  site: string | null;
  logo: string | null;
  accent: string;
  /** Where the config came from (relative file name) or null when defaults were used. */
  source: string | null;
}

/**
 * One point of a sweep: the measurements of the same gpu, workload, concurrency (or rate),
 * max_new_tokens and server config. Figures are medians over repeats.
 */
export interface Point {
  /** Stable id, unique inside its group, used for anchors: e.g. `c16-t128`. */
  id: string;
  concurrency: number | null;
  request_rate: number | null;
  max_new_tokens: number | null;
  throughput_tok_s: number | null;
  latency: Partial<Record<LatencyMetric, number>>;
  /** Value of the group's SLO metric, or null when not measured. */
  slo_latency_ms: number | null;
  /** (1 − latency / threshold) × 100, one decimal; null when latency is not measured. */
  headroom_pct: number | null;
  requests: number | null;
  failed: number | null;
  /** Worst status among repeats. */
  status: Status;
  /** Status ok and no failed request in every repeat. */
  stable: boolean;
  /** Stable, SLO latency measured and within threshold, throughput > 0. */
  meets_slo: boolean;
  server: ServerConfig;
  /** Number of repeats behind this point. */
  n: number;
  /** Min–max of throughput and SLO latency across repeats (equal to the value when n = 1). */
  spread: { throughput_tok_s: [number, number] | null; slo_latency_ms: [number, number] | null };
  sources: Source[];
  on_frontier: boolean;
  jitter_ridge: boolean;
}

/** Saturation of one max_new_tokens series. */
export interface Saturation {
  max_new_tokens: number | null;
  peak_throughput_tok_s: number;
  peak_point: string;
  /** Lowest concurrency reaching 90% of the peak; null when not saturated. */
  concurrency: number | null;
  /** Highest stable concurrency tested, reported when the series never saturates. */
  not_saturated_up_to: number | null;
  point: string;
}

/** A generated finding, with the points it rests on. */
export interface Finding {
  kind: 'no-streaming' | 'scaling' | 'jitter-ridge' | 'instability';
  text: string;
  points: string[];
}

/** A figure the data cannot give, shown as "not measured" on pages. */
export interface Gap {
  where: string;
  what: string;
  hint: string;
}

/** Everything known about one GPU × workload. */
export interface GroupReport {
  gpu: string;
  workload: string;
  slug: string;
  gpu_slug: string;
  workload_slug: string;
  slo: Slo;
  points: Point[];
  /** Top 3 sweet spots, best first (ids into points). */
  sweet_spots: string[];
  /** The first sweet spot, or null. */
  recommendation: string | null;
  /** When nothing met the SLO: the stable point with the lowest SLO latency (else any point). */
  closest: string | null;
  max_stable_concurrency: number | null;
  /** Series saturation, one per max_new_tokens, in ascending max_new_tokens. */
  saturation: Saturation[];
  /** Saturation of the series holding the peak throughput. */
  headline_saturation: Saturation | null;
  max_throughput: { value: number; point: string } | null;
  findings: Finding[];
  /** Concurrency values and max_new_tokens values tested, ascending. */
  concurrencies: number[];
  request_rates: number[];
  max_new_tokens: number[];
  /** Input files that contributed. */
  files: string[];
}

/** KV-cache budget of one GPU from the folder config. */
export interface KvBudget {
  gpu: string;
  bytes_per_token: number;
  kv_tokens: number;
  kv_tokens_source: 'measured' | 'computed';
  /** GPU memory and utilisation behind a computed budget (null when measured). */
  memory_gib: number | null;
  gpu_memory_utilization: number | null;
  context_length: number;
  max_concurrent_sequences: number;
  measured_max_stable_concurrency: number | null;
}

/** The whole analysis: one plain, serialisable object. */
export interface Report {
  title: string;
  client: string | null;
  config: ResolvedConfig;
  files: FileProvenance[];
  groups: GroupReport[];
  gpus: { label: string; slug: string }[];
  workloads: { name: string; slug: string }[];
  kv_budgets: KvBudget[];
  gaps: Gap[];
  measurements: number;
}
