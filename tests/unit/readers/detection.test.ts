import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IssueList } from '../../../src/core/issues.ts';
import { readerFor } from '../../../src/core/readers/index.ts';
import { arrayElementOffsets, arrayOfRootKey, jsonLines, parseDocument, probeOf } from '../../../src/core/readers/json-text.ts';
import { allFinite, detect, labels, REALDATA, real } from './helpers.ts';

function allFiles(dir: string): string[] {
  return readdirSync(path.join(REALDATA, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(REALDATA, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

// Which reader each real file's content calls for (the path only helps for sweep folders); null:
// no reader, so the loader reports "unknown file shape" and says how to ignore the file.
const EXPECTED: [RegExp, string | null][] = [
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
  [/^FernandoDorado__sizing-llm-inference-nvidia\/.*\/profile_export_genai_perf\.json$/, 'aiperf'],
  [/^FernandoDorado__sizing-llm-inference-nvidia\/.*\/profile_export_genai_perf\.csv$/, 'aiperf-csv'],
  [/^TonyLi15__sglang-benchmark\/.*\.jsonl$/, 'sglang-bench-serving'],
  [/^ai-dynamo__aiperf\/.*\/profile_export\.jsonl$/, 'aiperf'],
  [/^ai-dynamo__aiperf\/.*\/profile_export_aiperf\.json$/, 'aiperf'],
  [/^ai-dynamo__aiperf\/.*\/profile_export_aiperf\.csv$/, 'aiperf-csv'],
  [/^ajith-sirra-amd__InferenceMAX_Rocm_Team\/.*\/profile_export_aiperf\.json$/, 'aiperf'],
  [/^ajith-sirra-amd__InferenceMAX_Rocm_Team\/.*\/profile_export\.jsonl$/, 'aiperf'],
  // InferenceX's own aggregate of the same sweep (latencies in seconds): no reader reads it yet.
  [/^ajith-sirra-amd__InferenceMAX_Rocm_Team\/.*\/agg_bmk\.json$/, null],
  [/^dariustanrd__tokenkaki\/.*\.json$/, 'vllm-bench-serve'],
  [/^pillaiharish__llm-serving-performance-lab\/.*\.json$/, 'vllm-bench-serve'],
];

describe('reader detection from content', () => {
  const files = allFiles('.').filter((f) => /\.(csv|json|jsonl)$/.test(f)).sort();

  it('recognises every real data file with the reader of its tool', () => {
    expect(files).toHaveLength(80);
    const unmatched = files.filter((file) => !EXPECTED.some(([pattern]) => pattern.test(file)));
    expect(unmatched, 'files with no expectation').toEqual([]);
    for (const file of files) {
      const expected = EXPECTED.find(([pattern]) => pattern.test(file))![1];
      expect(detect(file, real(file)), file).toBe(expected);
    }
  });

  it('finds SGLang lines by their keys even when server_info pushes the figures past 50 KB', () => {
    const file = 'TonyLi15__sglang-benchmark/benchmarks/results/pd_inter_n100_in512_out128_c32.jsonl';
    const text = real(file);
    expect(text.indexOf('"output_throughput"')).toBeGreaterThan(50_000);
    expect(text.slice(0, 4096)).not.toContain('median_e2e_latency_ms');
    expect(probeOf(file, text).keys!.has('median_e2e_latency_ms')).toBe(true);
    expect(detect('anything.jsonl', text)).toBe('sglang-bench-serving');
  });

  it('finds GenAI-Perf exports whose pretty-printed metrics put "unit" on the next line', () => {
    const file = 'FernandoDorado__sizing-llm-inference-nvidia/artifacts/meta_llama3-8b-instruct-openai-chat-concurrency10/profile_export_genai_perf.json';
    expect(real(file).slice(0, 40)).toBe('{\n  "request_throughput": {\n    "unit": ');
    expect(detect('results/export.json', real(file))).toBe('aiperf');
  });

  it('detects by content, not by name: a renamed vLLM result is still a vLLM result', () => {
    const text = real('er0080__vllm-benchmarking/protocol/tests/fixtures/bench_serve_v0.25.1.json');
    expect(detect('results/anything.json', text)).toBe('vllm-bench-serve');
    const guidellm = real('danielkorat__guidellm-bench/openai_gpt-oss-20b_tp4_quant-none_benchmarks.json');
    expect(detect('out.json', guidellm)).toBe('guidellm');
  });

  it('leaves unknown JSON to the loader\'s "unknown file shape" error', () => {
    expect(detect('notes.json', '{"title": "not a benchmark"}')).toBeNull();
    expect(detect('list.json', '[1, 2, 3]')).toBeNull();
  });

  it('a CSV no specific reader claims goes to the capacity CSV reader', () => {
    expect(detect('sweep.csv', 'gpu,concurrency,throughput_tok_s\nA,1,2\n')).toBe('csv');
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

  it('hands the document detection parsed to its reader, for that text only', () => {
    const text = '\uFEFF{"ttfts": [0.1, NaN], "duration": Infinity}';
    const probe = probeOf('run.json', text);
    expect(probe.document?.value).toEqual({ ttfts: [0.1, 'NaN'], duration: 1e999 });
    const issues = new IssueList('run.json');
    // The same object: the text is not parsed again.
    expect(parseDocument(text, { issues, probed: probe.document })).toBe(probe.document!.value);
    // Another text (another file) is parsed on its own, and a syntax error is reported at its place.
    expect(parseDocument('{"ttfts": [1]}', { issues, probed: probe.document })).toEqual({ ttfts: [1] });
    expect(parseDocument('{"ttfts": [1', { issues, probed: probe.document })).toBeUndefined();
    expect(issues.items).toHaveLength(1);
    // JSON Lines: the first line was parsed, not the document, so there is nothing to hand over.
    expect(probeOf('runs.jsonl', '{"a": 1}\n{"a": 2}\n').document).toBeNull();
    expect(probeOf('sweep.csv', 'a,b\n1,2\n').document).toBeUndefined();
  });

  it('finds the array of a root key, skipping a nested key of the same name before it', () => {
    const text = '{"config": {"benchmarks": [9], "s": "\\"benchmarks\\": ["}, "benchmarks": [ {"a": 1} ]}';
    expect(text.slice(arrayOfRootKey(text, 'benchmarks'), arrayOfRootKey(text, 'benchmarks') + 3)).toBe('[ {');
    expect(arrayOfRootKey(text, 'missing')).toBe(-1);
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
        const reader = readerFor(probeOf(file, variant));
        if (!reader) continue;
        const issues = new IssueList(file);
        let result: ReturnType<typeof reader.read> = [];
        expect(() => { result = reader.read(variant, { file, defaults: labels({ gpu: 'G', workload: 'w' }), issues, rejected: [], files: [file] }); }, file).not.toThrow();
        expect(allFinite(result), file).toBe(true);
      }
    }
  });
});
