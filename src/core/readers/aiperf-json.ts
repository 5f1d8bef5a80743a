import type { LatencyMetric, Measurement } from '../types.ts';
import { AIPERF_LATENCIES, AIPERF_STATS, AIPERF_VALUES, msPerUnit, placementFromPath } from './aiperf-metrics.ts';
import { buildRecord, EntryList, labelHintFor } from './json-record.ts';
import { baseName, isObject, KeyLocator, looksLikeJson, parseToolJson, type Json, type JsonObject } from './json-text.ts';
import type { Reader, ReaderContext } from './reader.ts';

/**
 * AIPerf `profile_export_aiperf.json` (schema 1.x) and GenAI-Perf `profile_export_genai_perf.json`:
 * one run; each metric an object `{unit, avg, p1…p99, min, max, std}`; the load (concurrency or
 * request rate) in `input_config`.
 */

const TOOL = 'aiperf';

interface Load {
  concurrency?: Json;
  request_rate?: Json;
  path: string[];
}

/** Where the run's load is set: aiperf's profiling phase, its older `loadgen`, or GenAI-Perf's top level. */
function loadOf(root: JsonObject): Load | null {
  const config = isObject(root.input_config) ? root.input_config : null;
  if (!config) return null;
  if (Array.isArray(config.phases)) {
    const phases = config.phases.filter(isObject);
    const phase = phases.find((p) => p.name === 'profiling') ?? phases.find((p) => p.exclude_from_results !== true);
    if (phase) return { concurrency: phase.concurrency, request_rate: phase.request_rate, path: ['input_config', 'phases', 'profiling'] };
  }
  if (isObject(config.loadgen)) return { concurrency: config.loadgen.concurrency, request_rate: config.loadgen.request_rate, path: ['input_config', 'loadgen'] };
  if (config.concurrency !== undefined || config.request_rate !== undefined) {
    return { concurrency: config.concurrency, request_rate: config.request_rate, path: ['input_config'] };
  }
  return null;
}

/** The output length asked for, when the run used synthetic prompts (`prompt.output_tokens.mean`). */
function outputLength(root: JsonObject): Json | undefined {
  const config = isObject(root.input_config) ? root.input_config : {};
  const prompt = isObject(config.prompt) ? config.prompt : isObject(config.input) && isObject(config.input.prompt) ? config.input.prompt : null;
  const output = prompt && isObject(prompt.output_tokens) ? prompt.output_tokens : null;
  return output?.mean ?? undefined;
}

function modelOf(root: JsonObject): Json | undefined {
  const config = isObject(root.input_config) ? root.input_config : {};
  if (isObject(config.models) && Array.isArray(config.models.items)) {
    const first = config.models.items[0];
    if (isObject(first)) return first.name;
  }
  if (Array.isArray(config.model_names)) return config.model_names[0];
  return undefined;
}

function failedOf(root: JsonObject): number | null {
  if (isObject(root.error_request_count)) return null; // read with the other metrics
  if (!Array.isArray(root.error_summary)) return null;
  let total = 0;
  for (const entry of root.error_summary) {
    if (isObject(entry) && typeof entry.count === 'number') total += entry.count;
  }
  return total;
}

/** Reads one AIPerf JSON export. */
export function readAiperfJson(text: string, context: ReaderContext): Measurement[] {
  const root = parseToolJson(text, context.issues);
  if (root === undefined) return [];
  if (!isObject(root)) {
    context.issues.add(1, 1, 'expects an AIPerf export: a JSON object of metrics');
    return [];
  }
  const locator = new KeyLocator(text, Math.max(0, text.indexOf('{')));
  const at = (...path: string[]) => () => locator.key(...path);
  const list = new EntryList();

  for (const [tag, field] of Object.entries(AIPERF_VALUES)) {
    const metric = root[tag];
    if (isObject(metric)) list.set(field, metric.avg, at(tag, 'avg'), 1, `${tag}.avg`);
  }
  const failed = failedOf(root);
  if (failed !== null) list.set('failed', failed, at('error_summary'), 1, 'error_summary');
  for (const [tag, into] of Object.entries(AIPERF_LATENCIES)) {
    const metric = root[tag];
    if (!isObject(metric)) continue;
    const scale = msPerUnit(typeof metric.unit === 'string' ? metric.unit : null);
    if (scale === null) {
      const where = locator.key(tag, 'unit');
      context.issues.add(where.line, where.column, `${tag}.unit expects a time unit (ms, s, us, ns) but found ${JSON.stringify(metric.unit ?? null)}`);
      continue;
    }
    for (const [stat, prefix] of Object.entries(AIPERF_STATS)) {
      list.set(`${prefix}_${into}_ms` as LatencyMetric, metric[stat], at(tag, stat), scale, `${tag}.${stat}`);
    }
  }

  const load = loadOf(root);
  if (load) {
    list.set('concurrency', load.concurrency, at(...load.path, 'concurrency'), 1, `${load.path.join('.')}.concurrency`);
    list.set('request_rate', load.request_rate, at(...load.path, 'request_rate'), 1, `${load.path.join('.')}.request_rate`);
  }
  const fromPath = placementFromPath(context.file);
  list.fill('concurrency', fromPath.concurrency, () => ({ line: 1, column: 1 }), 1, 'folder name');
  if (!list.get('concurrency')) list.fill('request_rate', fromPath.request_rate, () => ({ line: 1, column: 1 }), 1, 'folder name');
  list.set('max_new_tokens', outputLength(root), at('output_tokens', 'mean'), 1, 'prompt.output_tokens.mean');
  list.set('model', modelOf(root), at('models'), 1, 'input_config.models');

  const count = isObject(root.request_count) ? root.request_count.avg : undefined;
  if (count === 0) {
    for (const field of [...list.entries.keys()]) {
      if (field === 'throughput_tok_s' || field.endsWith('_ms')) list.delete(field);
    }
    list.set('status', 'error', at('request_count'));
  } else if (!list.get('throughput_tok_s')) {
    context.issues.add(1, 1, `expects output_token_throughput (AIPerf's output tokens/s) in ${baseName(context.file)} but found none`);
    return [];
  }
  const measurement = buildRecord(list, context, {
    tool: TOOL,
    where: () => locator.record(),
    labelHint: labelHintFor(context.file),
    missingHint: 'AIPerf keeps it in input_config.phases (the profiling phase\'s concurrency or request_rate); a folder named concurrency_<N>, as aiperf sweeps name them, also gives it',
  });
  return measurement ? [measurement] : [];
}

/** AIPerf / GenAI-Perf JSON exports: `aiperf_version`, or metric objects with a `unit`. */
export const aiperfJsonReader: Reader = {
  name: 'aiperf',
  detect: (file, head) => /\.json$/i.test(file) && looksLikeJson(head)
    && (/"aiperf_version"\s*:/.test(head)
      || /^profile_export/i.test(baseName(file)) && /"(?:request_latency|time_to_first_token|request_throughput)"\s*:\s*\{\s*"unit"/.test(head)),
  read: readAiperfJson,
};
