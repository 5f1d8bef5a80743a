import { resolveLatency } from '../columns.ts';
import type { Measurement } from '../types.ts';
import { notABenchmark, skipHint } from './hints.ts';
import { arrayElementOffsets, isObject, jsonLines, KeyLocator, numberOf, parseDocument, parseToolJson, type Json, type JsonObject } from './json-text.ts';
import { buildRun, Draft, labelHintFor, type ReaderContext } from './reader.ts';

/**
 * What the run objects of `vllm bench serve --save-result` (and the old `benchmark_serving.py`),
 * of `vllm bench sweep serve` and of SGLang's `bench_serving` share: one flat object of summary
 * figures per run, plus per-request arrays that are skipped without being walked. The tools'
 * own readers add their load keys and settings (vllm-result.ts, sglang-server-info.ts).
 */

/** A run object and where it sits in the file. */
export interface LocatedRun {
  run: Json;
  locator: KeyLocator;
}

/** What differs between the tools when a drafted run is checked and built. */
export interface ServeOptions {
  tool: string;
  /** The command to name in messages, e.g. `vllm bench serve --save-result`. */
  command: string;
  /** Extra ways to label the file, appended to the config hint. */
  labelExtra?: string;
  /** Where the tool keeps the load, for a run that has none. */
  loadHint: string;
  /** Runs that may be repeats of each other (default: the file's runs). */
  repeatGroup?: string;
}

// A statistic of one latency: `median_ttft_ms`, `p99_e2el_ms`, `mean_e2e_latency_ms`; std and
// percentiles the record does not keep (p25, p99.9) resolve to nothing in resolveLatency.
const STATISTIC = /^(?:mean|median|p\d{1,2})_[a-z0-9_]+_ms$/;

/** Whether a key of a run object is a latency statistic (kept or not), not a setting. */
export function isStatisticKey(key: string): boolean {
  return /^(?:mean|median|std|p\d+(?:\.\d+)?)_[a-z0-9_]+_ms$/.test(key);
}

/**
 * Puts the figures both tools write under the same names into a draft: output throughput,
 * request throughput, duration, completed and failed requests, mean tokens per request (the
 * totals over the completed requests, which is how both tools count them) and every latency
 * statistic the record keeps.
 */
export function draftFigures(draft: Draft, run: JsonObject, locator: KeyLocator): void {
  const at = (key: string) => () => locator.key(key);
  draft.set('throughput_tok_s', run.output_throughput, at('output_throughput'), 'output_throughput');
  draft.set('duration_s', run.duration, at('duration'), 'duration');
  draft.set('requests', run.completed, at('completed'), 'completed');
  draft.set('failed', run.failed, at('failed'), 'failed');
  const completed = numberOf(run.completed);
  const duration = numberOf(run.duration);
  if (run.request_throughput !== undefined && run.request_throughput !== null) {
    draft.set('request_throughput', run.request_throughput, at('request_throughput'), 'request_throughput');
  } else if (completed !== null && duration !== null && duration > 0) {
    // Old SGLang lines have no request_throughput; both tools define it as completed / duration.
    draft.set('request_throughput', completed / duration, at('completed'), 'completed / duration');
  }
  if (completed !== null && completed > 0) {
    for (const [key, field] of [['total_output_tokens', 'mean_output_tokens'], ['total_input_tokens', 'mean_input_tokens']] as const) {
      const total = numberOf(run[key]);
      if (total !== null) draft.set(field, total / completed, at(key), `${key} / completed`);
    }
  }
  for (const [key, value] of Object.entries(run)) {
    if (!STATISTIC.test(key) || (typeof value !== 'number' && typeof value !== 'string')) continue;
    const latency = resolveLatency(key);
    if (latency) draft.set(latency.metric, value, at(key), key, latency.scale);
  }
}

/**
 * Checks what every run needs and builds it: a run in which no request completed is status
 * `error` with its 0.0 figures dropped (the tools write zeros for what they never measured);
 * a run without output throughput is an error naming the command that writes it.
 */
export function finishServeRun(draft: Draft, run: JsonObject, locator: KeyLocator, context: ReaderContext, options: ServeOptions): Measurement | null {
  if (numberOf(run.completed) === 0) {
    for (const field of [...draft.fields.keys()]) {
      if (field === 'throughput_tok_s' || field === 'request_throughput' || field.endsWith('_ms')) draft.delete(field);
    }
    draft.set('status', 'error', () => locator.key('completed'), 'completed');
  } else if (!draft.get('throughput_tok_s')) {
    const where = locator.record();
    const present = Object.keys(run).filter((key) => /_ms$/.test(key)).slice(0, 4);
    context.issues.add(where.line, where.column,
      `expects output_throughput (generated tokens/s of the whole run, written by ${options.command}) but found none`
      + (present.length ? `: the run has latency statistics (${present.join(', ')}…) but no throughput; it may be cut short or come from a partial export` : '')
      + ` (${skipHint(context.file)})`);
    return null;
  }
  const measurement = buildRun(draft, context, {
    tool: options.tool,
    where: () => locator.record(),
    labelHint: labelHintFor(context.file, options.labelExtra),
    loadHint: options.loadHint,
    ...(options.repeatGroup ? { repeatGroup: options.repeatGroup } : {}),
  });
  const day = recordedDay(run.date);
  return measurement && day ? { ...measurement, recorded_date: day } : measurement;
}

/** The day of vLLM's `date` field (`20260625-151501`, written by `vllm bench serve`), or null. */
export function recordedDay(value: unknown): string | null {
  const match = typeof value === 'string' ? /^(\d{4})(\d{2})(\d{2})-\d{6}$/.exec(value) : null;
  if (!match) return null;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  return Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? null : day;
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
  const root = parseDocument(text, context);
  if (root === undefined) return null;
  if (Array.isArray(root)) {
    if (root.length === 0) {
      context.issues.add(1, 1, notABenchmark(context.file, 'expects at least one run in the list but it is empty'));
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

/** Reads every run object with `read`; anything but an object is reported where it sits. */
export function readRunObjects(
  runs: readonly LocatedRun[],
  context: ReaderContext,
  command: string,
  read: (run: JsonObject, locator: KeyLocator) => Measurement | null,
): Measurement[] {
  const measurements: Measurement[] = [];
  for (const { run, locator } of runs) {
    if (!isObject(run)) {
      const where = locator.record();
      context.issues.add(where.line, where.column, `expects a JSON object for each run (${command}) but found ${Array.isArray(run) ? 'a list' : JSON.stringify(run)}`);
      continue;
    }
    const measurement = read(run, locator);
    if (measurement) measurements.push(measurement);
  }
  return measurements;
}

const SUMMARY_KEYS = ['output_throughput', 'request_throughput', 'total_token_throughput'];

/** Whether a probe's top-level keys are those of a serving benchmark's summary (either tool). */
export function hasServeSummary(keys: ReadonlySet<string> | null): boolean {
  if (keys === null) return false;
  if (SUMMARY_KEYS.some((key) => keys.has(key))) return true;
  for (const key of keys) if (/^(?:mean|median|p\d{1,2})_(?:ttft|tpot|itl|e2el)_ms$/.test(key)) return true;
  return false;
}
