import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config.ts';
import { DataError } from '../../../src/core/issues.ts';
import { labelsFor, loadReport } from '../../../src/core/load.ts';
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
      'guidellm/qwen3-30b.json': 'guidellm',
      'guidellm-csv/all-benchmarks.csv': 'guidellm-csv',
      'llmperf/anyscale_70b_summary.json': 'llmperf',
      'aiperf/concurrency_64/profile_export_aiperf.json': 'aiperf',
      'aiperf/concurrency_64/profile_export_aiperf.csv': 'aiperf-csv',
      'levels/levels.csv': 'levels-csv',
    });
  });

  it('records what was left out, and why, on the provenance list', () => {
    const rejected = (file: string) => report.files.find((f) => f.file === file)!.rows_rejected.map((r) => r.message);
    expect(rejected('vllm/a100/qps_inf.json')[0]).toMatch(/^request_rate is inf and max_concurrency is null/);
    expect(rejected('vllm/failed.json')[0]).toMatch(/^all 8 requests failed \(status error\)/);
    expect(rejected('vllm/a100/benchmark_results.json')).toHaveLength(4);
    expect(rejected('sweep/SERVE--max_num_seqs=8-BENCH--max_concurrency=2-num_prompts=8/summary.json')[0]).toMatch(/^summary of run=\*\.json/);
    expect(rejected('sglang/offline.jsonl')).toHaveLength(7);
    expect(rejected('guidellm-csv/all-benchmarks.csv')).toHaveLength(2);
    expect(rejected('llmperf/groq_70b_individual_responses.json')[0]).toMatch(/^per-request records/);
    expect(rejected('aiperf/concurrency_64/profile_export_aiperf.csv')[0]).toMatch(/^same run as profile_export_aiperf\.json/);
  });

  it('has one group per labelled GPU × workload, seed data included', () => {
    expect(report.groups.map((g) => `${g.gpu} | ${g.workload}`)).toEqual([
      '8xA100-40GB | sharegpt',
      '8xH200 | llama70b',
      'Intel-XPU-x4 | aime',
      'RunPod-RTX2000-16GB | batch',
      'RunPod-RTX2000-16GB | chat',
      'anyscale-API | llmperf',
      'g7-4500 | levels',
      'g7-4500 | sharegpt',
      'g7-4500 MIG 1g.16gb ×2 | levels',
      'g7-4500 MIG 2g.32gb | levels',
      'llm-d-PD | chat',
      'opt-125m-fixture | smoke',
    ]);
  });

  it('counts each run once: repeats merge, summaries and twin exports do not add', () => {
    const group = (gpu: string, workload: string) => report.groups.find((g) => g.gpu === gpu && g.workload === workload)!;
    const sweep = group('opt-125m-fixture', 'smoke');
    expect(sweep.points.map((p) => [p.concurrency, p.server.max_num_seqs, p.n])).toEqual([[2, 4, 2], [2, 8, 2]]);
    const aiperf = group('g7-4500', 'sharegpt');
    expect(aiperf.points.map((p) => [p.concurrency, p.n])).toEqual([[64, 1]]);
    const sglang = group('8xH200', 'llama70b');
    expect(sglang.points.filter((p) => p.n === 2).map((p) => p.request_rate)).toEqual([1, 2, 4, 8, 16]);
    const vllm = group('8xA100-40GB', 'sharegpt');
    expect(vllm.points.map((p) => p.request_rate)).toEqual([1, 4, 16]);
    expect(vllm.recommendation).not.toBeNull();
  });

  it('keeps the figures of the real files', () => {
    const vllm = report.groups.find((g) => g.gpu === '8xA100-40GB')!;
    const qps4 = vllm.points.find((p) => p.request_rate === 4)!;
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
      expect(messages[0]).toBe('runs/online.jsonl:1:1: no GPU or workload label: this file does not record them; label it in capacity.config.json with "files": { "runs/online.jsonl": { "gpu": "…", "workload": "…" } } (a key ending in "/" labels a whole folder)');
      expect(messages[1]).toMatch(/^runs\/qps_04\.json:1:1: no GPU or workload label: .*"runs\/qps_04\.json".*--metadata gpu=… workload=…/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a folder key labels every file below it; a deeper key or the file itself wins', () => {
    const config = defaultConfig();
    config.files = { 'runs/': { gpu: 'A' , workload: 'chat' }, 'runs/h100/': { gpu: 'H100' }, 'runs/h100/x.json': { gpu: 'X' } };
    expect(labelsFor(config, 'runs/a.json')).toEqual({ gpu: 'A', workload: 'chat' });
    expect(labelsFor(config, 'runs/h100/b.json')).toEqual({ gpu: 'H100' });
    expect(labelsFor(config, 'runs/h100/x.json')).toEqual({ gpu: 'X' });
    expect(labelsFor(config, 'other/a.json')).toEqual({});
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
