/** What the write-up's prose components show besides tables: findings with their runs, and implications. */
import { pointById } from '../../core/analysis/group.ts';
import { demandWords, formatMoney } from '../../core/plan-words.ts';
import { formatSlo, headroom, loadValueWords, plural, runName, tokS } from '../../core/phrases.ts';
import { setupSuffix } from '../../core/recommendation.ts';
import type { Finding, GroupReport, Report } from '../../core/types.ts';
import { runAnchor } from '../tables/group.ts';
import { paths } from '../url.ts';

/** A finding of some group, with links to the runs it rests on. */
export interface FindingItem {
  group: GroupReport;
  text: string;
  links: { label: string; href: string }[];
}

/** Every finding of the report of the given kinds (all when none given), grouped by GPU × workload. */
export function findingsList(report: Report, kinds?: readonly Finding['kind'][]): FindingItem[] {
  return report.groups.flatMap((group) => group.findings
    .filter((f) => !kinds || kinds.includes(f.kind))
    .map((f) => ({
      group,
      text: f.text,
      links: f.points.map((id) => ({ label: runName(pointById(group, id), 'short'), href: `${paths.group(group)}#${runAnchor(id)}` })),
    })));
}

// What the capacity plan says of a GPU for the workload's stated demand, when the config states one.
function planSentence(report: Report, group: GroupReport): string {
  const row = report.plan.find((r) => r.group === group.slug && r.recommended);
  if (!row?.demand || row.gpus === null) return '';
  const cost = row.monthly_cost === null ? '' : ` (${formatMoney(row.monthly_cost, row.currency)} a month${row.cheapest ? ', the cheapest for this workload' : ''})`;
  return ` For the stated demand of ${demandWords(row.demand)} it needs ${plural(row.gpus, 'GPU')}${cost}.`;
}

/** One practical sentence per GPU for a workload: what to run, what it leaves, where it saturates, what the plan needs. */
export function implications(report: Report, workload: string): { gpu: string; href: string; text: string }[] {
  return report.groups.filter((g) => g.workload === workload).map((group) => {
    const s = group.headline_saturation;
    const saturation = !s ? '' : s.load !== null
      ? ` Throughput saturates near ${loadValueWords(s.axis, s.load)}; going higher mostly adds queueing.`
      : ` Throughput was still rising at ${loadValueWords(s.axis, s.not_saturated_up_to!)}, so a higher load may be worth a sweep.`;
    const stable = group.max_stable_load
      ? ` Every run was stable up to ${loadValueWords(group.max_stable_load.axis, group.max_stable_load.value)}.`
      : ' No load level ran cleanly in every configuration tested.';
    const rec = group.recommendation ? pointById(group, group.recommendation) : null;
    const lead = !group.slo.measured
      ? `The SLO (${formatSlo(group.slo)}) cannot be judged from these files: the metric was not recorded.`
      : rec
        ? `Run at ${runName(rec, 'prose')}${setupSuffix(group, rec)}: ${tokS(rec.throughput_tok_s)} with ${headroom(rec.headroom_pct)} under ${formatSlo(group.slo)}.`
        : `Nothing tested meets ${formatSlo(group.slo)}: a faster GPU, a shorter output or a looser SLO is needed.`;
    return { gpu: group.gpu, href: paths.group(group), text: `${lead}${stable}${saturation}${planSentence(report, group)}` };
  });
}
