import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.ts';
import { readDataFile } from '../../../src/core/load.ts';

// A vLLM result with its per-request arrays written inline; figures worked out by hand.
const FILE = 'run.json';
const config = parseConfig(JSON.stringify({ slo: { chat: { ttft_ms: 250, tpot_ms: 15, attainment: 0.5 } } })).config;
const run = (itls: unknown[]) => new TextEncoder().encode(JSON.stringify({
  backend: 'vllm', model_id: 'm', max_concurrency: 2, request_rate: 'inf', duration: 2, completed: 3, failed: 1,
  total_input_tokens: 30, total_output_tokens: 7, request_throughput: 1.5, output_throughput: 3.5,
  ttfts: [0.1, 0.2, 0.3, 0], itls, output_lens: [3, 3, 1, 0], errors: ['', '', '', 'Server disconnected'],
  gpu: 'H100', workload: 'chat',
}));

describe('vLLM per-request arrays', () => {
  it('e2e is TTFT plus the gaps; the ITL percentiles take every gap; a failed request has no values', () => {
    const { measurements, issues } = readDataFile(FILE, run([[0.01, 0.02], [0.01, 0.01], [], []]), config);
    expect(issues).toEqual([]);
    const stats = measurements[0]!.request_stats!;
    expect(stats).toMatchObject({ total: 4, succeeded: 3 });
    // e2e 130, 220, 300 ms; TPOT 15, 10 ms (the one-token request has none); gaps 10, 20, 10, 10 ms.
    expect(stats.latency.p50_e2e_ms).toBeCloseTo(220, 9);
    expect(stats.latency.mean_tpot_ms).toBeCloseTo(12.5, 9);
    expect(stats.latency.p50_itl_ms).toBeCloseTo(10, 9);
    expect(stats.latency.mean_itl_ms).toBeCloseTo(12.5, 9);
    // TTFT ≤ 250 and TPOT ≤ 15: the first two; the third misses TTFT; the failure counts against.
    expect(stats.met).toBe(2);
    expect(stats.met_output_tokens).toBe(6);
  });

  it('a bad gap is reported at its request and position, and the run keeps no records', () => {
    const { measurements, issues } = readDataFile(FILE, run([[0.01, 0.02], [0.01, 'x', -1], [], []]), config);
    expect(issues.map((i) => i.message)).toEqual([
      'itls[1][1] expects a non-negative number of seconds but found "x"',
      'itls[1][2] expects a non-negative number of seconds but found -1',
    ]);
    expect(measurements[0]?.request_stats ?? null).toBeNull();
  });
});
