/** The Zod schema of a review as the content loader stores it beside the Report (see core/analysis/review.ts). */
import { z } from 'astro/zod';

const figure = z.number().finite();
const source = z.object({ file: z.string().min(1), line: z.number().int().positive() });
const setting = z.union([z.string(), z.number()]);
const axis = z.enum(['concurrency', 'request_rate']);
const load = z.discriminatedUnion('axis', [
  z.object({ axis: z.literal('concurrency'), value: z.number().int().positive() }),
  z.object({ axis: z.literal('request_rate'), value: z.number().positive() }),
  z.object({ axis: z.literal('unbounded'), value: z.null() }),
]);

const recommendation = z.object({
  point: z.string(), setup: z.string(), load, max_new_tokens: z.number().int().positive().nullable(),
  throughput_tok_s: figure.positive(), latency_ms: figure.nullable(), headroom_pct: figure.nullable(),
  n: z.number().int().positive(), repeats_tok_s: z.array(figure), sources: z.array(source),
});

const side = z.object({
  slug: z.string(),
  recommendation: recommendation.nullable(),
  peak: recommendation.nullable(),
  max_throughput_tok_s: figure.nullable(),
  max_stable_load: z.object({ axis, value: z.number() }).nullable(),
  saturation: z.object({ axis, load: z.number().nullable(), not_saturated_up_to: z.number().nullable() }).nullable(),
  slo_metric: z.string(),
  threshold_ms: z.number().positive(),
  settings: z.record(z.string(), setting),
});

const point = z.object({
  setup: z.string(), load, max_new_tokens: z.number().int().positive().nullable(),
  baseline_tok_s: figure.nullable(), candidate_tok_s: figure.nullable(), delta_pct: figure.nullable(),
  baseline_latency_ms: figure.nullable(), candidate_latency_ms: figure.nullable(), latency_delta_pct: figure.nullable(),
  baseline_n: z.number().int().nonnegative(), candidate_n: z.number().int().nonnegative(),
  baseline_sources: z.array(source), candidate_sources: z.array(source),
});

/** A review: baseline against candidate, per GPU × workload. */
export const reviewSchema = z.object({
  baseline: z.string().min(1),
  candidate: z.string().min(1),
  noise_pct: z.number().min(0).max(100),
  groups: z.array(z.object({
    gpu: z.string().min(1),
    workload: z.string().min(1),
    verdict: z.enum(['improved', 'regressed', 'within noise', 'only in baseline', 'only in candidate']),
    rule: z.enum(['bootstrap', 'noise band', 'recommendation', 'one side']),
    basis: z.enum(['slo', 'peak']),
    peak_delta_pct: figure.nullable(),
    delta_pct: figure.nullable(),
    latency_delta_pct: figure.nullable(),
    interval: z.tuple([figure, figure]).nullable(),
    baseline: side.nullable(),
    candidate: side.nullable(),
    points: z.array(point),
    settings_changed: z.array(z.object({ key: z.string(), baseline: setting.nullable(), candidate: setting.nullable() })),
  })),
  history: z.object({
    ordered_by: z.enum(['date', 'given']),
    experiments: z.array(z.object({
      label: z.string().min(1),
      date: z.string().nullable(),
      candidate: z.boolean(),
      groups: z.array(z.object({
        gpu: z.string().min(1), workload: z.string().min(1),
        throughput_tok_s: figure.positive().nullable(), latency_ms: figure.nullable(),
        slo_metric: z.string().nullable(), measured: z.boolean(), sources: z.array(source),
      })),
    })),
  }).optional(),
});
