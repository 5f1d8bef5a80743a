import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../scripts/bench/prng.ts';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { defaultConfig } from '../../../src/core/config.ts';
import { readDataFile } from '../../../src/core/load.ts';
import { workloadTitle } from '../../../src/core/phrases.ts';
import { escapeMarkdown, renderMarkdown } from '../../../src/core/markdown.ts';
import { REALDATA, ROOT } from '../core/paths.ts';

// A seeded PRNG (the benchmark's), so every failing case can be replayed from its seed.
const prng = mulberry32;

const SEEDS: [string, string][] = [
  ['sweep_chat_capacity_gpu.csv', readFileSync(path.join(ROOT, 'data/rtx2000-ada/day003_chat_capacity_rtx16gb.csv'), 'utf8')],
  ['l4_chat.csv', readFileSync(path.join(ROOT, 'data/synthetic-l4/l4_chat_sweep.csv'), 'utf8')],
  ['bench.json', readFileSync(path.join(REALDATA, 'er0080__vllm-benchmarking/protocol/tests/fixtures/bench_serve_v0.25.1.json'), 'utf8')],
  ['sglang.jsonl', readFileSync(path.join(REALDATA, 'datacrunch-research__h200-benchmarks/llama_3_3_70b_online_output.jsonl'), 'utf8')],
  ['aiperf/profile_export_aiperf.csv', readFileSync(path.join(REALDATA, 'akamaslabs__vllm-benchmark/studies/26-g7-4500-gpu-slice-right-sizing/results/aiperf-exp7-no-mig-repeat/concurrency_64/profile_export_aiperf.csv'), 'utf8')],
];

const TOKENS = ['', ',', '"', '\n', '\r\n', '-1', '0', 'NaN', 'Infinity', '1e999', '-0', 'abc', '\u0000', '\u202e', '<script>', '{', '}', '[', ']', ':', 'null', 'true', '9'.repeat(400), 'é', '\ufeff'];

function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  switch (Math.floor(random() * 6)) {
    case 0: return text.slice(0, at); // truncated
    case 1: return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20)); // deleted span
    case 2: return text.slice(0, at) + pick(TOKENS) + text.slice(at); // inserted token
    case 3: { // a number replaced by a hostile value
      const numbers = [...text.matchAll(/\d+(\.\d+)?/g)];
      if (numbers.length === 0) return text;
      const n = pick(numbers);
      return text.slice(0, n.index) + pick(TOKENS) + text.slice(n.index! + n[0].length);
    }
    case 4: { // a line duplicated
      const lines = text.split('\n');
      const i = Math.floor(random() * lines.length);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    default: return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x3000)) + text.slice(at); // random character
  }
}

function assertFinite(value: unknown, where: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`non-finite number at ${where}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertFinite(v, `${where}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertFinite(v, `${where}.${k}`);
  }
}

describe('fuzz: mutated valid files never crash the core', () => {
  it('gives a clean file:line error or a report with only finite numbers, for 3,000 seeded mutations', () => {
    const config = defaultConfig();
    let reports = 0;
    let errors = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const random = prng(seed);
      const [file, original] = SEEDS[seed % SEEDS.length]!;
      let text = original;
      const rounds = random() < 0.7 ? 1 : 2;
      for (let i = 0; i < rounds; i++) text = mutate(text, random);
      const context = `seed ${seed} (${file})`;
      let result;
      try {
        result = readDataFile(file, new TextEncoder().encode(text), config);
      } catch (error) {
        throw new Error(`${context}: the reader threw ${(error as Error).stack}`);
      }
      if (result.issues.length) {
        errors++;
        for (const issue of result.issues) {
          expect(issue.file, context).toBe(file);
          expect(issue.line >= 1 && Number.isInteger(issue.line), context).toBe(true);
          expect(issue.column >= 1 && Number.isInteger(issue.column), context).toBe(true);
          // Messages quote the user's text back (even JSON.parse's own snippet), so they are checked for
          // what only a crash would put there: a stack trace.
          expect(issue.message, context).not.toMatch(/\n\s+at |TypeError|ReferenceError/);
        }
        continue;
      }
      reports++;
      const report = buildReport(result.measurements, config, [result.provenance]);
      assertFinite(report, context);
      // Labels are the user's text and may say anything; every other word of the report is ours.
      let md = renderMarkdown(report);
      for (const g of report.groups) md = md.split(escapeMarkdown(g.gpu)).join('').split(escapeMarkdown(workloadTitle(g.workload))).join('');
      expect(md, `${context}: ${JSON.stringify(text.slice(0, 200))}`).not.toMatch(/NaN|undefined|Infinity/);
    }
    // Both outcomes must really occur, or the mutations are too weak (or too strong) to test anything.
    expect(reports).toBeGreaterThan(250);
    expect(errors).toBeGreaterThan(300);
  });
});
