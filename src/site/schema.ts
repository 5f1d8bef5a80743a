/**
 * Zod schemas of the content collections: the Report as the data core builds it. The loader
 * stores the core's objects unchanged; the schemas check the contract between core and pages
 * (a core change that breaks a page fails the build here, with the field's path).
 */
import { z } from 'astro/zod';
import { LATENCY_METRICS, STATUSES } from '../core/types.ts';

const count = z.number().int().nonnegative();
const figure = z.number().finite();
const range = z.tuple([figure, figure]).nullable();

/** A latency metric name, e.g. `p95_e2e_ms`. */
export const metricSchema = z.enum(LATENCY_METRICS);

/** The SLO a workload is judged against. */
export const sloSchema = z.object({ metric: metricSchema, threshold_ms: z.number().positive() });

/** A file and line a figure came from. */
export const sourceSchema = z.object({ file: z.string().min(1), line: z.number().int().positive() });

/** Server settings of a run. */
export const serverSchema = z.object({
  model: z.string().optional(),
  dtype: z.string().optional(),
  max_model_len: z.number().optional(),
  max_num_seqs: z.number().optional(),
  gpu_memory_utilization: z.number().optional(),
  tensor_parallel_size: z.number().optional(),
  kv_cache_tokens: z.number().optional(),
});

/** One point of a sweep (repeats merged). */
export const pointSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]+$/),
  concurrency: z.number().int().positive().nullable(),
  request_rate: z.number().nonnegative().nullable(),
  max_new_tokens: z.number().int().positive().nullable(),
  throughput_tok_s: figure.nonnegative().nullable(),
  latency: z.partialRecord(metricSchema, figure.nonnegative()),
  slo_latency_ms: figure.nonnegative().nullable(),
  headroom_pct: figure.nullable(),
  requests: count.nullable(),
  failed: count.nullable(),
  status: z.enum(STATUSES),
  stable: z.boolean(),
  meets_slo: z.boolean(),
  server: serverSchema,
  n: z.number().int().positive(),
  spread: z.object({ throughput_tok_s: range, slo_latency_ms: range }),
  sources: z.array(sourceSchema).min(1),
  on_frontier: z.boolean(),
  jitter_ridge: z.boolean(),
});

/** Saturation of one max_new_tokens series. */
export const saturationSchema = z.object({
  max_new_tokens: z.number().nullable(),
  peak_throughput_tok_s: figure,
  peak_point: z.string(),
  concurrency: z.number().nullable(),
  not_saturated_up_to: z.number().nullable(),
  point: z.string(),
});

/** One GPU × workload: an entry of the `groups` collection. */
export const groupSchema = z.object({
  order: z.number().int().nonnegative(),
  gpu: z.string().min(1),
  workload: z.string().min(1),
  slug: z.string(),
  gpu_slug: z.string().regex(/^[a-z0-9-]+$/),
  workload_slug: z.string().regex(/^[a-z0-9-]+$/),
  slo: sloSchema,
  points: z.array(pointSchema).min(1),
  sweet_spots: z.array(z.string()).max(3),
  recommendation: z.string().nullable(),
  closest: z.string().nullable(),
  max_stable_concurrency: z.number().nullable(),
  saturation: z.array(saturationSchema),
  headline_saturation: saturationSchema.nullable(),
  max_throughput: z.object({ value: figure, point: z.string() }).nullable(),
  findings: z.array(z.object({ kind: z.enum(['no-streaming', 'scaling', 'jitter-ridge', 'instability']), text: z.string(), points: z.array(z.string()) })),
  concurrencies: z.array(z.number()),
  request_rates: z.array(z.number()),
  max_new_tokens: z.array(z.number()),
  files: z.array(z.string()),
});

const issueSchema = z.object({ file: z.string(), line: z.number().int(), column: z.number().int(), message: z.string() });

/** The report as a whole, minus the groups: the single entry of the `report` collection. */
export const reportSchema = z.object({
  title: z.string().min(1),
  client: z.string().nullable(),
  config: z.object({
    title: z.string(),
    client: z.string().nullable(),
    slo: z.object({ default: sloSchema, workloads: z.record(z.string(), sloSchema) }),
    model: z.object({
      name: z.string().optional(),
      layers: z.number(),
      kv_heads: z.number(),
      head_dim: z.number(),
      bytes_per_element: z.number(),
      weights_gib: z.number(),
      overhead_gib: z.number(),
    }).nullable(),
    gpus: z.record(z.string(), z.object({ memory_gib: z.number(), gpu_memory_utilization: z.number().optional() })),
    context_length: z.number().nullable(),
    files: z.record(z.string(), z.object({ gpu: z.string().optional(), workload: z.string().optional() })),
    base: z.string(),
    site: z.string().nullable(),
    logo: z.string().nullable(),
    accent: z.string().regex(/^#[0-9a-f]{6}$/i),
    source: z.string().nullable(),
  }),
  files: z.array(z.object({
    file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: count,
    tool: z.string(),
    rows_read: count,
    rows_rejected: z.array(issueSchema),
  })),
  gpus: z.array(z.object({ label: z.string(), slug: z.string() })),
  workloads: z.array(z.object({ name: z.string(), slug: z.string() })),
  kv_budgets: z.array(z.object({
    gpu: z.string(),
    bytes_per_token: z.number(),
    kv_tokens: z.number(),
    kv_tokens_source: z.enum(['measured', 'computed']),
    memory_gib: z.number().nullable(),
    gpu_memory_utilization: z.number().nullable(),
    context_length: z.number(),
    max_concurrent_sequences: z.number(),
    measured_max_stable_concurrency: z.number().nullable(),
  })),
  gaps: z.array(z.object({ where: z.string(), what: z.string(), hint: z.string() })),
  measurements: count,
  /** `renderMarkdown(report)`: the text of `/capacity-frontier.md`, byte for byte. */
  markdown: z.string(),
  /** The folder config's logo, checked and ready to publish; null when there is none. */
  logo: z.object({ file: z.string().regex(/^\/logo\.(png|jpg|gif|webp|svg)$/), type: z.string(), data: z.string() }).nullable(),
});
