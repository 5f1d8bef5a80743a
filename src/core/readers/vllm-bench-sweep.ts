import type { Position } from '../record.ts';
import type { Measurement } from '../types.ts';
import { notABenchmark } from './hints.ts';
import { baseName, folderOf, isObject, KeyLocator, parseDocument, type JsonObject } from './json-text.ts';
import { buildRun, Draft, labelHintFor, type Reader, type ReaderContext } from './reader.ts';
import { draftFigures, finishServeRun, hasServeSummary, readRunObjects, splitRuns, type ServeOptions } from './serve-run.ts';
import { draftUserKey, draftUserKeys, draftVllmLoad, VLLM_LOAD_HINT } from './vllm-result.ts';

/**
 * `vllm bench sweep serve` writes one folder per combination,
 * `SERVE--max_num_seqs=4-BENCH--max_concurrency=2-num_prompts=8/`, holding `run=0.json`,
 * `run=1.json`… (repeats of one point: their repeat group is the folder), `summary.json` (the
 * same runs again, as a list), and with the matching options `warmup.json` (an unmeasured
 * warm-up) and `run=N.failure.json` (a run that failed, `--continue-on-error`).
 * `SERVE-…-failure.json` beside the folders records a server that did not start; `summary.csv`
 * there repeats every run (see vllm-sweep-summary-csv.ts). Layout from vllm/benchmarks/sweep/serve.py.
 */

const SWEEP_FOLDER = /(?:^|\/)(?:SERVE|BENCH)--[^/]*$/;
const RUN_FILE = /^run=\d+\.json$/i;
const FAILURE_FILE = /failure\.json$/i;
const TOOL = 'vllm-bench-sweep';
const LABEL_EXTRA = 'or re-run the sweep with --metadata gpu=… workload=… in its bench command';

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

const FOLDER_AT = (): Position => ({ line: 1, column: 1 });

/**
 * Fills what the run lacks from its combination folder's name. Every SERVE parameter is a
 * setting of the server (known names mapped, others kept as written). A BENCH parameter is a
 * field when it is one (max_concurrency, request_rate, an output length), a setting when it
 * names one, nothing when it varies run to run (num_prompts, seed), else a free setting.
 */
function fillFromFolder(draft: Draft, params: readonly SweepParam[]): void {
  for (const param of params) {
    const name = `folder parameter ${param.key}=${param.value}`;
    if (param.part === 'SERVE') draft.fillSetting(param.key, param.value, FOLDER_AT, name);
    else draftUserKey(draft, param.key, param.value, FOLDER_AT, name, true);
  }
}

/**
 * A failed run (`run=N.failure.json`: error_type, error, serve_overrides, bench_overrides) is
 * data: status error at its point, nothing measured. A server that never started
 * (`SERVE-…-failure.json`, no bench overrides) has no point: it is recorded as rejected.
 */
function readFailure(text: string, context: ReaderContext, params: readonly SweepParam[], group: string): Measurement[] {
  const root = parseDocument(text, context);
  if (root === undefined) return [];
  if (!isObject(root)) {
    context.issues.add(1, 1, notABenchmark(context.file, 'expects a sweep failure record (an object with error_type and error) but found something else'));
    return [];
  }
  const locator = new KeyLocator(text, Math.max(0, text.indexOf('{')));
  const reason = `${typeof root.error_type === 'string' ? root.error_type : 'error'}: ${typeof root.error === 'string' ? root.error.slice(0, 200) : 'no message'}`;
  const draft = new Draft();
  for (const part of ['serve_overrides', 'bench_overrides'] as const) {
    const overrides = root[part];
    if (!isObject(overrides)) continue;
    for (const [name, raw] of Object.entries(overrides as JsonObject)) {
      if (raw === null || typeof raw === 'object') continue;
      const at = () => locator.key(part, name);
      if (part === 'serve_overrides') draft.setting(name, raw, at, `${part}.${name}`);
      else draftUserKey(draft, name, raw, at, `${part}.${name}`);
    }
  }
  fillFromFolder(draft, params);
  if (!draft.get('concurrency') && !draft.get('request_rate')) {
    context.rejected.push({ file: context.file, line: 1, column: 1, message: `the sweep recorded a failure with no run to place (${reason}); not a sweep point` });
    return [];
  }
  draft.set('status', 'error', () => locator.key('error_type'), 'error_type');
  const measurement = buildRun(draft, context, {
    tool: TOOL,
    where: () => locator.record(),
    labelHint: labelHintFor(context.file, LABEL_EXTRA),
    loadHint: VLLM_LOAD_HINT,
    repeatGroup: group,
  });
  return measurement ? [measurement] : [];
}

/** Reads one file of a sweep folder: a run, or the folder's summary (unless its runs are there). */
export function readVllmBenchSweep(text: string, context: ReaderContext): Measurement[] {
  const folder = folderOf(context.file);
  const name = baseName(context.file).toLowerCase();
  if (name === 'warmup.json') {
    context.rejected.push({ file: context.file, line: 1, column: 1, message: 'warm-up run (--warmup-num-prompts): unmeasured by design, not a sweep point' });
    return [];
  }
  if (name === 'summary.json') {
    const runs = context.files.filter((f) => folderOf(f) === folder && RUN_FILE.test(baseName(f)));
    if (runs.length > 0) {
      context.rejected.push({
        file: context.file, line: 1, column: 1,
        message: `summary of run=*.json in the same folder: its runs are read from ${runs.map(baseName).join(', ')} (repeats of one point), not counted twice`,
      });
      return [];
    }
  }
  const inSweep = SWEEP_FOLDER.test(folder);
  const params = inSweep ? parseSweepFolder(folder) : [];
  // The runs of one combination are repeats of one point; outside a combination folder, the file's.
  const group = inSweep ? folder : context.file;
  if (FAILURE_FILE.test(name)) return readFailure(text, context, params, group);
  const runs = splitRuns(text, context);
  if (!runs) return [];
  // A warm-up can also be told by its run_number (-1) when the file was renamed.
  const measured = runs.filter(({ run, locator }) => {
    if (!isObject(run) || run.run_number !== -1) return true;
    const at = locator.record();
    context.rejected.push({ file: context.file, line: at.line, column: at.column, message: 'warm-up run (run_number -1): unmeasured by design, not a sweep point' });
    return false;
  });
  const options: ServeOptions = { tool: TOOL, command: 'vllm bench sweep serve', labelExtra: LABEL_EXTRA, loadHint: VLLM_LOAD_HINT, repeatGroup: group };
  return readRunObjects(measured, context, options.command, (run, locator) => {
    const draft = new Draft();
    draftVllmLoad(draft, run, locator);
    draftFigures(draft, run, locator);
    // The setup is the sweep's overrides (and any --metadata), from the run object and its folder
    // name. What vLLM records about the run (model_id, backend, label) is fixed by --serve-cmd and
    // --bench-cmd for the whole sweep and is not in a failure record: leaving it out keeps a
    // failed run and its successful repeats on one point.
    draftUserKeys(draft, run, locator);
    fillFromFolder(draft, params);
    return finishServeRun(draft, run, locator, context, options);
  });
}

/**
 * A file of a `vllm bench sweep serve` folder: `run=N.json` or `summary.json` holding serving
 * summary keys, any such JSON inside a `SERVE--…`/`BENCH--…` folder or with a `run_number`,
 * and the sweep's failure records.
 */
export const vllmBenchSweepReader: Reader = {
  name: TOOL,
  detect: ({ file, keys }) => {
    if (!/\.json$/i.test(file) || keys === null) return false;
    const name = baseName(file);
    if (FAILURE_FILE.test(name)) return keys.has('error_type') && (keys.has('serve_overrides') || keys.has('bench_overrides'));
    if (!hasServeSummary(keys)) return false;
    return keys.has('run_number') || RUN_FILE.test(name) || SWEEP_FOLDER.test(folderOf(file)) || name.toLowerCase() === 'summary.json';
  },
  read: readVllmBenchSweep,
};
