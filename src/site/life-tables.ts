/**
 * The write-up's tables in the site's table model, so they render with the site's table component,
 * get a CSV download from the same endpoint, and count as gaps for `--strict` like every other table.
 */
import type { Report } from '../core/types.ts';
import type { Table } from '../life/table.ts';
import { decodeTable, instabilityTable, keyNumbersTable, kvBudgetTable, saturationTable, ttftTable } from '../life/tables.ts';
import type { Cell, Row, TableModel } from './table.ts';

/** Site path under which the write-up components' CSV downloads live. */
export const LIFE_TABLES_PATH = '/life-of-a-request/tables/';

function cell(from: Table['rows'][number][number], column: string): Cell {
  const result: Cell = {
    text: from.text,
    value: from.value !== undefined ? from.value : from.gap ? null : from.text,
    missing: Boolean(from.gap),
    numeric: Boolean(from.numeric),
  };
  if (from.href) result.link = from.href;
  if (from.gap) {
    result.where = from.gap.where ?? from.gap.what;
    result.field = from.gap.field ?? column;
    result.hint = `add ${from.gap.hint}`;
  }
  return result;
}

/** One write-up table in the site's model, its CSV beside the others of the write-up. */
export function lifeTableModel(table: Table): TableModel {
  const keys = table.columns.map((label) => label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, ''));
  return {
    id: table.id,
    caption: table.caption,
    columns: table.columns.map((label, index) => ({ key: keys[index]!, label, numeric: table.rows.some((r) => r[index]?.numeric) })),
    rows: table.rows.map((cells): Row => {
      return { cells: cells.map((c, index) => cell(c, table.columns[index] ?? '')) };
    }),
    csv: `${LIFE_TABLES_PATH}${table.id}.csv`,
  };
}

/** Every table the write-up components can show, by id: the CSV endpoint and the gap list use them all. An empty table (no unstable run) is left out: the component says so in a sentence instead. */
export function lifeTables(report: Report): TableModel[] {
  // Every write-up component asks for its table by id: build the list once per report, not per call.
  const cached = CACHE.get(report);
  if (cached) return cached;
  const tables: Table[] = [];
  for (const group of report.groups) tables.push(ttftTable(group));
  tables.push(saturationTable(report), instabilityTable(report), kvBudgetTable(report));
  for (const gpu of report.gpus) tables.push(keyNumbersTable(report, gpu.label), decodeTable(report, gpu.label));
  const models = tables.filter((t) => t.rows.length > 0).map(lifeTableModel);
  CACHE.set(report, models);
  return models;
}

const CACHE = new WeakMap<Report, TableModel[]>();
