import type { Measurement } from '../types.ts';
import { notABenchmark } from './hints.ts';
import { arrayElementOffsets, baseName, folderOf, isObject, lineOf, parseDocument } from './json-text.ts';
import type { Reader, ReaderContext } from './reader.ts';

/**
 * vLLM's nightly-benchmark harness writes `benchmark_results.json` beside its serving_*.json
 * runs: a table (`Test name`, `Output Tput (tok/s)`, `Median TTFT (ms)`…) of the same runs.
 * A row names neither its request rate nor its concurrency except inside the test name, and
 * the runs themselves are read from their own files, so every row is recorded as rejected.
 */

/** Records each table row as rejected, with the reason. */
export function readVllmNightlyTable(text: string, context: ReaderContext): Measurement[] {
  const root = parseDocument(text, context);
  if (root === undefined) return [];
  if (!Array.isArray(root)) {
    context.issues.add(1, 1, notABenchmark(context.file, 'expects a list of table rows (vLLM nightly benchmark_results.json) but found something else'));
    return [];
  }
  const folder = folderOf(context.file);
  const runs = context.files.filter((f) => folderOf(f) === folder && /^serving_.*\.json$/i.test(baseName(f)));
  const offsets = arrayElementOffsets(text, text.indexOf('['));
  root.forEach((row, index) => {
    const name = isObject(row) && typeof row['Test name'] === 'string' ? row['Test name'] : `row ${index + 1}`;
    context.rejected.push({
      file: context.file, line: lineOf(text, offsets[index] ?? 0), column: 1,
      message: `${name}: a row of the nightly summary table, which repeats the serving_*.json runs`
        + (runs.length ? ` read from this folder (${runs.length} files)` : ' (not in this folder: add them to read the runs)')
        + ' and gives no request rate or concurrency column; not counted',
    });
  });
  return [];
}

/** vLLM nightly `benchmark_results.json`: a list of rows with `Test name` and `Output Tput (tok/s)`. */
export const vllmNightlyTableReader: Reader = {
  name: 'vllm-nightly-table',
  detect: ({ keys, list }) => list && keys !== null && keys.has('Test name') && keys.has('Output Tput (tok/s)'),
  read: readVllmNightlyTable,
};
