/**
 * The Zod schema of the content collection: the Report as the data core builds it. The loader
 * stores the core's object unchanged; the schema checks the contract between core and pages (a
 * core change that breaks a page fails the build here, with the field's path).
 */
import { z } from 'astro/zod';
import { LATENCY_METRICS, STATUSES } from '../core/types.ts';
import { reviewSchema } from './review-schema.ts';

const count = z.number().int().nonnegative();
const figure = z.number().finite();
const range = z.tuple([figure, figure]).nullable();
const metric = z.enum(LATENCY_METRICS);
const setting = z.union([z.string(), z.number()]);
const axis = z.enum(['concurrency', 'request_rate']);
const latency = z.partialRecord(metric, figure.nonnegative());
const bounds = z.object({ ttft_ms: z.number().optional(), tpot_ms: z.number().optional(), itl_ms: z.number().optional(), e2e_ms: z.number().optional() });

const load = z.discriminatedUnion('axis', [
  z.object({ axis: z.literal('concurrency'), value: z.number().int().positive() }),
  z.object({ axis: z.literal('request_rate'), value: z.number().positive() }),
  z.object({ axis: z.literal('unbounded'), value: z.null() }),
]);

const point = z.object({
  id: z.string().regex(/^[a-z0-9_-]+$/),
  setup: z.string(),
  load,
  max_new_tokens: z.number().int().positive().nullable(),
  throughput_tok_s: figure.nonnegative().nullable(),
  request_throughput: figure.nullable(),
  mean_output_tokens: figure.nullable(),
  mean_input_tokens: figure.nullable(),
  latency,
  slo_latency_ms: figure.nonnegative().nullable(),
  headroom_pct: figure.nullable(),
  requests: count.nullable(),
  failed: count.nullable(),
  status: z.enum(STATUSES),
  stable: z.boolean(),
  reached_load: z.boolean(),
  meets_slo: z.boolean(),
  slo_attainment: z.number().min(0).max(1).nullable(),
  goodput_req_s: figure.nullable(),
  goodput_tok_s: figure.nullable(),
  requests_judged: count,
  quantiles: z.partialRecord(z.enum(['ttft', 'tpot', 'itl', 'e2e']), z.array(figure)).nullable(),
  n: z.number().int().positive(),
  spread: z.object({ throughput_tok_s: range, slo_latency_ms: range }),
  sources: z.array(z.object({ file: z.string().min(1), line: z.number().int().positive() })).min(1),
  on_frontier: z.boolean(),
  jitter_ridge: z.boolean(),
});

const saturation = z.object({
  series: z.string(), setup: z.string(), max_new_tokens: z.number().nullable(), axis,
  peak_throughput_tok_s: figure, peak_point: z.string(), load: z.number().nullable(), not_saturated_up_to: z.number().nullable(), point: z.string(),
});

const group = z.object({
  gpu: z.string().min(1),
  workload: z.string().min(1),
  slug: z.string(),
  gpu_slug: z.string().regex(/^[a-z0-9-]+$/),
  workload_slug: z.string().regex(/^[a-z0-9-]+$/),
  slo: z.object({
    kind: z.enum(['percentile', 'attainment']), metric, metrics: z.array(metric), threshold_ms: z.number().positive(),
    bounds: bounds.nullable(), target: z.number().nullable(), judged: z.enum(['measured', 'requests', 'percentiles', 'unmeasured']),
    measured: z.boolean(), available: z.array(metric),
  }),
  setups: z.array(z.object({
    id: z.string(), settings: z.record(z.string(), setting), label: z.string(), description: z.string(), axis, max_stable_load: z.number().nullable(),
  })).min(1),
  differing: z.array(z.string()),
  naming: z.array(z.string()),
  points: z.array(point).min(1),
  series: z.array(z.object({ id: z.string(), setup: z.string(), max_new_tokens: z.number().nullable(), axis, points: z.array(z.string()) })),
  sweet_spots: z.array(z.string()).max(3),
  recommendation: z.string().nullable(),
  closest: z.string().nullable(),
  headline_setup: z.string(),
  max_stable_load: z.object({ axis, value: z.number() }).nullable(),
  saturation: z.array(saturation),
  headline_saturation: saturation.nullable(),
  max_throughput: z.object({ value: figure, point: z.string() }).nullable(),
  findings: z.array(z.object({ kind: z.enum(['no-streaming', 'scaling', 'jitter-ridge', 'instability', 'load-not-reached', 'slo-unjudged']), text: z.string(), points: z.array(z.string()) })),
  concurrencies: z.array(z.number()),
  request_rates: z.array(z.number()),
  max_new_tokens: z.array(z.number()),
  files: z.array(z.string()),
  tools: z.array(z.string()),
});

const issue = z.object({ file: z.string(), line: z.number().int(), column: z.number().int(), message: z.string() });
const sloConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percentile'), metrics: z.array(metric).min(1), threshold_ms: z.number().positive() }),
  z.object({ kind: z.literal('attainment'), bounds, target: z.number() }),
]);

const demandSchema = z.object({ unit: z.enum(['requests_per_s', 'output_tok_s', 'concurrent_users']), value: z.number().positive() });
const planRow = z.object({
  workload: z.string(), gpu: z.string(), group: z.string(), setup: z.string(), setup_label: z.string(), several_setups: z.boolean(),
  point: z.string(), recommended: z.boolean(), gpus_per_replica: z.number().int().positive(), throughput_tok_s: z.number().positive(),
  demand: demandSchema.nullable(), reserve_pct: z.number(),
  capacity: z.object({ unit: demandSchema.shape.unit, per_replica: z.number().positive().nullable(), source: z.enum(['throughput', 'concurrency', 'request_throughput', 'mean_output_tokens', 'max_new_tokens']).nullable() }),
  replicas: z.number().int().positive().nullable(), gpus: z.number().int().positive().nullable(), last_replica_utilisation_pct: z.number().nullable(),
  price_per_hour: z.number().positive().nullable(), currency: z.string(), hours_per_month: z.number(),
  cost_per_mtok_output: z.number().nullable(), total_tok_s: z.number().nullable(), cost_per_mtok_total: z.number().nullable(), monthly_cost: z.number().nullable(), cheapest: z.boolean(),
});

/** The Report as the core builds it. */
export const reportDataSchema = z.object({
  title: z.string().min(1),
  client: z.string().nullable(),
  config: z.object({
    title: z.string(),
    client: z.string().nullable(),
    date: z.string().nullable(),
    slo: z.object({ default: sloConfig, workloads: z.record(z.string(), sloConfig) }),
    model: z.object({
      name: z.string().optional(), layers: z.number(), kv_heads: z.number(), head_dim: z.number(),
      bytes_per_element: z.number(), weights_gib: z.number(), overhead_gib: z.number(),
    }).nullable(),
    gpus: z.record(z.string(), z.object({ memory_gib: z.number().optional(), gpu_memory_utilization: z.number().optional(), price_per_hour: z.number().optional() })),
    context_length: z.number().nullable(),
    files: z.array(z.object({ match: z.string(), values: z.record(z.string(), setting), pattern: z.string().nullable() })),
    ignore: z.array(z.string()),
    currency: z.string(),
    demand: z.record(z.string(), z.object({ unit: z.enum(['requests_per_s', 'output_tok_s', 'concurrent_users']), value: z.number().positive() })),
    plan: z.object({ reserve_pct: z.number(), hours_per_month: z.number() }),
    review: z.object({ noise_pct: z.number() }),
    history: z.array(z.string()),
    base: z.string(),
    site: z.string().nullable(),
    logo: z.string().nullable(),
    accent: z.string().regex(/^#[0-9a-f]{6}$/i),
    source: z.string().nullable(),
  }),
  files: z.array(z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: count, tool: z.string(), rows_read: count, rows_rejected: z.array(issue) })),
  ignored: z.array(z.object({ file: z.string(), rule: z.string() })),
  disagreements: z.array(z.object({ file: z.string(), line: z.number().int(), metric, theirs: figure, ours: figure })),
  groups: z.array(group).min(1),
  gpus: z.array(z.object({ label: z.string(), slug: z.string() })),
  workloads: z.array(z.object({ name: z.string(), slug: z.string() })),
  kv_budgets: z.array(z.object({
    gpu: z.string(), bytes_per_token: z.number(), kv_tokens: z.number(), kv_tokens_source: z.enum(['measured', 'computed']),
    memory_gib: z.number().nullable(), gpu_memory_utilization: z.number().nullable(), context_length: z.number(),
    max_concurrent_sequences: z.number(), measured_max_stable_concurrency: z.number().nullable(),
  })),
  gaps: z.array(z.object({
    key: z.string(), group: z.string().nullable(), gpu: z.string(), workload: z.string().nullable(), point: z.string().nullable(),
    field: z.string(), what: z.string(), hint: z.string(), files: z.array(z.string()),
  })),
  measurements: count,
  plan: z.array(planRow),
});

/** The single entry of the `report` collection: the Report with its Markdown and logo, or (in dev) why the data does not read. */
export const reportSchema = z.union([
  z.object({
    status: z.literal('ok'),
    report: reportDataSchema,
    /** `renderMarkdown(report)`: the text of `/capacity-frontier.md`, byte for byte. */
    markdown: z.string(),
    /** The folder config's logo, checked and ready to publish; null when there is none. */
    logo: z.object({ file: z.string().regex(/^\/logo\.(png|jpg|gif|webp|svg)$/), type: z.string(), data: z.string() }).nullable(),
    /** Where the build keeps drawings between runs and the fingerprint of the code (render-cache.ts); null in dev or when off. */
    cache: z.object({ dir: z.string(), fingerprint: z.string() }).nullable(),
    /** The review against a baseline (`--baseline`), or null without one. */
    review: reviewSchema.nullable().optional(),
  }),
  z.object({ status: z.literal('error'), message: z.string() }),
]);
