import { resolveColumn, type Field } from '../columns.ts';
import type { Measurement } from '../types.ts';
import { buildRecord, EntryList, isUnboundedRate, labelHintFor } from './json-record.ts';
import {
  arrayElementOffsets, isObject, jsonLines, KeyLocator, parseToolJson,
  type Json, type JsonObject, type Position,
} from './json-text.ts';
import type { ReaderContext } from './reader.ts';

/**
 * The run objects of `vllm bench serve --save-result` (and the old `benchmark_serving.py`), of
 * `vllm bench sweep serve` and of SGLang's `bench_serving`: one flat object of summary figures
 * per run, plus per-request arrays that are skipped without being walked.
 */

/** A parameter that does not come from the run object itself (e.g. a sweep folder's name). */
export interface ExtraParam {
  key: string;
  value: string;
  /** Where to point when it is malformed. */
  at: Position;
  /** How to name it in messages, e.g. `folder parameter max_num_seqs`. */
  name: string;
}

/** What differs between the tools that write this shape. */
export interface ServeOptions {
  tool: string;
  /** The command to name in messages, e.g. `vllm bench serve --save-result`. */
  command: string;
  /** Extra ways to label the file, appended to the config hint. */
  labelExtra?: string;
  /** Keys whose values must not be read even though their name matches a canonical field. */
  ignore?: ReadonlySet<string>;
  /** Parameters to fill in where the run object has none (a sweep folder's name). */
  extra?: readonly ExtraParam[];
  /** How max_new_tokens is found when the run carries no max_new_tokens key. */
  outputLength?: (run: JsonObject) => { key: string; value: Json } | null;
  /** Whether `model_id` fills the server's model (default true). */
  modelFromId?: boolean;
}

// Summary fields the record does not use but that resolve to canonical names by accident.
const ALWAYS_IGNORED = new Set(['errors', 'request_goodput:', 'request_goodput']);

function numberOf(value: Json | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return null;
}

/** Reads one run object into a Measurement (or a rejection, or reported problems). */
export function readServeRun(run: JsonObject, locator: KeyLocator, context: ReaderContext, options: ServeOptions): Measurement | null {
  const list = new EntryList();
  const at = (key: string) => () => locator.key(key);
  const ignore = options.ignore ?? new Set<string>();
  for (const [key, value] of Object.entries(run)) {
    // Per-request arrays (ttfts, itls, generated_texts…) and nested objects carry no summary figure.
    if (value === null || typeof value === 'object') continue;
    if (ALWAYS_IGNORED.has(key) || ignore.has(key)) continue;
    const mapping = resolveColumn(key);
    if (!mapping) continue;
    list.set(mapping.field, value, at(key), mapping.scale, key);
  }
  if (options.modelFromId !== false && typeof run.model_id === 'string') list.fill('model', run.model_id, at('model_id'), 1, 'model_id');
  if (!list.get('max_new_tokens') && options.outputLength) {
    const found = options.outputLength(run);
    if (found) list.set('max_new_tokens', found.value, at(found.key), 1, found.key);
  }
  for (const param of options.extra ?? []) {
    const mapping = resolveColumn(param.key);
    if (mapping) list.fill(mapping.field, param.value, () => param.at, mapping.scale, param.name);
  }

  const completed = numberOf(run.completed);
  const failed = numberOf(run.failed);
  let rejectPrefix = '';
  if (completed === 0) {
    // Every request failed: the tool writes 0.0 for every figure, which is not a measurement.
    for (const field of [...list.entries.keys()]) {
      if (field === 'throughput_tok_s' || field.endsWith('_ms')) list.delete(field);
    }
    list.set('status', 'error', () => locator.key('completed'));
    rejectPrefix = `all ${failed ?? 'the'} requests failed (status error); `;
  } else if (!list.get('throughput_tok_s')) {
    const where = locator.record();
    const present = Object.keys(run).filter((key) => /_ms$/.test(key)).slice(0, 4);
    context.issues.add(where.line, where.column,
      `expects output_throughput (generated tokens/s of the whole run, written by ${options.command}) but found none`
      + (present.length ? `: the run has latency statistics (${present.join(', ')}…) but no throughput; it may be cut short or come from a partial export` : ''));
    return null;
  }
  const rate = run.request_rate;
  return buildRecord(list, context, {
    tool: options.tool,
    where: () => locator.record(),
    labelHint: labelHintFor(context.file, options.labelExtra),
    rejectPrefix,
    unboundedHint: `request_rate is ${isUnboundedRate(rate) ? 'inf' : String(rate)} and max_concurrency is ${run.max_concurrency === undefined ? 'missing' : String(run.max_concurrency)}: `
      + 'every request was sent at once, so the run has neither a concurrency nor a request rate to place it on a sweep (re-run with --max-concurrency N); it is left out',
  });
}

/** A run object and where it sits in the file. */
export interface LocatedRun {
  run: Json;
  locator: KeyLocator;
}

/**
 * Splits a result file into its runs: one object, a list of objects (a sweep's summary.json),
 * or JSON Lines (SGLang appends one object per run; `--append-result` in vLLM does the same).
 * Syntax errors are reported at their line and column; returns null when nothing can be read.
 */
export function splitRuns(text: string, context: ReaderContext): LocatedRun[] | null {
  const lines = jsonLines(text);
  const first = lines[0]?.text.trim() ?? '';
  if (lines.length > 1 && first.startsWith('{') && first.endsWith('}')) {
    const runs: LocatedRun[] = [];
    let ok = true;
    for (const line of lines) {
      const run = parseToolJson(line.text, context.issues, line.line - 1, 'one JSON object per line');
      if (run === undefined) {
        ok = false;
        continue;
      }
      runs.push({ run, locator: new KeyLocator(text, line.start, line.end) });
    }
    return ok ? runs : null;
  }
  const root = parseToolJson(text, context.issues);
  if (root === undefined) return null;
  if (Array.isArray(root)) {
    if (root.length === 0) {
      context.issues.add(1, 1, 'expects at least one run in the list but it is empty');
      return null;
    }
    const offsets = arrayElementOffsets(text, text.indexOf('['));
    return root.map((run, index) => {
      const start = offsets[index] ?? 0;
      const end = offsets[index + 1] ?? text.length;
      return { run, locator: new KeyLocator(text, start, end) };
    });
  }
  const start = Math.max(0, text.indexOf('{'));
  return [{ run: root, locator: new KeyLocator(text, start) }];
}

/** Reads every run of a result file with the options of its tool. */
export function readServeRuns(runs: readonly LocatedRun[], context: ReaderContext, options: ServeOptions): Measurement[] {
  const measurements: Measurement[] = [];
  for (const { run, locator } of runs) {
    if (!isObject(run)) {
      const where = locator.record();
      context.issues.add(where.line, where.column, `expects a JSON object for each run (${options.command}) but found ${Array.isArray(run) ? 'a list' : JSON.stringify(run)}`);
      continue;
    }
    const measurement = readServeRun(run, locator, context, options);
    if (measurement) measurements.push(measurement);
  }
  return measurements;
}

/** The keys whose name says "a serving benchmark's summary" in the first kilobytes of a file. */
export const SERVE_KEYS = /"(?:output_throughput|request_throughput|(?:mean|median|p\d{1,2})_(?:ttft|tpot|itl|e2el)_ms)"\s*:/;

/** Output length asked for by vLLM's dataset options, when the run object records one. */
export function vllmOutputLength(run: JsonObject): { key: string; value: Json } | null {
  for (const key of ['random_output_len', 'sonnet_output_len', 'sharegpt_output_len', 'hf_output_len', 'custom_output_len']) {
    const value = run[key];
    if (value !== undefined && value !== null) return { key, value };
  }
  return null;
}

/** Canonical fields set from a sweep folder's SERVE part are server configuration only. */
export const SERVER_FIELDS: ReadonlySet<Field> = new Set<Field>([
  'model', 'dtype', 'max_model_len', 'max_num_seqs', 'gpu_memory_utilization', 'tensor_parallel_size', 'kv_cache_tokens',
]);
