import type { Report } from '../../core/types.ts';
import { lifeTables } from '../../site/life-tables.ts';
import type { TableModel } from '../../site/table.ts';

/** A write-up table by id, from the same list the CSV endpoint serves. */
export function lifeTable(report: Report, id: string): TableModel {
  const table = lifeTables(report).find((t) => t.id === id);
  if (!table) throw new Error(`no write-up table "${id}"`);
  return table;
}
