import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../../src/core/load.ts';
import type { Report } from '../../../src/core/types.ts';
import { buildSiteModel } from '../../../src/site/model.ts';
import { tableCsv } from '../../../src/site/tables/cells.ts';
import { tableContext } from '../../../src/site/tables/context.ts';
import { decodeTable, instabilityTable, keyNumbersTable, kvBudgetSummary, LIFE_TABLES_PATH, saturationSummary, ttftTable } from '../../../src/site/tables/life.ts';
import { REALDATA, ROOT } from '../core/paths.ts';
import { fixtureModel, fixtureReport, groupOf, LIFE, realCopy, rowTexts } from './fixtures.ts';

/** The seed author's two CSVs, read where they are. */
const SEED = path.join(REALDATA, 'ozgurgulerx__inference-journal');
const RTX = 'RunPod-RTX2000-16GB';
const MODEL = { name: 'Qwen2.5-1.5B-Instruct (BF16)', layers: 28, kv_heads: 2, head_dim: 128, bytes_per_element: 2, weights_gib: 2.9, overhead_gib: 1 };

let seed: Report;
const dirs: string[] = [];
beforeAll(async () => {
  seed = await loadReport(SEED);
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('p95 TTFT against load', () => {
  it('the seed\'s chat sweep: rows concurrency, columns max_tokens, each cell linked to its run', () => {
    const table = ttftTable(tableContext(seed), groupOf(seed, RTX, 'chat'));
    expect(table.columns.map((c) => c.label)).toEqual(['Concurrency', 'max_tokens 64', 'max_tokens 128', 'max_tokens 256']);
    expect(rowTexts(table)).toEqual([
      ['1', '1065', '2071', '4123'],
      ['4', '1106', '2189', '4367'],
      ['8', '1169', '2298', '4554'],
      ['16', '1316', '2567', '4972'],
    ]);
    expect(table.rows[0]!.cells[1]).toEqual({ kind: 'figure', text: '1065', value: 1064.54, numeric: true, link: '/gpus/runpod-rtx2000-16gb/chat/#run-c1-t64' });
    expect(table).toMatchObject({ id: 'ttft-runpod-rtx2000-16gb-chat', csv: '/tables/ttft-runpod-rtx2000-16gb-chat.csv', note: undefined });
    expect(tableCsv(table).split('\r\n')[1]).toBe('1,1064.54,2071.18,4123.1');
  });

  it('collapses to its sentence when the group recorded no TTFT (the seed\'s batch harness)', () => {
    const table = ttftTable(tableContext(seed), groupOf(seed, RTX, 'batch'));
    expect(table.rows).toEqual([]);
    expect(table.columns).toEqual([]);
    expect(table.empty).toBe('No p95 time to first token was recorded for RunPod-RTX2000-16GB on batch, so this table is left out.');
  });

  it('shows what happened to a run that did not finish instead of a figure', async () => {
    const report = await fixtureReport('data');
    const batch = ttftTable(tableContext(report), groupOf(report, 'L4-24GB (synthetic)', 'batch'));
    expect(rowTexts(batch)).toEqual([['8', '295', '295'], ['16', '410', '410'], ['32', '641', '641'], ['64', '2062', 'timeout']]);
    expect(batch.rows[3]!.cells[2]).toMatchObject({ kind: 'text', tone: 'bad', value: null, link: '/gpus/l4-24gb-synthetic/batch/#run-c64-t512' });
    const fleet = await fixtureReport('several-gpus');
    // The OOM run at 64 × 128 on the H100 recorded nothing.
    expect(rowTexts(ttftTable(tableContext(fleet), groupOf(fleet, 'H100 <SXM> & "80GB"', 'chat')))).toEqual([['4', '30'], ['16', '60'], ['32', '90'], ['64', 'OOM']]);
  });

  it('adds a Setup column for a group of several setups, and heads a rate sweep "Request rate"', async () => {
    const report = await fixtureReport('setups');
    const context = tableContext(report);
    const chat = ttftTable(context, groupOf(report, 'H100', 'chat'));
    expect(chat.columns.map((c) => c.label)).toEqual(['Concurrency', 'Setup', 'max_tokens 128']);
    expect(rowTexts(chat)).toEqual([['4', 'TP1', '50'], ['8', 'TP1', '60'], ['16', 'TP1', '90'], ['4', 'TP2', '40'], ['8', 'TP2', '50'], ['16', 'TP2', '70']]);
    const stream = ttftTable(context, groupOf(report, 'H100', 'stream'));
    expect(stream.columns.map((c) => c.label)).toEqual(['Request rate', 'p95 TTFT (ms)']);
    expect(rowTexts(stream)).toEqual([['1 req/s', '40'], ['2 req/s', '45'], ['4 req/s', '60'], ['8 req/s', '300']]);
  });

  it('src bug: heads a rate sweep with an unbounded run "Request rate", not "Concurrency" (the ceiling has no row)', async () => {
    const report = await fixtureReport('setups');
    const burst = ttftTable(tableContext(report), groupOf(report, 'H100', 'burst'));
    expect(rowTexts(burst)).toEqual([['2 req/s', '60'], ['4 req/s', '80']]);
    expect(burst.columns[0]!.label).toBe('Request rate');
  });
});

describe('saturation, instability and key numbers', () => {
  it('saturation: not saturated up to 16 (chat) and 32 (batch) in the seed', () => {
    const table = saturationSummary(tableContext(seed));
    expect(rowTexts(table)).toEqual([
      [RTX, 'Batch', 'not saturated up to concurrency 32', '567.9', 'max_tokens 256'],
      [RTX, 'Chat', 'not saturated up to concurrency 16', '620.4', 'max_tokens 128'],
    ]);
    expect(table.rows[1]!.cells[2]).toMatchObject({ link: '/gpus/runpod-rtx2000-16gb/chat/#run-c16-t128', value: 'not saturated up to concurrency 16' });
    expect(saturationSummary(tableContext(seed), ['chat'])).toMatchObject({ id: 'saturation-chat', csv: '/tables/saturation-chat.csv' });
    expect(rowTexts(saturationSummary(tableContext(seed), ['chat']))).toEqual([rowTexts(table)[1]]);
  });

  it('instability: the jitter ridge at 16 × 512 in the seed; the OOM, the failed and the timed-out runs in data/', async () => {
    expect(rowTexts(instabilityTable(tableContext(seed)))).toEqual([[RTX, 'Batch', 'concurrency 16 × 512 tokens', '–', 'jitter ridge: p95 9423 ms, over 25% above both neighbours']]);
    const report = await fixtureReport('data');
    const l4 = instabilityTable(tableContext(report), ['L4-24GB (synthetic)']);
    expect(l4.id).toBe('instability-l4-24gb-synthetic');
    expect(rowTexts(l4)).toEqual([
      ['L4-24GB (synthetic)', 'Batch', 'concurrency 64 × 512 tokens', 'max_model_len 4096 · gpu_memory_utilization 0.9', 'timed out'],
      ['L4-24GB (synthetic)', 'Chat', 'concurrency 64 × 128 tokens', 'max_model_len 4096 · gpu_memory_utilization 0.9', 'finished with 3 failed requests (64 completed)'],
      ['L4-24GB (synthetic)', 'Chat', 'concurrency 64 × 256 tokens', 'max_model_len 4096 · gpu_memory_utilization 0.9', 'ran out of GPU memory (OOM) (64 failed requests)'],
    ]);
    expect(l4.rows[2]!.cells[2]!.link).toBe('/gpus/l4-24gb-synthetic/chat/#run-c64-t256');
    const calm = instabilityTable(tableContext(await fixtureReport('setups')));
    expect(calm.rows).toEqual([]);
    expect(calm.empty).toBe('Every run finished cleanly at the load it was driven at, and no jitter ridge was found.');
  });

  it('key numbers of the seed\'s GPU: max stable load, max throughput, the recommendation and its latency', () => {
    const table = keyNumbersTable(tableContext(seed), RTX);
    expect(table.columns.map((c) => c.label)).toEqual(['Metric', RTX]);
    expect(rowTexts(table)).toEqual([
      ['Max stable batch concurrency', '32'],
      ['Max batch throughput (tok/s)', '567.9'],
      ['Recommended batch setting', 'concurrency 8, max_tokens 256'],
      ['p95 e2e at the recommended setting (ms)', '4570'],
      ['Max stable chat concurrency', '16'],
      ['Max chat throughput (tok/s)', '620.4'],
      ['Recommended chat setting', 'concurrency 16, max_tokens 64'],
      ['p95 e2e at the recommended setting (ms)', '1316'],
    ]);
    expect(table.csv).toBe(`${LIFE_TABLES_PATH}key-numbers-runpod-rtx2000-16gb.csv`);
  });

  it('key numbers say when nothing met the SLO', async () => {
    const report = await fixtureReport('data');
    expect(rowTexts(keyNumbersTable(tableContext(report), 'L4-24GB (synthetic)')).slice(-2)).toEqual([
      ['Recommended rag setting', 'none met the SLO'],
      ['p95 TTFT at the recommended setting (ms)', 'p95 TTFT ≤ 1000 ms not met'],
    ]);
  });
});

describe('the KV-cache budget', () => {
  it('data/: 28 KiB per token; the GPUs\' budgets next to the measured max stable concurrency', async () => {
    const report = await fixtureReport('data');
    const table = kvBudgetSummary(tableContext(report));
    expect(table.columns.map((c) => c.label)).toEqual(['GPU', 'KV bytes per token', 'KV tokens', 'Context length', 'Max concurrent sequences', 'Measured max stable concurrency']);
    // 2 × 28 layers × 2 KV heads × 128 × 2 bytes = 28 KiB per token; (16 × 0.8 − 3.9) GiB / 28 KiB = 333,297 tokens.
    expect(rowTexts(table)).toEqual([
      ['L4-24GB (synthetic)', '28.0 KiB', '662,849', '4,096', '161', '32'],
      [RTX, '28.0 KiB', '333,297', '4,096', '81', '32'],
    ]);
    expect(rowTexts(kvBudgetSummary(tableContext(report), [RTX]))).toEqual([rowTexts(table)[1]]);
  });

  it('collapses to a sentence naming what the settings lack: everything for the bare seed, the model when only it is missing', async () => {
    expect(kvBudgetSummary(tableContext(seed))).toMatchObject({ rows: [], columns: [], empty: 'No KV-cache budget: the report\'s settings give no context length, model architecture and GPU memory.' });
    const dir = realCopy('ozgurgulerx__inference-journal', { context_length: 4096, gpus: { [RTX]: { memory_gib: 16 } } });
    dirs.push(dir);
    const report = await loadReport(dir);
    expect(report.gaps.filter((g) => g.group === null).map((g) => g.key)).toEqual([`gpu:${RTX}||model`]);
    const table = kvBudgetSummary(tableContext(report));
    expect(table.rows).toEqual([]);
    expect(table.empty).toBe('No KV-cache budget: the report\'s settings give no model architecture.');
  });

  describe('when one GPU has a budget and another lacks its memory', () => {
    let report: Report;
    beforeAll(async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'cf-site-kv-'));
      dirs.push(dir);
      cpSync(SEED, path.join(dir, 'seed'), { recursive: true });
      cpSync(path.join(ROOT, 'data/synthetic-l4'), path.join(dir, 'l4'), { recursive: true });
      writeFileSync(path.join(dir, 'capacity.config.json'), JSON.stringify({ model: MODEL, context_length: 4096, gpus: { [RTX]: { memory_gib: 16, gpu_memory_utilization: 0.8 } } }));
      report = await loadReport(dir);
    });

    it('shows the lacking GPU\'s figures as its gap of the core\'s list', () => {
      const table = kvBudgetSummary(tableContext(report));
      expect(rowTexts(table)[1]).toEqual([RTX, '28.0 KiB', '333,297', '4,096', '81', '32']);
      const l4 = table.rows[0]!.cells;
      expect(l4[0]!.text).toBe('L4-24GB (synthetic)');
      expect(l4.slice(1, 5).map((c) => [c.kind, c.gap])).toEqual(Array(4).fill(['missing', 'gpu:L4-24GB (synthetic)||memory_gib']));
      expect(kvBudgetSummary(tableContext(report), ['L4-24GB (synthetic)']).empty).toBe('No KV-cache budget: the report\'s settings give no GPU memory.');
    });

    it('src bug: still shows the lacking GPU\'s measured max stable concurrency (32), which needs no budget', () => {
      const table = kvBudgetSummary(tableContext(report));
      expect(table.rows[0]!.cells[5]!.text).toBe('32');
    });
  });
});

describe('decode speed at the recommended run', () => {
  it('collapses to a sentence when no run streamed (data/)', async () => {
    const table = decodeTable(tableContext(await fixtureReport('data')), RTX);
    expect(table.rows).toEqual([]);
    expect(table.empty).toBe('Decode speed (time per output token, inter-token latency) was not recorded on RunPod-RTX2000-16GB; a streaming benchmark records it.');
  });

  it('shows the figures a streaming run recorded, and those its per-request arrays give (real vLLM results)', async () => {
    const dir = realCopy('surajssd__llm-k8s', { files: { 'run/': { gpu: '8xA100-40GB', workload: 'sharegpt' } } });
    dirs.push(dir);
    const report = await loadReport(dir);
    const table = decodeTable(tableContext(report), '8xA100-40GB');
    expect(table.columns.map((c) => c.label)).toEqual(['Workload', 'Run', 'p50 TPOT (ms)', 'p95 TPOT (ms)', 'p50 ITL (ms)', 'p95 ITL (ms)']);
    // No run met (or could be judged on) the SLO: the peak run is shown, the unbounded one.
    // The files write p99 but no p95 of TPOT and ITL: those are ours, from the ttfts, itls and output_lens arrays.
    expect(rowTexts(table)).toEqual([['ShareGPT', 'unbounded load (every request at once)', '37', '55', '35', '41']]);
    expect(table.rows[0]!.cells.filter((c) => c.gap)).toEqual([]);
    expect(table.note).toBe('TPOT is the time per output token after the first; ITL the time between streamed tokens. A harness that does not stream cannot measure either.');
  });
});

describe('the write-up tables in the site model', () => {
  it('are keyed by group, GPU and workload, with "*" for all, each with its own download', async () => {
    const model = await fixtureModel('data');
    expect([...model.life.ttft.keys()]).toEqual(model.report.groups.map((g) => g.slug));
    expect([...model.life.decode.keys()]).toEqual(['L4-24GB (synthetic)', RTX]);
    expect([...model.life.saturation.keys()]).toEqual(['*', 'batch', 'chat', 'rag']);
    expect([...model.life.instability.keys()]).toEqual(['*', 'L4-24GB (synthetic)', RTX]);
    expect([...model.life.kv.keys()]).toEqual(['*', 'L4-24GB (synthetic)', RTX]);
    const lifeCsvs = model.tables.map((t) => t.csv).filter((csv) => csv.startsWith(LIFE_TABLES_PATH));
    // Tables that collapsed to a sentence have no download.
    expect(lifeCsvs).not.toContain('/tables/ttft-runpod-rtx2000-16gb-batch.csv');
    expect(lifeCsvs).not.toContain('/tables/decode-runpod-rtx2000-16gb.csv');
    expect(lifeCsvs).toContain('/tables/ttft-runpod-rtx2000-16gb-chat.csv');
    expect(lifeCsvs).toContain('/tables/kv.csv');
    expect(buildSiteModel(seed, [LIFE]).life.kv.get('*')!.empty).toMatch(/^No KV-cache budget/);
  });
});
