import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../../src/core/load.ts';
import { tableCsv } from '../../../src/site/tables/cells.ts';
import { tableContext } from '../../../src/site/tables/context.ts';
import { disagreementsTable, fileAnchors } from '../../../src/site/tables/provenance.ts';
import { copyRealData } from '../core/paths.ts';
import { FIXTURES } from '../readers/helpers.ts';
import { rowTexts } from './fixtures.ts';

// Figures below were worked out from the records by a separate script (numpy 2.4, the benchmark's
// window as GuideLLM takes it), not by this code.

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const LABELS = { files: { 'run/': { gpu: 'G', workload: 'chat' } } };

function folderOf(files: Record<string, string>): string {
  const dir = copyRealData(mkdtempSync(path.join(os.tmpdir(), 'cf-differences-')), files, LABELS);
  dirs.push(dir);
  return dir;
}

async function tableOf(dir: string) {
  const report = await loadReport(dir);
  return { report, table: disagreementsTable(tableContext(report), fileAnchors(report)) };
}

describe('percentiles of the files that differ from ours', () => {
  it('a small vLLM file whose own p99 TTFT is not its records\': listed at file:line with both values; its p50 agrees and is not', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cf-differences-'));
    dirs.push(dir);
    cpSync(path.join(FIXTURES, 'vllm-own-percentile-differs.json'), path.join(dir, 'run/own.json'), { recursive: true });
    writeFileSync(path.join(dir, 'capacity.config.json'), JSON.stringify(LABELS));
    const { report, table } = await tableOf(dir);
    expect(report.disagreements).toEqual([{ file: 'run/own.json', line: 1, metric: 'p99_ttft_ms', theirs: 44, ours: expect.closeTo(39.7, 9) }]);
    expect(table!.columns.map((c) => c.label)).toEqual(['Where (file:line)', 'Metric', 'File (ms)', 'Ours (ms)', 'Difference (ms)', 'Difference']);
    expect(rowTexts(table!)).toEqual([['run/own.json:1', 'p99 TTFT', '44.00', '39.70', '\u22124.30', '\u22129.8%']]);
    expect(table!.rows[0]!.cells[0]!.link).toBe(`/data/#${fileAnchors(report).get('run/own.json')!}`);
    // The page keeps the file's own figure.
    expect(report.groups[0]!.points[0]!.latency.p99_ttft_ms).toBe(44);
    // The download holds the figures unrounded, the difference as a share of the file's.
    const [where, metric, ...figures] = tableCsv(table!).split('\r\n')[1]!.split(',');
    expect([where, metric]).toEqual(['run/own.json:1', 'p99_ttft_ms']);
    expect(figures.map((v) => Number(Number(v).toFixed(3)))).toEqual([44, 39.7, -4.3, -9.773]);
  });

  it('real GuideLLM requests (Qwen3-30B-A3B, synchronous): p90 and p95 TTFT differ, p50 and p99 do not', async () => {
    const { table } = await tableOf(folderOf({ 'run/qwen.json': 'danielkorat__guidellm-bench/Qwen_Qwen3-30B-A3B_tp4_quant-fp8_benchmarks.json' }));
    // 19 requests in the window: numpy gives p90 68.934, p95 71.629 against GuideLLM's 71.499 and 72.798.
    expect(rowTexts(table!)).toEqual([
      ['run/qwen.json:1', 'p90 TTFT', '71.50', '68.93', '\u22122.57', '\u22123.6%'],
      ['run/qwen.json:1', 'p95 TTFT', '72.80', '71.63', '\u22121.17', '\u22121.6%'],
    ]);
  });

  it('says nothing when every percentile agrees (real vLLM arrays, day06)', async () => {
    const { report, table } = await tableOf(folderOf({ run: 'pillaiharish__llm-serving-performance-lab/results/day06/raw' }));
    expect(report.groups[0]!.points.every((p) => p.quantiles !== null)).toBe(true);
    expect(report.disagreements).toEqual([]);
    expect(table).toBeNull();
  });
});
