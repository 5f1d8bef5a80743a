import { describe, expect, it } from 'vitest';
import { formatGap, gapSummary } from '../../../src/core/analysis/gaps.ts';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { defaultConfig } from '../../../src/core/config.ts';
import { m } from './helpers.ts';

describe('the gap list', () => {
  it('has one stable key per group, point and field', () => {
    const report = buildReport([
      m({ concurrency: 1, p95: 900, ttft: 100, source: { file: 'a.csv', line: 2 } }),
      m({ concurrency: 2, p95: 950, source: { file: 'a.csv', line: 3 } }),
    ], defaultConfig(), []);
    expect(report.gaps.map((g) => g.key)).toEqual([
      'gpu-a/chat|c2-t128|p95_ttft_ms',
      'gpu-a/chat||p50_tpot_ms', 'gpu-a/chat||p95_tpot_ms', 'gpu-a/chat||p50_itl_ms', 'gpu-a/chat||p95_itl_ms',
      'gpu:GPU-A||context_length', 'gpu:GPU-A||model', 'gpu:GPU-A||memory_gib',
    ]);
  });

  it('tells the engineer which cell to fill, and the client one short line', () => {
    const report = buildReport([m({ concurrency: 1, p95: 900, ttft: 100, source: { file: 'a.csv', line: 2 } }), m({ concurrency: 2, p95: 950, source: { file: 'a.csv', line: 3 } })], defaultConfig(), []);
    expect(formatGap(report.gaps[0]!)).toBe('not measured: GPU-A / chat c2-t128: p95 TTFT: fill p95_ttft_ms at a.csv:3');
    expect(gapSummary(report.gaps.filter((g) => g.group === 'gpu-a/chat'))).toBe('p95 TTFT at 1 run; p50 TPOT (every run); p95 TPOT (every run); p50 ITL (every run); p95 ITL (every run)');
  });

  it('does not count figures of runs that did not finish, nor a max_tokens the run never set', () => {
    const report = buildReport([
      m({ concurrency: 1, max_new_tokens: null, p95: 900, ttft: 100, latency: { p50_tpot_ms: 1, p95_tpot_ms: 2, p50_itl_ms: 1, p95_itl_ms: 2 } }),
      m({ concurrency: 2, max_new_tokens: null, status: 'oom', throughput_tok_s: null }),
    ], defaultConfig(), []);
    expect(report.gaps.filter((g) => g.group !== null)).toEqual([]);
  });

  it('makes an SLO the data cannot judge a gap whose hint is the config line to write', () => {
    const report = buildReport([m({ latency: { p99_e2e_ms: 1000, p95_ttft_ms: 50 } })], defaultConfig(), []);
    const gap = report.gaps.find((g) => g.field === 'p95_e2e_ms')!;
    expect(gap.hint).toContain('"slo": { "chat": { "metric": ["p95_e2e_ms", "p99_e2e_ms"], "threshold_ms": 2000 } }');
  });
});
