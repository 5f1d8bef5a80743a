import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.ts';
import { readDataFile } from '../../../src/core/load.ts';
import { FIXTURES, round } from './helpers.ts';

// The fixture is typed after sglang.bench_serving (python/sglang/bench_serving.py, commit 0033168f):
// `--output-details` merges input_lens, output_lens, ttfts (s), itls (s, per request), generated_texts
// and errors into the result line. A failed request has output_lens 0, ttft 0, no gaps, and its
// error text, which is empty when the server gave no reason. Figures worked out by hand.

const FILE = 'sglang-output-details.jsonl';
const read = (slo: object = { chat: { ttft_ms: 500, tpot_ms: 25, attainment: 0.9 } }) => {
  const config = parseConfig(JSON.stringify({ slo, files: { [FILE]: { gpu: 'H100', workload: 'chat' } } })).config;
  return readDataFile(FILE, readFileSync(path.join(FIXTURES, FILE)), config);
};

describe('SGLang bench_serving --output-details', () => {
  it('joins each line\'s per-request arrays to its own run: two lines, two runs, each with its records', () => {
    const { measurements, issues, provenance } = read();
    expect(issues).toEqual([]);
    expect(provenance.rows_rejected).toEqual([]);
    expect(measurements.map((m) => [m.load, m.request_stats?.total])).toEqual([
      [{ axis: 'concurrency', value: 2 }, 5],
      [{ axis: 'concurrency', value: 1 }, 2],
    ]);
  });

  it('both failed requests count against attainment, the one with an empty error text too', () => {
    const stats = read().measurements[0]!.request_stats!;
    // TTFT 100/200/600 ms, TPOT 20/30/20 ms: only the first is within TTFT ≤ 500 and TPOT ≤ 25.
    expect(stats).toMatchObject({ total: 5, succeeded: 3, met: 1, met_output_tokens: 4, duration_s: 2 });
    expect(stats.met! / stats.total).toBe(0.2);
    expect(stats.met! / stats.duration_s!).toBe(0.5);
  });

  it('e2e is TTFT plus the gaps (SGLang writes no per-request latency); our percentiles agree with the line\'s own', () => {
    const m = read().measurements[0]!;
    expect(round(m.request_stats!.latency.p50_e2e_ms, 6)).toBe(290);
    expect(round(m.request_stats!.latency.p99_tpot_ms, 6)).toBe(29.8);
    expect(round(m.request_stats!.latency.p99_ttft_ms, 6)).toBe(592);
    expect(m.request_stats!.disagreements).toEqual([]);
    // The second line: every request within the SLO.
    expect(read().measurements[1]!.request_stats).toMatchObject({ total: 2, succeeded: 2, met: 2 });
  });
});
