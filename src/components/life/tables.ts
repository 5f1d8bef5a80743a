import type { Report } from '../../core/types.ts';
import { lifeTables } from '../../site/life-tables.ts';
import type { TableModel } from '../../site/table.ts';

/** A write-up table by id, from the same list the CSV endpoint serves; an empty one has no rows. */
export function lifeTable(report: Report, id: string): TableModel {
  return lifeTables(report).find((t) => t.id === id) ?? { id, caption: '', columns: [], rows: [], csv: '' };
}
