/**
 * The shapes that flow through the pipeline: the one measurement record the readers build, and
 * the Report that pages and the CLI render. Everything here is plain, serialisable data.
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

/** A setting's value as the file or a labelling rule gives it. */
export type SettingValue = string | number;

/**
 * Every setting a run was made with: canonical names (`engine`, `tensor_parallel_size`,
 * `input_len`…, see settings.ts) and any metadata key a tool recorded, as written. Two runs are
 * repeats of one point only when their setups are equal, key for key.
 */
export type Setup = Record<string, SettingValue>;

/** What drives a sweep: requests in flight, or requests sent per second. */
export type LoadAxis = 'concurrency' | 'request_rate';

/**
 * The load a run was driven at. `unbounded` is every request sent at once with no concurrency
 * limit (vLLM `--request-rate inf`, GuideLLM's throughput profile): a ceiling, not an operating point.
 */
export type Load =
  | { axis: 'concurrency'; value: number }
  | { axis: 'request_rate'; value: number }
  | { axis: 'unbounded'; value: null };

/** What one run's per-request records say, reduced at the reader's edge (see requests.ts). */
export interface RequestStats {
  /** Requests in the records (successful, errored and incomplete). */
  total: number;
  /** Requests that succeeded. */
  succeeded: number;
  /** Requests that succeeded and met every bound of the workload's attainment SLO; null without one. */
  met: number | null;
  /** Output tokens of the requests that met the SLO; null without an SLO or without token counts. */
  met_output_tokens: number | null;
  /** Run duration in seconds the goodput is taken over, and where it came from. */
  duration_s: number | null;
  /** Our own percentiles from the records (numpy's linear method), in ms. */
  latency: Partial<Record<LatencyMetric, number>>;
  /** Quantiles 0, 1 … 100 % of each latency of the successful requests, for distribution charts. */
  quantiles: Partial<Record<'ttft' | 'tpot' | 'itl' | 'e2e', number[]>>;
  /** Percentiles the file also gives that differ from ours by more than 1%. */
  disagreements: { metric: LatencyMetric; file: number; ours: number }[];
}

/** One validated run: exactly one input row, or one run object of a tool's output. */
export interface Measurement {
  source: Source;
  /** Which reader produced it, e.g. `csv`, `vllm-bench-serve`. */
  tool: string;
  gpu: string;
  /** Lower-case workload name. */
  workload: string;
  load: Load;
  /** Output length asked for; null when the run set none (each request used its own). */
  max_new_tokens: number | null;
  /** Generated tokens per second of the whole system. */
  throughput_tok_s: number | null;
  /** Completed requests per second, when the file gives it. */
  request_throughput: number | null;
  /** Mean output and input tokens per request, when the file gives them. */
  mean_output_tokens: number | null;
  mean_input_tokens: number | null;
  /** Wall time of the run in seconds, when the file gives it. */
  duration_s: number | null;
  latency: Partial<Record<LatencyMetric, number>>;
  /** Completed requests. */
  requests: number | null;
  failed: number | null;
  status: Status;
  setup: Setup;
  /**
   * Which runs may be repeats of each other: the runs of one file, or of one sweep folder
   * (`run=0.json`, `run=1.json`). Equal runs of different groups could be different setups.
   */
  repeat_group: string;
  /** Summary of the run's per-request records, when the file holds them. */
  request_stats: RequestStats | null;
  /** The day the tool says the run was made (`YYYY-MM-DD`), when the file records one. */
  recorded_date?: string;
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

/** A file the folder config's `ignore` list skipped, with the rule that did. */
export interface IgnoredFile {
  file: string;
  rule: string;
}

/** A latency SLO: the first of `metrics` that a group's runs carry is judged against the threshold. */
export interface PercentileSlo {
  kind: 'percentile';
  /** Metrics tried in order for each group (a higher percentile is the conservative stand-in). */
  metrics: LatencyMetric[];
  threshold_ms: number;
}

/** Bounds of a joint SLO on each request; a request meets it when it succeeded and every bound holds. */
export interface RequestBounds {
  ttft_ms?: number;
  tpot_ms?: number;
  itl_ms?: number;
  e2e_ms?: number;
}

/** A joint, per-request SLO: the share of requests that must meet every bound. */
export interface AttainmentSlo {
  kind: 'attainment';
  bounds: RequestBounds;
  /** Share of requests that must meet the bounds, 0 < target ≤ 1. */
  target: number;
}

/** The SLO a workload is judged against, as configured. */
export type SloConfig = PercentileSlo | AttainmentSlo;

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

/** What a labelling rule of the folder config sets on the runs of the files it matches. */
export interface FileRule {
  /** The key as written: a path, a folder (`dir/`) or a glob (`**\/TP8_*\/*.json`). */
  match: string;
  /** Record fields and settings it sets (gpu, workload, concurrency, tensor_parallel_size, …). */
  values: Record<string, SettingValue>;
  /** A regular expression over the file's path whose named groups set fields and settings. */
  pattern: string | null;
}

/** One GPU of the folder config. */
export interface GpuConfig {
  memory_gib?: number;
  gpu_memory_utilization?: number;
  price_per_hour?: number;
}

/** Client demand of one workload, in exactly one unit. */
export type Demand =
  | { unit: 'requests_per_s'; value: number }
  | { unit: 'output_tok_s'; value: number }
  | { unit: 'concurrent_users'; value: number };

/** Per data folder settings, after defaults are applied. */
export interface ResolvedConfig {
  title: string;
  client: string | null;
  /** A date for the report (ISO `YYYY-MM-DD`), or null. */
  date: string | null;
  slo: { default: SloConfig; workloads: Record<string, SloConfig> };
  model: ModelArchitecture | null;
  /** Per GPU label: memory for the KV-cache budget and price for the capacity plan. */
  gpus: Record<string, GpuConfig>;
  /** Context length the KV-cache budget assumes when runs carry no max_model_len. */
  context_length: number | null;
  /** Labelling rules, in the order written. */
  files: FileRule[];
  /** Globs of files to skip. */
  ignore: string[];
  currency: string;
  demand: Record<string, Demand>;
  plan: { reserve_pct: number; hours_per_month: number };
  review: { noise_pct: number };
  /** Earlier experiments of this one, as written: folders relative to the config's folder. */
  history: string[];
  base: string;
  site: string | null;
  logo: string | null;
  accent: string;
  /** Where the config came from (relative file name) or null when defaults were used. */
  source: string | null;
}

/** The SLO of one group, resolved against its data. */
export interface GroupSlo {
  kind: 'percentile' | 'attainment';
  /** The metric judged (percentile SLOs), the first of the configured list the data carries. */
  metric: LatencyMetric;
  /** The configured list, in order. */
  metrics: LatencyMetric[];
  threshold_ms: number;
  /** Joint bounds and target of an attainment SLO (null for percentile SLOs). */
  bounds: RequestBounds | null;
  target: number | null;
  /**
   * How the group could be judged: `measured` (the metric is in the data), `requests` (an
   * attainment SLO judged on per-request records), `percentiles` (an attainment SLO judged on the
   * files' percentiles, no records) or `unmeasured` (nothing in the data can judge it).
   */
  judged: 'measured' | 'requests' | 'percentiles' | 'unmeasured';
  /** Whether the SLO could be judged at all. */
  measured: boolean;
  /** Latency metrics the group's runs do carry, for "cannot judge" messages. */
  available: LatencyMetric[];
}

/** One setup of a group, with its settings and how it is named. */
export interface SetupInfo {
  /** Stable, slug-like id inside the group (`s` + hash of the settings, or `default`). */
  id: string;
  settings: Setup;
  /** The settings that tell it apart from the group's other setups, in words (`SGLang · TP8 · 8192 in`). */
  label: string;
  /** Every setting in words, for the runs table and the Markdown report. */
  description: string;
  /** The load axis its points were mostly driven on. */
  axis: LoadAxis;
  /** Highest load at which every run of this setup on its axis was stable and reached its load. */
  max_stable_load: number | null;
}

/**
 * One point of a sweep: the runs of one GPU × workload × load × max_new_tokens × setup.
 * Figures are medians over repeats.
 */
export interface Point extends Pick<Measurement, 'load' | 'max_new_tokens' | 'throughput_tok_s' | 'request_throughput' | 'mean_output_tokens' | 'mean_input_tokens' | 'latency'> {
  /** Stable id, unique inside its group, used for anchors: e.g. `c16-t128`. */
  id: string;
  /** Id of its setup in the group's `setups`. */
  setup: string;
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
  /** False when fewer requests completed than the concurrency: the run never reached its load. */
  reached_load: boolean;
  /** Meets the group's SLO and may be an operating point (bounded load, reached, throughput > 0). */
  meets_slo: boolean;
  /** Per-request SLO attainment (0..1) and goodput, when the runs held per-request records. */
  slo_attainment: number | null;
  goodput_req_s: number | null;
  goodput_tok_s: number | null;
  requests_judged: number;
  /** Latency quantiles from per-request records (see RequestStats), for distribution charts. */
  quantiles: RequestStats['quantiles'] | null;
  /** Number of runs behind this point. */
  n: number;
  /** Min–max of throughput and SLO latency across repeats (equal to the value when n = 1). */
  spread: { throughput_tok_s: [number, number] | null; slo_latency_ms: [number, number] | null };
  sources: Source[];
  on_frontier: boolean;
  jitter_ridge: boolean;
}

/** Saturation of one series (setup × max_new_tokens). */
export interface Saturation {
  series: string;
  setup: string;
  max_new_tokens: number | null;
  axis: LoadAxis;
  peak_throughput_tok_s: number;
  peak_point: string;
  /** Lowest load reaching 90% of the peak; null when not saturated. */
  load: number | null;
  /** Highest stable load tested, reported when the series never saturates. */
  not_saturated_up_to: number | null;
  point: string;
}

/** One line of a chart: the points of one setup and max_new_tokens on one load axis, by load. */
export interface Series {
  id: string;
  setup: string;
  max_new_tokens: number | null;
  axis: LoadAxis;
  /** Point ids in ascending load. */
  points: string[];
}

/** A generated finding, with the points it rests on. */
export interface Finding {
  kind: 'no-streaming' | 'scaling' | 'jitter-ridge' | 'instability' | 'load-not-reached' | 'slo-unjudged';
  text: string;
  points: string[];
}

/** Everything known about one GPU × workload. */
export interface GroupReport {
  gpu: string;
  workload: string;
  slug: string;
  gpu_slug: string;
  workload_slug: string;
  slo: GroupSlo;
  setups: SetupInfo[];
  /** Setting keys whose values differ between the setups (empty with one setup). */
  differing: string[];
  /** The fewest of those that tell the setups apart: what setup labels and legends name. */
  naming: string[];
  points: Point[];
  series: Series[];
  /** Top 3 sweet spots, best first (ids into points). */
  sweet_spots: string[];
  /** The first sweet spot, or null. */
  recommendation: string | null;
  /** When nothing met a judged SLO: the stable point with the lowest SLO latency. */
  closest: string | null;
  /** The setup the group's headline figures are of: the recommendation's, else the peak's. */
  headline_setup: string;
  /** Max stable load of the headline setup, on its axis. */
  max_stable_load: { axis: LoadAxis; value: number } | null;
  /** Saturation of every series with at least two stable loads. */
  saturation: Saturation[];
  /** Saturation of the series holding the headline setup's peak throughput. */
  headline_saturation: Saturation | null;
  /** The highest throughput of a stable run, ceiling runs included. */
  max_throughput: { value: number; point: string } | null;
  findings: Finding[];
  /** Loads tested on each axis and max_new_tokens values, ascending. */
  concurrencies: number[];
  request_rates: number[];
  max_new_tokens: number[];
  /** Input files that contributed. */
  files: string[];
  /** Tools whose readers read those files. */
  tools: string[];
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

/** Where one replica's capacity in the demand's unit comes from. */
export type PlanCapacitySource = 'throughput' | 'concurrency' | 'request_throughput' | 'mean_output_tokens' | 'max_new_tokens';

/** One GPU × workload (× setup) of the capacity plan: the recommendation sized for the demand and priced. */
export interface PlanRow {
  workload: string;
  gpu: string;
  /** Slug of the group, and the setup and point the row rests on. */
  group: string;
  setup: string;
  setup_label: string;
  /** Whether the group has several setups (then each is planned on its own). */
  several_setups: boolean;
  point: string;
  /** Whether the point is the group's recommendation (else the best sweet spot of another setup). */
  recommended: boolean;
  /** Tensor × pipeline × data parallel size of the run (1 each when not recorded). */
  gpus_per_replica: number;
  throughput_tok_s: number;
  demand: Demand | null;
  reserve_pct: number;
  /** One replica's capacity in the demand's unit (output tok/s without a demand); null when the run cannot give it. */
  capacity: { unit: Demand['unit']; per_replica: number | null; source: PlanCapacitySource | null };
  /** Null without a demand or a capacity. */
  replicas: number | null;
  gpus: number | null;
  /** Share (%) of the last replica's capacity the demand with its reserve takes. */
  last_replica_utilisation_pct: number | null;
  price_per_hour: number | null;
  currency: string;
  hours_per_month: number;
  cost_per_mtok_output: number | null;
  /** Input and output tokens per second, when the run's mean input length is measured. */
  total_tok_s: number | null;
  /** Per 1M input and output tokens, when the run's mean input length is known. */
  cost_per_mtok_total: number | null;
  monthly_cost: number | null;
  /** Lowest monthly cost of its workload (ties: fewer GPUs). */
  cheapest: boolean;
}

/**
 * A figure the data cannot give: shown as "not measured" on pages, listed for the engineer, and a
 * failed build under `--strict`. The key is stable: `<group slug or gpu:label>|<point id or ''>|<field>`.
 */
export interface Gap {
  key: string;
  /** The group's slug, or null for a GPU-wide figure (the KV-cache budget). */
  group: string | null;
  gpu: string;
  workload: string | null;
  /** The point id, or null for a figure of the whole group. */
  point: string | null;
  /** The missing field as the record names it (`p95_ttft_ms`, `model.layers`, `context_length`). */
  field: string;
  /** What is missing, in the client's words (`p95 TTFT`). */
  what: string;
  /** What the engineer can do, naming the file or setting. */
  hint: string;
  /** Files the figure would come from. */
  files: string[];
}

/** A percentile a file gives beside its per-request records that differs from ours by more than 1%. */
export interface PercentileDisagreement {
  file: string;
  line: number;
  metric: LatencyMetric;
  /** The file's own value (the one the pages show), in ms. */
  theirs: number;
  /** Ours from the records (numpy's linear method), in ms. */
  ours: number;
}

/** The whole analysis: one plain, serialisable object. */
export interface Report {
  title: string;
  client: string | null;
  config: ResolvedConfig;
  files: FileProvenance[];
  ignored: IgnoredFile[];
  groups: GroupReport[];
  gpus: { label: string; slug: string }[];
  workloads: { name: string; slug: string }[];
  kv_budgets: KvBudget[];
  gaps: Gap[];
  measurements: number;
  /** Percentiles of the files that differ from ours by more than 1%, in the order the runs were read. */
  disagreements: PercentileDisagreement[];
  /** The capacity plan (empty without a recommendation), by workload, cheapest first. */
  plan: PlanRow[];
}
