/**
 * Every table of the site in one list, so one endpoint serves each table's CSV and the strict
 * build can scan every cell that a page renders.
 */
import type { Report } from '../core/types.ts';
import { compareView } from './compare.ts';
import { groupView } from './group.ts';
import { lifeTables } from './life-tables.ts';
import { recommendationsTable } from './overview.ts';
import { filesTable, kvTable, rejectedTable, thresholdsTable } from './provenance.ts';
import type { TableModel } from './table.ts';

/** Every table of every page, in page order. */
export function allTables(report: Report): TableModel[] {
  const tables: (TableModel | null)[] = [recommendationsTable(report)];
  for (const group of report.groups) {
    const view = groupView(group);
    tables.push(view.sweetSpots, view.saturation, view.runs);
  }
  for (const workload of report.workloads) tables.push(compareView(report, workload.slug)?.table ?? null);
  tables.push(filesTable(report), rejectedTable(report), thresholdsTable(report), kvTable(report));
  tables.push(...lifeTables(report));
  return tables.filter((t): t is TableModel => t !== null);
}

/** The CSV path of a table without its leading `/` and `.csv`, as the `[...csv].csv` route's param. */
export function csvParam(table: Pick<TableModel, 'csv'>): string {
  return table.csv.replace(/^\//, '').replace(/\.csv$/, '');
}
