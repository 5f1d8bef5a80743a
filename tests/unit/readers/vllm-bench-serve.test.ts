import { describe, expect, it } from 'vitest';
import { setupKey } from '../../../src/core/settings.ts';
import { allFinite, fixture, pointKey, read, readReal, real, round } from './helpers.ts';

const SURAJ = 'surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1';
const QPS = (rate: string) => `${SURAJ}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_${rate}.json`;
const ER0080 = 'er0080__vllm-benchmarking/protocol/tests/fixtures';
const TOKENKAKI = 'dariustanrd__tokenkaki/experiments/2_vllm_0.19_Qwen3-8B';
const TOKENKAKI_RUNS = {
  direct: `${TOKENKAKI}/3_direct_vllm_serve/vllm-direct-serving-qwen3-8b-a100.json`,
  gateway: `${TOKENKAKI}/4_gateway_serve/vllm-gateway-serving-qwen3-8b-a100.json`,
  timed: `${TOKENKAKI}/5_gateway_serve_gateway-timed/vllm-gateway-serving-qwen3-8b-a100-gateway-timed.json`,
  pooled: `${TOKENKAKI}/6_gateway_serve_pooled-client/vllm-gateway-serving-qwen3-8b-a100-pooled-client.json`,
};
const PILLAI = (c: number) => `pillaiharish__llm-serving-performance-lab/results/day06/raw/day06_c${c}_i128_o64_n64.json`;

describe('vllm bench serve result (old benchmark_serving.py schema, surajssd Llama-3.3-70B TP8)', () => {
  it('reads the 4 QPS run: rate-driven, 673.9 tok/s, median TTFT 49.5 ms, with its run figures', () => {
    const { measurements, issues, rejected, reader } = readReal(QPS('04'));
    expect(reader).toBe('vllm-bench-serve');
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements).toHaveLength(1);
    const [m] = measurements;
    expect(m!.load).toEqual({ axis: 'request_rate', value: 4 });
    expect(round(m!.throughput_tok_s)).toBe(673.9);
    expect(round(m!.request_throughput, 3)).toBe(3.175);
    expect(round(m!.duration_s, 2)).toBe(62.99);
    // total_output_tokens / completed and total_input_tokens / completed.
    expect(m!.mean_output_tokens).toBe(42449 / 200);
    expect(m!.mean_input_tokens).toBe(42659 / 200);
    expect(round(m!.latency.p50_ttft_ms)).toBe(49.5);
    expect(round(m!.latency.mean_ttft_ms)).toBe(50.3);
    expect(round(m!.latency.p99_ttft_ms)).toBe(67.6);
    expect(round(m!.latency.p50_tpot_ms)).toBe(27.3);
    expect(round(m!.latency.p99_itl_ms)).toBe(29.6);
    // The default percentile metrics of that era were ttft, tpot, itl: the e2e figures are ours,
    // from the per-request arrays (TTFT plus the sum of the ITLs).
    expect(round(m!.latency.p95_e2e_ms, 2)).toBe(15888.04);
    expect(round(m!.latency.p50_e2e_ms, 2)).toBe(4152.49);
    expect(m!.requests).toBe(200);
    expect(m!.failed).toBeNull();
    expect(m!.max_new_tokens).toBeNull();
    // tokenizer_id, num_prompts, date and burstiness 1.0 (Poisson, the default) are not settings.
    expect(m!.setup).toEqual({ model: 'meta-llama/Llama-3.3-70B-Instruct', backend: 'vllm' });
    expect(m!.repeat_group).toBe(QPS('04'));
    // The arrays are this run's records (no attainment SLO here, so nothing is judged).
    expect(m!.request_stats).toMatchObject({ total: 200, succeeded: 200, met: null });
    expect(m!.source).toEqual({ file: QPS('04'), line: 1 });
    expect(m!.tool).toBe('vllm-bench-serve');
  });

  it('reads every rate of the sweep with its own figures, all of one setup', () => {
    const runs = ['01', '04', '16'].map((rate) => readReal(QPS(rate)).measurements[0]!);
    expect(runs.map((m) => [m.load.value, round(m.throughput_tok_s)])).toEqual([[1, 208.2], [4, 673.9], [16, 1354.4]]);
    expect(new Set(runs.map((m) => setupKey(m.setup))).size).toBe(1);
  });

  it('the qps_inf run (request_rate "inf", no max_concurrency) is an unbounded-load measurement, not a rejection', () => {
    const { measurements, issues, rejected } = readReal(QPS('inf'));
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements).toHaveLength(1);
    const [m] = measurements;
    expect(m!.load).toEqual({ axis: 'unbounded', value: null });
    expect(m!.status).toBe('ok');
    expect(round(m!.throughput_tok_s, 1)).toBe(1780.4);
    expect(round(m!.request_throughput, 2)).toBe(8.4);
    expect(m!.setup).toEqual(readReal(QPS('16')).measurements[0]!.setup);
  });
});

describe('vllm bench serve result (v0.25.1 schema, er0080 fixtures)', () => {
  it('reads a concurrency run: request_rate inf with max_concurrency 2', () => {
    const { measurements, issues } = readReal(`${ER0080}/bench_serve_v0.25.1.json`);
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.load).toEqual({ axis: 'concurrency', value: 2 });
    expect(round(m!.throughput_tok_s, 2)).toBe(82.89);
    expect(round(m!.latency.p50_ttft_ms, 2)).toBe(55.68);
    expect(m!.requests).toBe(8);
    expect(m!.failed).toBe(0);
    expect(m!.status).toBe('ok');
    expect(m!.mean_output_tokens).toBe(16);
    // label is null, endpoint_type repeats backend: neither adds a setting.
    expect(m!.setup).toEqual({ model: 'facebook/opt-125m', backend: 'vllm' });
  });

  it('an all-failed unbounded run is kept as status error at the unbounded load, its 0.0 figures not measured', () => {
    const { measurements, issues, rejected } = readReal(`${ER0080}/bench_serve_all_requests_failed_v0.25.1.json`);
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements).toHaveLength(1);
    const [m] = measurements;
    expect(m!).toMatchObject({ status: 'error', load: { axis: 'unbounded', value: null }, requests: 0, failed: 8, throughput_tok_s: null, request_throughput: null, mean_output_tokens: null });
    expect(m!.latency).toEqual({});
  });

  it('an all-failed run that has a concurrency is kept as status error, its 0.0 figures not measured', () => {
    const { measurements, issues, rejected } = read('runs/failed.json', fixture('vllm-all-failed-bounded.json'));
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements).toHaveLength(1);
    const [m] = measurements;
    expect(m!.status).toBe('error');
    expect(m!.load).toEqual({ axis: 'concurrency', value: 4 });
    expect(m!.throughput_tok_s).toBeNull();
    expect(m!.latency).toEqual({});
    expect(m!.requests).toBe(0);
    expect(m!.failed).toBe(8);
  });
});

describe('vllm bench serve result: --metadata keys are settings', () => {
  it('reads --metadata keys (strings) as labels, output length and settings', () => {
    const { measurements, issues } = read('h100/run.json', fixture('vllm-metadata.json'), { defaults: {} });
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.gpu).toBe('L4-24GB');
    expect(m!.workload).toBe('chat');
    expect(m!.max_new_tokens).toBe(128);
    expect(m!.setup).toEqual({ model: 'Qwen/Qwen2.5-1.5B-Instruct', backend: 'vllm', tensor_parallel_size: 1 });
    expect(m!.load).toEqual({ axis: 'concurrency', value: 16 });
    expect(m!.latency).toMatchObject({ p50_ttft_ms: 90, p95_ttft_ms: 130, p95_e2e_ms: 1900, p50_e2e_ms: 1400, mean_e2e_ms: 1450 });
    // std_* is not a statistic the record keeps, and the per-request `errors` list is not a failure count.
    expect(Object.keys(m!.latency).some((k) => k.startsWith('std'))).toBe(false);
    expect(m!.failed).toBe(0);
  });

  it('maps known metadata names (framework, tp, version) and keeps free keys as written; per-run keys stay out', () => {
    const run = JSON.stringify({
      date: '20260101-000000', backend: 'openai-chat', label: 'baseline', model_id: 'm/x', tokenizer_id: 'm/x', num_prompts: 80,
      framework: 'vllm', tp: '4', version: '0.11.0', 'kv-cache': 'fp8', seed: '7', gpu: 'H100', workload: 'rag',
      request_rate: 8.0, burstiness: 0.5, max_concurrency: 32,
      duration: 10, completed: 80, failed: 0, output_throughput: 900, median_ttft_ms: 40,
    });
    const { measurements, issues } = read('x/run.json', run, { defaults: {} });
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.gpu).toBe('H100');
    expect(m!.workload).toBe('rag');
    // A finite rate drives the run; the concurrency limit beside it is a setting.
    expect(m!.load).toEqual({ axis: 'request_rate', value: 8 });
    expect(m!.setup).toEqual({
      model: 'm/x', backend: 'openai-chat', variant: 'baseline', burstiness: '0.5',
      engine: 'vllm', tensor_parallel_size: 4, engine_version: '0.11.0', 'kv-cache': 'fp8', max_concurrency: 32,
    });
  });

  it('tokenkaki: its 12 metadata keys are settings, so the direct run and the gateway runs are different setups', () => {
    const [direct, gateway, timed, pooled] = Object.values(TOKENKAKI_RUNS).map((file) => {
      const { measurements, issues } = readReal(file);
      expect(issues, file).toEqual([]);
      return measurements[0]!;
    });
    expect(direct!.load).toEqual({ axis: 'request_rate', value: 5 });
    expect(direct!.setup).toMatchObject({
      model: 'Qwen/Qwen3-8B', backend: 'openai-chat', benchmark_target: 'vllm', benchmark_path: 'direct_vllm',
      vllm_base_url: 'http://172.17.0.1:8001', served_model_name: 'Qwen/Qwen3-8B', benchmark_runner: 'same-host',
    });
    expect(Object.keys(direct!.setup)).toHaveLength(14);
    expect(gateway!.setup.benchmark_target).toBe('gateway');
    expect(setupKey(direct!.setup)).not.toBe(setupKey(gateway!.setup));
    // The three gateway runs record identical metadata: only their folders tell them apart, so
    // they share a setup but not a repeat group (the core keeps them apart by path).
    expect(setupKey(timed!.setup)).toBe(setupKey(gateway!.setup));
    expect(setupKey(pooled!.setup)).toBe(setupKey(gateway!.setup));
    expect(new Set([gateway, timed, pooled].map((m) => m!.repeat_group)).size).toBe(3);
    expect([direct, gateway].map((m) => round(m!.latency.mean_ttft_ms, 1))).toEqual([50.1, 87.9]);
  });
});

describe('vllm bench serve --save-detailed (pillaiharish RTX 5070 Ti concurrency sweep)', () => {
  it('reads concurrency 1, 4 and 16 as one setup; the per-request arrays are the runs\' own records', () => {
    const runs = [1, 4, 16].map((c) => readReal(PILLAI(c)).measurements[0]!);
    expect(runs.map((m) => [m.load.value, round(m.throughput_tok_s, 0), round(m.latency.p50_ttft_ms, 1), round(m.latency.p99_e2e_ms, 1)])).toEqual([
      [1, 477, 8.1, 135.6], [4, 1793, 10.4, 144.7], [16, 6429, 20.7, 160.6],
    ]);
    expect(runs.every((m) => m.load.axis === 'concurrency')).toBe(true);
    expect(runs[0]!.setup).toEqual({ model: 'models/Qwen/Qwen2.5-0.5B-Instruct', backend: 'openai-chat' });
    expect(new Set(runs.map((m) => setupKey(m.setup))).size).toBe(1);
    // The server counts the chat template: 157 prompt tokens for random 128.
    expect(runs[0]!.mean_input_tokens).toBe(157);
    expect(runs[0]!.mean_output_tokens).toBe(64);
    // max_concurrent_requests (9 at c=1) is a measured peak, never the load.
    expect(runs[0]!.setup.max_concurrent_requests).toBeUndefined();
    expect(runs.map((m) => m.request_stats?.total)).toEqual([64, 64, 64]);
  });
});

describe('vLLM Rust client --multi-turn result (typed fixture)', () => {
  it('reads multi_turn_concurrency as the load and the conversation shape as settings', () => {
    const { measurements, issues, reader } = read('mt/result.json', fixture('vllm-multi-turn.json'));
    expect(reader).toBe('vllm-bench-serve');
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.load).toEqual({ axis: 'concurrency', value: 8 });
    expect(m!.workload).toBe('chat-multi-turn');
    expect(m!.setup).toEqual({
      model: 'Qwen/Qwen3-8B', backend: 'openai-chat', max_model_len: 8192,
      mode: 'multi_turn', turns_per_conversation: '4', inter_turn_delay_ms: '500',
    });
    expect(m).toMatchObject({ throughput_tok_s: 385.5, request_throughput: 3.01, duration_s: 42.5, requests: 128, failed: 0, mean_output_tokens: 128, mean_input_tokens: 256 });
    expect(m!.latency).toMatchObject({ p50_ttft_ms: 88, p99_ttft_ms: 240, mean_tpot_ms: 12, p99_itl_ms: 30, p50_e2e_ms: 1150 });
  });
});

describe('vllm bench serve result: errors and positions', () => {
  it('nv-action partial export: a clear error naming the file, because there is no throughput', () => {
    const file = 'nv-action__vllm-benchmarks/serving_llama8B_tp1_1.json';
    const { measurements, issues, reader } = readReal(file);
    expect(reader).toBe('vllm-bench-serve');
    expect(measurements).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:1:1: expects output_throughput .* but found none`));
    expect(issues[0]!.endsWith(`(if this file is not a benchmark result, skip it with "ignore": ["${file}"] in capacity.config.json)`)).toBe(true);
  });

  it('reports malformed values at the line and column of their key; NaN never reaches a measurement', () => {
    const text = fixture('vllm-bad-values.json');
    const { measurements, issues } = read('bad.json', text);
    expect(measurements).toEqual([]);
    expect(issues).toEqual([
      'bad.json:4:3: max_concurrency (concurrency) expects a whole number of 1 or more but found 0',
      'bad.json:7:3: median_ttft_ms (p50_ttft_ms) expects a number of 0 or more but found "NaN" (leave the cell empty for a value that was not measured)',
      'bad.json:8:3: p99_ttft_ms expects a number of 0 or more but found -3.5',
    ]);
  });

  it('reports a truncated file at the syntax error position', () => {
    const text = real(`${ER0080}/bench_serve_v0.25.1.json`);
    const cut = text.slice(0, text.indexOf('"mean_ttft_ms"') + 5);
    const { measurements, rawIssues } = read('cut.json', cut);
    expect(measurements).toEqual([]);
    expect(rawIssues).toHaveLength(1);
    expect(rawIssues[0]!.message).toMatch(/^expects valid JSON but found a syntax error/);
    const lines = cut.split('\n');
    expect(rawIssues[0]!.line).toBe(lines.length);
  });

  it('several appended objects (--append-result) are runs at their own lines, repeats when equal', () => {
    const line = JSON.stringify({ backend: 'vllm', model_id: 'm', request_rate: 2.0, max_concurrency: null, completed: 10, output_throughput: 100, median_ttft_ms: 20 });
    const { measurements, issues } = read('runs/appended.json', `${line}\n${line.replace('100', '110')}\n`);
    expect(issues).toEqual([]);
    expect(measurements.map((m) => m.source.line)).toEqual([1, 2]);
    expect(pointKey(measurements[0]!)).toBe(pointKey(measurements[1]!));
  });

  it('never produces NaN or Infinity', () => {
    for (const rate of ['01', '04', '16', 'inf']) expect(allFinite(readReal(QPS(rate)).measurements)).toBe(true);
  });
});

describe('vLLM nightly benchmark_results.json', () => {
  it('rejects every table row, naming the test, instead of counting the runs twice', () => {
    const file = `${SURAJ}/benchmark_results.json`;
    const { measurements, issues, rejected, reader } = readReal(file, {
      files: [file, QPS('01'), QPS('04'), QPS('16'), QPS('inf')],
    });
    expect(reader).toBe('vllm-nightly-table');
    expect(issues).toEqual([]);
    expect(measurements).toEqual([]);
    expect(rejected.map((r) => r.message.split(':')[0])).toEqual(['tp8_pp1_qps_01', 'tp8_pp1_qps_04', 'tp8_pp1_qps_16', 'tp8_pp1_qps_inf']);
    expect(rejected[0]!.message).toContain('read from this folder (4 files)');
  });
});
