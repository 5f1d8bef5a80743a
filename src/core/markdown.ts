import { pointById } from './analysis/group.ts';
import { formatInt, formatMs, formatPct, formatRate, formatTokS } from './format.ts';
import { metricLabel, titleCase } from './labels.ts';
import type { GroupReport, Point, Report } from './types.ts';

/** Escapes text from data files so Markdown shows it verbatim (no markup, no HTML, no table breaks). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|<>~&]/g, (char) => `\\${char}`)
    .replace(/^([#+\-=])/, '\\$1')
    .replace(/^(\d+)\./, '$1\\.')
    .replace(/\r?\n|\r/g, ' ');
}

function concurrencyCell(point: Point): string {
  return point.concurrency !== null ? formatInt(point.concurrency) : formatRate(point.request_rate);
}

/** The recommendation sentence of a group, shared by the Markdown report and the pages. */
export function recommendationText(group: GroupReport): string {
  const limit = `${metricLabel(group.slo.metric)} ≤ ${formatMs(group.slo.threshold_ms)} ms`;
  if (group.recommendation) {
    const p = pointById(group, group.recommendation);
    const x = p.concurrency !== null ? `concurrency=${formatInt(p.concurrency)}` : `request rate ${formatRate(p.request_rate)}`;
    return `Use ${x} with max_tokens=${formatInt(p.max_new_tokens)} for the best throughput within the latency budget `
      + `(${formatTokS(p.throughput_tok_s)} tok/s at ${metricLabel(group.slo.metric)} ${formatMs(p.slo_latency_ms)} ms, ${formatPct(p.headroom_pct)} headroom).`;
  }
  if (!group.closest) return `No run met the SLO (${limit}).`;
  const c = pointById(group, group.closest);
  const x = c.concurrency !== null ? `concurrency=${formatInt(c.concurrency)}` : `request rate ${formatRate(c.request_rate)}`;
  const why = !c.stable
    ? `it did not finish cleanly (${c.status}${c.failed ? `, ${c.failed} failed` : ''})`
    : c.slo_latency_ms === null ? `its ${metricLabel(group.slo.metric)} was not measured` : `${metricLabel(group.slo.metric)} ${formatMs(c.slo_latency_ms)} ms`;
  return `No run met the SLO (${limit}); the closest was ${x} with max_tokens=${formatInt(c.max_new_tokens)}: ${why}.`;
}

function groupSection(group: GroupReport): string[] {
  const lines = [
    `## ${escapeMarkdown(group.gpu)} – ${escapeMarkdown(titleCase(group.workload))} Workload`,
    '',
    `| Concurrency | max_tokens | Throughput (tok/s) | ${metricLabel(group.slo.metric)} (ms) | Headroom |`,
    '|-------------|------------|--------------------|----------|----------|',
  ];
  for (const id of group.sweet_spots) {
    const p = pointById(group, id);
    lines.push(`| ${concurrencyCell(p)} | ${formatInt(p.max_new_tokens)} | ${formatTokS(p.throughput_tok_s)} | ${formatMs(p.slo_latency_ms)} | ${formatPct(p.headroom_pct)} |`);
  }
  if (group.sweet_spots.length === 0) lines.push('| – | – | – | – | none met the SLO |');
  lines.push(
    '',
    `**Recommendation**: ${recommendationText(group)}`,
    '',
    `Threshold: ${metricLabel(group.slo.metric)} ≤ ${formatMs(group.slo.threshold_ms)} ms (${group.slo.metric}).`,
    '',
    '---',
    '',
  );
  return lines;
}

/** The seed's "Capacity Frontier Report", corrected: one section per GPU × workload. */
export function renderMarkdown(report: Report): string {
  const lines = [
    `# ${escapeMarkdown(report.title)}`,
    '',
    `*Generated from ${report.files.length} benchmark file${report.files.length === 1 ? '' : 's'} (${report.measurements} measurements).*`,
    '',
    '---',
    '',
  ];
  for (const group of report.groups) lines.push(...groupSection(group));
  return `${lines.join('\n').trimEnd()}\n`;
}
