import type { Source } from '../core/types.ts';

/** A figure that could not be given, with what would supply it. */
export interface CellGap {
  what: string;
  hint: string;
  /** Where the gap is listed, when it is one the core already names (so it is listed once). */
  where?: string;
  /** The missing field as the core names it. */
  field?: string;
}

/** One table cell: its text, and where it came from when it is a figure. */
export interface Cell {
  text: string;
  /** Raw value for the CSV download (the text when the cell is not a figure). */
  value?: string | number | null;
  /** Site-root-relative link (without the base) to the rows behind the figure. */
  href?: string;
  sources?: Source[];
  /** Set when the figure is not measured; `text` is then "not measured". */
  gap?: CellGap;
  /** Numbers align right. */
  numeric?: boolean;
}

/** A table the write-up renders: an id for its anchor, a caption and rows of cells. */
export interface Table {
  id: string;
  caption: string;
  columns: string[];
  rows: Cell[][];
  /** A sentence under the table (how to read it, what it rests on). */
  note?: string;
}

/** A plain text cell. */
export function text(value: string): Cell {
  return { text: value };
}

/** A figure cell: the formatted value, its link and sources, or a gap when the value is missing. */
export function figure(value: number | null | undefined, format: (v: number) => string, where: { href?: string; sources?: Source[] }, gap: CellGap): Cell {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { text: 'not measured', value: null, gap, numeric: true };
  return { text: format(value), value, numeric: true, ...where };
}

/** Site-root-relative link to a run's row on its GPU × workload page. */
export function runHref(gpuSlug: string, workloadSlug: string, pointId: string): string {
  return `/gpus/${gpuSlug}/${workloadSlug}/#run-${pointId}`;
}

/** Site-root-relative link to a GPU × workload page. */
export function groupHref(gpuSlug: string, workloadSlug: string): string {
  return `/gpus/${gpuSlug}/${workloadSlug}/`;
}

/** `file:line` labels of sources, for titles and provenance notes. */
export function sourceText(sources: readonly Source[] | undefined): string {
  if (!sources || sources.length === 0) return '';
  const shown = sources.slice(0, 3).map((s) => `${s.file}:${s.line}`).join(', ');
  return sources.length > 3 ? `${shown} and ${sources.length - 3} more` : shown;
}
