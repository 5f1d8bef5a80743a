import { describe, expect, it } from 'vitest';
import { replaceNonStandardNumbers } from '../../../src/core/readers/json-text.ts';
import { setupKey } from '../../../src/core/settings.ts';
import { allFinite, fixture, pointKey, read, readReal, round } from './helpers.ts';

const H200 = 'datacrunch-research__h200-benchmarks';
const TONY = 'TonyLi15__sglang-benchmark/benchmarks/results';
const RANDOM_1024 = { engine: 'sglang', backend: 'sglang', dataset: 'random', input_len: 1024, random_range_ratio: '0' };

describe('SGLang bench_serving JSONL (datacrunch H200, 2024, no server_info)', () => {
  it('reads every appended run at its own line, rate-driven, with its run figures', () => {
    const { measurements, issues, rejected, reader } = readReal(`${H200}/llama_3_3_70b_online_output.jsonl`);
    expect(reader).toBe('sglang-bench-serving');
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements.map((m) => m.source.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(measurements.map((m) => m.load)).toEqual([1, 2, 4, 8, 16, 4, 8].map((value) => ({ axis: 'request_rate', value })));
    const [first] = measurements;
    expect(round(first!.throughput_tok_s)).toBe(537.4);
    expect(round(first!.latency.mean_e2e_ms)).toBe(7840.6);
    expect(round(first!.latency.p50_e2e_ms)).toBe(7819.0);
    expect(round(first!.latency.p50_ttft_ms, 2)).toBe(85.75);
    expect(round(first!.latency.p50_itl_ms, 2)).toBe(13.64);
    expect(first!.requests).toBe(300);
    // No request_throughput key in 2024 lines: completed / duration, SGLang's own definition.
    expect(first!.request_throughput).toBe(300 / 298.3675805060193);
    expect(round(first!.duration_s, 1)).toBe(298.4);
    // The model is not in these lines (server_info arrived with 0.5).
    expect(first!.setup).toEqual(RANDOM_1024);
  });

  it('a rate that appears twice belongs to two datasets: two setups, two output lengths', () => {
    const { measurements } = readReal(`${H200}/llama_3_3_70b_online_output.jsonl`);
    const rate4 = measurements.filter((m) => m.load.value === 4);
    expect(rate4).toHaveLength(2);
    // random dataset: random_output_len applies; sharegpt without sharegpt_output_len: the dataset's own lengths.
    expect(rate4.map((m) => m.max_new_tokens)).toEqual([1024, null]);
    expect(rate4[1]!.setup).toEqual({ engine: 'sglang', backend: 'sglang', dataset: 'sharegpt' });
    expect(pointKey(rate4[0]!)).not.toBe(pointKey(rate4[1]!));
  });

  it('the same point appended twice becomes two measurements of one point (repeats)', () => {
    const { measurements, issues, rejected } = read('runs/appended.jsonl', fixture('sglang-appended.jsonl'));
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements.map((m) => m.source.line)).toEqual([1, 2, 4]);
    expect(pointKey(measurements[0]!)).toBe(pointKey(measurements[1]!));
    expect(measurements.map((m) => m.throughput_tok_s)).toEqual([2000, 1900, 4100]);
  });

  it('an Infinity rate with max_concurrency is a concurrency run; the measured `concurrency` is not read', () => {
    const { measurements } = read('runs/appended.jsonl', fixture('sglang-appended.jsonl'));
    const bounded = measurements[2]!;
    expect(bounded.load).toEqual({ axis: 'concurrency', value: 32 });
    expect(pointKey(bounded)).not.toBe(pointKey(measurements[0]!));
    expect(allFinite(measurements)).toBe(true);
  });

  it('Infinity rates with no max_concurrency are unbounded-load measurements (ceiling points), one per line', () => {
    const { measurements, issues, rejected } = readReal(`${H200}/llama_3_3_70b_offline_output.jsonl`);
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements.map((m) => m.source.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(measurements.every((m) => m.load.axis === 'unbounded' && m.load.value === null)).toBe(true);
    // random 1024 in / 1024 out, then 1024/512, 4096/2048…: the input length is part of the setup.
    expect(measurements.map((m) => [m.setup.input_len ?? null, m.max_new_tokens])).toEqual([
      [1024, 1024], [1024, 512], [4096, 2048], [4096, 1024], [4096, 1024], [256, 512], [null, null],
    ]);
    expect(round(measurements[0]!.throughput_tok_s, 1)).toBe(4520.7);
    // Lines 4 and 5 are the same configuration run twice: repeats.
    expect(pointKey(measurements[3]!)).toBe(pointKey(measurements[4]!));
  });

  it('reads the older 70B file and the 405B file, one repeat group per file', () => {
    const old = readReal(`${H200}/llama_3_3_70b_output_online.jsonl`);
    const big = readReal(`${H200}/llama_405b_online_output.jsonl`);
    expect(old.measurements).toHaveLength(5);
    expect(big.measurements).toHaveLength(6);
    const online = readReal(`${H200}/llama_3_3_70b_online_output.jsonl`).measurements;
    // Same setup as the newer file's random lines, but another file: the core keeps them apart unless it can tell.
    expect(setupKey(old.measurements[0]!.setup)).toBe(setupKey(online[0]!.setup));
    expect(old.measurements[0]!.repeat_group).not.toBe(online[0]!.repeat_group);
  });
});

describe('SGLang 0.5.5 lines with server_info (TonyLi15: aggregated vs prefill/decode disaggregated)', () => {
  const FILES: Record<string, string> = {
    agg8: 'agg_n100_in512_out128_c8', agg: 'agg_n100_in512_out128_c32',
    pd_intra: 'pd_intra_n100_in512_out128_c32', pd_inter: 'pd_inter_n100_in512_out128_c32',
  };
  const run = (name: string) => {
    const { measurements, issues, rejected } = readReal(`${TONY}/${FILES[name]}.jsonl`);
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements).toHaveLength(1);
    return measurements[0]!;
  };
  const COMMON = {
    engine: 'sglang', backend: 'sglang', dataset: 'random', input_len: 512, random_range_ratio: '0',
    model: 'Qwen/Qwen2.5-3B-Instruct', tensor_parallel_size: 1, chunked_prefill_size: '8192',
  };

  it('agg: the server\'s version, model, TP and memory share; deployment "aggregated" (disaggregation_mode "null")', () => {
    const agg = run('agg');
    expect(agg.load).toEqual({ axis: 'concurrency', value: 32 });
    expect(agg.max_new_tokens).toBe(128);
    expect(agg.setup).toEqual({ ...COMMON, engine_version: '0.5.5.post3', gpu_memory_utilization: 0.9, deployment: 'aggregated' });
    expect(round(agg.throughput_tok_s, 1)).toBe(3151.4);
    expect(round(agg.request_throughput, 2)).toBe(50.99);
    expect(round(agg.latency.p50_ttft_ms, 1)).toBe(37.1);
    expect(round(agg.latency.p99_ttft_ms, 1)).toBe(64.6);
    // The line's `concurrency` (28.45, measured) is not the load.
    expect(agg.mean_output_tokens).toBe(61.8);
    expect(agg.mean_input_tokens).toBe(264.97);
  });

  it('agg at concurrency 8 and 32 is one setup (the tag embeds the concurrency and is not read)', () => {
    const [c8, c32] = [run('agg8'), run('agg')];
    expect(c8.load).toEqual({ axis: 'concurrency', value: 8 });
    expect(setupKey(c8.setup)).toBe(setupKey(c32.setup));
    expect(Object.keys(c8.setup)).not.toContain('tag');
  });

  it('pd_intra and pd_inter are disaggregated deployments with their transfer backend; pd_inter\'s versions differ', () => {
    const intra = run('pd_intra');
    const inter = run('pd_inter');
    expect(intra.setup).toEqual({ ...COMMON, deployment: 'prefill/decode disaggregated (mooncake)', engine_version: '0.5.5.post3', gpu_memory_utilization: 0.45 });
    expect(inter.setup).toEqual({ ...COMMON, deployment: 'prefill/decode disaggregated (nixl)', engine_version: '0.5.5.post3 (prefill), 0.5.6 (decode)', gpu_memory_utilization: 0.9 });
    expect([intra, inter].map((m) => round(m.throughput_tok_s, 1))).toEqual([4211.8, 662.9]);
    expect([intra, inter].map((m) => round(m.latency.p50_ttft_ms, 1))).toEqual([80.1, 2554.0]);
  });

  it('agg, pd_intra and pd_inter at concurrency 32 end up as three different setups', () => {
    const keys = ['agg', 'pd_intra', 'pd_inter'].map((name) => setupKey(run(name).setup));
    expect(new Set(keys).size).toBe(3);
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
