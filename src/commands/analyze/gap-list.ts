/**
 * The engineer's to-do list of `analyze --gaps`: every figure the data cannot give, one line each
 * (the core's `formatGap`), grouped under its GPU × workload (or its GPU, for the KV-cache budget)
 * in the report's order, and a count at the end.
 */
import { formatGap } from '../../core/analysis/gaps.ts';
import type { Gap } from '../../core/types.ts';

const heading = (gap: Gap) => (gap.workload === null ? `${gap.gpu} (KV-cache budget)` : `${gap.gpu} / ${gap.workload}`);

/** The to-do list as text (ending in a newline); a single line saying so when every figure is measured. */
export function gapList(gaps: readonly Gap[]): string {
  if (gaps.length === 0) return 'Every figure is measured: nothing to do.\n';
  const groups = new Map<string, Gap[]>();
  for (const gap of gaps) {
    const key = `${gap.gpu}\u0000${gap.workload ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), gap]);
  }
  const sections = [...groups.values()].map((list) => `${heading(list[0]!)} (${list.length})\n${list.map(formatGap).join('\n')}\n`);
  return `${sections.join('\n')}\n${gaps.length} figure${gaps.length === 1 ? ' is' : 's are'} not measured.\n`;
}
