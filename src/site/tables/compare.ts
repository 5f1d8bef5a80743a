/** The table of a workload's comparison page: one row per GPU tested on it. */
import { pointById, setupOf } from '../../core/analysis/group.ts';
import { formatInt, formatMs, formatPct, formatRate, formatTokS } from '../../core/format.ts';
import { formatSlo, metricLabel, runName, workloadTitle } from '../../core/phrases.ts';
import type { GroupReport } from '../../core/types.ts';
import { paths } from '../url.ts';
import { absent, figure, measured, text, type Cell, type Row, type TableModel } from './cells.ts';
import type { TableContext } from './context.ts';
import { maxStableTone, maxStableWords, runAnchor } from './group.ts';

/** The comparison table of one workload (by name and slug). */
export function compareTable(context: TableContext, workload: string, slug: string): TableModel {
  const groups = context.report.groups.filter((g) => g.workload === workload);
  const slo = groups[0]!.slo;
  const rows: Row[] = groups.map((group: GroupReport) => {
    const rec = group.recommendation ? pointById(group, group.recommendation) : null;
    const closest = group.closest ? pointById(group, group.closest) : null;
    // Like the overview: the closest run's figures when nothing met the SLO, marked as such.
    const shown = rec ?? closest;
    const setup = (p: typeof shown) => (p && group.setups.length > 1 ? ` (${setupOf(group, p).label})` : '');
    const verdict = !group.slo.measured
      ? text('not judged', { tone: 'muted' })
      : rec
        ? text(`${runName(rec, 'short')}${setup(rec)}`, { link: `${paths.group(group)}#${runAnchor(rec.id)}` })
        : text(closest ? `none met the SLO; closest: ${runName(closest, 'short')}${setup(closest)}` : 'none met the SLO', { tone: 'bad', ...(closest ? { link: `${paths.group(group)}#${runAnchor(closest.id)}` } : {}) });
    const tone = rec ? {} : { tone: 'muted' as const };
    const s = group.headline_saturation;
    const cells: Cell[] = [
      text(group.gpu, { link: paths.group(group) }),
      verdict,
      shown && shown.throughput_tok_s !== null ? figure(shown.throughput_tok_s, formatTokS, tone) : absent(),
      shown && shown.stable && group.slo.measured ? measured(context.gaps, shown.slo_latency_ms, formatMs, { group: group.slug, point: shown.id, field: group.slo.metric }, tone) : absent(),
      shown && shown.headroom_pct !== null ? figure(shown.headroom_pct, formatPct, tone) : absent(),
      group.max_throughput ? figure(group.max_throughput.value, formatTokS) : text('no stable run', { tone: 'bad', value: null }),
      text(maxStableWords(group), { value: group.max_stable_load?.value ?? null, ...(group.max_stable_load ? {} : { tone: maxStableTone(group) }) }),
      s === null
        ? text('too few loads to tell', { tone: 'muted', value: null })
        : s.load !== null
          ? figure(s.load, s.axis === 'concurrency' ? formatInt : formatRate)
          : text(`not saturated up to ${s.axis === 'concurrency' ? formatInt(s.not_saturated_up_to) : formatRate(s.not_saturated_up_to)}`, { tone: 'muted', value: null }),
    ];
    return { cells };
  });
  return {
    id: 'compare',
    caption: `${workloadTitle(workload)} workload on every GPU, judged on ${formatSlo(slo)}`,
    columns: [
      { key: 'gpu', label: 'GPU', numeric: false },
      { key: 'recommended', label: 'Recommended (load × max_tokens)', numeric: false, wrap: true },
      { key: 'throughput_tok_s', label: 'Throughput (tok/s)', numeric: true },
      { key: 'latency_ms', label: `${slo.measured ? metricLabel(slo.metric) : 'SLO latency'} (ms)`, numeric: true },
      { key: 'headroom_pct', label: 'Headroom', csvLabel: 'Headroom (%)', numeric: true },
      { key: 'peak_throughput_tok_s', label: 'Peak stable throughput (tok/s)', numeric: true },
      { key: 'max_stable_load', label: 'Max stable load', numeric: false, wrap: true },
      { key: 'saturation', label: 'Saturates at', numeric: true, wrap: true },
    ],
    rows,
    csv: paths.file(paths.compare(slug), 'gpus.csv'),
  };
}
