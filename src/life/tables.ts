import { pointById } from '../core/analysis/group.ts';
import { pointLabel } from '../core/analysis/findings.ts';
import { formatBytes, formatGrouped, formatInt, formatMs, formatPct, formatTokS } from '../core/format.ts';
import { metricLabel, titleCase } from '../core/labels.ts';
import type { GroupReport, Point, Report } from '../core/types.ts';
import { figure, groupHref, runHref, text, type Cell, type Table } from './table.ts';

const at = (group: GroupReport, point: Point) => ({ href: runHref(group.gpu_slug, group.workload_slug, point.id), sources: point.sources });

/** Groups of one GPU, in report order. */
export function groupsOf(report: Report, gpu: string): GroupReport[] {
  return report.groups.filter((g) => g.gpu === gpu);
}

const STATUS_TEXT: Readonly<Record<string, string>> = { oom: 'OOM', error: 'errors', timeout: 'timed out', ok: 'failed requests' };

/**
 * p95 TTFT against concurrency for one GPU and workload: rows are concurrency levels, columns
 * max_new_tokens; a cell with no TTFT says "not measured" and names the column that would supply it.
 */
export function ttftTable(group: GroupReport): Table {
  const tokens = group.max_new_tokens.length ? group.max_new_tokens : [null];
  const rows: Cell[][] = group.concurrencies.map((concurrency) => [
    text(formatInt(concurrency)),
    ...tokens.map((t) => {
      const point = group.points.find((p) => p.concurrency === concurrency && p.max_new_tokens === t);
      if (!point) return text('–');
      // A run that did not finish has no TTFT by nature: its status says why, it is not a gap.
      if (!point.stable && point.latency.p95_ttft_ms === undefined) return { text: STATUS_TEXT[point.status]!, ...at(group, point) };
      return figure(point.latency.p95_ttft_ms, formatMs, at(group, point),
        { what: `p95 TTFT at ${pointLabel(point)} on ${group.gpu} (${group.workload})`, hint: `a p95_ttft_ms value in ${point.sources[0]?.file ?? group.files.join(', ')}` });
    }),
  ]);
  return {
    id: `ttft-${group.gpu_slug}-${group.workload_slug}`,
    caption: `p95 time to first token (ms) by concurrency, ${group.gpu}, ${group.workload}`,
    columns: ['Concurrency', ...tokens.map((t) => (t === null ? 'p95 TTFT (ms)' : `max_tokens ${t}`))],
    rows,
    note: rows.some((row) => row.some((c) => c.text === '–')) ? '– marks a combination that was not part of the sweep.' : undefined,
  };
}

/** Saturation point of every GPU × workload, or "not saturated up to C". */
export function saturationTable(report: Report): Table {
  return {
    id: 'saturation',
    caption: 'Throughput saturation point per GPU and workload (lowest concurrency reaching 90% of the peak)',
    columns: ['GPU', 'Workload', 'Saturation', 'Peak throughput (tok/s)', 'Series'],
    rows: report.groups.map((group) => {
      const s = group.headline_saturation;
      const gap = { what: `saturation of ${group.gpu} (${group.workload})`, hint: 'stable runs with concurrency and throughput_tok_s' };
      if (!s) return [text(group.gpu), text(titleCase(group.workload)), figure(null, formatInt, {}, gap), figure(null, formatTokS, {}, gap), text('–')];
      const point = pointById(group, s.point);
      const peak = pointById(group, s.peak_point);
      const saturation: Cell = s.concurrency !== null
        ? { text: `~${formatInt(s.concurrency)} concurrent`, numeric: true, ...at(group, point) }
        : { text: `not saturated up to ${formatInt(s.not_saturated_up_to)}`, ...at(group, point) };
      return [
        { text: group.gpu, href: groupHref(group.gpu_slug, group.workload_slug) },
        text(titleCase(group.workload)),
        saturation,
        figure(s.peak_throughput_tok_s, formatTokS, at(group, peak), gap),
        text(s.max_new_tokens === null ? 'all' : `max_tokens ${s.max_new_tokens}`),
      ];
    }),
  };
}

/** Every run that failed, ran out of memory or timed out, and every jitter ridge, with what happened. */
export function instabilityTable(report: Report): Table {
  const rows: Cell[][] = [];
  for (const group of report.groups) {
    for (const point of group.points) {
      if (point.stable && !point.jitter_ridge) continue;
      const config = Object.entries(point.server).map(([k, v]) => `${k}=${v}`).join(', ');
      const what = !point.stable
        ? `${STATUS_TEXT[point.status]}${point.failed ? `: ${point.failed} request${point.failed === 1 ? '' : 's'} failed` : ''}`
        : `jitter ridge: p95 ${formatMs(point.latency.p95_e2e_ms)} ms, over 25% above both neighbours`;
      rows.push([
        { text: group.gpu, href: groupHref(group.gpu_slug, group.workload_slug) },
        text(titleCase(group.workload)),
        { text: pointLabel(point), ...at(group, point) },
        text(config || '–'),
        text(what),
      ]);
    }
  }
  return {
    id: 'instability',
    caption: 'OOM and instability triggers: runs that did not finish cleanly, and latency spikes',
    columns: ['GPU', 'Workload', 'Run', 'Server config', 'What happened'],
    rows,
    note: rows.length ? undefined : 'Every run finished cleanly and no jitter ridge was found.',
  };
}

/** Key numbers of one GPU: per workload, max stable concurrency, max throughput, recommended config and its latency. */
export function keyNumbersTable(report: Report, gpu: string): Table {
  const groups = groupsOf(report, gpu);
  const rows: Cell[][] = [];
  for (const group of groups) {
    const w = titleCase(group.workload);
    const peak = group.max_throughput ? pointById(group, group.max_throughput.point) : null;
    const rec = group.recommendation ? pointById(group, group.recommendation) : null;
    const stablePoint = group.points.find((p) => p.concurrency === group.max_stable_concurrency);
    rows.push(
      [text(`Max stable ${group.workload} concurrency`), figure(group.max_stable_concurrency, formatInt, stablePoint ? at(group, stablePoint) : {},
        { what: `max stable concurrency of ${w}`, hint: 'a run at some concurrency where every run finished cleanly' })],
      [text(`Max ${group.workload} throughput (tok/s)`), figure(peak?.throughput_tok_s, formatTokS, peak ? at(group, peak) : {},
        { what: `max throughput of ${w}`, hint: 'a throughput_tok_s column' })],
      [text(`Recommended ${group.workload} config`), rec
        ? { text: `concurrency ${formatInt(rec.concurrency)} × max_tokens ${formatInt(rec.max_new_tokens)}`, ...at(group, rec) }
        : { text: 'none met the SLO', gap: undefined }],
      [text(`${metricLabel(group.slo.metric)} at the recommended config (ms)`), rec
        ? figure(rec.slo_latency_ms, formatMs, at(group, rec), { what: '', hint: '' })
        : text(`SLO ≤ ${formatMs(group.slo.threshold_ms)} ms not met`)],
    );
  }
  return { id: `key-numbers-${groups[0]?.gpu_slug ?? 'none'}`, caption: `Key numbers, ${gpu}`, columns: ['Metric', gpu], rows };
}

/** The KV-cache budget of each GPU next to the measured max stable concurrency. */
export function kvBudgetTable(report: Report): Table {
  const rows: Cell[][] = report.gpus.map(({ label }) => {
    const budget = report.kv_budgets.find((b) => b.gpu === label);
    const gap = report.gaps.find((g) => g.where === `KV-cache budget of ${label}`);
    const stableValues = report.groups.filter((g) => g.gpu === label).map((g) => g.max_stable_concurrency).filter((v): v is number => v !== null);
    const measuredStable = figure(stableValues.length ? Math.max(...stableValues) : null, formatInt, {},
      { what: `measured max stable concurrency on ${label}`, hint: 'stable runs with a concurrency column' });
    if (!budget) {
      // One missing input (the core's gap) leaves every budget figure out: list it once, as the core does.
      const missing = { what: `KV-cache budget of ${label}`, hint: gap?.hint ?? 'model architecture and GPU memory in capacity.config.json', where: `KV-cache budget of ${label}`, field: gap?.what ?? 'inputs' };
      return [text(label), figure(null, formatBytes, {}, missing), figure(null, formatGrouped, {}, missing), figure(null, formatInt, {}, missing), figure(null, formatInt, {}, missing), measuredStable];
    }
    const stable = budget.measured_max_stable_concurrency;
    return [
      text(label),
      { text: formatBytes(budget.bytes_per_token), numeric: true },
      { text: `${formatGrouped(budget.kv_tokens)}${budget.kv_tokens_source === 'measured' ? ' (measured)' : ''}`, numeric: true },
      { text: formatInt(budget.context_length), numeric: true },
      { text: formatInt(budget.max_concurrent_sequences), numeric: true },
      figure(stable, formatInt, {}, { what: `measured max stable concurrency on ${label}`, hint: 'stable runs with a concurrency column' }),
    ];
  });
  return {
    id: 'kv-budget',
    caption: 'KV-cache budget per GPU against the measured max stable concurrency',
    columns: ['GPU', 'KV bytes per token', 'KV tokens', 'Context length', 'Max concurrent sequences', 'Measured max stable concurrency'],
    rows,
  };
}

/** Every finding of the report, grouped by GPU × workload, with links to the runs it rests on. */
export function findingsList(report: Report, kinds?: readonly string[]): { group: GroupReport; text: string; links: { label: string; href: string }[] }[] {
  return report.groups.flatMap((group) => group.findings
    .filter((f) => !kinds || kinds.includes(f.kind))
    .map((f) => ({
      group,
      text: f.text,
      links: f.points.map((id) => ({ label: pointLabel(pointById(group, id)), href: runHref(group.gpu_slug, group.workload_slug, id) })),
    })));
}

/** Shares of the SLO used by the recommended configs, for the implications section. */
export function headroomSummary(group: GroupReport): string {
  if (!group.recommendation) return `no tested configuration met ${metricLabel(group.slo.metric)} ≤ ${formatMs(group.slo.threshold_ms)} ms`;
  const p = pointById(group, group.recommendation);
  return `${pointLabel(p)} keeps ${formatPct(p.headroom_pct)} headroom under ${metricLabel(group.slo.metric)} ≤ ${formatMs(group.slo.threshold_ms)} ms`;
}

/**
 * Decode speed of one GPU × workload at its recommended run (or its peak run when none met the SLO):
 * p50 and p95 time per output token and inter-token latency, each "not measured" when absent.
 */
export function decodeTable(report: Report, gpu: string): Table {
  const metrics = [['p50_tpot_ms', 'p50 TPOT (ms)'], ['p95_tpot_ms', 'p95 TPOT (ms)'], ['p50_itl_ms', 'p50 ITL (ms)'], ['p95_itl_ms', 'p95 ITL (ms)']] as const;
  const groups = groupsOf(report, gpu);
  const rows: Cell[][] = groups.map((group) => {
    const id = group.recommendation ?? group.max_throughput?.point ?? null;
    const point = id ? pointById(group, id) : null;
    return [
      text(titleCase(group.workload)),
      point ? { text: pointLabel(point), ...at(group, point) } : text('no stable run'),
      ...metrics.map(([metric, label]) => figure(point?.latency[metric], formatMs, point ? at(group, point) : {},
        { what: `${label.replace(' (ms)', '')} on ${gpu} (${group.workload})`, hint: `a ${metric} column in ${group.files.join(', ')}` })),
    ];
  });
  return {
    id: `decode-${groups[0]?.gpu_slug ?? 'none'}`,
    caption: `Decode speed at the recommended run, ${gpu}`,
    columns: ['Workload', 'Run', ...metrics.map(([, label]) => label)],
    rows,
    note: 'TPOT is the time per output token after the first; ITL the time between streamed tokens. A harness that does not stream cannot measure either.',
  };
}

/** One practical sentence per GPU for a workload: what to run, what it leaves, where it saturates. */
export function implications(report: Report, workload: string): { gpu: string; href: string; text: string }[] {
  return report.groups.filter((g) => g.workload === workload).map((group) => {
    const s = group.headline_saturation;
    const saturation = !s ? '' : s.concurrency !== null
      ? ` Throughput saturates near concurrency ${formatInt(s.concurrency)}; going higher mostly adds queueing.`
      : ` Throughput was still rising at concurrency ${formatInt(s.not_saturated_up_to)}, so a higher concurrency may be worth a sweep.`;
    const stable = group.max_stable_concurrency !== null
      ? ` Every run was stable up to concurrency ${formatInt(group.max_stable_concurrency)}.`
      : ' No concurrency level ran cleanly in every configuration.';
    const rec = group.recommendation ? pointById(group, group.recommendation) : null;
    const lead = rec
      ? `Run at ${pointLabel(rec)}: ${formatTokS(rec.throughput_tok_s)} tok/s with ${headroomSummary(group).replace(`${pointLabel(rec)} keeps `, '')}.`
      : `Nothing tested meets ${metricLabel(group.slo.metric)} ≤ ${formatMs(group.slo.threshold_ms)} ms: a faster GPU, a shorter output or a looser SLO is needed.`;
    return { gpu: group.gpu, href: groupHref(group.gpu_slug, group.workload_slug), text: `${lead}${stable}${saturation}` };
  });
}
