import type { LatencyMetric, Measurement } from '../types.ts';
import { aiperfConfig, type ConfigValue } from './aiperf-config.ts';
import { AIPERF_LATENCIES, AIPERF_OLD_TAGS, AIPERF_STATS, AIPERF_VALUES, msPerUnit, placementFromPath } from './aiperf-metrics.ts';
import { attainmentSlos, digest } from '../requests.ts';
import { aiperfRequestLog, aiperfSummaryFor } from './aiperf-requests.ts';
import { notABenchmark } from './hints.ts';
import { baseName, folderOf, hasAnyKey, isObject, jsonLines, KeyLocator, parseDocument, type JsonObject } from './json-text.ts';
import { buildRun, Draft, type Reader, type ReaderContext } from './reader.ts';

/**
 * AIPerf `profile_export_aiperf.json` and GenAI-Perf `profile_export_genai_perf.json`: one run;
 * each metric an object `{unit, avg, p1…p99, min, max, std}` at the top level (AIPerf 0.1.1:
 * under `records`, with the tags `ttft`/`ttst`); the load and the configuration in
 * `input_config` (aiperf-config.ts). AIPerf's per-request profile_export.jsonl joins the run of the summary beside it (aiperf-requests.ts).
 */

const TOOL = 'aiperf';

const FOLDER_AT = () => ({ line: 1, column: 1 });

/** The metric objects by their current tag: the top level, or 0.1.1's `records`. */
function metricsOf(root: JsonObject): Map<string, { metric: JsonObject; path: string[] }> {
  const metrics = new Map<string, { metric: JsonObject; path: string[] }>();
  const records = isObject(root.records) ? root.records : null;
  for (const [tag, metric] of Object.entries(records ?? root)) {
    if (!isObject(metric)) continue;
    metrics.set(AIPERF_OLD_TAGS[tag] ?? tag, { metric, path: records ? ['records', tag] : [tag] });
  }
  return metrics;
}

function failedOf(root: JsonObject): number | null {
  if (!Array.isArray(root.error_summary)) return null;
  let total = 0;
  for (const entry of root.error_summary) {
    if (isObject(entry) && typeof entry.count === 'number') total += entry.count;
  }
  return total;
}

/**
 * The run's settings: the model, the endpoint type (chat, completions) and whether it streamed,
 * the requested synthetic input length, the dataset, the scenario preset (AIPerf 0.8), and the
 * engine where GenAI-Perf names it. Not settings: the URL, the tokenizer, seeds, the request
 * count and duration limits.
 */
function draftSetup(draft: Draft, root: JsonObject, at: (config: ConfigValue) => () => { line: number; column: number }): void {
  const config = aiperfConfig(root);
  const named = (c: ConfigValue) => c.path.join('.');
  draft.setting('model', config.model.value, at(config.model), named(config.model));
  draft.setting('endpoint_type', config.endpointType.value, at(config.endpointType), named(config.endpointType));
  draft.setting('streaming', config.streaming.value, at(config.streaming), named(config.streaming));
  draft.setting('input_len', config.inputLen.value, at(config.inputLen), named(config.inputLen));
  draft.setting('dataset', config.dataset.value, at(config.dataset), named(config.dataset));
  draft.setting('engine', config.engine.value, at(config.engine), named(config.engine));
  draft.setting('scenario', config.scenario.value, at(config.scenario), named(config.scenario));
  draft.set('max_new_tokens', config.outputLen.value, at(config.outputLen), named(config.outputLen));
  draft.set('concurrency', config.concurrency.value, at(config.concurrency), named(config.concurrency));
  draft.set('request_rate', config.requestRate.value, at(config.requestRate), named(config.requestRate));
}

/** Reads one AIPerf JSON export. */
export function readAiperfJson(text: string, context: ReaderContext): Measurement[] {
  if (/\.jsonl$/i.test(context.file)) return readRecords(text, context);
  const root = parseDocument(text, context);
  if (root === undefined) return [];
  if (!isObject(root)) {
    context.issues.add(1, 1, notABenchmark(context.file, 'expects an AIPerf or GenAI-Perf export (a JSON object of metrics) but found something else'));
    return [];
  }
  if (Array.isArray(root.experiments)) {
    // perf_analyzer's raw export (src/profile_data_exporter.cc): timestamps only.
    context.rejected.push({
      file: context.file, line: 1, column: 1,
      message: 'perf_analyzer raw export: it has request and response timestamps, but output token counts need the model\'s tokenizer and there are no error records; the profile_export_genai_perf.json beside it is read instead',
    });
    return [];
  }
  const locator = new KeyLocator(text, Math.max(0, text.indexOf('{')));
  const at = (...path: string[]) => () => locator.key(...path);
  const draft = new Draft();
  const metrics = metricsOf(root);

  for (const [tag, field] of Object.entries(AIPERF_VALUES)) {
    const found = metrics.get(tag);
    if (!found) continue;
    // benchmark_duration is in its unit (sec); the record keeps seconds.
    const scale = field === 'duration_s' ? (msPerUnit(typeof found.metric.unit === 'string' ? found.metric.unit : 'sec') ?? 1000) / 1000 : 1;
    draft.set(field, found.metric.avg, at(...found.path, 'avg'), `${tag}.avg`, scale);
  }
  // AIPerf 0.8 omits error_request_count when no request failed; error_summary is always there.
  const failed = failedOf(root);
  if (failed !== null) draft.fill('failed', failed, at('error_summary'), 'error_summary');
  for (const [tag, into] of Object.entries(AIPERF_LATENCIES)) {
    const found = metrics.get(tag);
    if (!found) continue;
    const { metric, path } = found;
    const scale = msPerUnit(typeof metric.unit === 'string' ? metric.unit : null);
    if (scale === null) {
      const where = locator.key(...path, 'unit');
      context.issues.add(where.line, where.column, `${tag}.unit expects a time unit (ms, s, us, ns) but found ${JSON.stringify(metric.unit ?? null)}`);
      continue;
    }
    for (const [stat, prefix] of Object.entries(AIPERF_STATS)) {
      draft.set(`${prefix}_${into}_ms` as LatencyMetric, metric[stat], at(...path, stat), `${tag}.${stat}`, scale);
    }
  }

  draftSetup(draft, root, (config) => () => locator.key(...config.path));
  const fromPath = placementFromPath(context.file);
  const folder = `folder ${baseName(folderOf(context.file))}`;
  if (!draft.get('request_rate')) draft.fill('concurrency', fromPath.concurrency, FOLDER_AT, folder);
  if (!draft.get('concurrency')) draft.fill('request_rate', fromPath.request_rate, FOLDER_AT, folder);

  const count = metrics.get('request_count')?.metric.avg;
  if (count === 0) {
    for (const field of [...draft.fields.keys()]) {
      if (field === 'throughput_tok_s' || field === 'request_throughput' || field.endsWith('_ms')) draft.delete(field);
    }
    draft.set('status', 'error', at('request_count'), 'request_count');
  } else if (!draft.get('throughput_tok_s')) {
    context.issues.add(1, 1, notABenchmark(context.file, `expects output_token_throughput (AIPerf's output tokens/s) in ${baseName(context.file)} but found none`));
    return [];
  }
  const measurement = buildRun(draft, context, {
    tool: TOOL,
    where: () => locator.record(),
    loadHint: 'AIPerf keeps it in input_config (loadgen, or the profiling phase of phases; GenAI-Perf: concurrency or perf_analyzer.stimulus); a folder named concurrency_<N>, as aiperf sweeps name them, also gives it',
  });
  return measurement ? [measurement] : [];
}

/** AIPerf's `profile_export.jsonl`: one record per request, handed to the run of the summary beside it. */
function readRecords(text: string, context: ReaderContext): Measurement[] {
  const summary = aiperfSummaryFor(context.file, context.files);
  if (summary !== null && !context.joins) {
    context.rejected.push({ file: context.file, line: 1, column: 1, message: `per-request records (${jsonLines(text).length} AIPerf profile_export.jsonl lines) of the run in ${baseName(summary)} beside them: joined to it only when the whole folder is read` });
    return [];
  }
  if (summary === null || !context.joins) {
    context.rejected.push({
      file: context.file, line: 1, column: 1,
      message: `per-request records (${jsonLines(text).length} AIPerf profile_export.jsonl lines) with no profile_export_aiperf.json beside them: they are not a run by themselves; add the run's profile_export_aiperf.json to read its figures`,
    });
    return [];
  }
  const log = aiperfRequestLog(text, context);
  context.joins.push({ file: context.file, target: summary, digest: digest(log, context.slo ? attainmentSlos(context.slo) : {}) });
  return [];
}

// Metric tags every export of these tools has, at the top level (or under 0.1.1's records).
const METRIC_TAGS = ['request_throughput', 'time_to_first_token', 'request_latency', 'output_token_throughput'];

/**
 * AIPerf / GenAI-Perf exports by their top-level keys: `aiperf_version` or `schema_version`;
 * `records` beside `input_config` (AIPerf 0.1.1); metric tags beside `input_config` (GenAI-Perf,
 * whose pretty-printed metrics start on the next line); perf_analyzer's raw `experiments`; and
 * AIPerf's per-request JSON Lines (`metadata` and `metrics` on each line).
 */
export const aiperfJsonReader: Reader = {
  name: TOOL,
  detect: ({ file, keys, list }) => {
    if (keys === null || list) return false;
    if (/\.jsonl$/i.test(file)) return keys.has('metadata') && keys.has('metrics');
    if (hasAnyKey(keys, ['aiperf_version', 'schema_version'])) return true;
    if (keys.has('experiments') && hasAnyKey(keys, ['service_kind', 'endpoint', 'version'])) return true;
    return keys.has('input_config') && (keys.has('records') || hasAnyKey(keys, METRIC_TAGS));
  },
  read: readAiperfJson,
};
