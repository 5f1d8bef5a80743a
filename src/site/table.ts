/**
 * The shape every table of the site is built in: columns and rows of cells that carry both the
 * formatted text (for the page) and the raw value (for the CSV download). Pages render it with
 * one component; a missing figure is flagged so it renders as "not measured" and can be listed
 * as a gap.
 */
import { NOT_MEASURED } from '../core/format.ts';
import { toCsv, type CsvValue } from './csv.ts';

/** One cell: what the page shows and what the CSV holds. */
export interface Cell {
  text: string;
  /** Raw value for the CSV; null when the figure is missing. */
  value: CsvValue;
  /** A figure the data does not give: rendered as NOT_MEASURED, styled as a gap. */
  missing: boolean;
  /** Right-aligned, tabular figures. */
  numeric: boolean;
  /** Site path the cell links to (through `href()`). */
  link?: string;
  /** Field a missing value stands for (e.g. `p95_e2e_ms`), used to list it as a gap. */
  field?: string;
  /** Where a gap in this cell is reported, when not the row's place (e.g. a whole column is absent). */
  where?: string;
  /** How to supply a gap in this cell, when it differs from the row's hint. */
  hint?: string;
  /** Visual hint: `muted` for secondary text, `bad` for runs that did not finish cleanly. */
  tone?: 'muted' | 'bad' | 'good';
}

/** One column: its header on the page and in the CSV. */
export interface Column {
  key: string;
  label: string;
  /** Header in the CSV when it differs (e.g. with the unit of the raw value). */
  csvLabel?: string;
  numeric: boolean;
  /** Long text that wraps (cells stay on one line otherwise and the table scrolls). */
  wrap?: boolean;
  /** Detail left out on paper, where a table cannot scroll (still in the page and the CSV). */
  secondary?: boolean;
}

/** One row; the first cell is the row header (`<th scope="row">`). */
export interface Row {
  /** Anchor id of the row, e.g. `run-c16-t64`. */
  id?: string;
  cells: Cell[];
  /** Missing figures of this row are explained (the run did not finish), so not gaps. */
  explained?: string;
  /** Where a gap in this row is reported, e.g. `L4 / chat c16-t64`. */
  where?: string;
  /** Hint for a gap in this row, e.g. `add a value at file.csv:12`. */
  hint?: string;
  highlight?: boolean;
}

/** A table with its caption and the name of its CSV download. */
export interface TableModel {
  id: string;
  caption: string;
  columns: Column[];
  rows: Row[];
  /** Site path of the CSV download, e.g. `/gpus/l4/chat/runs.csv`. */
  csv: string;
}

type Formatter = (value: number | null | undefined) => string;

/** A numeric cell formatted by a shared formatter; null (or non-finite) is a missing figure. */
export function numberCell(value: number | null | undefined, format: Formatter, field?: string): Cell {
  const present = typeof value === 'number' && Number.isFinite(value);
  const cell: Cell = { text: present ? format(value) : NOT_MEASURED, value: present ? value : null, missing: !present, numeric: true };
  if (field) cell.field = field;
  return cell;
}

/** A text cell (a label from the data or our own words). */
export function textCell(text: string, options: Partial<Omit<Cell, 'text'>> = {}): Cell {
  return { text, value: text, missing: false, numeric: false, ...options };
}

/** A cell for a figure that is known to be missing. */
export function missingCell(field?: string): Cell {
  const cell: Cell = { text: NOT_MEASURED, value: null, missing: true, numeric: false };
  if (field) cell.field = field;
  return cell;
}

/** The CSV download of a table: the same columns and rows, raw values. */
export function tableCsv(table: TableModel): string {
  return toCsv(
    table.columns.map((c) => c.csvLabel ?? c.label),
    table.rows.map((row) => row.cells.map((cell) => cell.value)),
  );
}
