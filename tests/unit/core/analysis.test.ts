import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { analyseGroup } from '../../../src/core/analysis/group.ts';
import { headroomPct, median } from '../../../src/core/analysis/points.ts';
import { defaultConfig } from '../../../src/core/config.ts';
import type { Measurement, Slo } from '../../../src/core/types.ts';
import { m } from './helpers.ts';

const CHAT: Slo = { metric: 'p95_e2e_ms', threshold_ms: 2000 };
const labels = { gpu: 'GPU-A', workload: 'chat', gpu_slug: 'gpu-a', workload_slug: 'chat' };
const group = (rows: Measurement[], slo = CHAT) => analyseGroup(labels, rows, slo);

describe('headroom and median', () => {
  it('rounds headroom to one decimal', () => {
    expect(headroomPct(4569.61, 5000)).toBe(8.6);
    expect(headroomPct(1316.48, 2000)).toBe(34.2);
    expect(headroomPct(2500, 2000)).toBe(-25);
  });
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('sweet spots', () => {
  it('keeps stable runs within the SLO, best throughput first, top 3', () => {
    const g = group([
      m({ concurrency: 1, throughput_tok_s: 50, p95: 1000 }),
      m({ concurrency: 4, throughput_tok_s: 180, p95: 1100 }),
      m({ concurrency: 8, throughput_tok_s: 340, p95: 1200 }),
      m({ concurrency: 16, throughput_tok_s: 580, p95: 1900 }),
      m({ concurrency: 32, throughput_tok_s: 700, p95: 2100 }),
    ]);
    expect(g.sweet_spots).toEqual(['c16-t128', 'c8-t128', 'c4-t128']);
    expect(g.recommendation).toBe('c16-t128');
    expect(g.closest).toBeNull();
  });

  it('accepts a latency exactly at the threshold', () => {
    expect(group([m({ p95: 2000 })]).sweet_spots).toEqual(['c1-t128']);
  });

  it('never passes a run whose SLO latency is missing (the seed read it as 0 ms)', () => {
    const g = group([m({ concurrency: 8, throughput_tok_s: 900 }), m({ concurrency: 1, throughput_tok_s: 50, p95: 1000 })]);
    expect(g.sweet_spots).toEqual(['c1-t128']);
  });

  it('never makes a failed, OOM or timed-out run a sweet spot, but keeps it', () => {
    const g = group([
      m({ concurrency: 1, throughput_tok_s: 50, p95: 1000 }),
      m({ concurrency: 2, throughput_tok_s: 90, p95: 1000, status: 'oom' }),
      m({ concurrency: 3, throughput_tok_s: 95, p95: 1000, failed: 1 }),
      m({ concurrency: 4, throughput_tok_s: 99, p95: 1000, status: 'timeout' }),
    ]);
    expect(g.sweet_spots).toEqual(['c1-t128']);
    expect(g.points.map((p) => [p.id, p.stable])).toEqual([
      ['c1-t128', true], ['c2-t128', false], ['c3-t128', false], ['c4-t128', false],
    ]);
  });

  it('requires throughput above zero', () => {
    expect(group([m({ throughput_tok_s: 0, p95: 10 })]).sweet_spots).toEqual([]);
  });

  it('breaks throughput ties by latency, then concurrency, then max_new_tokens', () => {
    const g = group([
      m({ concurrency: 8, max_new_tokens: 256, throughput_tok_s: 100, p95: 900 }),
      m({ concurrency: 8, max_new_tokens: 128, throughput_tok_s: 100, p95: 900 }),
      m({ concurrency: 4, max_new_tokens: 512, throughput_tok_s: 100, p95: 900 }),
      m({ concurrency: 2, max_new_tokens: 64, throughput_tok_s: 100, p95: 800 }),
    ]);
    expect(g.sweet_spots).toEqual(['c2-t64', 'c4-t512', 'c8-t128']);
  });

  it('lists one sweet spot per (concurrency, max_new_tokens) even across server configs', () => {
    const g = group([
      m({ concurrency: 2, throughput_tok_s: 100, p95: 900, server: { max_num_seqs: 4 } }),
      m({ concurrency: 2, throughput_tok_s: 120, p95: 900, server: { max_num_seqs: 8 } }),
    ]);
    expect(g.points.map((p) => p.id)).toEqual(['c2-t128', 'c2-t128-2']);
    expect(g.sweet_spots).toEqual(['c2-t128-2']);
  });

  it('handles a single run', () => {
    const g = group([m({ concurrency: 4, throughput_tok_s: 200, p95: 1500 })]);
    expect(g.recommendation).toBe('c4-t128');
    expect(g.max_stable_concurrency).toBe(4);
    expect(g.headline_saturation).toMatchObject({ concurrency: null, not_saturated_up_to: 4 });
  });

  it('names the closest run when none meets the SLO', () => {
    const g = group([
      m({ concurrency: 1, throughput_tok_s: 50, p95: 2500 }),
      m({ concurrency: 2, throughput_tok_s: 90, p95: 2200 }),
      m({ concurrency: 4, throughput_tok_s: 99, p95: 1000, status: 'oom' }),
    ]);
    expect(g.recommendation).toBeNull();
    expect(g.closest).toBe('c2-t128');
  });

  it('handles a group where every run failed', () => {
    const g = group([m({ concurrency: 1, status: 'oom', throughput_tok_s: null }), m({ concurrency: 2, status: 'error', throughput_tok_s: null })]);
    expect(g.sweet_spots).toEqual([]);
    expect(g.closest).toBe('c1-t128');
    expect(g.max_stable_concurrency).toBeNull();
    expect(g.saturation).toEqual([]);
    expect(g.max_throughput).toBeNull();
    expect(g.findings.map((f) => f.kind)).toEqual(['instability', 'instability']);
  });

  it('handles missing max_new_tokens as its own series', () => {
    const g = group([m({ concurrency: 1, max_new_tokens: null, p95: 100 }), m({ concurrency: 2, max_new_tokens: null, p95: 100, throughput_tok_s: 150 })]);
    expect(g.points.map((p) => p.id)).toEqual(['c1-tna', 'c2-tna']);
    expect(g.sweet_spots).toEqual(['c2-tna', 'c1-tna']);
    expect(g.max_new_tokens).toEqual([]);
  });
});

describe('repeats', () => {
  it('merges repeats of a point into medians with n and spread', () => {
    const g = group([
      m({ concurrency: 8, throughput_tok_s: 100, p95: 1000 }),
      m({ concurrency: 8, throughput_tok_s: 120, p95: 1300 }),
      m({ concurrency: 8, throughput_tok_s: 110, p95: 1100 }),
    ]);
    expect(g.points).toHaveLength(1);
    expect(g.points[0]).toMatchObject({ n: 3, throughput_tok_s: 110, slo_latency_ms: 1100, spread: { throughput_tok_s: [100, 120], slo_latency_ms: [1000, 1300] } });
    expect(g.points[0]!.sources).toHaveLength(3);
  });

  it('marks a point unstable when any repeat failed', () => {
    const g = group([m({ p95: 100 }), m({ p95: 100, status: 'oom' })]);
    expect(g.points[0]).toMatchObject({ status: 'oom', stable: false, meets_slo: false });
  });
});

describe('max stable concurrency', () => {
  it('is the highest concurrency at which every run is stable', () => {
    const g = group([
      m({ concurrency: 8, max_new_tokens: 64, p95: 1 }),
      m({ concurrency: 16, max_new_tokens: 64, p95: 1 }),
      m({ concurrency: 16, max_new_tokens: 512, p95: 1, status: 'oom' }),
      m({ concurrency: 12, max_new_tokens: 64, p95: 1 }),
    ]);
    expect(g.max_stable_concurrency).toBe(12);
  });
});

describe('saturation', () => {
  it('finds the lowest concurrency reaching 90% of the series peak', () => {
    const g = group([
      m({ concurrency: 1, throughput_tok_s: 100 }),
      m({ concurrency: 4, throughput_tok_s: 380 }),
      m({ concurrency: 8, throughput_tok_s: 460 }),
      m({ concurrency: 16, throughput_tok_s: 500 }),
    ]);
    expect(g.headline_saturation).toMatchObject({ concurrency: 8, not_saturated_up_to: null, peak_throughput_tok_s: 500 });
  });

  it('says "not saturated up to C" when only the highest concurrency reaches 90%', () => {
    const g = group([m({ concurrency: 1, throughput_tok_s: 100 }), m({ concurrency: 4, throughput_tok_s: 380 })]);
    expect(g.headline_saturation).toMatchObject({ concurrency: null, not_saturated_up_to: 4 });
  });

  it('ignores unstable runs and uses the series with the peak throughput', () => {
    const g = group([
      m({ concurrency: 1, max_new_tokens: 64, throughput_tok_s: 100 }),
      m({ concurrency: 2, max_new_tokens: 64, throughput_tok_s: 195 }),
      m({ concurrency: 4, max_new_tokens: 64, throughput_tok_s: 999, status: 'oom' }),
      m({ concurrency: 1, max_new_tokens: 256, throughput_tok_s: 300 }),
      m({ concurrency: 2, max_new_tokens: 256, throughput_tok_s: 310 }),
    ]);
    expect(g.saturation.map((s) => [s.max_new_tokens, s.concurrency, s.not_saturated_up_to])).toEqual([[64, null, 2], [256, 1, null]]);
    expect(g.headline_saturation?.max_new_tokens).toBe(256);
  });
});

describe('Pareto frontier', () => {
  it('keeps runs not beaten on both throughput and latency', () => {
    const g = group([
      m({ concurrency: 1, throughput_tok_s: 100, p95: 500 }),
      m({ concurrency: 2, throughput_tok_s: 90, p95: 600 }),
      m({ concurrency: 4, throughput_tok_s: 300, p95: 900 }),
      m({ concurrency: 8, throughput_tok_s: 300, p95: 1200 }),
      m({ concurrency: 16, throughput_tok_s: 400, p95: 3000 }),
      m({ concurrency: 32, throughput_tok_s: 900, p95: 100, status: 'oom' }),
    ]);
    expect(g.points.filter((p) => p.on_frontier).map((p) => p.id)).toEqual(['c1-t128', 'c4-t128', 'c16-t128']);
  });
});

describe('jitter ridge', () => {
  it('flags a p95 more than 25% above both neighbours', () => {
    const g = group([
      m({ concurrency: 8, max_new_tokens: 512, p95: 5888.02 }),
      m({ concurrency: 16, max_new_tokens: 512, p95: 9423.26 }),
      m({ concurrency: 32, max_new_tokens: 512, p95: 5970.2 }),
    ], { metric: 'p95_e2e_ms', threshold_ms: 5000 });
    expect(g.points.filter((p) => p.jitter_ridge).map((p) => p.id)).toEqual(['c16-t512']);
    expect(g.findings.find((f) => f.kind === 'jitter-ridge')?.points).toEqual(['c8-t512', 'c16-t512', 'c32-t512']);
  });

  it('does not flag a rise of 25% or less, nor the ends of a series', () => {
    const g = group([m({ concurrency: 1, p95: 1000 }), m({ concurrency: 2, p95: 1250 }), m({ concurrency: 4, p95: 1000 }), m({ concurrency: 8, p95: 9000 })]);
    expect(g.points.some((p) => p.jitter_ridge)).toBe(false);
  });
});

describe('no streaming', () => {
  it('is found when p95 TTFT is within 5% of p95 e2e in every run', () => {
    const g = group([m({ concurrency: 1, p95: 1064.63, ttft: 1064.54 }), m({ concurrency: 2, p95: 1000, ttft: 951 })]);
    expect(g.findings.map((f) => f.kind)).toContain('no-streaming');
  });
  it('is not found when one run streams', () => {
    const g = group([m({ concurrency: 1, p95: 1064.63, ttft: 1064.54 }), m({ concurrency: 2, p95: 1000, ttft: 40 })]);
    expect(g.findings.map((f) => f.kind)).not.toContain('no-streaming');
  });
  it('is not claimed without TTFT data', () => {
    expect(group([m({ p95: 1000 })]).findings.map((f) => f.kind)).not.toContain('no-streaming');
  });
});

describe('report', () => {
  it('groups by gpu then workload, sorted, with unique slugs', () => {
    const report = buildReport([
      m({ gpu: 'b', workload: 'chat', p95: 1 }),
      m({ gpu: 'a', workload: 'batch', p95: 1 }),
      m({ gpu: 'a', workload: 'chat', p95: 1 }),
      m({ gpu: 'A', workload: 'chat', p95: 1 }),
    ], defaultConfig(), []);
    expect(report.groups.map((g) => `${g.gpu}/${g.workload}`)).toEqual(['A/chat', 'a/batch', 'a/chat', 'b/chat']);
    const slugs = report.gpus.map((g) => g.slug);
    expect(new Set(slugs).size).toBe(3);
    expect(slugs.every((s) => /^[a-z0-9-]+$/.test(s))).toBe(true);
  });

  it('judges chat against 2000 ms and other workloads against 5000 ms by default', () => {
    const report = buildReport([m({ workload: 'chat', p95: 3000 }), m({ workload: 'batch', p95: 3000 })], defaultConfig(), []);
    expect(report.groups.map((g) => [g.workload, g.slo.threshold_ms, g.recommendation])).toEqual([
      ['batch', 5000, 'c1-t128'], ['chat', 2000, null],
    ]);
  });

  it('lists gaps for figures the data cannot give', () => {
    const report = buildReport([m({ workload: 'chat' })], defaultConfig(), []);
    expect(report.gaps.map((g) => g.what)).toEqual(['p95_e2e_ms', 'p95_ttft_ms', 'context length']);
  });

  it('computes the KV-cache budget from the config', () => {
    const config = defaultConfig();
    config.model = { layers: 28, kv_heads: 2, head_dim: 128, bytes_per_element: 2, weights_gib: 2.9, overhead_gib: 1 };
    config.context_length = 4096;
    config.gpus = { 'GPU-A': { memory_gib: 16, gpu_memory_utilization: 0.8 } };
    const report = buildReport([m({ concurrency: 16, p95: 1, ttft: 1 })], config, []);
    // 2 × 28 × 2 × 128 × 2 = 28,672 bytes per token; (16 × 0.8 − 3.9) GiB = 8.9 GiB.
    expect(report.kv_budgets).toEqual([{
      gpu: 'GPU-A', bytes_per_token: 28672, kv_tokens: Math.floor(8.9 * 1024 ** 3 / 28672), kv_tokens_source: 'computed',
      memory_gib: 16, gpu_memory_utilization: 0.8, context_length: 4096,
      max_concurrent_sequences: Math.floor(Math.floor(8.9 * 1024 ** 3 / 28672) / 4096), measured_max_stable_concurrency: 16,
    }]);
    expect(report.gaps).toEqual([]);
  });

  it('prefers a measured kv_cache_tokens', () => {
    const config = defaultConfig();
    config.model = { layers: 1, kv_heads: 1, head_dim: 1, bytes_per_element: 2, weights_gib: 0, overhead_gib: 0 };
    const report = buildReport([m({ p95: 1, ttft: 1, server: { kv_cache_tokens: 40960, max_model_len: 4096 } })], config, []);
    expect(report.kv_budgets[0]).toMatchObject({ kv_tokens: 40960, kv_tokens_source: 'measured', max_concurrent_sequences: 10 });
  });
});
