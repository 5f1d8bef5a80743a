import { describe, expect, it } from 'vitest';
import { buildPoints } from '../../../src/core/analysis/points.ts';
import { allFinite, fixture, read, readReal, real, round } from './helpers.ts';

const BENCH = 'danielkorat__guidellm-bench';
const QWEN30 = `${BENCH}/Qwen_Qwen3-30B-A3B_tp4_quant-fp8_benchmarks.json`;
const CSV = 'nirjhar17__guidellm-pd-disaggregation/all-benchmarks.csv';

describe('GuideLLM benchmarks.json (danielkorat, guidellm 0.5.0.dev0)', () => {
  it('reads the synchronous benchmark: concurrency 1, seconds → ms, ITL → TPOT', () => {
    const { measurements, issues, rejected, reader } = readReal(QWEN30);
    expect(reader).toBe('guidellm');
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements).toHaveLength(1);
    const [m] = measurements;
    expect(m!.concurrency).toBe(1);
    expect(m!.request_rate).toBeNull();
    expect(round(m!.throughput_tok_s, 2)).toBe(25.86);
    // request_latency is in seconds in GuideLLM: 40.018 s median.
    expect(round(m!.latency.p50_e2e_ms)).toBe(40018.1);
    expect(round(m!.latency.mean_e2e_ms)).toBe(39601.2);
    expect(round(m!.latency.p95_e2e_ms)).toBe(40430.1);
    expect(round(m!.latency.p50_ttft_ms, 2)).toBe(58.1);
    expect(round(m!.latency.p95_ttft_ms, 2)).toBe(72.8);
    // GuideLLM's inter_token_latency_ms excludes the first token: our TPOT. Its
    // time_per_output_token_ms (39.08 median, first token included) is not read.
    expect(round(m!.latency.p50_tpot_ms, 2)).toBe(39.06);
    expect(m!.latency.p50_itl_ms).toBeUndefined();
    expect(m!.requests).toBe(19);
    expect(m!.failed).toBe(0);
    expect(m!.max_new_tokens).toBe(1024);
    expect(m!.server).toEqual({ model: 'Qwen/Qwen3-30B-A3B' });
    expect(m!.source.line).toBe(1);
    // The benchmark's own column on the single line, where its object starts.
    expect(real(QWEN30).slice(0, 4096).indexOf('{"type_": "generative_benchmark"') + 1).toBe(readReal(QWEN30, { defaults: {} }).rawIssues[0]!.column);
  });

  it('reads all four reports with their own figures', () => {
    const files = ['openai_gpt-oss-20b_tp4_quant-none', 'Qwen_Qwen3-4B-Thinking-2507_tp2_quant-fp8', 'Qwen_Qwen3-4B-Thinking-2507_tp4_quant-fp8'];
    const figures = files.map((f) => {
      const [m] = readReal(`${BENCH}/${f}_benchmarks.json`).measurements;
      return [round(m!.throughput_tok_s, 1), round(m!.latency.p50_e2e_ms! / 1000, 2), m!.requests];
    });
    expect(figures).toEqual([[33.4, 30.65, 25], [50.9, 20.12, 26], [48.9, 20.89, 26]]);
  });

  it('places each strategy: concurrent → streams, constant → rate, throughput → rejected', () => {
    const { measurements, issues, rejected } = read('g/benchmarks.json', fixture('guidellm-strategies.json'));
    expect(issues).toEqual([]);
    expect(measurements.map((m) => [m.concurrency, m.request_rate])).toEqual([[8, null], [null, 3.5]]);
    const [concurrent] = measurements;
    expect(concurrent).toMatchObject({ throughput_tok_s: 900, requests: 100, failed: 2, max_new_tokens: 128 });
    expect(concurrent!.latency).toMatchObject({ p50_e2e_ms: 1400, p99_e2e_ms: 2500, p50_tpot_ms: 9.8, p95_ttft_ms: 120 });
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.message).toMatch(/^the throughput strategy .* left out$/);
    expect(rejected[0]!.line).toBe(28);
    expect(allFinite(measurements)).toBe(true);
  });
});

describe('GuideLLM-derived CSV (nirjhar17 llm-d P/D disaggregation)', () => {
  it('reads 14 rows and rejects the 2 unbounded throughput rows with the reason', () => {
    const { measurements, issues, rejected, reader } = readReal(CSV);
    expect(reader).toBe('guidellm-csv');
    expect(issues).toEqual([]);
    expect(measurements).toHaveLength(14);
    expect(rejected.map((r) => [r.line, r.message.split(' sends ')[0]])).toEqual([
      [7, 'profile throughput (sweep[1])'],
      [17, 'profile throughput (throughput)'],
    ]);
    expect(rejected[0]!.message).toMatch(/neither a concurrency nor a request rate .* left out$/);
  });

  it('derives throughput from rps × output tokens, converts seconds, treats "-" as missing', () => {
    const { measurements } = readReal(CSV);
    const c16 = measurements.find((m) => m.source.line === 2)!;
    expect(c16.concurrency).toBe(16);
    expect(round(c16.throughput_tok_s, 1)).toBe(520.3); // 4.30 req/s × 121 tokens
    expect(c16.latency).toMatchObject({ mean_ttft_ms: 84.6, p50_ttft_ms: 75, mean_tpot_ms: 28.2, mean_e2e_ms: 3418, p50_e2e_ms: 3604 });
    expect(c16.latency.p99_ttft_ms).toBeUndefined();
    expect(c16.latency.p99_e2e_ms).toBeUndefined();
    const constant5 = measurements.find((m) => m.source.line === 4)!;
    expect(constant5.request_rate).toBe(5);
    expect(constant5.concurrency).toBeNull();
    expect(allFinite(measurements)).toBe(true);
  });

  it('the two synchronous rows are repeats of concurrency 1', () => {
    const { measurements } = readReal(CSV);
    const sync = buildPoints(measurements, { metric: 'p50_e2e_ms', threshold_ms: 5000 }).find((p) => p.concurrency === 1)!;
    expect(sync.n).toBe(2);
    expect(sync.sources.map((s) => s.line)).toEqual([6, 16]);
  });

  it('reports a malformed cell at its line and column', () => {
    const text = 'source_file,profile,rate,ttft_mean_ms,req_latency_mean_s,rps_mean,output_tokens_mean\nc4,concurrent,-,abc,2.9,1.30,123\n';
    const { issues } = read('x.csv', text);
    expect(issues).toEqual(['x.csv:2:17: ttft_mean_ms: mean_ttft_ms expects a number of 0 or more but found "abc"']);
  });
});
