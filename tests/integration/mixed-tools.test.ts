/**
 * One site from a folder that mixes the seed author's CSVs with the real outputs of vLLM (bench
 * serve and a sweep), SGLang, GuideLLM, llmperf and AIPerf. The files are copied from
 * ../shared/realdata into a temporary folder at test time; none is kept in the repository.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../src/core/load.ts';
import type { Report } from '../../src/core/types.ts';
import { copyRealData } from '../unit/core/paths.ts';
import { runCommand } from './run-script.ts';

const SURAJSSD = 'surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1';

// Where each real file goes in the folder (the folder's own layout, as a user would keep it).
const COPIES: [string, string][] = [
  ['ozgurgulerx__inference-journal/day003_chat_capacity_rtx16gb.csv', 'seed/day003_chat_capacity_rtx16gb.csv'],
  ['ozgurgulerx__inference-journal/day003_batch_capacity_rtx16gb.csv', 'seed/day003_batch_capacity_rtx16gb.csv'],
  ...['01', '04', '16', 'inf'].map((q): [string, string] => [`${SURAJSSD}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_${q}.json`, `vllm/qps_${q}.json`]),
  ['er0080__vllm-benchmarking/api/tests/fixtures/vllm_sweep_v0.25.1', 'sweep'],
  ['datacrunch-research__h200-benchmarks/llama_3_3_70b_online_output.jsonl', 'sglang/llama_3_3_70b_online_output.jsonl'],
  ['danielkorat__guidellm-bench/Qwen_Qwen3-30B-A3B_tp4_quant-fp8_benchmarks.json', 'guidellm/qwen3-30b.json'],
  ['ray-project__llmperf-leaderboard/summary/anyscale_70b.json', 'llmperf/anyscale_70b.json'],
  ['akamaslabs__vllm-benchmark/studies/26-g7-4500-gpu-slice-right-sizing/results/aiperf-exp7-no-mig-repeat/concurrency_64', 'aiperf/concurrency_64'],
];

const CONFIG = {
  title: 'Every tool on one report',
  slo: { chat: { metric: 'p95_e2e_ms', threshold_ms: 2000 }, sharegpt: { metric: 'p99_ttft_ms', threshold_ms: 1000 } },
  files: {
    'vllm/': { gpu: '8xA100-40GB', workload: 'sharegpt' },
    'sweep/': { gpu: 'opt-125m', workload: 'smoke' },
    'sglang/': { gpu: '8xH200', workload: 'online' },
    'guidellm/': { gpu: 'Intel-XPU-x4', workload: 'aime' },
    'llmperf/': { gpu: 'anyscale-API', workload: 'llmperf' },
    'aiperf/': { gpu: 'g7-4500', workload: 'sharegpt' },
  },
};

let tmp: string;
let out: string;
let report: Report;
let code = 0;
let output = '';

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-mixed-'));
  const data = copyRealData(path.join(tmp, 'data'), Object.fromEntries(COPIES.map(([from, to]) => [to, from])), CONFIG);
  report = await loadReport(data);
  out = path.join(tmp, 'dist');
  ({ code, output } = await runCommand('build', ['--data', data, '--out', out]));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const page = async (url: string) => parseHTML(await readFile(path.join(out, url, 'index.html'), 'utf8')).document;

describe('a folder mixing every tool', () => {
  it('builds one site', () => {
    expect(code, output.slice(-3000)).toBe(0);
  });

  it('reads each file with its own reader', () => {
    const tools = Object.fromEntries(report.files.map((f) => [f.file, f.tool]));
    expect(tools['seed/day003_chat_capacity_rtx16gb.csv']).toBe('csv');
    expect(tools['vllm/qps_04.json']).toBe('vllm-bench-serve');
    expect(tools['sglang/llama_3_3_70b_online_output.jsonl']).toBe('sglang-bench-serving');
    expect(tools['guidellm/qwen3-30b.json']).toBe('guidellm');
    expect(tools['llmperf/anyscale_70b.json']).toBe('llmperf');
    expect(tools['aiperf/concurrency_64/profile_export_aiperf.json']).toBe('aiperf');
    expect(Object.entries(tools).filter(([file]) => file.startsWith('sweep/')).every(([, tool]) => tool === 'vllm-bench-sweep')).toBe(true);
  });

  it('gives every GPU × workload its page', async () => {
    expect(report.groups.map((g) => `${g.gpu} / ${g.workload}`), JSON.stringify(report.groups.map((g) => `${g.gpu} / ${g.workload}`))).toEqual(expect.arrayContaining([
      '8xA100-40GB / sharegpt', 'RunPod-RTX2000-16GB / chat', 'RunPod-RTX2000-16GB / batch', 'opt-125m / smoke',
      '8xH200 / online', 'Intel-XPU-x4 / aime', 'anyscale-API / llmperf', 'g7-4500 / sharegpt',
    ]));
    for (const group of report.groups) {
      const document = await page(`gpus/${group.gpu_slug}/${group.workload_slug}`);
      expect(document.querySelector('h1')?.textContent).toContain(group.gpu);
      expect(document.body.textContent).not.toMatch(/NaN|undefined|Infinity/);
    }
  });

  it('charts a rate-driven sweep against its request rate, inventing no concurrency, and keeps the unbounded run as a ceiling', async () => {
    const group = report.groups.find((g) => g.gpu === '8xA100-40GB')!;
    expect(group.points.map((p) => p.load)).toEqual([
      { axis: 'request_rate', value: 1 }, { axis: 'request_rate', value: 4 }, { axis: 'request_rate', value: 16 }, { axis: 'unbounded', value: null },
    ]);
    expect(group.max_stable_load).toEqual({ axis: 'request_rate', value: 16 });
    const svg = await readFile(path.join(out, 'gpus', group.gpu_slug, group.workload_slug, 'throughput.svg'), 'utf8');
    expect(svg).toContain('Request rate');
    const four = group.points.find((p) => p.load.axis === 'request_rate' && p.load.value === 4)!;
    expect(four.throughput_tok_s).toBeCloseTo(673.9, 1);
    expect(four.latency.p50_ttft_ms).toBeCloseTo(49.5, 1);
    const document = await page(`gpus/${group.gpu_slug}/${group.workload_slug}`);
    expect(document.querySelector('#run-inf-tna')?.textContent).toContain('ceiling (unbounded load)');
    expect(document.body.textContent).not.toMatch(/no concurrency at which every run was stable/);
  });

  it('puts two tools on one comparison chart for a shared workload', async () => {
    const document = await page(`compare/${report.workloads.find((w) => w.name === 'sharegpt')!.slug}`);
    const text = document.body.textContent ?? '';
    expect(text).toContain('8xA100-40GB');
    expect(text).toContain('g7-4500');
  });

  it('lists what it left out, and why, on the provenance page', async () => {
    const document = await page('data');
    const text = document.body.textContent ?? '';
    expect(text).toContain('vllm/qps_inf.json');
    expect(text).toContain('summary of run=*.json');
    for (const file of report.files) expect(text).toContain(file.sha256);
  });

  it('writes the same report as npm run analyze', async () => {
    const md = await readFile(path.join(out, 'capacity-frontier.md'), 'utf8');
    expect(md).toContain('## 8xA100-40GB – ShareGPT workload');
    expect(md).toContain('## 8xH200 – Online workload');
  });
});
