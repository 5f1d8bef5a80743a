import { describe, expect, it } from 'vitest';
import { buildPoints, pointKey } from '../../../src/core/analysis/points.ts';
import { replaceNonStandardNumbers } from '../../../src/core/readers/json-text.ts';
import { allFinite, fixture, read, readReal, round } from './helpers.ts';

const H200 = 'datacrunch-research__h200-benchmarks';
const SLO = { metric: 'p50_e2e_ms' as const, threshold_ms: 60000 };

describe('SGLang bench_serving JSONL (datacrunch H200)', () => {
  it('reads every appended run at its own line, rate-driven', () => {
    const { measurements, issues, rejected, reader } = readReal(`${H200}/llama_3_3_70b_online_output.jsonl`);
    expect(reader).toBe('sglang-bench-serving');
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements.map((m) => m.source.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(measurements.map((m) => m.request_rate)).toEqual([1, 2, 4, 8, 16, 4, 8]);
    expect(measurements.every((m) => m.concurrency === null)).toBe(true);
    const [first] = measurements;
    expect(round(first!.throughput_tok_s)).toBe(537.4);
    expect(round(first!.latency.mean_e2e_ms)).toBe(7840.6);
    expect(round(first!.latency.p50_e2e_ms)).toBe(7819.0);
    expect(round(first!.latency.p50_ttft_ms, 2)).toBe(85.75);
    expect(round(first!.latency.p50_itl_ms, 2)).toBe(13.64);
    expect(first!.requests).toBe(300);
  });

  it('keeps both lines of a rate that appears twice; here they are different datasets, so different points', () => {
    const { measurements } = readReal(`${H200}/llama_3_3_70b_online_output.jsonl`);
    const rate4 = measurements.filter((m) => m.request_rate === 4);
    expect(rate4).toHaveLength(2);
    // random dataset: random_output_len applies; sharegpt without sharegpt_output_len: the dataset's own lengths.
    expect(rate4.map((m) => m.max_new_tokens)).toEqual([1024, null]);
    expect(buildPoints(measurements, SLO).map((p) => `${p.request_rate}/${p.max_new_tokens}:${p.n}`)).toEqual([
      '1/1024:1', '2/1024:1', '4/1024:1', '4/null:1', '8/1024:1', '8/null:1', '16/1024:1',
    ]);
  });

  it('the same point appended twice becomes two measurements, merged by the core as repeats', () => {
    const { measurements, issues, rejected } = read('runs/appended.jsonl', fixture('sglang-appended.jsonl'));
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements.map((m) => m.source.line)).toEqual([1, 2, 4]);
    expect(pointKey(measurements[0]!)).toBe(pointKey(measurements[1]!));
    const points = buildPoints(measurements, SLO);
    expect(points.map((p) => [p.concurrency, p.request_rate, p.n])).toEqual([[32, null, 1], [null, 4, 2]]);
    const repeat = points.find((p) => p.request_rate === 4)!;
    expect(repeat.throughput_tok_s).toBe(1950);
    expect(repeat.spread.throughput_tok_s).toEqual([1900, 2000]);
  });

  it('an Infinity rate with max_concurrency is a concurrency run; the measured `concurrency` is not read', () => {
    const { measurements } = read('runs/appended.jsonl', fixture('sglang-appended.jsonl'));
    const bounded = measurements[2]!;
    expect(bounded.concurrency).toBe(32);
    expect(bounded.request_rate).toBeNull();
    expect(allFinite(measurements)).toBe(true);
  });

  it('Infinity rates with no max_concurrency are rejected, one per line, with the reason', () => {
    const { measurements, issues, rejected } = readReal(`${H200}/llama_3_3_70b_offline_output.jsonl`);
    expect(issues).toEqual([]);
    expect(measurements).toEqual([]);
    expect(rejected.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rejected[0]!.message).toMatch(/^request_rate is inf and max_concurrency is null/);
    expect(rejected[0]!.column).toBe(49);
  });

  it('reads the older 70B file and the 405B file; the old and new 70B files agree as repeats', () => {
    const old = readReal(`${H200}/llama_3_3_70b_output_online.jsonl`);
    const big = readReal(`${H200}/llama_405b_online_output.jsonl`);
    expect(old.measurements).toHaveLength(5);
    expect(big.measurements).toHaveLength(6);
    const online = readReal(`${H200}/llama_3_3_70b_online_output.jsonl`).measurements;
    const points = buildPoints([...online, ...old.measurements], SLO);
    expect(points.filter((p) => p.n === 2).map((p) => p.request_rate)).toEqual([1, 2, 4, 8, 16]);
  });
});

describe('bare Infinity and NaN tokens', () => {
  it('rewrites them outside strings only, keeping lengths for Infinity', () => {
    const text = '{"a": Infinity, "b": -Infinity, "s": "Infinity and NaN \\" Infinity", "c": NaN}';
    const out = replaceNonStandardNumbers(text);
    expect(JSON.parse(out)).toEqual({ a: Infinity, b: -Infinity, s: 'Infinity and NaN " Infinity', c: 'NaN' });
    expect(out.indexOf('"s"')).toBe(text.indexOf('"s"'));
  });

  it('leaves text without them untouched (same string)', () => {
    const text = '{"a": 1}';
    expect(replaceNonStandardNumbers(text)).toBe(text);
  });
});
