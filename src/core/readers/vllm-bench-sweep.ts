import { resolveColumn, type Field } from '../columns.ts';
import type { Measurement } from '../types.ts';
import { buildRecord, EntryList, labelHintFor } from './json-record.ts';
import { baseName, folderOf, isObject, KeyLocator, looksLikeJson, parseToolJson, type JsonObject } from './json-text.ts';
import type { Reader, ReaderContext } from './reader.ts';
import { readServeRuns, SERVE_KEYS, SERVER_FIELDS, splitRuns, type ExtraParam } from './serve-run.ts';
import { VLLM_OPTIONS } from './vllm-bench-serve.ts';

/**
 * `vllm bench sweep serve` writes one folder per combination,
 * `SERVE--max_num_seqs=4-BENCH--max_concurrency=2-num_prompts=8/`, holding `run=0.json`,
 * `run=1.json`… (repeats of one point), `summary.json` (the same runs again, as a list), and
 * with the matching options `warmup.json` (an unmeasured warm-up) and `run=N.failure.json`
 * (a run that failed, `--continue-on-error`). `SERVE-…-failure.json` beside the folders records
 * a server that did not start; `summary.csv` there repeats every run (see vllm-sweep-summary-csv.ts).
 */

const SWEEP_FOLDER = /(?:^|\/)(?:SERVE|BENCH)--[^/]*$/;
const RUN_FILE = /^run=\d+\.json$/i;
const FAILURE_FILE = /failure\.json$/i;
const OUTPUT_LENGTH_KEYS = new Set(['random_output_len', 'sonnet_output_len', 'sharegpt_output_len', 'hf_output_len', 'output_len']);
const BENCH_FIELDS = new Set(['concurrency', 'request_rate', 'max_new_tokens']);

/** One `key=value` of a sweep folder name, with the part (SERVE or BENCH) it belongs to. */
export interface SweepParam {
  part: 'SERVE' | 'BENCH';
  key: string;
  value: string;
}

/** Parses `SERVE--a=1-b=x-BENCH--c=2` into its parameters (values may contain `-`). */
export function parseSweepFolder(folder: string): SweepParam[] {
  const name = baseName(folder);
  const params: SweepParam[] = [];
  for (const match of name.matchAll(/(SERVE|BENCH)--(.*?)(?=-?(?:SERVE|BENCH)--|$)/g)) {
    const part = match[1] as 'SERVE' | 'BENCH';
    const body = (match[2] ?? '').replace(/-$/, '');
    for (const param of body.matchAll(/([A-Za-z_][\w.]*)=(.*?)(?=-[A-Za-z_][\w.]*=|$)/g)) {
      params.push({ part, key: param[1]!, value: param[2]! });
    }
  }
  return params;
}

function field(param: SweepParam): Field | null {
  const key = param.key.toLowerCase();
  if (param.part === 'BENCH' && OUTPUT_LENGTH_KEYS.has(key)) return 'max_new_tokens';
  const mapping = resolveColumn(key);
  if (!mapping) return null;
  const allowed = param.part === 'SERVE' ? SERVER_FIELDS.has(mapping.field) : BENCH_FIELDS.has(mapping.field);
  return allowed ? mapping.field : null;
}

/**
 * A SERVE parameter the record has no field for (say `enable_prefix_caching`) is harmless while
 * every sibling folder has the same value; when the sweep varies it, its runs would be merged
 * as repeats of one point, so the reader refuses instead.
 */
function variedUnknownServeParams(folder: string, params: SweepParam[], files: readonly string[]): string[] {
  const unknown = params.filter((p) => p.part === 'SERVE' && field(p) === null);
  if (unknown.length === 0) return [];
  const parent = folderOf(folder);
  const siblings = new Set(files.map(folderOf).filter((f) => f !== folder && folderOf(f) === parent && SWEEP_FOLDER.test(f)));
  const varied: string[] = [];
  for (const param of unknown) {
    for (const sibling of siblings) {
      const other = parseSweepFolder(sibling).find((p) => p.part === 'SERVE' && p.key === param.key);
      if (other && other.value !== param.value) {
        varied.push(param.key);
        break;
      }
    }
  }
  return varied;
}

/** Parameters of a combination folder as entries the run object can lack. */
function folderParams(params: SweepParam[]): ExtraParam[] {
  const extra: ExtraParam[] = [];
  for (const param of params) {
    const name = field(param);
    if (name) extra.push({ key: name, value: param.value, at: { line: 1, column: 1 }, name: `folder parameter ${param.key}=${param.value}` });
  }
  return extra;
}

/**
 * A failed run (`run=N.failure.json`: error_type, error, serve_overrides, bench_overrides) is
 * data: status error at its point, nothing measured. A server that never started
 * (`SERVE-…-failure.json`, no bench overrides) has no point: it is recorded as rejected.
 */
function readFailure(text: string, context: ReaderContext, params: SweepParam[]): Measurement[] {
  const root = parseToolJson(text, context.issues);
  if (root === undefined) return [];
  if (!isObject(root)) {
    context.issues.add(1, 1, 'expects a failure record (an object with error_type and error)');
    return [];
  }
  const locator = new KeyLocator(text, Math.max(0, text.indexOf('{')));
  const reason = `${typeof root.error_type === 'string' ? root.error_type : 'error'}: ${typeof root.error === 'string' ? root.error.slice(0, 200) : 'no message'}`;
  const list = new EntryList();
  const overrides = (key: string, part: 'SERVE' | 'BENCH') => {
    const value = root[key];
    if (!isObject(value)) return;
    for (const [name, raw] of Object.entries(value as JsonObject)) {
      const mapped = field({ part, key: name, value: String(raw) });
      if (mapped && (typeof raw === 'number' || typeof raw === 'string')) list.set(mapped, raw, () => locator.key(key, name), 1, `${key}.${name}`);
    }
  };
  overrides('serve_overrides', 'SERVE');
  overrides('bench_overrides', 'BENCH');
  for (const param of folderParams(params)) {
    const mapping = resolveColumn(param.key);
    if (mapping) list.fill(mapping.field, param.value, () => param.at, 1, param.name);
  }
  if (!list.get('concurrency') && !list.get('request_rate')) {
    context.rejected.push({ file: context.file, line: 1, column: 1, message: `the sweep recorded a failure with no run to place (${reason}); not a sweep point` });
    return [];
  }
  list.set('status', 'error', () => locator.key('error_type'), 1, 'error_type');
  const measurement = buildRecord(list, context, {
    tool: 'vllm-bench-sweep',
    where: () => locator.record(),
    labelHint: labelHintFor(context.file, VLLM_OPTIONS.labelExtra),
  });
  return measurement ? [measurement] : [];
}

/** Reads one file of a sweep folder: a run, or the folder's summary (unless its runs are there). */
export function readVllmBenchSweep(text: string, context: ReaderContext): Measurement[] {
  const folder = folderOf(context.file);
  const files = context.files ?? [];
  const name = baseName(context.file).toLowerCase();
  if (name === 'warmup.json') {
    context.rejected.push({ file: context.file, line: 1, column: 1, message: 'warm-up run (--warmup-num-prompts): unmeasured by design, not a sweep point' });
    return [];
  }
  if (name === 'summary.json') {
    const runs = files.filter((f) => folderOf(f) === folder && RUN_FILE.test(baseName(f)));
    if (runs.length > 0) {
      context.rejected.push({
        file: context.file, line: 1, column: 1,
        message: `summary of run=*.json in the same folder: its runs are read from ${runs.map(baseName).join(', ')} (repeats of one point), not counted twice`,
      });
      return [];
    }
  }
  const params = SWEEP_FOLDER.test(folder) ? parseSweepFolder(folder) : [];
  if (FAILURE_FILE.test(name)) return readFailure(text, context, params);
  const varied = variedUnknownServeParams(folder, params, files);
  if (varied.length > 0) {
    context.issues.add(1, 1,
      `expects the sweep to vary only server settings the report can tell apart (${[...SERVER_FIELDS].join(', ')}) but the folders vary ${varied.join(', ')}: `
      + 'their runs would be merged as repeats of one point; put each setting in its own data folder or report');
    return [];
  }
  const runs = splitRuns(text, context);
  if (!runs) return [];
  // A warm-up can also be told by its run_number (-1) when the file was renamed.
  const measured = runs.filter(({ run, locator }) => {
    if (!isObject(run) || run.run_number !== -1) return true;
    const at = locator.record();
    context.rejected.push({ file: context.file, line: at.line, column: at.column, message: 'warm-up run (run_number -1): unmeasured by design, not a sweep point' });
    return false;
  });
  // The model is fixed by the sweep's --serve-cmd and is not in a failure record: leaving
  // model_id out keeps a failed run and its successful repeats on one point.
  return readServeRuns(measured, context, { ...VLLM_OPTIONS, tool: 'vllm-bench-sweep', extra: folderParams(params), modelFromId: false });
}

/**
 * A file of a `vllm bench sweep serve` folder: `run=N.json` or `summary.json` holding serving
 * summary keys, or any such JSON inside a `SERVE--…`/`BENCH--…` folder.
 */
export const vllmBenchSweepReader: Reader = {
  name: 'vllm-bench-sweep',
  detect: (file, head) => {
    if (!/\.json$/i.test(file) || !looksLikeJson(head)) return false;
    const name = baseName(file);
    if (FAILURE_FILE.test(name)) return /"error_type"\s*:/.test(head) && /"(?:serve|bench)_overrides"\s*:/.test(head);
    if (!SERVE_KEYS.test(head)) return false;
    return RUN_FILE.test(name) || SWEEP_FOLDER.test(folderOf(file)) || name.toLowerCase() === 'summary.json';
  },
  read: readVllmBenchSweep,
};
