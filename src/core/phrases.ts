/**
 * The words that figures are said in, shared by prose, tables, chart captions and the Markdown
 * report, so one figure reads the same everywhere: metric names, figures with their units, loads,
 * one way to name a run in each context, statuses, plurals. Built on the formatters of format.ts.
 */
import { unjudgedMetrics } from './analysis/slo.ts';
import { formatInt, formatMs, formatNumber, formatPct, formatRate, formatTokS, NOT_APPLICABLE } from './format.ts';
import type { GroupSlo, LatencyMetric, Load, LoadAxis, Point, SloConfig, Source, Status } from './types.ts';

const STAT: Readonly<Record<string, string>> = { mean: 'mean', p50: 'p50', p90: 'p90', p95: 'p95', p99: 'p99' };
const METRIC: Readonly<Record<string, string>> = { e2e: 'e2e', ttft: 'TTFT', tpot: 'TPOT', itl: 'ITL' };
const METRIC_LONG: Readonly<Record<string, string>> = {
  e2e: 'end-to-end latency', ttft: 'time to first token', tpot: 'time per output token', itl: 'inter-token latency',
};

/** Short name of a latency metric for headers, axes and prose, e.g. `p95 e2e`, `p95 TTFT`. */
export function metricLabel(metric: LatencyMetric): string {
  const [stat = '', name = ''] = metric.split('_');
  return `${STAT[stat] ?? stat} ${METRIC[name] ?? name}`;
}

/** A latency metric named as a latency: `p95 e2e latency`, but `p95 TTFT` (the T is already "time"). */
export function latencyName(metric: LatencyMetric): string {
  return metric.endsWith('_e2e_ms') ? `${metricLabel(metric)} latency` : metricLabel(metric);
}

/** Long name of a latency metric for prose, e.g. `p95 end-to-end latency`. */
export function metricDescription(metric: LatencyMetric): string {
  const [stat = '', name = ''] = metric.split('_');
  return `${STAT[stat] ?? stat} ${METRIC_LONG[name] ?? name}`;
}

/** A latency with its unit, e.g. `4570 ms`. */
export function ms(value: number | null | undefined): string {
  const text = formatMs(value);
  return value === null || value === undefined || !Number.isFinite(value) ? text : `${text} ms`;
}

/** A throughput with its unit, e.g. `620.4 tok/s`. */
export function tokS(value: number | null | undefined): string {
  const text = formatTokS(value);
  return value === null || value === undefined || !Number.isFinite(value) ? text : `${text} tok/s`;
}

/** Headroom in words, e.g. `9% headroom`. */
export function headroom(value: number | null | undefined): string {
  const text = formatPct(value);
  return value === null || value === undefined || !Number.isFinite(value) ? text : `${text} headroom`;
}

/** A signed change in percent, e.g. `+12%`, `−8%` (a true minus sign), `0%`. */
export function change(value: number | null | undefined): string {
  const text = formatPct(value);
  if (value === null || value === undefined || !Number.isFinite(value)) return text;
  if (text === '0%') return text;
  return value > 0 ? `+${text}` : text;
}

/** `1 run`, `2 runs`: a count with its noun agreeing (`plural(3, 'point')`; irregular: pass `many`). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatInt(count)} ${count === 1 ? one : many}`;
}

/** The first few items of a list in prose, then how many more: `a, b, c and 4 more`. */
export function someOf(items: readonly string[], shown = 4): string {
  return items.length <= shown + 1 ? list(items) : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

/** Files in prose, those of one folder counted when there are more than two: `a.csv and 4 files in runs/tp8/` (`4 files in the data folder` at its top). */
export function filesWords(files: readonly string[]): string {
  const byFolder = new Map<string, string[]>();
  for (const file of files) {
    const folder = file.slice(0, file.lastIndexOf('/') + 1);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return list([...byFolder].flatMap(([folder, own]) => (own.length > 2 ? [`${own.length} files in ${folder || 'the data folder'}`] : own)));
}

/** A list in prose: `a`, `a and b`, `a, b and c`. */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The SLO as a rule, e.g. `p95 e2e ≤ 2000 ms`, or a joint one `TTFT ≤ 500 ms and TPOT ≤ 50 ms for 99% of requests`. */
export function formatSlo(slo: GroupSlo | SloConfig): string {
  if (slo.kind === 'attainment') {
    const bounds = 'bounds' in slo && slo.bounds ? slo.bounds : {};
    const target = 'target' in slo && slo.target !== null ? slo.target : 0;
    const parts = Object.entries(bounds).map(([key, value]) => `${METRIC[key.replace(/_ms$/, '')] ?? key} ≤ ${boundMs(value)}`);
    return `${list(parts)} for ${formatNumber(target * 100)}% of requests`;
  }
  const metric = 'metric' in slo ? slo.metric : slo.metrics[0]!;
  return `${metricLabel(metric)} ≤ ${boundMs(slo.threshold_ms)}`;
}

/** An SLO's bound with its unit as the config gives it (`2.1 ms`, `500 ms`), never rounded as measured figures are. */
export function boundMs(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? ms(value) : `${formatNumber(value)} ms`;
}

/** Why a group's SLO could not be judged, naming what it lacks (unjudgedMetrics), e.g. `p95 ITL is not in this data (measured: mean e2e, …)`. */
export function unjudgedWords(slo: GroupSlo): string {
  const named = unjudgedMetrics(slo);
  const have = slo.available.length ? `measured: ${someOf(slo.available.map(metricLabel))}` : 'no latency was measured';
  return `${list(named.map(metricLabel))} ${named.length === 1 ? 'is' : 'are'} not in this data (${have})`;
}

/**
 * How a group's joint SLO was judged, in words for the page: on the requests, or (files without
 * per-request records) on the percentile equal to the target; empty for a percentile SLO.
 */
export function sloJudgedWords(slo: GroupSlo): string {
  if (slo.kind !== 'attainment') return '';
  if (slo.judged === 'requests') return 'judged on each request';
  if (slo.judged === 'percentiles') return `judged on percentiles, not requests: the files hold no per-request records, so each bound is held against the runs' ${list(slo.metrics.map(metricLabel))}`;
  return '';
}

/** The name of a load axis in prose: `concurrency`, `request rate`. */
export function axisWords(axis: LoadAxis): string {
  return axis === 'concurrency' ? 'concurrency' : 'request rate';
}

/** A load as a table cell: `16`, `4 req/s`, `unbounded`. */
export function loadCell(load: Load): string {
  if (load.axis === 'concurrency') return formatInt(load.value);
  if (load.axis === 'request_rate') return formatRate(load.value);
  return 'unbounded';
}

/** A load in prose: `concurrency 16`, `request rate 4 req/s`, `unbounded load`. */
export function loadWords(load: Load): string {
  if (load.axis === 'concurrency') return `concurrency ${formatInt(load.value)}`;
  if (load.axis === 'request_rate') return `request rate ${formatRate(load.value)}`;
  return 'unbounded load (every request at once)';
}

/** A load value on an axis in prose: `concurrency 16`, `request rate 4 req/s`. */
export function loadValueWords(axis: LoadAxis, value: number): string {
  return loadWords(axis === 'concurrency' ? { axis, value } : { axis, value });
}

/** The output length of a run in prose: `512 tokens`, or that it set none. */
export function tokensWords(maxNewTokens: number | null): string {
  return maxNewTokens === null ? 'no max_tokens setting' : `${formatInt(maxNewTokens)} tokens`;
}

/** The output length as a table cell: `512`, or "not applicable" when the run set none. */
export function tokensCell(maxNewTokens: number | null): string {
  return maxNewTokens === null ? NOT_APPLICABLE : formatInt(maxNewTokens);
}

type Placed = Pick<Point, 'load' | 'max_new_tokens'>;

/**
 * How a run is named, in each context: `prose` (`concurrency 16 × 512 tokens`), `short` for
 * links and legends (`16 × 512`, `4 req/s × 512`), `setting` for a recommendation
 * (`concurrency 16, max_tokens 512`).
 */
export function runName(point: Placed, context: 'prose' | 'short' | 'setting'): string {
  const tokens = point.max_new_tokens;
  if (context === 'prose') return tokens === null ? loadWords(point.load) : `${loadWords(point.load)} × ${tokensWords(tokens)}`;
  if (context === 'short') return tokens === null ? loadCell(point.load) : `${loadCell(point.load)} × ${formatInt(tokens)}`;
  return tokens === null ? loadWords(point.load) : `${loadWords(point.load)}, max_tokens ${formatInt(tokens)}`;
}

/** What each status means, in the words of a sentence (`The run … ran out of GPU memory`). */
export const STATUS_WORDS: Readonly<Record<Status, { cell: string; sentence: string }>> = {
  ok: { cell: 'ok', sentence: 'finished' },
  oom: { cell: 'OOM', sentence: 'ran out of GPU memory (OOM)' },
  error: { cell: 'error', sentence: 'ended in errors' },
  timeout: { cell: 'timeout', sentence: 'timed out' },
};

/** A run's outcome as a table cell: `ok`, `ok, 3 failed`, `OOM`, `error`, `timeout`. */
export function statusCell(point: Pick<Point, 'status' | 'failed'>): string {
  if (point.status !== 'ok') return STATUS_WORDS[point.status].cell;
  return point.failed !== null && point.failed > 0 ? `ok, ${formatInt(point.failed)} failed` : 'ok';
}

/** Why a run is not stable, in a sentence's words: `ran out of GPU memory (OOM)`, `finished with 3 failed requests of 64`. */
export function instabilityWords(point: Pick<Point, 'status' | 'failed' | 'requests'>): string {
  const failed = point.failed !== null && point.failed > 0 ? point.failed : 0;
  if (point.status === 'ok') {
    return `finished with ${plural(failed, 'failed request')}${point.requests !== null ? ` (${formatInt(point.requests)} completed)` : ''}`;
  }
  return `${STATUS_WORDS[point.status].sentence}${failed ? ` (${plural(failed, 'failed request')})` : ''}`;
}

// Workload names that are acronyms: capitalising only the first letter would read "Rag", "Api".
const ACRONYMS = new Set(['rag', 'api', 'llm', 'qa', 'ocr', 'sql', 'asr', 'tts', 'etl', 'nlp', 'rl', 'kv', 'gpu', 'slo']);
// Benchmark datasets that workloads are often named after, spelt as their authors spell them.
const NAMES: Readonly<Record<string, string>> = {
  sharegpt: 'ShareGPT', aime: 'AIME', gsm8k: 'GSM8K', mmlu: 'MMLU', humaneval: 'HumanEval', longbench: 'LongBench', mtbench: 'MT-Bench',
};

/** A workload's name for headings: `Chat`, `RAG`, `API`, `ShareGPT`; the rest as written, first letter capitalised. */
export function workloadTitle(workload: string): string {
  return workload
    .split(/([\s_-]+)/)
    .map((part, index) => (NAMES[part.toLowerCase()] ?? (ACRONYMS.has(part.toLowerCase()) ? part.toUpperCase() : index === 0 ? part.charAt(0).toUpperCase() + part.slice(1) : part)))
    .join('');
}

/** The page title of a GPU × workload: `L4 – Chat workload`. */
export function groupTitle(group: { gpu: string; workload: string }): string {
  return `${group.gpu} – ${workloadTitle(group.workload)} workload`;
}

/** Sources of a point as `file:line`, repeats of one file collapsed: `a.csv:12, 20, 21`. */
export function sourcesWords(sources: readonly Source[]): string {
  const parts: string[] = [];
  let lastFile: string | null = null;
  for (const source of sources) {
    parts.push(source.file === lastFile ? String(source.line) : `${source.file}:${source.line}`);
    lastFile = source.file;
  }
  return parts.join(', ');
}

/** Saturation of a series in words: `concurrency 16 reaches 90% of the peak`, `not saturated up to request rate 8 req/s`. */
export function saturationWords(s: { axis: LoadAxis; load: number | null; not_saturated_up_to: number | null }): string {
  return s.load !== null ? `${loadValueWords(s.axis, s.load)} reaches 90% of the peak` : `not saturated up to ${loadValueWords(s.axis, s.not_saturated_up_to!)}`;
}
