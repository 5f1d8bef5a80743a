import type { Gap, Report } from '../../core/types.ts';
import type { GapIndex } from './cells.ts';

/** What every table builder reads: the report and its gaps by key. */
export interface TableContext {
  report: Report;
  gaps: GapIndex;
}

/** The context of a report's tables. */
export function tableContext(report: Report): TableContext {
  return { report, gaps: new Map(report.gaps.map((g: Gap) => [g.key, g])) };
}
