/**
 * What a client reads on pages built from real public results (copied from ../shared/realdata
 * into a temporary folder at test time): GuideLLM single-run sweeps, SGLang's rate sweeps without
 * the SLO's metric, llmperf providers.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../../src/core/load.ts';
import type { Report } from '../../../src/core/types.ts';
import { latencyChart, seriesDomains, throughputChart } from '../../../src/charts/index.ts';
import { renderMarkdown } from '../../../src/core/markdown.ts';
import { compareTable } from '../../../src/site/tables/compare.ts';
import { tableContext } from '../../../src/site/tables/context.ts';
import { groupFacts, maxStableWords } from '../../../src/site/tables/group.ts';
import { decodeTable, ttftTable } from '../../../src/site/tables/life.ts';
import { notMeasuredTable } from '../../../src/site/tables/provenance.ts';
import { findingViews, sloNote } from '../../../src/site/views/group.ts';
import { copyRealData, REALDATA } from '../core/paths.ts';
import { rowTexts } from './fixtures.ts';

const GUIDELLM = 'danielkorat__guidellm-bench';
const SURAJSSD = 'surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1';

let tmp: string;
let report: Report;
beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'cf-real-wording-'));
  const data = copyRealData(path.join(tmp, 'data'), {
    'guidellm/a.json': `${GUIDELLM}/Qwen_Qwen3-4B-Thinking-2507_tp2_quant-fp8_benchmarks.json`,
    'guidellm/b.json': `${GUIDELLM}/Qwen_Qwen3-4B-Thinking-2507_tp4_quant-fp8_benchmarks.json`,
    'sglang/online.jsonl': 'datacrunch-research__h200-benchmarks/llama_3_3_70b_online_output.jsonl',
    'sglang/deepseek.jsonl': 'datacrunch-research__h200-benchmarks/deepseek_dp_mla_output.jsonl',
    llmperf: 'ray-project__llmperf-leaderboard/summary',
    ...Object.fromEntries(['01', '04', '16', 'inf'].map((q) => [`vllm/qps_${q}.json`, `${SURAJSSD}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_${q}.json`])),
  }, { files: { 'llmperf/': { gpu: 'api-providers', workload: 'rag' }, 'vllm/': { gpu: '8xA100-40GB', workload: 'chat' }, 'guidellm/': { gpu: 'Intel-XPU-x4', workload: 'aime' }, 'sglang/': { gpu: '8xH200', workload: 'sharegpt' } } });
  report = await loadReport(data);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('pages of real folders, as a client reads them', () => {
  it('say that one run per series is too few loads to tell saturation (never "not told")', () => {
    const row = rowTexts(compareTable(tableContext(report), 'aime', 'aime'))[0]!;
    expect(row.at(-1)).toBe('too few loads to tell');
  });

  it('say once per group that an SLO is not judged (SGLang files without p95 e2e), never as a failure', () => {
    const group = report.groups.find((g) => g.gpu === '8xH200')!;
    expect(group.slo.measured).toBe(false);
    const section = renderMarkdown(report).split('## ').find((s) => s.startsWith('8xH200'))!;
    expect(section).not.toContain('|');
    expect(section).toContain('No sweet spot: the SLO is not judged on this data.');
    expect(section).toContain('**Recommendation**: None: the SLO (p95 e2e ≤ 5000 ms) is not judged, because p95 e2e is not in this data (measured: ');
    expect(section).not.toMatch(/cannot judge/i);
    // The page's callout says it; the findings and the facts do not say it again in full.
    expect(findingViews(group).map((f) => f.kind)).not.toContain('slo-unjudged');
    expect(groupFacts(tableContext(report), group)[0]!.cell).toMatchObject({ text: 'not judged', tone: 'muted' });
    const row = rowTexts(compareTable(tableContext(report), 'sharegpt', 'sharegpt'))[0]!;
    expect(row[1]).toBe('not judged');
  });

  it('put the SLO and headroom in plain sentences, without a formula', () => {
    const judged = report.groups.find((g) => g.gpu === 'Intel-XPU-x4')!;
    expect(sloNote(judged)).toBe('The SLO is p95 e2e ≤ 5000 ms. Headroom is the share of those 5000 ms a run leaves unused: at 3750 ms, 25% headroom.');
    expect(sloNote(report.groups.find((g) => g.gpu === '8xH200')!)).toBe('The SLO is p95 e2e ≤ 5000 ms.');
  });

  it('make no legend entry of a setting no run sets (vLLM runs without max_tokens)', () => {
    const group = report.groups.find((g) => g.gpu === '8xA100-40GB')!;
    expect(group.points.every((p) => p.max_new_tokens === null)).toBe(true);
    for (const spec of [throughputChart(group, seriesDomains(report)), latencyChart(group, seriesDomains(report))]) {
      const legend = JSON.stringify(spec).match(/not set|max_new_tokens/g);
      expect(legend, spec.id).toBeNull();
      expect(spec.caption, spec.id).toMatch(/, one line[.;]/);
    }
  });

  it('never call a setup run only at unbounded load unstable', () => {
    // SGLang's appended runs: the peak is an unbounded-rate run of its own setup.
    const group = report.groups.find((g) => g.gpu === '8xH200')!;
    expect(group.max_stable_load).toBeNull();
    expect(maxStableWords(group)).toBe('none: this setup ran only at unbounded load');
    const facts = groupFacts(tableContext(report), group);
    expect(facts.find((f) => f.label.startsWith('Max stable'))!.cell).toMatchObject({ text: 'none: this setup ran only at unbounded load', tone: 'muted' });
    // Setups are named in prose, the first few only when there are many (see the mixed-folder test).
    expect(facts.find((f) => f.label === 'Setups')!.cell.text).toMatch(/^3 setups, never merged: [^;]+, [^;]+ and [^;]+$/);
  });

  it('list what is not measured in short lines: one KV-cache line when every GPU lacks the same settings', () => {
    const rows = rowTexts(notMeasuredTable(tableContext(report)));
    expect(rows.filter((r) => r[1] === 'KV-cache budget')).toEqual([['every GPU', 'KV-cache budget', 'context length; model architecture; GPU memory']]);
    expect(rows.find((r) => r[0] === '8xH200')![2]).toMatch(/^SLO metric p95 e2e \(every run\); /);
    expect(rows.flat().join(' ')).not.toMatch(/\) \(/);
  });

  it('do not say TTFT was not recorded when only its p95 is missing (vLLM records mean, median and p99)', async () => {
    // The real files also carry per-request arrays, which give a p95 of our own: a copy without them
    // is a summary-only vLLM result, as `--save-result` wrote it before the arrays were added.
    const dir = path.join(tmp, 'vllm-summary');
    const records = ['input_lens', 'output_lens', 'ttfts', 'itls', 'generated_texts', 'errors'];
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'capacity.config.json'), JSON.stringify({ files: { './': { gpu: '8xA100-40GB', workload: 'chat' } } }));
    for (const q of ['01', '04', '16']) {
      const run = JSON.parse(readFileSync(path.join(REALDATA, `${SURAJSSD}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_${q}.json`), 'utf8'));
      for (const key of records) delete run[key];
      writeFileSync(path.join(dir, `qps_${q}.json`), JSON.stringify(run));
    }
    const summary = await loadReport(dir);
    const group = summary.groups.find((g) => g.gpu === '8xA100-40GB')!;
    expect(group.points.some((p) => p.latency.p99_ttft_ms !== undefined && p.latency.p99_ttft_ms !== null)).toBe(true);
    expect(ttftTable(tableContext(summary), group).empty).toBe('No p95 time to first token was recorded for 8xA100-40GB on chat, so this table is left out.');
    // With the arrays, the p95 is ours and the table is there.
    expect(ttftTable(tableContext(report), report.groups.find((g) => g.gpu === '8xA100-40GB')!).empty).toBeUndefined();
  });

  it('name the first few of many setups in the key facts (19 llmperf providers), not all of them', () => {
    const group = report.groups.find((g) => g.gpu === 'api-providers')!;
    expect(group.setups).toHaveLength(19);
    expect(groupFacts(tableContext(report), group).find((f) => f.label === 'Setups')!.cell.text).toMatch(/^19 setups, never merged: [^;]+, [^;]+, [^;]+ and 16 more$/);
  });

  it('count runs without "4 runs in 4 points" when no repeats were merged', () => {
    const group = report.groups.find((g) => g.gpu === '8xA100-40GB')!;
    expect(groupFacts(tableContext(report), group).find((f) => f.label === 'Runs')!.cell.text).toBe('4 runs');
  });

  it('do not call the run of a decode table recommended when nothing is', () => {
    expect(decodeTable(tableContext(report), '8xH200').caption).toBe('Decode speed at the recommended run (the peak-throughput run where none is recommended), 8xH200');
    expect(decodeTable(tableContext(report), 'api-providers').caption).toBe('Decode speed at the recommended run, api-providers');
  });
});
