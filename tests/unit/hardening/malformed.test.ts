import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/core/config.ts';
import { formatIssue } from '../../../src/core/issues.ts';
import { readDataFile } from '../../../src/core/load.ts';

/** Reads one file's bytes as the loader does and returns its problems, formatted. */
function problems(file: string, content: string | Uint8Array): string[] {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return readDataFile(file, bytes, defaultConfig()).issues.map(formatIssue);
}

const HEADER = 'gpu,workload,concurrency,max_new_tokens,throughput_tok_s,p95_e2e_ms';

// One malformed file per kind, each with the exact message a user sees.
const CORPUS: [string, string, string | Uint8Array, string[]][] = [
  ['an empty file', 'empty.csv', '', ['empty.csv:1:1: expects data but the file is empty (to skip it, add "ignore": ["empty.csv"] to capacity.config.json)']],
  ['a file of blank lines', 'blank.csv', '\n\r\n  \n', ['blank.csv:1:1: expects data but the file is empty (to skip it, add "ignore": ["blank.csv"] to capacity.config.json)']],
  ['binary bytes', 'binary.csv', new Uint8Array([0x67, 0x70, 0x75, 0x00, 0xff, 0x10]),
    ['binary.csv:1:1: expects UTF-8 text but found binary content (a NUL byte at offset 3)']],
  ['invalid UTF-8', 'latin1.csv', new Uint8Array([...new TextEncoder().encode(`${HEADER}\nA`), 0xe9, ...new TextEncoder().encode(',chat,1,1,1,1\n')]),
    ['latin1.csv:1:1: expects UTF-8 text but found bytes that are not valid UTF-8']],
  ['a ragged CSV row', 'ragged.csv', `${HEADER}\nA,chat,1,64,10,20\nA,chat,2\n`,
    ['ragged.csv:3:9: expects 6 fields as in the header but found 3']],
  ['an unclosed quote', 'quote.csv', `${HEADER}\nA,chat,1,64,10,20\nA,"chat,2,64,10,20\n`,
    ['quote.csv:3:3: expects a closing quote (") for the field that starts here but found the end of the file']],
  ['duplicate headers', 'dup.csv', 'gpu,workload,concurrency,throughput_tok_s,throughput_tok_s\nA,chat,1,2,3\n',
    ['dup.csv:1:43: duplicate column: "throughput_tok_s" is read as throughput_tok_s, which column "throughput_tok_s" already gives']],
  ['a huge cell', 'huge.csv', `${HEADER}\nA,chat,1,64,${'9'.repeat(100_000)}x,20\n`,
    ['huge.csv:2:13: throughput_tok_s expects a number of 0 or more but found "9999999999999999999999999999999999999999…"']],
  ['a runaway label', 'label.csv', `${HEADER}\n${'G'.repeat(5000)},chat,1,64,10,20\n`,
    ['label.csv:2:1: gpu expects text of at most 200 characters but found "GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG…"']],
  ['a header and no rows', 'header.csv', `${HEADER}\n`,
    ['header.csv:1:1: expects at least one row after the header but found none']],
  ['truncated JSON', 'run.json', '{"output_throughput": 12.5, "median_ttft_ms": 40,\n  "completed": 1',
    ["run.json:2:17: expects valid JSON but found a syntax error (Expected ',' or '}' after property value in JSON at position 66 (line 2 column 17))"]],
  ['JSON of the wrong type', 'list.json', '[1, 2, 3]\n',
    ['list.json:1:1: unknown file shape: no reader recognises it (expects a capacity CSV, vllm bench serve JSON, SGLang JSONL, GuideLLM, llmperf, AIPerf or GenAI-Perf output); if it is not a benchmark result, skip it with "ignore": ["list.json"] in capacity.config.json']],
  ['a wrong value type in tool JSON', 'typed.json', '{"gpu": "A", "workload": "chat", "max_concurrency": 4, "output_throughput": "fast", "median_ttft_ms": 40, "completed": 10}\n',
    [expect.stringMatching(/^typed\.json:1:\d+: .*throughput.* expects a number.* but found "fast"/)]],
  ['an unknown shape', 'notes.json', '{"hello": "world"}\n',
    ['notes.json:1:1: unknown file shape: no reader recognises it (expects a capacity CSV, vllm bench serve JSON, SGLang JSONL, GuideLLM, llmperf, AIPerf or GenAI-Perf output); if it is not a benchmark result, skip it with "ignore": ["notes.json"] in capacity.config.json']],
];

describe('malformed files: one clear message each', () => {
  it.each(CORPUS)('%s', (_kind, file, content, expected) => {
    expect(problems(file, content)).toEqual(expected);
  });
});
