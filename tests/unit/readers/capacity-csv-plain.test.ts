import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../scripts/bench/prng.ts';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { IssueList } from '../../../src/core/issues.ts';
import { loadDataset, loadReport } from '../../../src/core/load.ts';
import { readCapacityCsv } from '../../../src/core/readers/capacity-csv.ts';
import type { DataIssue } from '../../../src/core/types.ts';
import { allFinite, labels } from './helpers.ts';

// The capacity CSV reader on seeded random files, hostile cells and broken rows included: it
// never throws, never lets a non-finite number through, and points every problem at a place.

// Seeded, so a failing case can be replayed from its seed.
const prng = mulberry32;

const COLUMNS = ['gpu', 'workload', 'concurrency', 'max_new_tokens', 'throughput_tok_s', 'p95_e2e_ms', 'mean_ttft_ms', 'p95_ttft_ms', 'requests', 'failed', 'status', 'note'];
// No quote and no carriage return: anything else a plain file can hold, hostile or not.
const TOKENS = ['', ',', ',,,', '\n', '\n\n', ' ', '\t', '-1', '0', '-0', '+3', '.5', '5.', '1e3', '1e999', 'NaN', 'Infinity', 'inf', 'abc', 'oom', ' 12 ', '9'.repeat(400), '<b>', '\u0000', 'x'.repeat(250)];

function plainCsv(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const columns = COLUMNS.filter((c) => c === 'throughput_tok_s' || random() < 0.7).sort(() => random() - 0.5);
  const lines = [columns.join(',')];
  const rows = Math.floor(random() * 12);
  for (let r = 0; r < rows; r++) {
    lines.push(columns.map((c) => {
      if (c === 'gpu') return pick(['L4', 'H100', 'A10G ']);
      if (c === 'workload') return pick(['chat', 'batch']);
      if (c === 'status') return pick(['ok', 'oom', 'timeout', '']);
      if (c === 'concurrency' || c === 'max_new_tokens') return String(2 ** Math.floor(random() * 8));
      if (c === 'requests' || c === 'failed') return String(Math.floor(random() * 50));
      if (c === 'note') return pick(['', 'first run', 'x']);
      return (random() * 5000).toFixed(Math.floor(random() * 4));
    }).join(','));
  }
  let text = lines.join('\n') + (random() < 0.8 ? '\n' : '');
  const mutations = Math.floor(random() * 4);
  for (let m = 0; m < mutations; m++) {
    const at = Math.floor(random() * (text.length + 1));
    text = random() < 0.3 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8)) : text.slice(0, at) + pick(TOKENS) + text.slice(at);
  }
  return text;
}

function readOne(text: string) {
  const issues = new IssueList('sweep.csv');
  const rejected: DataIssue[] = [];
  const context = { file: 'sweep.csv', defaults: labels({ gpu: 'L4', workload: 'chat' }), issues, rejected, files: ['sweep.csv'] };
  const measurements = readCapacityCsv(text, context);
  return { measurements, issues: issues.items, rejected };
}

describe('capacity CSVs on seeded random files', () => {
  it('read without throwing; every number is finite and every problem has a line and column, on 3,000 files', () => {
    let read = 0;
    let withIssues = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const text = plainCsv(prng(seed));
      const what = `seed ${seed}: ${JSON.stringify(text.slice(0, 200))}`;
      let result: ReturnType<typeof readOne> | undefined;
      expect(() => { result = readOne(text); }, what).not.toThrow();
      expect(allFinite(result!.measurements), what).toBe(true);
      for (const issue of result!.issues) {
        expect(issue.line, what).toBeGreaterThanOrEqual(1);
        expect(issue.column, what).toBeGreaterThanOrEqual(1);
      }
      expect(result!.measurements.every((m) => m.load.axis === 'concurrency' && m.tool === 'csv' && m.gpu.trim() !== ''), what).toBe(true);
      read += result!.measurements.length;
      if (result!.issues.length) withIssues++;
    }
    // The corpus must exercise both sides: rows that read and files that fail.
    expect(read).toBeGreaterThan(3000);
    expect(withIssues).toBeGreaterThan(300);
    expect(withIssues).toBeLessThan(2700);
  });

  it('name the line and column of a bad cell', () => {
    const text = 'gpu,workload,concurrency,max_new_tokens,throughput_tok_s\n\nL4,chat,8,64,12.5\nL4,chat,16,64,abc\n';
    expect(readOne(text).issues[0]).toMatchObject({ line: 4, column: 15 });
  });
});

describe('a folder of capacity CSVs', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('loads into the report built from the measurements it read', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = prng(seed * 7919);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'cf-fold-'));
      dirs.push(dir);
      for (let f = 0; f < 3; f++) {
        const rows = ['gpu,workload,concurrency,max_new_tokens,throughput_tok_s,p95_e2e_ms,status'];
        for (let r = 0; r < 30; r++) {
          const c = 2 ** Math.floor(random() * 5);
          rows.push(`GPU-${f % 2},${random() < 0.5 ? 'chat' : 'batch'},${c},${64 * 2 ** Math.floor(random() * 3)},${(random() * 900).toFixed(1)},${(random() * 4000).toFixed(1)},${random() < 0.1 ? 'oom' : 'ok'}`);
        }
        // One file in three has a quoted cell.
        if (f === 2) rows.push(`"GPU-1",chat,1,64,${(random() * 900).toFixed(1)},100,ok`);
        mkdirSync(path.join(dir, 'runs'), { recursive: true });
        writeFileSync(path.join(dir, 'runs', `sweep-${f}.csv`), `${rows.join('\n')}\n`);
      }
      const dataset = await loadDataset(dir);
      expect(await loadReport(dir), `seed ${seed}`).toEqual(buildReport(dataset.measurements, dataset.config, dataset.files));
    }
  });
});
