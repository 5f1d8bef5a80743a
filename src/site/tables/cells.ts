/**
 * The one table model of the site: columns and rows of cells that carry both the text a page shows
 * and the raw value a CSV download holds. A cell is a figure, text, "not measured" (a gap of the
 * data core's list, by key), "not applicable", or absent ("–": not part of the sweep). Pages render
 * it with one component; write-up components pass it through.
 */
import { findGap } from '../../core/analysis/gaps.ts';
import { NOT_APPLICABLE, NOT_MEASURED } from '../../core/format.ts';
import type { Gap } from '../../core/types.ts';
import { toCsv, type CsvValue } from '../csv.ts';

/** What a cell is. */
export type CellKind = 'figure' | 'text' | 'missing' | 'na' | 'absent';

/** One cell: what the page shows and what the CSV holds. */
export interface Cell {
  kind: CellKind;
  text: string;
  /** Raw value for the CSV; null when the cell holds no figure. */
  value: CsvValue;
  /** Right-aligned, tabular figures. */
  numeric: boolean;
  /** Site path the cell links to (through `href()`). */
  link?: string;
  tone?: 'good' | 'bad' | 'muted';
  /** Key of the gap a missing figure stands for (see core/analysis/gaps.ts). */
  gap?: string;
  /** A tooltip: where the figure comes from. */
  title?: string;
  /** Lines shown under the text (the figures of an overview matrix cell). */
  lines?: string[];
  /** The cell's state, for styling (an overview matrix cell: met, none, unjudged, untested). */
  state?: string;
  /** Anchor id of the cell itself (an overview matrix cell, `gpu--workload`). */
  anchor?: string;
}

/** One column of a table. */
export interface Column {
  key: string;
  label: string;
  /** Header in the CSV when it differs (e.g. with the unit of the raw value). */
  csvLabel?: string;
  numeric: boolean;
  /** Long text that wraps (cells stay on one line otherwise). */
  wrap?: boolean;
  /** A second line of the header (the SLO a workload's column is judged on). */
  sub?: string;
  /** Site path the header links to. */
  link?: string;
}

/** One row; the first cell is the row header (`<th scope="row">`). */
export interface Row {
  /** Anchor id of the row, e.g. `run-c16-t64`. */
  id?: string;
  cells: Cell[];
  highlight?: boolean;
}

/** A table with its caption, its CSV download, and what to say when it has no rows. */
export interface TableModel {
  id: string;
  caption: string;
  columns: Column[];
  rows: Row[];
  /** Site path of the CSV download, e.g. `/gpus/l4/chat/runs.csv`. */
  csv: string;
  /** A sentence under the table (how to read it). */
  note?: string;
  /** A sentence shown instead of the table when it has no rows. */
  empty?: string;
}

type Formatter = (value: number) => string;

/** Options of a cell besides its kind and text. */
export type CellOptions = Partial<Pick<Cell, 'link' | 'tone' | 'title' | 'value' | 'lines' | 'state' | 'anchor'>>;

/** A figure formatted by a shared formatter (the value must be finite: see `measured`). */
export function figure(value: number, format: Formatter, options: CellOptions = {}): Cell {
  return { kind: 'figure', text: format(value), value, numeric: true, ...options };
}

/** A text cell (a label from the data or our own words). */
export function text(value: string, options: CellOptions = {}): Cell {
  return { kind: 'text', text: value, value, numeric: false, ...options };
}

/** A figure with no meaning for the row (a rate-driven run has no concurrency; a run that set no max_tokens). */
export function notApplicable(numeric = true): Cell {
  return { kind: 'na', text: NOT_APPLICABLE, value: null, numeric, tone: 'muted' };
}

/** Nothing to show: a combination that was not part of the sweep, a figure of a run that did not finish. */
export function absent(numeric = true, title?: string): Cell {
  return { kind: 'absent', text: '–', value: null, numeric, tone: 'muted', ...(title ? { title } : {}) };
}

/** Where a figure would come from, so a missing one is found in the core's gap list. */
export interface GapPlace {
  /** The group's slug (or `gpu:<label>` for a GPU-wide figure). */
  group: string;
  point: string | null;
  field: string;
}

/** Gaps by key, as the site model holds them. */
export type GapIndex = ReadonlyMap<string, Gap>;

/**
 * A figure when the value is there; "not measured" with its gap when it is not. A missing figure
 * that the core's gap list does not hold is a bug (the list must cover every figure a page shows,
 * or `--strict` would pass a page with a hole): it throws, naming the place.
 */
export function measured(gaps: GapIndex, value: number | null | undefined, format: Formatter, place: GapPlace, options: CellOptions = {}): Cell {
  if (typeof value === 'number' && Number.isFinite(value)) return figure(value, format, options);
  const gap = findGap(gaps, place.group, place.point, place.field);
  if (!gap) throw new Error(`internal: ${place.group} ${place.point ?? ''} ${place.field} is shown as not measured but is not in the gap list`);
  return { kind: 'missing', text: NOT_MEASURED, value: null, numeric: true, gap: gap.key, title: `not measured: ${gap.what}` };
}

/** The CSV download of a table: the same columns and rows, raw values. */
export function tableCsv(table: TableModel): string {
  return toCsv(
    table.columns.map((c) => c.csvLabel ?? c.label),
    table.rows.map((row) => row.cells.map((cell) => cell.value)),
  );
}

/** Every gap key a set of tables shows, for tests that the gap list covers the pages. */
export function shownGaps(tables: Iterable<TableModel>): Set<string> {
  const keys = new Set<string>();
  for (const table of tables) for (const row of table.rows) for (const cell of row.cells) if (cell.gap) keys.add(cell.gap);
  return keys;
}
