import { mkdtemp, copyFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../../src/core/load.ts';
import type { Report } from '../../../src/core/types.ts';
import { listNumbers, workloadsTested } from '../../../src/life/configs.ts';
import { figureIds, resolveFigure } from '../../../src/life/figures.ts';
import { findingsList, instabilityTable, keyNumbersTable, kvBudgetTable, saturationTable, ttftTable } from '../../../src/life/tables.ts';
import { REALDATA, ROOT } from '../core/paths.ts';

let seed: Report;
let sample: Report;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cf-life-'));
  for (const file of ['day003_chat_capacity_rtx16gb.csv', 'day003_batch_capacity_rtx16gb.csv']) {
    await copyFile(path.join(REALDATA, 'ozgurgulerx__inference-journal', file), path.join(dir, file));
  }
  seed = await loadReport(dir);
  sample = await loadReport(path.join(ROOT, 'data'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const texts = (rows: { text: string }[][]) => rows.map((r) => r.map((c) => c.text));

describe('Life of a Request tables from the seed author\'s files', () => {
  it('p95 TTFT vs concurrency: rows concurrency, columns max_tokens', () => {
    const table = ttftTable(seed.groups.find((g) => g.workload === 'chat')!);
    expect(table.columns).toEqual(['Concurrency', 'max_tokens 64', 'max_tokens 128', 'max_tokens 256']);
    expect(texts(table.rows)).toEqual([
      ['1', '1065', '2071', '4123'],
      ['4', '1106', '2189', '4367'],
      ['8', '1169', '2298', '4554'],
      ['16', '1316', '2567', '4972'],
    ]);
    expect(table.rows[0]![1]!.href).toBe('/gpus/runpod-rtx2000-16gb/chat/#run-c1-t64');
    expect(table.rows[0]![1]!.sources).toEqual([{ file: 'day003_chat_capacity_rtx16gb.csv', line: 2 }]);
  });

  it('batch has no TTFT column: every cell is an explicit gap naming the column', () => {
    const table = ttftTable(seed.groups.find((g) => g.workload === 'batch')!);
    const cells = table.rows.flatMap((r) => r.slice(1));
    expect(cells.every((c) => c.text === 'not measured' && c.gap?.hint.includes('p95_ttft_ms'))).toBe(true);
  });

  it('saturation: not saturated up to 16 (chat) and 32 (batch)', () => {
    expect(texts(saturationTable(seed).rows)).toEqual([
      ['RunPod-RTX2000-16GB', 'Batch', 'not saturated up to 32', '567.9', 'max_tokens 256'],
      ['RunPod-RTX2000-16GB', 'Chat', 'not saturated up to 16', '620.4', 'max_tokens 128'],
    ]);
  });

  it('instability: the jitter ridge at 16 × 512', () => {
    const rows = texts(instabilityTable(seed).rows);
    expect(rows).toEqual([['RunPod-RTX2000-16GB', 'Batch', 'concurrency 16 × 512 tokens', '–', 'jitter ridge: p95 9423 ms, over 25% above both neighbours']]);
  });

  it('key numbers: chat 620.4 tok/s, max stable concurrency 16 chat and 32 batch', () => {
    const rows = texts(keyNumbersTable(seed, 'RunPod-RTX2000-16GB').rows);
    expect(rows).toContainEqual(['Max stable chat concurrency', '16']);
    expect(rows).toContainEqual(['Max stable batch concurrency', '32']);
    expect(rows).toContainEqual(['Max chat throughput (tok/s)', '620.4']);
    expect(rows).toContainEqual(['Recommended chat config', 'concurrency 16 × max_tokens 64']);
    expect(rows).toContainEqual(['p95 e2e at the recommended config (ms)', '1316']);
  });

  it('findings: no streaming, scaling and the ridge, each linking to its runs', () => {
    const findings = findingsList(seed);
    expect(findings.map((f) => f.text).join('\n')).toMatch(/not streamed/);
    const ridge = findings.find((f) => f.text.includes('jitter ridge'))!;
    expect(ridge.links.map((l) => l.href)).toEqual([
      '/gpus/runpod-rtx2000-16gb/batch/#run-c8-t512', '/gpus/runpod-rtx2000-16gb/batch/#run-c16-t512', '/gpus/runpod-rtx2000-16gb/batch/#run-c32-t512',
    ]);
    const scaling = findings.find((f) => f.text.startsWith('From concurrency 1 to 16'))!;
    expect(scaling.text).toBe('From concurrency 1 to 16 at max_new_tokens 128, throughput rises 12.4× (50.0 → 620.4 tok/s) while p95 latency goes from 2071 ms to 2567 ms (+24%).');
  });

  it('KV budget: a gap without model config, figures with it', () => {
    // No model config: the budget is one gap (the core's), but the measured concurrency is still shown.
    const bare = kvBudgetTable(seed).rows[0]!;
    expect(bare.slice(1, 5).every((c) => c.gap?.where === 'KV-cache budget of RunPod-RTX2000-16GB' && c.gap.field === 'context length')).toBe(true);
    expect(bare[5]!.text).toBe('32');
    const row = kvBudgetTable(sample).rows.find((r) => r[0]!.text === 'RunPod-RTX2000-16GB')!;
    // 2 × 28 layers × 2 KV heads × 128 × 2 bytes = 28 KiB per token; (16 × 0.8 − 3.9) GiB / 28 KiB = 333,297 tokens; batch ran stable up to 32.
    expect(row.map((c) => c.text)).toEqual(['RunPod-RTX2000-16GB', '28.0 KiB', '333,297', '4096', '81', '32']);
  });
});

describe('<Num> figures', () => {
  it('resolves a figure with unit, link and sources', () => {
    expect(resolveFigure(seed, 'runpod-rtx2000-16gb/chat/max_throughput')).toEqual({
      id: 'runpod-rtx2000-16gb/chat/max_throughput', value: 620.4, text: '620.4 tok/s',
      href: '/gpus/runpod-rtx2000-16gb/chat/#run-c16-t128', sources: [{ file: 'day003_chat_capacity_rtx16gb.csv', line: 12 }],
    });
    expect(resolveFigure(seed, 'runpod-rtx2000-16gb/batch/recommended_headroom').text).toBe('9%');
  });

  it('returns a gap for a figure the data lacks', () => {
    const f = resolveFigure(seed, 'runpod-rtx2000-16gb/batch/peak_p95_ttft');
    expect(f.text).toBe('not measured');
    expect(f.gap?.hint).toContain('p95_ttft_ms');
  });

  it('teaches the valid ids on a typo', () => {
    expect(() => resolveFigure(seed, 'rtx/chat/max_throughput')).toThrow(/expects "<gpu>\/<workload>\/<name>" with <gpu>\/<workload> one of runpod-rtx2000-16gb\/batch, runpod-rtx2000-16gb\/chat/);
    expect(figureIds(seed)).toContain('runpod-rtx2000-16gb/chat/recommended_latency');
  });
});

describe('workloads tested', () => {
  it('derives concurrency levels, output lengths and SLOs from the data', () => {
    const tested = workloadsTested(sample);
    const chat = tested.find((t) => t.workload === 'chat')!;
    expect(chat).toMatchObject({ concurrency: [1, 4, 8, 16, 32, 64], max_new_tokens: [64, 128, 256], slo: 'p95 e2e ≤ 2000 ms', context_length: 4096 });
    expect(listNumbers(chat.concurrency)).toBe('1, 4, 8, 16, 32 and 64');
    expect(listNumbers(chat.max_new_tokens, true)).toBe('64–256');
  });
});

describe('decode and implications', () => {
  it('marks TPOT and ITL as not measured when the harness did not record them', async () => {
    const { decodeTable } = await import('../../../src/life/tables.ts');
    const table = decodeTable(seed, 'RunPod-RTX2000-16GB');
    expect(table.rows.map((r) => r[1]!.text)).toEqual(['concurrency 8 × 256 tokens', 'concurrency 16 × 64 tokens']);
    expect(table.rows.flatMap((r) => r.slice(2)).every((c) => c.gap?.hint.includes('_ms column'))).toBe(true);
  });

  it('says what to run, how much headroom it leaves and whether throughput saturated', async () => {
    const { implications } = await import('../../../src/life/tables.ts');
    expect(implications(seed, 'chat')).toEqual([{
      gpu: 'RunPod-RTX2000-16GB',
      href: '/gpus/runpod-rtx2000-16gb/chat/',
      text: 'Run at concurrency 16 × 64 tokens: 579.7 tok/s with 34% headroom under p95 e2e ≤ 2000 ms. Every run was stable up to concurrency 16. Throughput was still rising at concurrency 16, so a higher concurrency may be worth a sweep.',
    }]);
    expect(implications(sample, 'rag')[0]!.text).toMatch(/^Nothing tested meets p95 TTFT ≤ 1000 ms/);
  });
});
