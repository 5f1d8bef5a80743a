import { describe, expect, it } from 'vitest';
import { IssueList } from '../../../src/core/issues.ts';
import { readVllmBenchServe } from '../../../src/core/readers/vllm-bench-serve.ts';
import { allFinite, fixture, read, readReal, real, round } from './helpers.ts';

const SURAJ = 'surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1';
const QPS = (rate: string) => `${SURAJ}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_${rate}.json`;
const ER0080 = 'er0080__vllm-benchmarking/protocol/tests/fixtures';

describe('vllm bench serve result (old benchmark_serving.py schema, surajssd Llama-3.3-70B TP8)', () => {
  it('reads the 4 QPS run: rate-driven, 673.9 tok/s, median TTFT 49.5 ms', () => {
    const { measurements, issues, rejected, reader } = readReal(QPS('04'));
    expect(reader).toBe('vllm-bench-serve');
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements).toHaveLength(1);
    const [m] = measurements;
    expect(m!.request_rate).toBe(4);
    expect(m!.concurrency).toBeNull();
    expect(round(m!.throughput_tok_s)).toBe(673.9);
    expect(round(m!.latency.p50_ttft_ms)).toBe(49.5);
    expect(round(m!.latency.mean_ttft_ms)).toBe(50.3);
    expect(round(m!.latency.p99_ttft_ms)).toBe(67.6);
    expect(round(m!.latency.p50_tpot_ms)).toBe(27.3);
    expect(round(m!.latency.p99_itl_ms)).toBe(29.6);
    // The default percentile metrics of that era were ttft, tpot, itl: no e2e figures at all.
    expect(m!.latency.p95_e2e_ms).toBeUndefined();
    expect(m!.latency.p50_e2e_ms).toBeUndefined();
    expect(m!.requests).toBe(200);
    expect(m!.failed).toBeNull();
    expect(m!.max_new_tokens).toBeNull();
    expect(m!.server).toEqual({ model: 'meta-llama/Llama-3.3-70B-Instruct' });
    expect(m!.source).toEqual({ file: QPS('04'), line: 1 });
    expect(m!.tool).toBe('vllm-bench-serve');
  });

  it('reads every rate of the sweep with its own figures', () => {
    const figures = ['01', '04', '16'].map((rate) => {
      const [m] = readReal(QPS(rate)).measurements;
      return [m!.request_rate, round(m!.throughput_tok_s)];
    });
    expect(figures).toEqual([[1, 208.2], [4, 673.9], [16, 1354.4]]);
  });

  it('records the inf run with no max_concurrency as rejected, with the reason, at the request_rate key', () => {
    const { measurements, issues, rejected } = readReal(QPS('inf'));
    expect(measurements).toEqual([]);
    expect(issues).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.message).toMatch(/^request_rate is inf and max_concurrency is null: .*neither a concurrency nor a request rate .*left out$/);
    expect(rejected[0]!.message).toContain('--max-concurrency');
    const text = real(QPS('inf'));
    expect(rejected[0]!.line).toBe(1);
    expect(text.slice(rejected[0]!.column - 1).startsWith('"request_rate"')).toBe(true);
  });
});

describe('vllm bench serve result (v0.25.1 schema, er0080 fixtures)', () => {
  it('reads a concurrency run: request_rate inf with max_concurrency 2', () => {
    const { measurements, issues } = readReal(`${ER0080}/bench_serve_v0.25.1.json`);
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.concurrency).toBe(2);
    expect(m!.request_rate).toBeNull();
    expect(round(m!.throughput_tok_s, 2)).toBe(82.89);
    expect(round(m!.latency.p50_ttft_ms, 2)).toBe(55.68);
    expect(m!.requests).toBe(8);
    expect(m!.failed).toBe(0);
    expect(m!.status).toBe('ok');
  });

  it('an all-failed run is status error with nothing measured; unplaceable, so it is rejected saying both', () => {
    const { measurements, issues, rejected } = readReal(`${ER0080}/bench_serve_all_requests_failed_v0.25.1.json`);
    expect(issues).toEqual([]);
    expect(measurements).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.message).toMatch(/^all 8 requests failed \(status error\); request_rate is inf and max_concurrency is null/);
  });

  it('an all-failed run that has a concurrency is kept as status error, its 0.0 figures not measured', () => {
    const { measurements, issues, rejected } = read('runs/failed.json', fixture('vllm-all-failed-bounded.json'));
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements).toHaveLength(1);
    const [m] = measurements;
    expect(m!.status).toBe('error');
    expect(m!.concurrency).toBe(4);
    expect(m!.throughput_tok_s).toBeNull();
    expect(m!.latency).toEqual({});
    expect(m!.requests).toBe(0);
    expect(m!.failed).toBe(8);
  });
});

describe('vllm bench serve result: --metadata, errors and positions', () => {
  it('reads --metadata keys (strings) as labels, output length and server config', () => {
    const { measurements, issues } = read('h100/run.json', fixture('vllm-metadata.json'), { defaults: {} });
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.gpu).toBe('L4-24GB');
    expect(m!.workload).toBe('chat');
    expect(m!.max_new_tokens).toBe(128);
    expect(m!.server).toEqual({ model: 'Qwen/Qwen2.5-1.5B-Instruct', tensor_parallel_size: 1 });
    expect(m!.concurrency).toBe(16);
    expect(m!.latency).toMatchObject({ p50_ttft_ms: 90, p95_ttft_ms: 130, p95_e2e_ms: 1900, p50_e2e_ms: 1400, mean_e2e_ms: 1450 });
    // std_* is not a statistic the record keeps, and the per-request `errors` list is not a failure count.
    expect(Object.keys(m!.latency).some((k) => k.startsWith('std'))).toBe(false);
    expect(m!.failed).toBe(0);
  });

  it('nv-action partial export: a clear error naming the file, because there is no throughput', () => {
    const file = 'nv-action__vllm-benchmarks/serving_llama8B_tp1_1.json';
    const { measurements, issues, reader } = readReal(file);
    expect(reader).toBe('vllm-bench-serve');
    expect(measurements).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:1:1: expects output_throughput .* but found none`));
  });

  it('reports malformed values at the line and column of their key; NaN never reaches a measurement', () => {
    const text = fixture('vllm-bad-values.json');
    const { measurements, issues } = read('bad.json', text);
    expect(measurements).toEqual([]);
    expect(issues).toEqual([
      'bad.json:4:3: max_concurrency: concurrency expects a whole number of 1 or more but found 0',
      'bad.json:7:3: median_ttft_ms: p50_ttft_ms expects a number of 0 or more but found "NaN"',
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
