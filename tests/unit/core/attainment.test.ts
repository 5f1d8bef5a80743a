import { describe, expect, it } from 'vitest';
import { analyseGroup } from '../../../src/core/analysis/group.ts';
import { sloJudgedWords } from '../../../src/core/phrases.ts';
import type { Measurement, RequestStats, SloConfig } from '../../../src/core/types.ts';
import { m } from './helpers.ts';

const labels = { gpu: 'GPU-A', workload: 'chat', slug: 'gpu-a-chat', gpu_slug: 'gpu-a', workload_slug: 'chat' };
const JOINT: SloConfig = { kind: 'attainment', bounds: { ttft_ms: 500, tpot_ms: 50 }, target: 0.9 };
const group = (rows: Measurement[], slo: SloConfig = JOINT) => analyseGroup(labels, rows, slo);

/** Records of a run: `met` of `total` requests within the SLO over `duration` seconds. */
function stats(met: number, total: number, duration = 100, tokens = met * 100): RequestStats {
  return { total, succeeded: total, met, met_output_tokens: tokens, duration_s: duration, latency: {}, quantiles: {}, disagreements: [] };
}

describe('sweet spots under an attainment SLO judged on requests', () => {
  it('a finished run with failed requests is a sweet spot when its attainment reaches the target', () => {
    const g = group([
      m({ concurrency: 1, failed: 3, request_stats: stats(95, 100) }),
      m({ concurrency: 2, status: 'error', request_stats: stats(99, 100) }),
    ]);
    expect(g.slo.judged).toBe('requests');
    expect(g.sweet_spots).toEqual(['c1-t128']);
    // Headroom is the attainment margin in points: (0.95 − 0.9) × 100.
    expect(g.points.find((p) => p.id === 'c1-t128')!.headroom_pct).toBe(5);
  });

  it('ranks by goodput, then attainment, then load; attainment below the target never passes', () => {
    const g = group([
      m({ concurrency: 1, throughput_tok_s: 900, request_stats: stats(100, 100, 100) }), // 1.0 req/s
      m({ concurrency: 2, throughput_tok_s: 100, request_stats: stats(190, 200, 100) }), // 1.9 req/s
      m({ concurrency: 4, throughput_tok_s: 100, request_stats: stats(190, 190, 100) }), // 1.9 req/s, attainment 1
      m({ concurrency: 8, throughput_tok_s: 100, request_stats: stats(350, 400, 100) }), // 0.875: misses
    ]);
    expect(g.sweet_spots).toEqual(['c4-t128', 'c2-t128', 'c1-t128']);
    expect(g.recommendation).toBe('c4-t128');
    const c8 = g.points.find((p) => p.id === 'c8-t128')!;
    expect(c8).toMatchObject({ slo_attainment: 0.875, goodput_req_s: 3.5, goodput_tok_s: 350, requests_judged: 400, meets_slo: false });
  });

  it('repeats pool their requests for attainment; goodput is the median of the runs\'', () => {
    const g = group([
      m({ concurrency: 1, request_stats: stats(90, 100, 100) }),
      m({ concurrency: 1, request_stats: stats(100, 100, 50) }),
    ]);
    expect(g.points[0]).toMatchObject({ slo_attainment: 0.95, requests_judged: 200, goodput_req_s: 1.45 });
  });

  it('a group with only summaries is judged on the percentile equal to the target, and says so', () => {
    const g = group([m({ concurrency: 1, latency: { p90_ttft_ms: 400, p90_tpot_ms: 45 } }), m({ concurrency: 2, latency: { p90_ttft_ms: 400, p90_tpot_ms: 55 } })]);
    expect(g.slo).toMatchObject({ judged: 'percentiles', metrics: ['p90_ttft_ms', 'p90_tpot_ms'] });
    expect(g.sweet_spots).toEqual(['c1-t128']);
    expect(g.points[0]).toMatchObject({ slo_attainment: null, goodput_req_s: null, requests_judged: 0 });
    expect(sloJudgedWords(g.slo)).toBe('judged on percentiles, not requests: the files hold no per-request records, so each bound is held against the runs\' p90 TTFT and p90 TPOT');
  });
});
