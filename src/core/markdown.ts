import { pointById, setupOf } from './analysis/group.ts';
import { planWanted } from './analysis/plan.ts';
import { judgedOnRequests } from './analysis/slo.ts';
import { formatGoodput, formatMs, formatPct, formatPoints, formatTokS } from './format.ts';
import { formatSlo, groupTitle, sloJudgedWords, loadCell, metricLabel, plural, tokensCell } from './phrases.ts';
import { planMarkdown } from './plan-markdown.ts';
import { recommendationText } from './recommendation.ts';
import type { GroupReport, Point, Report } from './types.ts';

/** Escapes text from data files so Markdown shows it verbatim (no markup, no HTML, no table breaks). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|<>~&]/g, (char) => `\\${char}`)
    .replace(/^([#+\-=])/, '\\$1')
    .replace(/^(\d+)\./, '$1\\.')
    .replace(/\r?\n|\r/g, ' ');
}

function loadHeader(group: GroupReport): string {
  const axes = new Set(group.points.map((p) => p.load.axis));
  if (axes.size === 1 && axes.has('concurrency')) return 'Concurrency';
  if (axes.size === 1 && axes.has('request_rate')) return 'Request rate';
  return 'Load';
}

function spreadCell(p: Point): string {
  if (p.n === 1) return '1';
  const t = p.spread.throughput_tok_s;
  return t ? `${p.n} (${formatTokS(t[0])}–${formatTokS(t[1])} tok/s)` : String(p.n);
}

function groupSection(group: GroupReport): string[] {
  const several = group.setups.length > 1;
  const metric = group.slo.measured ? `${metricLabel(group.slo.metric)} (ms)` : 'SLO latency (ms)';
  // A joint SLO judged on the requests is read by its share of requests and its goodput, as on the
  // site: its margin is in points of attainment, which a "Headroom" beside a latency would misstate.
  const onRequests = judgedOnRequests(group.slo);
  const judgedBy = onRequests ? ['Within SLO', 'Goodput (req/s)', 'Margin (points)'] : [metric, 'Headroom'];
  // As on the site: a group whose runs set no max_tokens has no column of "not applicable".
  const tokens = group.max_new_tokens.length > 0;
  const header = ['Setup', loadHeader(group), ...(tokens ? ['max_tokens'] : []), 'Throughput (tok/s)', ...judgedBy, 'Runs (n, throughput range)'];
  if (!several) header.shift();
  const lines = [`## ${escapeMarkdown(groupTitle(group))}`, ''];
  // A table of dashes says nothing: without a sweet spot the section says why in one sentence.
  if (group.sweet_spots.length === 0) lines.push(`No sweet spot: ${group.slo.measured ? 'no run met the SLO' : 'the SLO is not judged on this data'}.`);
  else lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
  for (const id of group.sweet_spots) {
    const p = pointById(group, id);
    const judged = onRequests
      ? [formatPct(p.slo_attainment === null ? null : p.slo_attainment * 100), formatGoodput(p.goodput_req_s), formatPoints(p.headroom_pct)]
      : [formatMs(p.slo_latency_ms), formatPct(p.headroom_pct)];
    const cells = [loadCell(p.load), ...(tokens ? [tokensCell(p.max_new_tokens)] : []), formatTokS(p.throughput_tok_s), ...judged, spreadCell(p)];
    if (several) cells.unshift(escapeMarkdown(setupOf(group, p).label));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('', `**Recommendation**: ${escapeMarkdown(recommendationText(group))}`, '');
  const judged = sloJudgedWords(group.slo);
  lines.push(`Threshold: ${formatSlo(group.slo)}${group.slo.measured && group.slo.kind === 'percentile' ? ` (${group.slo.metric})` : judged ? ` (${judged})` : ''}.`);
  if (several) {
    lines.push('', `Setups (never merged; ${plural(group.setups.length, 'setup')}):`, '');
    for (const s of group.setups) lines.push(`- ${escapeMarkdown(s.label)}: ${escapeMarkdown(s.description || 'no settings recorded')}`);
  }
  lines.push('', '---', '');
  return lines;
}

/** The seed's "Capacity Frontier Report", corrected: one section per GPU × workload. */
export function renderMarkdown(report: Report): string {
  const runs = report.measurements;
  const lines = [
    `# ${escapeMarkdown(report.title)}`,
    '',
    `*Generated from ${plural(report.files.length, 'benchmark file')} (${plural(runs, 'run')}).*`,
    '',
    '---',
    '',
  ];
  for (const group of report.groups) lines.push(...groupSection(group));
  lines.push(...planMarkdown(report, planWanted(report.config)));
  return `${lines.join('\n').trimEnd()}\n`;
}
