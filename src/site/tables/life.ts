/**
 * The tables the write-up components show (Life of a Request and any author's MDX), in the site's
 * one table model. Each takes its selection as an argument; a table with nothing measured
 * collapses to one sentence saying what would fill it.
 */
import { DECODE_METRICS, decodePoint, gapKey } from '../../core/analysis/gaps.ts';
import { pointById, setupOf } from '../../core/analysis/group.ts';
import { formatBytes, formatGrouped, formatInt, formatMs, formatRate, formatTokS } from '../../core/format.ts';
import { axisWords, formatSlo, instabilityWords, list, loadWords, metricLabel, ms, runName, saturationWords, STATUS_WORDS, workloadTitle } from '../../core/phrases.ts';
import { slugify } from '../../core/slug.ts';
import type { GroupReport, Point } from '../../core/types.ts';
import { paths } from '../url.ts';
import { absent, figure, measured, text, type Cell, type Row, type TableModel } from './cells.ts';
import type { TableContext } from './context.ts';
import { maxStableTone, maxStableWords, runAnchor } from './group.ts';

/** Site path under which the write-up tables' CSV downloads live. */
export const LIFE_TABLES_PATH = '/tables/';

const csvOf = (id: string) => `${LIFE_TABLES_PATH}${id}.csv`;
const runLink = (group: GroupReport, point: Point) => `${paths.group(group)}#${runAnchor(point.id)}`;

/** Groups of one GPU, in report order. */
export function groupsOf(context: TableContext, gpu: string): GroupReport[] {
  return context.report.groups.filter((g) => g.gpu === gpu);
}

const slugOf = (label: string) => slugify(label, 'gpu');

/**
 * p95 TTFT against load for one GPU × workload: rows are loads (per setup when it has several),
 * columns max_tokens; an unstable run shows what happened, a combination not swept shows "–".
 */
export function ttftTable(context: TableContext, group: GroupReport): TableModel {
  const id = `ttft-${group.gpu_slug}-${group.workload_slug}`;
  const base = { id, caption: `p95 time to first token (ms) by load, ${group.gpu}, ${group.workload}`, csv: csvOf(id) };
  const tokens = group.max_new_tokens.length ? group.max_new_tokens : [null];
  const several = group.setups.length > 1;
  if (context.gaps.has(gapKey(group.slug, null, 'p95_ttft_ms'))) {
    return { ...base, columns: [], rows: [], empty: `No p95 time to first token was recorded for ${group.gpu} on ${group.workload}, so this table is left out.` };
  }
  const places = new Map<string, Point[]>();
  for (const p of group.points) {
    if (p.load.axis === 'unbounded') continue;
    const key = `${p.setup}|${p.load.axis}|${p.load.value}`;
    places.set(key, [...(places.get(key) ?? []), p]);
  }
  const rows: Row[] = [...places.values()].map((points) => {
    const first = points[0]!;
    return {
      cells: [
        figure(first.load.value!, first.load.axis === 'concurrency' ? formatInt : formatRate),
        ...(several ? [text(setupOf(group, first).label)] : []),
        ...tokens.map((t): Cell => {
          const p = points.find((x) => x.max_new_tokens === t);
          if (!p) return absent(true, 'not part of the sweep');
          if (!p.stable && p.latency.p95_ttft_ms === undefined) return text(STATUS_WORDS[p.status].cell, { link: runLink(group, p), tone: 'bad', value: null });
          return measured(context.gaps, p.latency.p95_ttft_ms, formatMs, { group: group.slug, point: p.id, field: 'p95_ttft_ms' }, { link: runLink(group, p) });
        }),
      ],
    };
  });
  const axes = new Set(group.points.filter((p) => p.load.axis !== 'unbounded').map((p) => p.load.axis));
  const header = axes.size > 1 ? 'Load' : axes.has('request_rate') ? 'Request rate' : 'Concurrency';
  return {
    ...base,
    columns: [
      { key: 'load', label: header, numeric: true },
      ...(several ? [{ key: 'setup', label: 'Setup', numeric: false, wrap: true }] : []),
      ...tokens.map((t) => ({ key: t === null ? 'p95_ttft_ms' : `t${t}`, label: t === null ? 'p95 TTFT (ms)' : `max_tokens ${t}`, numeric: true })),
    ],
    rows,
    note: rows.some((row) => row.cells.some((c) => c.kind === 'absent')) ? '– marks a combination that was not part of the sweep.' : undefined,
  };
}

/** Saturation point of every GPU × workload of the given workloads (all when none given). */
export function saturationSummary(context: TableContext, workloads?: readonly string[]): TableModel {
  const groups = context.report.groups.filter((g) => !workloads || workloads.includes(g.workload));
  const id = workloads && workloads.length === 1 ? `saturation-${slugify(workloads[0]!, 'workload')}` : 'saturation';
  const rows: Row[] = groups.map((group) => {
    const s = group.headline_saturation;
    if (!s) return { cells: [text(group.gpu, { link: paths.group(group) }), text(workloadTitle(group.workload), { value: group.workload }), text('too few loads to tell: no series has two stable loads', { tone: 'muted', value: null }), absent(), absent(false)] };
    const point = pointById(group, s.point);
    return {
      cells: [
        text(group.gpu, { link: paths.group(group) }),
        text(workloadTitle(group.workload), { value: group.workload }),
        text(saturationWords(s), { link: runLink(group, point), value: s.load ?? saturationWords(s) }),
        figure(s.peak_throughput_tok_s, formatTokS, { link: runLink(group, pointById(group, s.peak_point)) }),
        text(`${s.max_new_tokens === null ? 'no max_tokens setting' : `max_tokens ${s.max_new_tokens}`}${group.setups.length > 1 ? `, ${group.setups.find((x) => x.id === s.setup)!.label}` : ''}`),
      ],
    };
  });
  return {
    id,
    caption: 'Throughput saturation point per GPU and workload (lowest load reaching 90% of the peak)',
    columns: [
      { key: 'gpu', label: 'GPU', numeric: false },
      { key: 'workload', label: 'Workload', numeric: false },
      { key: 'saturation', label: 'Saturation', numeric: false, wrap: true },
      { key: 'peak_throughput_tok_s', label: 'Peak throughput (tok/s)', numeric: true },
      { key: 'series', label: 'Series', numeric: false, wrap: true },
    ],
    rows,
    csv: csvOf(id),
    empty: 'No GPU × workload was tested.',
  };
}

/** Every run that failed, ran out of memory, timed out, never reached its load, or stands out as a jitter ridge. */
export function instabilityTable(context: TableContext, gpus?: readonly string[]): TableModel {
  const id = gpus && gpus.length === 1 ? `instability-${slugOf(gpus[0]!)}` : 'instability';
  const rows: Row[] = [];
  for (const group of context.report.groups) {
    if (gpus && !gpus.includes(group.gpu)) continue;
    for (const point of group.points) {
      if (point.stable && point.reached_load && !point.jitter_ridge) continue;
      const what = !point.stable
        ? instabilityWords(point)
        : !point.reached_load
          ? `never reached ${loadWords(point.load)} (${point.requests ?? 0} requests completed)`
          : `jitter ridge: p95 ${ms(point.latency.p95_e2e_ms)}, over 25% above both neighbours`;
      rows.push({
        cells: [
          text(group.gpu, { link: paths.group(group) }),
          text(workloadTitle(group.workload), { value: group.workload }),
          text(runName(point, 'prose'), { link: runLink(group, point) }),
          setupOf(group, point).description ? text(setupOf(group, point).description) : absent(false, 'the files record no server settings'),
          text(what),
        ],
      });
    }
  }
  return {
    id,
    caption: 'OOM and instability triggers: runs that did not finish cleanly, never reached their load, or spiked',
    columns: [
      { key: 'gpu', label: 'GPU', numeric: false },
      { key: 'workload', label: 'Workload', numeric: false },
      { key: 'run', label: 'Run', numeric: false, wrap: true },
      { key: 'setup', label: 'Setup', numeric: false, wrap: true },
      { key: 'what', label: 'What happened', numeric: false, wrap: true },
    ],
    rows,
    csv: csvOf(id),
    empty: 'Every run finished cleanly at the load it was driven at, and no jitter ridge was found.',
  };
}

/** Key numbers of one GPU: per workload, max stable load, max throughput, the recommended setting and its latency. */
export function keyNumbersTable(context: TableContext, gpu: string): TableModel {
  const groups = groupsOf(context, gpu);
  const rows: Row[] = [];
  for (const group of groups) {
    const peak = group.max_throughput ? pointById(group, group.max_throughput.point) : null;
    const rec = group.recommendation ? pointById(group, group.recommendation) : null;
    const axis = group.max_stable_load ? axisWords(group.max_stable_load.axis) : 'load';
    rows.push(
      {
        cells: [
          text(`Max stable ${group.workload} ${axis}`),
          group.max_stable_load ? figure(group.max_stable_load.value, group.max_stable_load.axis === 'concurrency' ? formatInt : formatRate) : text(maxStableWords(group), { tone: maxStableTone(group), value: null }),
        ],
      },
      { cells: [text(`Max ${group.workload} throughput (tok/s)`), peak ? figure(peak.throughput_tok_s!, formatTokS, { link: runLink(group, peak) }) : text('no stable run', { tone: 'bad', value: null })] },
      { cells: [text(`Recommended ${group.workload} setting`), rec ? text(`${runName(rec, 'setting')}${group.setups.length > 1 ? ` (${setupOf(group, rec).label})` : ''}`, { link: runLink(group, rec) }) : (group.slo.measured ? text('none met the SLO', { tone: 'bad', value: null }) : text('not judged', { tone: 'muted', value: null }))] },
      {
        cells: [
          text(group.slo.measured ? `${metricLabel(group.slo.metric)} at the recommended setting (ms)` : `SLO (${formatSlo(group.slo)})`),
          rec && rec.slo_latency_ms !== null ? figure(rec.slo_latency_ms, formatMs, { link: runLink(group, rec) }) : text(group.slo.measured ? `${formatSlo(group.slo)} not met` : 'not judged', { tone: 'muted', value: null }),
        ],
      },
    );
  }
  const id = `key-numbers-${slugOf(gpu)}`;
  return { id, caption: `Key numbers, ${gpu}`, columns: [{ key: 'metric', label: 'Metric', numeric: false }, { key: 'value', label: gpu, numeric: true }], rows, csv: csvOf(id) };
}

/** The KV-cache budget of the given GPUs (all when none given) next to the measured max stable concurrency. */
export function kvBudgetSummary(context: TableContext, gpus?: readonly string[]): TableModel {
  const { report } = context;
  const labels = report.gpus.map((g) => g.label).filter((l) => !gpus || gpus.includes(l));
  const id = gpus && gpus.length === 1 ? `kv-${slugOf(gpus[0]!)}` : 'kv';
  const base = { id, caption: 'KV-cache budget per GPU against the measured max stable concurrency', csv: csvOf(id) };
  const budgets = report.kv_budgets.filter((b) => labels.includes(b.gpu));
  if (budgets.length === 0) {
    const missing = [...new Set(report.gaps.filter((g) => g.group === null && labels.includes(g.gpu)).map((g) => g.what))];
    return { ...base, columns: [], rows: [], empty: `No KV-cache budget: the report's settings give no ${list(missing) || 'model architecture and GPU memory'}.` };
  }
  const rows: Row[] = labels.map((label) => {
    const b = budgets.find((x) => x.gpu === label);
    const place = (field: string) => ({ group: `gpu:${label}`, point: null, field });
    const stable = b?.measured_max_stable_concurrency ?? null;
    if (!b) {
      const field = report.gaps.find((g) => g.group === null && g.gpu === label)?.field ?? 'model';
      const gap = () => measured(context.gaps, null, formatInt, place(field));
      // The measured max stable concurrency needs no budget: the runs give it.
      const loads = report.groups.filter((g) => g.gpu === label && g.max_stable_load?.axis === 'concurrency').map((g) => g.max_stable_load!.value);
      return { cells: [text(label), gap(), gap(), gap(), gap(), loads.length ? figure(Math.max(...loads), formatInt) : text('none', { tone: 'muted', value: null })] };
    }
    return {
      cells: [
        text(label),
        figure(b.bytes_per_token, formatBytes),
        figure(b.kv_tokens, (v) => `${formatGrouped(v)}${b.kv_tokens_source === 'measured' ? ' (measured)' : ''}`),
        figure(b.context_length, formatGrouped),
        figure(b.max_concurrent_sequences, formatInt),
        stable === null ? text('none', { tone: 'muted', value: null }) : figure(stable, formatInt),
      ],
    };
  });
  return {
    ...base,
    columns: [
      { key: 'gpu', label: 'GPU', numeric: false },
      { key: 'bytes_per_token', label: 'KV bytes per token', numeric: true },
      { key: 'kv_tokens', label: 'KV tokens', numeric: true },
      { key: 'context_length', label: 'Context length', numeric: true },
      { key: 'max_concurrent_sequences', label: 'Max concurrent sequences', numeric: true },
      { key: 'measured_max_stable_concurrency', label: 'Measured max stable concurrency', numeric: true },
    ],
    rows,
  };
}

/**
 * Decode speed of one GPU's workloads at the recommended run (the peak run when none met the
 * SLO): p50 and p95 time per output token and inter-token latency.
 */
export function decodeTable(context: TableContext, gpu: string): TableModel {
  const labels: Readonly<Record<string, string>> = { p50_tpot_ms: 'p50 TPOT (ms)', p95_tpot_ms: 'p95 TPOT (ms)', p50_itl_ms: 'p50 ITL (ms)', p95_itl_ms: 'p95 ITL (ms)' };
  const groups = groupsOf(context, gpu);
  const id = `decode-${slugOf(gpu)}`;
  // A group without a recommendation shows its peak run: the caption must not call it recommended.
  const which = groups.every((g) => g.recommendation) ? 'the recommended run' : 'the recommended run (the peak-throughput run where none is recommended)';
  const base = { id, caption: `Decode speed at ${which}, ${gpu}`, csv: csvOf(id) };
  const note = 'TPOT is the time per output token after the first; ITL the time between streamed tokens. A harness that does not stream cannot measure either.';
  if (!groups.some((g) => g.points.some((p) => DECODE_METRICS.some((m) => p.latency[m] !== undefined)))) {
    return { ...base, columns: [], rows: [], empty: `Decode speed (time per output token, inter-token latency) was not recorded on ${gpu}; a streaming benchmark records it.` };
  }
  const rows: Row[] = groups.map((group) => {
    const point = decodePoint(group);
    return {
      cells: [
        text(workloadTitle(group.workload), { value: group.workload }),
        point ? text(runName(point, 'prose'), { link: runLink(group, point) }) : text('no stable run', { tone: 'muted' }),
        ...DECODE_METRICS.map((metric) => (point ? measured(context.gaps, point.latency[metric], formatMs, { group: group.slug, point: point.id, field: metric }) : absent())),
      ],
    };
  });
  return {
    ...base,
    columns: [
      { key: 'workload', label: 'Workload', numeric: false },
      { key: 'run', label: 'Run', numeric: false, wrap: true },
      ...DECODE_METRICS.map((m) => ({ key: m, label: labels[m]!, numeric: true })),
    ],
    rows,
    note,
  };
}
