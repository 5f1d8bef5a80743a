import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IssueList } from '../../../src/core/issues.ts';
import { readerFor } from '../../../src/core/readers/index.ts';
import { arrayElementOffsets, jsonLines } from '../../../src/core/readers/json-text.ts';
import { allFinite, REALDATA, real } from './helpers.ts';

function allFiles(dir: string): string[] {
  return readdirSync(path.join(REALDATA, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(REALDATA, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

// Which reader each real file's content calls for (the path only helps for sweep folders).
const EXPECTED: [RegExp, string][] = [
  [/^ozgurgulerx__inference-journal\/.*\.csv$/, 'csv'],
  [/^surajssd__llm-k8s\/.*\/serving_.*\.json$/, 'vllm-bench-serve'],
  [/^surajssd__llm-k8s\/.*\/benchmark_results\.json$/, 'vllm-nightly-table'],
  [/^er0080__vllm-benchmarking\/protocol\/.*\.json$/, 'vllm-bench-serve'],
  [/^er0080__vllm-benchmarking\/api\/.*\.json$/, 'vllm-bench-sweep'],
  [/^nv-action__vllm-benchmarks\/.*\.json$/, 'vllm-bench-serve'],
  [/^datacrunch-research__h200-benchmarks\/.*\.jsonl$/, 'sglang-bench-serving'],
  [/^danielkorat__guidellm-bench\/.*\.json$/, 'guidellm'],
  [/^nirjhar17__guidellm-pd-disaggregation\/.*\.csv$/, 'guidellm-csv'],
  [/^ray-project__llmperf-leaderboard\/.*\.json$/, 'llmperf'],
  [/^akamaslabs__vllm-benchmark\/.*\.json$/, 'aiperf'],
  [/^akamaslabs__vllm-benchmark\/.*profile_export_aiperf\.csv$/, 'aiperf-csv'],
  [/^akamaslabs__vllm-benchmark\/.*levels\.csv$/, 'levels-csv'],
];

describe('reader detection from content', () => {
  const files = allFiles('.').filter((f) => /\.(csv|json|jsonl)$/.test(f)).sort();

  it('recognises every real data file with the reader of its tool', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const expected = EXPECTED.find(([pattern]) => pattern.test(file))?.[1];
      expect(expected, `no expectation for ${file}`).toBeDefined();
      expect(readerFor(file, real(file).slice(0, 4096))?.name, file).toBe(expected);
    }
  });

  it('detects by content, not by name: a renamed vLLM result is still a vLLM result', () => {
    const text = real('er0080__vllm-benchmarking/protocol/tests/fixtures/bench_serve_v0.25.1.json');
    expect(readerFor('results/anything.json', text.slice(0, 4096))?.name).toBe('vllm-bench-serve');
    const guidellm = real('danielkorat__guidellm-bench/openai_gpt-oss-20b_tp4_quant-none_benchmarks.json');
    expect(readerFor('out.json', guidellm.slice(0, 4096))?.name).toBe('guidellm');
  });

  it('leaves unknown JSON to the loader\'s "unknown file shape" error', () => {
    expect(readerFor('notes.json', '{"title": "not a benchmark"}')).toBeNull();
    expect(readerFor('list.json', '[1, 2, 3]')).toBeNull();
  });

  it('a CSV no specific reader claims goes to the capacity CSV reader', () => {
    expect(readerFor('sweep.csv', 'gpu,concurrency,throughput_tok_s\nA,1,2\n')?.name).toBe('csv');
  });
});

describe('JSON text helpers', () => {
  it('finds where each element of an array starts, skipping strings and nesting', () => {
    const text = '{"b": [ {"x": "[{,}]"}, [1, 2], "s", 3 ]}';
    const offsets = arrayElementOffsets(text, text.indexOf('['));
    expect(offsets.map((o) => text.slice(o, o + 3))).toEqual(['{"x', '[1,', '"s"', '3 ]']);
  });

  it('splits JSON Lines keeping the true line numbers of non-blank lines', () => {
    expect(jsonLines('{"a":1}\r\n\n{"b":2}\n').map((l) => [l.line, l.text])).toEqual([[1, '{"a":1}'], [3, '{"b":2}']]);
  });
});

describe('readers never throw', () => {
  const files = allFiles('.').filter((f) => /\.(csv|json|jsonl)$/.test(f)).sort();

  it('on every real file cut short at several points, or with a byte of noise', () => {
    for (const file of files) {
      const text = real(file);
      const variants = [0.1, 0.5, 0.9].map((f) => text.slice(0, Math.floor(text.length * f)));
      variants.push(text.replace(/[0-9]/, 'x'), text.replace('"', ''), `${text}\n}`);
      for (const variant of variants) {
        const reader = readerFor(file, variant.slice(0, 4096));
        if (!reader) continue;
        const issues = new IssueList(file);
        let result: ReturnType<typeof reader.read> = [];
        expect(() => { result = reader.read(variant, { file, defaults: { gpu: 'G', workload: 'w' }, issues, rejected: [], files: [file] }); }, file).not.toThrow();
        expect(allFinite(result), file).toBe(true);
      }
    }
  });
});
