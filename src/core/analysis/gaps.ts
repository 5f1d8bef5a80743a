/**
 * Every figure a page or the built-in write-up shows that the data cannot give, in one list with
 * stable keys. Tables, `<Num>` and `--strict` all read this list, so `analyze --strict` and
 * `build --strict` judge a folder alike. Each gap carries the client's words (what is missing)
 * and the engineer's (what to do, in which file).
 */
import { filesWords, list, metricLabel, plural } from '../phrases.ts';
import type { Gap, GroupReport, LatencyMetric, Point, ResolvedConfig } from '../types.ts';
import { pointById } from './group.ts';
import { judgedOnRequests, unjudgedMetrics } from './slo.ts';

/** Latency columns the table of every run shows besides the SLO metric, when any run has them. */
export const RUN_LATENCIES: readonly LatencyMetric[] = ['p50_e2e_ms', 'p95_e2e_ms', 'p99_e2e_ms', 'p95_ttft_ms', 'p95_tpot_ms'];

/** Decode figures the write-up shows at a group's recommended run. */
export const DECODE_METRICS: readonly LatencyMetric[] = ['p50_tpot_ms', 'p95_tpot_ms', 'p50_itl_ms', 'p95_itl_ms'];

/** The stable key of a gap: group (or `gpu:<label>`), point id (or empty) and field. */
export function gapKey(group: string, point: string | null, field: string): string {
  return `${group}|${point ?? ''}|${field}`;
}

/** The runs-table latency columns of a group: those some run carries, the SLO metric left out. */
export function shownLatencies(group: Pick<GroupReport, 'points' | 'slo'>): LatencyMetric[] {
  return RUN_LATENCIES.filter((m) => (!group.slo.measured || m !== group.slo.metric) && group.points.some((p) => p.latency[m] !== undefined));
}

/** The run the write-up's decode table and the capacity plan read: the recommendation, else the peak. */
export function decodePoint(group: GroupReport): Point | null {
  const id = group.recommendation ?? group.max_throughput?.point ?? null;
  return id ? pointById(group, id) : null;
}

// How the tool that wrote a file could have given a figure; csv files can simply gain a column.
function hint(group: GroupReport, field: string, points: readonly Point[]): string {
  const files = [...new Set((points.length ? points.flatMap((p) => p.sources) : []).map((s) => s.file))];
  const where = files.length ? files : group.files;
  const tools = group.tools;
  if (tools.length === 1 && tools[0] === 'csv') {
    const rows = points.flatMap((p) => p.sources).map((s) => `${s.file}:${s.line}`);
    return rows.length && rows.length <= 3 ? `fill ${field} at ${rows.join(', ')}` : `add a ${field} column to ${filesWords(where)}`;
  }
  const does = where.length === 1 ? 'does' : 'do';
  if (/_ms$/.test(field) && tools.some((t) => t.startsWith('vllm'))) {
    return `${filesWords(where)} ${does} not record ${field}: vllm bench serve writes it when run with --percentile-metrics ttft,tpot,itl,e2el --metric-percentiles 50,90,95,99`;
  }
  return `${filesWords(where)} ${does} not record ${field} (${list(tools)} output); a re-run that records it, or a CSV with a ${field} column, fills it`;
}

// What fills a goodput gap: the figure goodput is taken over, in the files of the run.
function goodputHint(group: GroupReport, point: Point, needed: string): string {
  const files = [...new Set(point.sources.map((s) => s.file))];
  const where = files.length ? files : group.files;
  return `${filesWords(where)} ${where.length === 1 ? 'does' : 'do'} not record ${needed}, which goodput is taken over; a re-run that records it fills it (${list(group.tools)} output)`;
}

/** The gap field a goodput figure of a judged point stands on: the run's duration, else the token counts. */
export function goodputField(point: Pick<Point, 'goodput_req_s'>, unit: 'req' | 'tok'): string {
  return unit === 'req' || point.goodput_req_s === null ? 'duration_s' : 'output_tokens';
}

// A measured stand-in for a missing SLO metric: the same latency at a higher percentile (the
// conservative choice) first, then lower ones; none when that latency was not measured at all.
function standIn(slo: GroupReport['slo']): LatencyMetric[] {
  const [, stat = '', name = ''] = /^(mean|p\d+)_(\w+)_ms$/.exec(slo.metrics[0]!) ?? [];
  const percentile = stat === 'mean' ? 50 : Number(stat.slice(1));
  const same = slo.available.filter((m) => m.endsWith(`_${name}_ms`));
  const rank = (m: LatencyMetric) => {
    const s = m.split('_')[0]!;
    const p = s === 'mean' ? 50 : Number(s.slice(1));
    return p >= percentile ? p - percentile : 1000 + percentile - p;
  };
  return same.sort((a, b) => rank(a) - rank(b)).slice(0, 1);
}

/** Every gap of one group, each once. */
export function groupGaps(group: GroupReport): Gap[] {
  const gaps = new Map<string, Gap>();
  const base = { group: group.slug, gpu: group.gpu, workload: group.workload };
  const add = (point: Point | null, field: string, what: string, hintText: string) => {
    const key = gapKey(group.slug, point?.id ?? null, field);
    if (!gaps.has(key)) gaps.set(key, { key, ...base, point: point?.id ?? null, field, what, hint: hintText, files: point ? [...new Set(point.sources.map((s) => s.file))] : group.files });
  };
  const slo = group.slo;
  if (!slo.measured) {
    const missing = unjudgedMetrics(slo);
    // Records judge an ITL bound only with each request's gaps, which GuideLLM and llmperf do not write.
    const records = missing.some((m) => m.endsWith('_itl_ms'))
      ? 'per-request records that hold each request\'s inter-token gaps (vllm bench serve --save-detailed, SGLang --output-details, AIPerf profile_export.jsonl)'
      : 'per-request records (vllm bench serve --save-detailed, GuideLLM, AIPerf profile_export.jsonl)';
    const config = slo.kind === 'percentile'
      ? `"slo": { ${JSON.stringify(group.workload)}: { "metric": [${[...slo.metrics, ...standIn(slo)].map((m) => JSON.stringify(m)).join(', ')}], "threshold_ms": ${slo.threshold_ms} } }`
      : `${records} or the percentiles of every bound`;
    const instead = slo.kind === 'percentile' && standIn(slo).length === 0 && slo.available.length
      ? ` (no ${metricLabel(slo.metrics[0]!).split(' ')[1]} latency was recorded: an SLO on ${metricLabel(slo.available.find((m) => m.startsWith('p99')) ?? slo.available[0]!)} is one these files can judge)`
      : '';
    add(null, slo.metrics.join('|'), `SLO metric ${list(missing.map(metricLabel))}`,
      `${filesWords(group.files)} ${group.files.length === 1 ? 'does' : 'do'} not record ${list(missing)}${slo.available.length ? ` (${group.files.length === 1 ? 'it has' : 'they have'} ${list(slo.available)})` : ''}: judge ${group.workload} on a metric that was measured with ${config} in capacity.config.json${instead}`);
  }
  const steady = group.points.filter((p) => p.status === 'ok');
  for (const point of steady) {
    if (point.throughput_tok_s === null) add(point, 'throughput_tok_s', 'throughput', hint(group, 'throughput_tok_s', [point]));
    if (slo.measured && slo.kind === 'percentile' && point.stable && point.slo_latency_ms === null) add(point, slo.metric, metricLabel(slo.metric), hint(group, slo.metric, [point]));
  }
  // Columns of the table of every run: shown because some run has them, so a stable run without one is a gap.
  for (const metric of shownLatencies(group)) {
    for (const point of steady) if (point.stable && point.latency[metric] === undefined) add(point, metric, metricLabel(metric), hint(group, metric, [point]));
  }
  if (!group.points.some((p) => p.latency.p95_ttft_ms !== undefined)) {
    add(null, 'p95_ttft_ms', 'p95 TTFT', hint(group, 'p95_ttft_ms', []));
  }
  // Goodput is shown for every run judged on its records: it needs the run's duration, and in
  // tokens each request's output count as well.
  if (judgedOnRequests(slo)) {
    for (const point of group.points) {
      if (point.slo_attainment === null) continue;
      if (point.goodput_req_s === null) add(point, 'duration_s', 'run duration (for goodput)', goodputHint(group, point, 'the run\'s duration in seconds'));
      else if (point.goodput_tok_s === null) add(point, 'output_tokens', 'output tokens per request (for goodput in tokens)', goodputHint(group, point, 'the output token count of each request'));
    }
  }
  const decode = decodePoint(group);
  if (decode) {
    for (const metric of DECODE_METRICS) {
      if (decode.latency[metric] !== undefined) continue;
      // A metric no run of the group has is one gap of the group, not one per table that shows it.
      if (!group.points.some((p) => p.latency[metric] !== undefined)) add(null, metric, metricLabel(metric), hint(group, metric, []));
      else add(decode, metric, metricLabel(metric), hint(group, metric, [decode]));
    }
  }
  return [...gaps.values()];
}

/** Gaps of the KV-cache budget of one GPU: the settings it cannot be computed without. */
export function kvGaps(gpu: string, missing: readonly { field: string; what: string; hint: string }[], files: string[]): Gap[] {
  return missing.map((m) => ({ key: gapKey(`gpu:${gpu}`, null, m.field), group: null, gpu, workload: null, point: null, field: m.field, what: m.what, hint: m.hint, files }));
}

/**
 * The gap a missing figure of a page stands for: the point's own, else the group's for that
 * field, else null (then the figure is not a gap: a bug when a page shows it as "not measured").
 */
export function findGap(gaps: ReadonlyMap<string, Gap>, group: string, point: string | null, field: string): Gap | null {
  return (point !== null ? gaps.get(gapKey(group, point, field)) : undefined) ?? gaps.get(gapKey(group, null, field)) ?? null;
}

/** The client's short "not measured" line for one GPU × workload (or GPU), e.g. `p95 TTFT (every run); p95 TPOT at 2 runs`. */
export function gapSummary(gaps: readonly Gap[]): string {
  const byWhat = new Map<string, { whole: boolean; points: Set<string> }>();
  for (const gap of gaps) {
    const entry = byWhat.get(gap.what) ?? { whole: false, points: new Set<string>() };
    if (gap.point === null) entry.whole = true;
    else entry.points.add(gap.point);
    byWhat.set(gap.what, entry);
  }
  return [...byWhat.entries()]
    .map(([what, e]) => (e.whole ? (gaps.some((g) => g.group === null && g.what === what) ? what : `${what} (every run)`) : `${what} at ${plural(e.points.size, 'run')}`))
    .join('; ');
}

/** The engineer's to-do line for a gap: where it shows and what fills it. */
export function formatGap(gap: Gap): string {
  const where = gap.workload === null ? `KV-cache budget of ${gap.gpu}` : `${gap.gpu} / ${gap.workload}${gap.point ? ` ${gap.point}` : ''}`;
  return `not measured: ${where}: ${gap.what}: ${gap.hint}`;
}

/** KV-cache settings the config lacks, as gap inputs. */
export function kvMissing(gpu: string, config: ResolvedConfig, context: number | null, measured: boolean): { field: string; what: string; hint: string }[] {
  const missing: { field: string; what: string; hint: string }[] = [];
  if (context === null) missing.push({ field: 'context_length', what: 'context length', hint: 'set "context_length" in capacity.config.json or record max_model_len with the runs' });
  if (!config.model) missing.push({ field: 'model', what: 'model architecture', hint: 'set "model": {"layers", "kv_heads", "head_dim", "bytes_per_element"} in capacity.config.json' });
  if (!measured && config.gpus[gpu]?.memory_gib === undefined) {
    missing.push({ field: 'memory_gib', what: 'GPU memory', hint: `set "gpus": {${JSON.stringify(gpu)}: {"memory_gib": …}} in capacity.config.json or record kv_cache_tokens with the runs` });
  }
  return missing;
}
