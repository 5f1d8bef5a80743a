import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/issues.ts';
import { loadReport } from '../../../src/core/load.ts';
import type { Report } from '../../../src/core/types.ts';
import { copyRealData } from '../core/paths.ts';

const SURAJ = 'surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1';
const SWEEP = 'er0080__vllm-benchmarking/api/tests/fixtures/vllm_sweep_v0.25.1';
const AIPERF = 'akamaslabs__vllm-benchmark/studies/26-g7-4500-gpu-slice-right-sizing/results';

// Real outputs of every tool, copied into a temporary data folder at test time (never committed).
const MIX: Record<string, string> = {
  'seed/day003_chat_capacity_rtx16gb.csv': 'ozgurgulerx__inference-journal/day003_chat_capacity_rtx16gb.csv',
  'seed/day003_batch_capacity_rtx16gb.csv': 'ozgurgulerx__inference-journal/day003_batch_capacity_rtx16gb.csv',
  'vllm/a100/qps_01.json': `${SURAJ}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_01.json`,
  'vllm/a100/qps_04.json': `${SURAJ}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_04.json`,
  'vllm/a100/qps_16.json': `${SURAJ}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_16.json`,
  'vllm/a100/qps_inf.json': `${SURAJ}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_inf.json`,
  'vllm/a100/benchmark_results.json': `${SURAJ}/benchmark_results.json`,
  'vllm/failed.json': 'er0080__vllm-benchmarking/protocol/tests/fixtures/bench_serve_all_requests_failed_v0.25.1.json',
  ...Object.fromEntries(['4', '8'].flatMap((seqs) => ['run=0.json', 'run=1.json', 'summary.json'].map((f) => {
    const folder = `SERVE--max_num_seqs=${seqs}-BENCH--max_concurrency=2-num_prompts=8`;
    return [`sweep/${folder}/${f}`, `${SWEEP}/${folder}/${f}`];
  }))),
  'sglang/online.jsonl': 'datacrunch-research__h200-benchmarks/llama_3_3_70b_online_output.jsonl',
  'sglang/online-earlier.jsonl': 'datacrunch-research__h200-benchmarks/llama_3_3_70b_output_online.jsonl',
  'sglang/offline.jsonl': 'datacrunch-research__h200-benchmarks/llama_3_3_70b_offline_output.jsonl',
  'sglang-pd/agg_c32.jsonl': 'TonyLi15__sglang-benchmark/benchmarks/results/agg_n100_in512_out128_c32.jsonl',
  'sglang-pd/agg_c8.jsonl': 'TonyLi15__sglang-benchmark/benchmarks/results/agg_n100_in512_out128_c8.jsonl',
  'sglang-pd/pd_intra_c32.jsonl': 'TonyLi15__sglang-benchmark/benchmarks/results/pd_intra_n100_in512_out128_c32.jsonl',
  'sglang-pd/pd_inter_c32.jsonl': 'TonyLi15__sglang-benchmark/benchmarks/results/pd_inter_n100_in512_out128_c32.jsonl',
  'guidellm/qwen3-30b.json': 'danielkorat__guidellm-bench/Qwen_Qwen3-30B-A3B_tp4_quant-fp8_benchmarks.json',
  'guidellm-csv/all-benchmarks.csv': 'nirjhar17__guidellm-pd-disaggregation/all-benchmarks.csv',
  'llmperf/anyscale_70b_summary.json': 'ray-project__llmperf-leaderboard/summary/anyscale_70b.json',
  'llmperf/groq_70b_individual_responses.json': 'ray-project__llmperf-leaderboard/individual/groq_70b.json',
  'aiperf/concurrency_64/profile_export_aiperf.json': `${AIPERF}/aiperf-exp7-no-mig-repeat/concurrency_64/profile_export_aiperf.json`,
  'aiperf/concurrency_64/profile_export_aiperf.csv': `${AIPERF}/aiperf-exp7-no-mig-repeat/concurrency_64/profile_export_aiperf.csv`,
  'levels/levels.csv': `${AIPERF}/levels.csv`,
};

const CONFIG = {
  title: 'Every tool, one report',
  slo: {
    sharegpt: { metric: 'p99_ttft_ms', threshold_ms: 1000 },
    levels: { metric: 'p95_ttft_ms', threshold_ms: 1500 },
  },
  files: {
    'vllm/': { gpu: '8xA100-40GB', workload: 'sharegpt' },
    'sweep/': { gpu: 'opt-125m-fixture', workload: 'smoke' },
    'sglang/': { gpu: '8xH200', workload: 'llama70b' },
    'sglang-pd/': { gpu: 'GH200', workload: 'random-512' },
    'guidellm/': { gpu: 'Intel-XPU-x4', workload: 'aime' },
    'guidellm-csv/': { gpu: 'llm-d-PD', workload: 'chat' },
    'llmperf/': { gpu: 'anyscale-API', workload: 'llmperf' },
    'aiperf/': { gpu: 'g7-4500', workload: 'sharegpt' },
    'levels/': { gpu: 'g7-4500', workload: 'levels' },
  },
};

function makeFolder(files: Record<string, string>, config?: object): string {
  return copyRealData(mkdtempSync(path.join(tmpdir(), 'capacity-mixed-')), files, config);
}

function everyNumber(value: unknown, where: string, out: string[]): void {
  if (typeof value === 'number' && !Number.isFinite(value)) out.push(where);
  else if (Array.isArray(value)) value.forEach((v, i) => everyNumber(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) everyNumber(v, `${where}.${k}`, out);
}

describe('one coherent report from a folder mixing every tool', () => {
  const dirs: string[] = [];
  let report: Report;

  beforeAll(async () => {
    const dir = makeFolder(MIX, CONFIG);
    dirs.push(dir);
    report = await loadReport(dir);
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('builds the report with no NaN or Infinity anywhere', () => {
    const text = JSON.stringify(report);
    expect(text).not.toMatch(/NaN|Infinity/);
    const bad: string[] = [];
    everyNumber(report, 'report', bad);
    expect(bad).toEqual([]);
  });

  it('lists every file with the reader of its tool', () => {
    const tools = Object.fromEntries(report.files.map((f) => [f.file, f.tool]));
    expect(tools).toMatchObject({
      'seed/day003_chat_capacity_rtx16gb.csv': 'csv',
      'vllm/a100/qps_04.json': 'vllm-bench-serve',
      'vllm/a100/benchmark_results.json': 'vllm-nightly-table',
      'sweep/SERVE--max_num_seqs=4-BENCH--max_concurrency=2-num_prompts=8/run=0.json': 'vllm-bench-sweep',
      'sglang/online.jsonl': 'sglang-bench-serving',
      'sglang-pd/pd_inter_c32.jsonl': 'sglang-bench-serving',
      'guidellm/qwen3-30b.json': 'guidellm',
      'guidellm-csv/all-benchmarks.csv': 'guidellm-csv',
      'llmperf/anyscale_70b_summary.json': 'llmperf',
      'aiperf/concurrency_64/profile_export_aiperf.json': 'aiperf',
      'aiperf/concurrency_64/profile_export_aiperf.csv': 'aiperf-csv',
      'levels/levels.csv': 'levels-csv',
    });
  });

  it('records what was left out, and why, on the provenance list; unbounded and failed runs are data', () => {
    const file = (name: string) => report.files.find((f) => f.file === name)!;
    const rejected = (name: string) => file(name).rows_rejected.map((r) => r.message);
    expect(rejected('vllm/a100/benchmark_results.json')).toHaveLength(4);
    expect(rejected('sweep/SERVE--max_num_seqs=8-BENCH--max_concurrency=2-num_prompts=8/summary.json')[0]).toMatch(/^summary of run=\*\.json/);
    expect(rejected('llmperf/groq_70b_individual_responses.json')[0]).toMatch(/^per-request records/);
    expect(rejected('aiperf/concurrency_64/profile_export_aiperf.csv')[0]).toMatch(/^same run as profile_export_aiperf\.json/);
    for (const [name, rows] of [['vllm/a100/qps_inf.json', 1], ['vllm/failed.json', 1], ['sglang/offline.jsonl', 7], ['guidellm-csv/all-benchmarks.csv', 16]] as const) {
      expect(rejected(name), name).toEqual([]);
      expect(file(name).rows_read, name).toBe(rows);
    }
  });

  it('has one group per labelled GPU × workload, seed data included', () => {
    expect(report.groups.map((g) => `${g.gpu} | ${g.workload}`)).toEqual([
      '8xA100-40GB | sharegpt',
      '8xH200 | llama70b',
      'anyscale-API | llmperf',
      'g7-4500 | levels',
      'g7-4500 | sharegpt',
      'GH200 | random-512',
      'Intel-XPU-x4 | aime',
      'llm-d-PD | chat',
      'opt-125m-fixture | smoke',
      'RunPod-RTX2000-16GB | batch',
      'RunPod-RTX2000-16GB | chat',
    ]);
  });

  it('counts each run once: repeats merge, summaries and twin exports do not add', () => {
    const group = (gpu: string, workload: string) => report.groups.find((g) => g.gpu === gpu && g.workload === workload)!;
    const sweep = group('opt-125m-fixture', 'smoke');
    const setting = (g: typeof sweep, setup: string, key: string) => g.setups.find((s) => s.id === setup)!.settings[key];
    expect(sweep.points.map((p) => [p.load, setting(sweep, p.setup, 'max_num_seqs'), p.n])).toEqual([
      [{ axis: 'concurrency', value: 2 }, 4, 2], [{ axis: 'concurrency', value: 2 }, 8, 2],
    ]);
    const aiperf = group('g7-4500', 'sharegpt');
    expect(aiperf.points.map((p) => [p.load, p.n])).toEqual([[{ axis: 'concurrency', value: 64 }, 1]]);
    // The GuideLLM CSV's two synchronous rows and its two throughput rows; its constant and Poisson
    // rows at rate 5 are two setups, a point each.
    const csv = group('llm-d-PD', 'chat');
    expect(csv.points.filter((p) => p.n === 2).map((p) => p.load)).toEqual([
      { axis: 'concurrency', value: 1 }, { axis: 'unbounded', value: null },
    ]);
    const rate5 = csv.points.filter((p) => p.load.axis === 'request_rate' && p.load.value === 5);
    expect(rate5.map((p) => [p.n, setting(csv, p.setup, 'arrivals') ?? null])).toEqual([[1, null], [1, 'Poisson']]);
    const vllm = group('8xA100-40GB', 'sharegpt');
    const llama = vllm.setups.find((s) => s.settings.model === 'meta-llama/Llama-3.3-70B-Instruct')!;
    expect(vllm.points.filter((p) => p.setup === llama.id).map((p) => p.load)).toEqual([
      { axis: 'request_rate', value: 1 }, { axis: 'request_rate', value: 4 }, { axis: 'request_rate', value: 16 }, { axis: 'unbounded', value: null },
    ]);
  });

  it('SGLang deployments read from server_info are three setups of one group', () => {
    const group = report.groups.find((g) => g.gpu === 'GH200')!;
    expect(group.setups).toHaveLength(3);
    expect(group.differing).toEqual(['engine_version', 'deployment', 'gpu_memory_utilization']);
    expect(group.points.map((p) => p.load.value).sort((a, b) => a! - b!)).toEqual([8, 32, 32, 32]);
  });

  it('keeps the figures of the real files', () => {
    const vllm = report.groups.find((g) => g.gpu === '8xA100-40GB')!;
    const qps4 = vllm.points.find((p) => p.load.axis === 'request_rate' && p.load.value === 4)!;
    expect(Math.round(qps4.throughput_tok_s! * 10) / 10).toBe(673.9);
    expect(Math.round(qps4.latency.p50_ttft_ms! * 10) / 10).toBe(49.5);
    expect(report.measurements).toBe(report.files.reduce((sum, f) => sum + f.rows_read, 0));
  });
});

describe('labels for tool files', () => {
  it('without labels, one error per file that quotes the config entry to add', async () => {
    const dir = makeFolder({
      'runs/qps_04.json': `${SURAJ}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_04.json`,
      'runs/online.jsonl': 'datacrunch-research__h200-benchmarks/llama_3_3_70b_online_output.jsonl',
    });
    try {
      const error = await loadReport(dir).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DataError);
      const messages = (error as DataError).issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`);
      expect(messages).toHaveLength(2);
      expect(messages[0]).toBe('runs/online.jsonl:1:1: no GPU or workload label: this file does not record them; label it in capacity.config.json with "files": { "runs/online.jsonl": { "gpu": "…", "workload": "…" } } (a key ending in "/" labels a whole folder, a glob such as "runs/**/*.json" many)');
      expect(messages[1]).toMatch(/^runs\/qps_04\.json:1:1: no GPU or workload label: .*"runs\/qps_04\.json".*--metadata gpu=… workload=…/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a result without throughput fails the load, naming the file', async () => {
    const dir = makeFolder({ 'nv/serving_llama8B_tp1_1.json': 'nv-action__vllm-benchmarks/serving_llama8B_tp1_1.json' }, { files: { 'nv/': { gpu: 'X', workload: 'chat' } } });
    try {
      const error = await loadReport(dir).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).message).toMatch(/^nv\/serving_llama8B_tp1_1\.json:1:1: expects output_throughput .* but found none/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
