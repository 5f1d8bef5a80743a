import { describe, expect, it } from 'vitest';
import { groupGaps } from '../../../src/core/analysis/gaps.ts';
import { analyseGroup } from '../../../src/core/analysis/group.ts';
import { headroomPct } from '../../../src/core/analysis/points.ts';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { median } from '../../../src/core/analysis/stats.ts';
import { defaultConfig } from '../../../src/core/config.ts';
import type { Measurement, SloConfig } from '../../../src/core/types.ts';
import { m } from './helpers.ts';

const CHAT: SloConfig = { kind: 'percentile', metrics: ['p95_e2e_ms'], threshold_ms: 2000 };
const labels = { gpu: 'GPU-A', workload: 'chat', gpu_slug: 'gpu-a', workload_slug: 'chat' };
const group = (rows: Measurement[], slo: SloConfig = CHAT) => analyseGroup(labels, rows, slo);

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

  it('accepts a latency exactly at the threshold and refuses one just above it', () => {
    expect(group([m({ p95: 2000 })]).sweet_spots).toEqual(['c1-t128']);
    expect(group([m({ p95: 2000.001 })]).sweet_spots).toEqual([]);
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
    expect(g.points.map((p) => [p.id, p.stable])).toEqual([['c1-t128', true], ['c2-t128', false], ['c3-t128', false], ['c4-t128', false]]);
  });

  it('requires throughput above zero', () => {
    expect(group([m({ throughput_tok_s: 0, p95: 10 })]).sweet_spots).toEqual([]);
  });

  it('breaks throughput ties by latency, then load, then max_new_tokens', () => {
    const g = group([
      m({ concurrency: 8, max_new_tokens: 256, throughput_tok_s: 100, p95: 900 }),
      m({ concurrency: 8, max_new_tokens: 128, throughput_tok_s: 100, p95: 900 }),
      m({ concurrency: 4, max_new_tokens: 512, throughput_tok_s: 100, p95: 900 }),
      m({ concurrency: 2, max_new_tokens: 64, throughput_tok_s: 100, p95: 800 }),
    ]);
    expect(g.sweet_spots).toEqual(['c2-t64', 'c4-t512', 'c8-t128']);
  });

  it('never recommends a run that did not reach its load, nor a ceiling (unbounded) run', () => {
    const g = group([
      m({ concurrency: 50, throughput_tok_s: 900, p95: 500, requests: 10 }),
      m({ unbounded: true, throughput_tok_s: 2000, p95: 600 }),
      m({ concurrency: 4, throughput_tok_s: 200, p95: 700, requests: 4 }),
    ]);
    expect(g.sweet_spots).toEqual(['c4-t128']);
    expect(g.points.find((p) => p.id === 'c50-t128')).toMatchObject({ reached_load: false, stable: true });
    expect(g.max_throughput).toEqual({ value: 2000, point: 'inf-t128' });
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
    expect(g.max_stable_load).toBeNull();
    expect(g.saturation).toEqual([]);
    expect(g.max_throughput).toBeNull();
    expect(g.findings.map((f) => f.kind)).toEqual(['instability', 'instability']);
    expect(g.slo.measured).toBe(true);
  });

  it('keeps missing max_new_tokens as its own series', () => {
    const g = group([m({ concurrency: 1, max_new_tokens: null, p95: 100 }), m({ concurrency: 2, max_new_tokens: null, p95: 100, throughput_tok_s: 150 })]);
    expect(g.points.map((p) => p.id)).toEqual(['c1-tna', 'c2-tna']);
    expect(g.sweet_spots).toEqual(['c2-tna', 'c1-tna']);
    expect(g.max_new_tokens).toEqual([]);
  });
});

describe('repeats and setups', () => {
  it('merges repeats of one file into medians with n and spread', () => {
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

  it('never merges runs whose settings differ: each setup is its own series', () => {
    const g = group([
      m({ concurrency: 2, throughput_tok_s: 100, p95: 900, setup: { engine: 'vllm' } }),
      m({ concurrency: 4, throughput_tok_s: 150, p95: 950, setup: { engine: 'vllm' } }),
      m({ concurrency: 2, throughput_tok_s: 120, p95: 900, setup: { engine: 'sglang' } }),
    ]);
    expect(g.setups.map((s) => s.label)).toEqual(['SGLang', 'vLLM']);
    expect(g.points.map((p) => [p.id, p.n])).toEqual([['c2-t128-sglang', 1], ['c2-t128-vllm', 1], ['c4-t128-vllm', 1]]);
    expect(g.series.map((s) => s.points)).toEqual([['c2-t128-sglang'], ['c2-t128-vllm', 'c4-t128-vllm']]);
    expect(g.differing).toEqual(['engine']);
  });

  it('keeps apart equal settings from two files that meet at one load, named by the folder that differs', () => {
    const g = group([
      m({ concurrency: 8, throughput_tok_s: 100, p95: 900, source: { file: 'runs/tp4/a.json', line: 1 } }),
      m({ concurrency: 16, throughput_tok_s: 180, p95: 950, source: { file: 'runs/tp4/b.json', line: 1 } }),
      m({ concurrency: 8, throughput_tok_s: 140, p95: 900, source: { file: 'runs/tp8/a.json', line: 1 } }),
    ]);
    expect(g.setups.map((s) => s.label)).toEqual(['tp4', 'tp8']);
    expect(g.points.every((p) => p.n === 1)).toBe(true);
    expect(g.series.map((s) => s.points.length)).toEqual([2, 1]);
  });

  it('joins files of one setup that never meet at one load (a sweep continued in a second file)', () => {
    const g = group([
      m({ concurrency: 1, p95: 100, source: { file: 'low.csv', line: 2 } }),
      m({ concurrency: 64, p95: 100, source: { file: 'high.csv', line: 2 } }),
    ]);
    expect(g.setups).toHaveLength(1);
    expect(g.series[0]!.points).toEqual(['c1-t128', 'c64-t128']);
  });

  it('merges the runs of one sweep folder (run=0.json, run=1.json) as repeats', () => {
    const g = group([
      m({ concurrency: 2, throughput_tok_s: 10, p95: 100, source: { file: 'SERVE--a/run=0.json', line: 1 }, repeat_group: 'SERVE--a' }),
      m({ concurrency: 2, throughput_tok_s: 12, p95: 100, source: { file: 'SERVE--a/run=1.json', line: 1 }, repeat_group: 'SERVE--a' }),
    ]);
    expect(g.points.map((p) => p.n)).toEqual([2]);
  });
});

describe('rate-driven sweeps', () => {
  const rates = [
    m({ rate: 1, throughput_tok_s: 100, p95: 800, requests: 200 }),
    m({ rate: 4, throughput_tok_s: 380, p95: 900, requests: 200 }),
    m({ rate: 16, throughput_tok_s: 460, p95: 1900, requests: 200 }),
    m({ unbounded: true, throughput_tok_s: 500, p95: 4000, requests: 200 }),
  ];

  it('are stable, saturate and recommend on the request-rate axis', () => {
    const g = group(rates);
    expect(g.max_stable_load).toEqual({ axis: 'request_rate', value: 16 });
    expect(g.headline_saturation).toMatchObject({ axis: 'request_rate', load: null, not_saturated_up_to: 16, peak_throughput_tok_s: 460 });
    expect(g.recommendation).toBe('r16-t128');
    expect(g.request_rates).toEqual([1, 4, 16]);
    expect(g.concurrencies).toEqual([]);
  });

  it('keep the unbounded run as a ceiling outside every series', () => {
    const g = group(rates);
    expect(g.series.flatMap((s) => s.points)).not.toContain('inf-t128');
    expect(g.points.map((p) => p.id)).toContain('inf-t128');
  });

  it('name the axis in findings', () => {
    expect(group(rates).findings.find((f) => f.kind === 'scaling')?.text).toMatch(/^From request rate 1 req\/s to 16 req\/s at max_new_tokens 128, throughput rises 4\.6×/);
  });
});

describe('max stable load', () => {
  it('is the highest concurrency at which every run is stable', () => {
    const g = group([
      m({ concurrency: 8, max_new_tokens: 64, p95: 1 }),
      m({ concurrency: 16, max_new_tokens: 64, p95: 1 }),
      m({ concurrency: 16, max_new_tokens: 512, p95: 1, status: 'oom' }),
      m({ concurrency: 12, max_new_tokens: 64, p95: 1 }),
    ]);
    expect(g.max_stable_load).toEqual({ axis: 'concurrency', value: 12 });
  });

  it('does not count a load that was never reached (10 requests at concurrency 50)', () => {
    const g = group([m({ concurrency: 5, p95: 1, requests: 150 }), m({ concurrency: 50, p95: 1, requests: 10 })]);
    expect(g.max_stable_load).toEqual({ axis: 'concurrency', value: 5 });
    expect(g.findings.find((f) => f.kind === 'load-not-reached')?.text).toBe(
      'The load never reached concurrency 50: only 10 requests completed, fewer than were to be in flight at once. This run does not count toward the max stable concurrency.');
  });

  it('counts a run that completed exactly as many requests as its concurrency', () => {
    expect(group([m({ concurrency: 50, p95: 1, requests: 50 })]).max_stable_load).toEqual({ axis: 'concurrency', value: 50 });
  });
});

describe('saturation', () => {
  it('finds the lowest load reaching 90% of the series peak', () => {
    const g = group([
      m({ concurrency: 1, throughput_tok_s: 100 }),
      m({ concurrency: 4, throughput_tok_s: 380 }),
      m({ concurrency: 8, throughput_tok_s: 460 }),
      m({ concurrency: 16, throughput_tok_s: 500 }),
    ]);
    expect(g.headline_saturation).toMatchObject({ load: 8, not_saturated_up_to: null, peak_throughput_tok_s: 500 });
  });

  it('counts exactly 90% of the peak as reached, and just under as not', () => {
    const at = group([m({ concurrency: 1, throughput_tok_s: 90 }), m({ concurrency: 2, throughput_tok_s: 100 })]);
    expect(at.headline_saturation).toMatchObject({ load: 1 });
    const under = group([m({ concurrency: 1, throughput_tok_s: 89.99 }), m({ concurrency: 2, throughput_tok_s: 100 })]);
    expect(under.headline_saturation).toMatchObject({ load: null, not_saturated_up_to: 2 });
  });

  it('is not told from one run', () => {
    expect(group([m({ concurrency: 4, throughput_tok_s: 200, p95: 1500 })]).headline_saturation).toBeNull();
  });

  it('ignores unstable runs and uses the series with the peak throughput', () => {
    const g = group([
      m({ concurrency: 1, max_new_tokens: 64, throughput_tok_s: 100 }),
      m({ concurrency: 2, max_new_tokens: 64, throughput_tok_s: 195 }),
      m({ concurrency: 4, max_new_tokens: 64, throughput_tok_s: 999, status: 'oom' }),
      m({ concurrency: 1, max_new_tokens: 256, throughput_tok_s: 300 }),
      m({ concurrency: 2, max_new_tokens: 256, throughput_tok_s: 310 }),
    ]);
    expect(g.saturation.map((s) => [s.max_new_tokens, s.load, s.not_saturated_up_to])).toEqual([[64, null, 2], [256, 1, null]]);
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
  it('is drawn within each setup: a setup another one beats everywhere keeps its own frontier', () => {
    const g = group([
      m({ concurrency: 1, throughput_tok_s: 100, p95: 500, setup: { engine: 'vllm' } }),
      m({ concurrency: 4, throughput_tok_s: 300, p95: 900, setup: { engine: 'vllm' } }),
      m({ concurrency: 1, throughput_tok_s: 50, p95: 800, setup: { engine: 'sglang' } }),
      m({ concurrency: 4, throughput_tok_s: 150, p95: 1200, setup: { engine: 'sglang' } }),
    ]);
    const on = (engine: string) => g.points.filter((p) => p.on_frontier && g.setups.find((s) => s.id === p.setup)!.label === engine).length;
    expect([on('vLLM'), on('SGLang')]).toEqual([2, 2]);
  });
});

describe('jitter ridge', () => {
  const batch: SloConfig = { kind: 'percentile', metrics: ['p95_e2e_ms'], threshold_ms: 5000 };
  it('flags a p95 more than 25% above both neighbours', () => {
    const g = group([
      m({ concurrency: 8, max_new_tokens: 512, p95: 5888.02 }),
      m({ concurrency: 16, max_new_tokens: 512, p95: 9423.26 }),
      m({ concurrency: 32, max_new_tokens: 512, p95: 5970.2 }),
    ], batch);
    expect(g.points.filter((p) => p.jitter_ridge).map((p) => p.id)).toEqual(['c16-t512']);
    expect(g.findings.find((f) => f.kind === 'jitter-ridge')?.text).toBe(
      'p95 latency jumps to 9423 ms at concurrency 16 × 512 tokens, between 5888 ms at concurrency 8 and 5970 ms at concurrency 32: a jitter ridge rather than a trend. Repeat this point before relying on it.');
  });

  it('does not flag exactly 25% above, flags just over it, and never the ends of a series', () => {
    const at = group([m({ concurrency: 1, p95: 1000 }), m({ concurrency: 2, p95: 1250 }), m({ concurrency: 4, p95: 1000 }), m({ concurrency: 8, p95: 9000 })]);
    expect(at.points.some((p) => p.jitter_ridge)).toBe(false);
    const over = group([m({ concurrency: 1, p95: 1000 }), m({ concurrency: 2, p95: 1250.01 }), m({ concurrency: 4, p95: 1000 })]);
    expect(over.points.filter((p) => p.jitter_ridge).map((p) => p.id)).toEqual(['c2-t128']);
  });

  it('never compares runs of different setups', () => {
    const g = group([
      m({ concurrency: 1, p95: 1000, setup: { tensor_parallel_size: 1 } }),
      m({ concurrency: 2, p95: 3000, setup: { tensor_parallel_size: 2 } }),
      m({ concurrency: 4, p95: 1000, setup: { tensor_parallel_size: 1 } }),
    ]);
    expect(g.points.some((p) => p.jitter_ridge)).toBe(false);
  });
});

describe('no streaming', () => {
  it('is found when p95 TTFT is within 5% of p95 e2e in every run', () => {
    const g = group([m({ concurrency: 1, p95: 1064.63, ttft: 1064.54 }), m({ concurrency: 2, p95: 1000, ttft: 950 })]);
    expect(g.findings.map((f) => f.kind)).toContain('no-streaming');
  });
  it('is not found just outside 5%', () => {
    const g = group([m({ concurrency: 1, p95: 1000, ttft: 949.99 })]);
    expect(g.findings.map((f) => f.kind)).not.toContain('no-streaming');
  });
  it('is not found when one run streams', () => {
    const g = group([m({ concurrency: 1, p95: 1064.63, ttft: 1064.54 }), m({ concurrency: 2, p95: 1000, ttft: 40 })]);
    expect(g.findings.map((f) => f.kind)).not.toContain('no-streaming');
  });
  it('is not claimed without TTFT data', () => {
    expect(group([m({ p95: 1000 })]).findings.map((f) => f.kind)).not.toContain('no-streaming');
  });
});

describe('an SLO the data cannot judge', () => {
  it('says so instead of "none met", and names what was measured', () => {
    const g = group([m({ latency: { p99_ttft_ms: 80, p99_tpot_ms: 12 } }), m({ concurrency: 2, latency: { p99_ttft_ms: 90, p99_tpot_ms: 13 } })]);
    expect(g.slo).toMatchObject({ measured: false, judged: 'unmeasured', available: ['p99_ttft_ms', 'p99_tpot_ms'] });
    expect(g.recommendation).toBeNull();
    expect(g.closest).toBeNull();
    expect(g.findings[0]!.text).toBe('The SLO (p95 e2e ≤ 2000 ms) is not judged: p95 e2e is not in this data (measured: p99 TTFT and p99 TPOT).');
  });

  it('tries a list of metrics in order, per group', () => {
    const slo: SloConfig = { kind: 'percentile', metrics: ['p95_e2e_ms', 'p99_e2e_ms'], threshold_ms: 2000 };
    const g = group([m({ latency: { p99_e2e_ms: 1500 } })], slo);
    expect(g.slo).toMatchObject({ metric: 'p99_e2e_ms', measured: true });
    expect(g.recommendation).toBe('c1-t128');
  });

  it('judges a joint SLO on the percentile equal to its target when there are no per-request records', () => {
    const slo: SloConfig = { kind: 'attainment', bounds: { ttft_ms: 500, tpot_ms: 50 }, target: 0.99 };
    const g = group([
      m({ concurrency: 1, latency: { p99_ttft_ms: 400, p99_tpot_ms: 40 } }),
      m({ concurrency: 2, throughput_tok_s: 180, latency: { p99_ttft_ms: 600, p99_tpot_ms: 40 } }),
    ], slo);
    expect(g.slo).toMatchObject({ kind: 'attainment', judged: 'percentiles', metrics: ['p99_ttft_ms', 'p99_tpot_ms'] });
    expect(g.sweet_spots).toEqual(['c1-t128']);
    expect(g.points[0]!.headroom_pct).toBe(20);
  });

  it('a joint SLO that cannot be judged names only the bound the data lacks, here and in the engineer\'s gap list', () => {
    const slo: SloConfig = { kind: 'attainment', bounds: { ttft_ms: 500, itl_ms: 20 }, target: 0.95 };
    const g = group([m({ latency: { p95_ttft_ms: 400, p95_tpot_ms: 12 } })], slo);
    expect(g.slo).toMatchObject({ measured: false, metrics: ['p95_ttft_ms', 'p95_itl_ms'] });
    expect(g.findings[0]!.text).toBe('The SLO (TTFT ≤ 500 ms and ITL ≤ 20 ms for 95% of requests) is not judged: p95 ITL is not in this data (measured: p95 TTFT and p95 TPOT).');
    const gap = groupGaps(g).find((x) => x.field === 'p95_ttft_ms|p95_itl_ms')!;
    expect(gap.what).toBe('SLO metric p95 ITL');
    expect(gap.hint).toContain('does not record p95_itl_ms (it has p95_ttft_ms and p95_tpot_ms)');
    expect(gap.hint).toContain("per-request records that hold each request's inter-token gaps");
  });
});

describe('report', () => {
  it('groups by gpu then workload, GPUs without regard to case, with unique slugs', () => {
    const report = buildReport([
      m({ gpu: 'b', workload: 'chat', p95: 1 }),
      m({ gpu: 'a', workload: 'batch', p95: 1 }),
      m({ gpu: 'a', workload: 'chat', p95: 1 }),
      m({ gpu: 'B', workload: 'chat', p95: 1 }),
    ], defaultConfig(), []);
    expect(report.groups.map((g) => `${g.gpu}/${g.workload}`)).toEqual(['a/batch', 'a/chat', 'B/chat', 'b/chat']);
    const slugs = report.gpus.map((g) => g.slug);
    expect(new Set(slugs).size).toBe(3);
    expect(slugs.every((s) => /^[a-z0-9-]+$/.test(s))).toBe(true);
  });

  it('judges chat against 2000 ms and other workloads against 5000 ms by default', () => {
    const report = buildReport([m({ workload: 'chat', p95: 3000 }), m({ workload: 'batch', p95: 3000 })], defaultConfig(), []);
    expect(report.groups.map((g) => [g.workload, g.slo.threshold_ms, g.recommendation])).toEqual([['batch', 5000, 'c1-t128'], ['chat', 2000, null]]);
  });

  it('computes the KV-cache budget from the config', () => {
    const config = defaultConfig();
    config.model = { layers: 28, kv_heads: 2, head_dim: 128, bytes_per_element: 2, weights_gib: 2.9, overhead_gib: 1 };
    config.context_length = 4096;
    config.gpus = { 'GPU-A': { memory_gib: 16, gpu_memory_utilization: 0.8 } };
    const report = buildReport([m({ concurrency: 16, p95: 1, ttft: 1 })], config, []);
    const tokens = Math.floor((8.9 * 1024 ** 3) / 28672);
    expect(report.kv_budgets).toEqual([{
      gpu: 'GPU-A', bytes_per_token: 28672, kv_tokens: tokens, kv_tokens_source: 'computed', memory_gib: 16, gpu_memory_utilization: 0.8,
      context_length: 4096, max_concurrent_sequences: Math.floor(tokens / 4096), measured_max_stable_concurrency: 16,
    }]);
  });

  it('prefers a measured kv_cache_tokens', () => {
    const config = defaultConfig();
    config.model = { layers: 1, kv_heads: 1, head_dim: 1, bytes_per_element: 2, weights_gib: 0, overhead_gib: 0 };
    const report = buildReport([m({ p95: 1, ttft: 1, setup: { kv_cache_tokens: 40960, max_model_len: 4096 } })], config, []);
    expect(report.kv_budgets[0]).toMatchObject({ kv_tokens: 40960, kv_tokens_source: 'measured', max_concurrent_sequences: 10 });
  });
});
