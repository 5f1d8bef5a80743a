/**
 * The gaps of the site: the core's list (figures the data cannot give) plus every cell a page
 * renders as "not measured", merged so one missing figure is listed once.
 */
import type { Gap, Report } from '../core/types.ts';
import { allTables } from './tables.ts';

const key = (gap: Pick<Gap, 'where' | 'what'>) => `${gap.where}\u0000${gap.what}`;

/** Every gap of the report and the pages, each once; the core's wording wins. */
export function siteGaps(report: Report): Gap[] {
  const gaps = [...report.gaps];
  const seen = new Set(gaps.map(key));
  for (const table of allTables(report)) {
    for (const row of table.rows) {
      // A run that did not finish has no figures by nature: its status explains the cell.
      if (row.explained) continue;
      row.cells.forEach((cell, index) => {
        if (!cell.missing) return;
        const column = table.columns[index];
        const gap: Gap = {
          where: cell.where ?? row.where ?? `${table.caption}, ${row.cells[0]?.text ?? ''}`,
          what: cell.field ?? column?.key ?? 'value',
          hint: cell.hint ?? row.hint ?? `shown as "not measured" in ${table.csv.replace(/\.csv$/, '')}`,
        };
        if (seen.has(key(gap))) return;
        seen.add(key(gap));
        gaps.push(gap);
      });
    }
  }
  return gaps;
}
