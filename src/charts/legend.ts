/**
 * A legend drawn with Plot marks inside the chart's own SVG. Plot's legends are HTML next to the
 * SVG (a `<figure>`), which cannot be inlined as one element nor downloaded as one file.
 */
import type * as Plot from '@observablehq/plot';
import { plotModule } from './plot.ts';
import { CEILING_SYMBOL, FAILURE_COLOR, FAILURE_SYMBOL } from './palette.ts';
import { LEGEND_ROW, WIDE, type ChartSize } from './layout.ts';
import { textWidth } from './text.ts';

export { textWidth } from './text.ts';

/** One entry of a legend; the kind decides the swatch. */
export type LegendItem =
  | { kind: 'heading'; label: string }
  | { kind: 'series'; label: string; color: string; symbol: string }
  | { kind: 'failure'; label: string }
  | { kind: 'sweet-spot'; label: string }
  | { kind: 'recommended'; label: string }
  | { kind: 'frontier'; label: string }
  | { kind: 'ceiling'; label: string }
  | { kind: 'slo'; label: string };

/** Longest legend label shown in full; longer (untrusted) labels are cut and kept whole in a tooltip. */
export const MAX_LABEL = 36;

/** Longest heading shown in full: it names what varies (`Engine · Input tokens · max_new_tokens`), which runs longer than one entry. */
export const MAX_HEADING = 60;

const SWATCH = 24;
const GAP = 16;
const EDGE = 12;

/** Ring radius of the sweet-spot and recommendation markers, shared with the chart marks. */
export const RING_RADIUS = 8;

/** Size of the hollow square of a ceiling run, shared with the chart marks. */
export const CEILING_RADIUS = 5;

// A horizontal stroke for series swatches: Plot accepts any object with d3's symbol `draw`.
const DASH = {
  draw(context: { moveTo(x: number, y: number): void; lineTo(x: number, y: number): void }) {
    context.moveTo(-10, 0);
    context.lineTo(10, 0);
  },
};

/** A label cut to `max` characters with an ellipsis, so one long GPU name cannot push the rest out. */
export function shortLabel(label: string, max = MAX_LABEL): string {
  const chars = [...label];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : label;
}

// Characters kept before the point where series names start to differ, so the cut name still reads.
const CONTEXT = 8;

/** How many leading characters two names share. */
function sharedStart(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n += 1;
  return n;
}

/**
 * What each item shows: its label, cut to fit. Series whose cut labels would read the same (long
 * names that differ only past the cut, as run folders often do) show instead, after an ellipsis,
 * a stretch of the name that holds where it differs from the one it was cut alike to, and, when it
 * fits, where it differs from every other name so cut.
 */
function shownLabels(items: readonly LegendItem[]): string[] {
  const cut = items.map((item) => shortLabel(item.label, item.kind === 'heading' ? MAX_HEADING : MAX_LABEL));
  const series = items.flatMap((item, i) => (item.kind === 'series' ? [i] : []));
  const alike = series.filter((i) => series.some((j) => j !== i && cut[j] === cut[i] && items[j]!.label !== items[i]!.label));
  const names = new Map(alike.map((i) => [i, [...items[i]!.label]]));
  const shown = [...cut];
  // The stretch shown: the ellipsis, then MAX_LABEL - 2 characters and another ellipsis at most.
  const span = MAX_LABEL - 2;
  for (const i of alike) {
    const name = names.get(i)!;
    let nearest = 0;
    let widest = Infinity;
    for (const j of alike) {
      if (items[j]!.label === items[i]!.label) continue;
      const shared = sharedStart(name, names.get(j)!);
      if (cut[j] === cut[i]) nearest = Math.max(nearest, shared);
      widest = Math.min(widest, shared);
    }
    // From a little before where it differs from every other, moved on as far as it must to reach
    // where it differs from the one it was cut alike to.
    const from = Math.max(widest - CONTEXT, nearest - span + 1);
    if (from > 0) shown[i] = `…${shortLabel(name.slice(from).join(''), MAX_LABEL - 1)}`;
  }
  return shown;
}

function itemWidth(item: LegendItem, label: string): number {
  const text = textWidth(label) * (item.kind === 'heading' ? 1.08 : 1);
  return item.kind === 'heading' ? text + 8 : SWATCH + 6 + text;
}

/**
 * Marks that draw the legend in the top margin, wrapped into rows that fit the chart width, and the
 * number of rows (the chart grows its top margin by that many rows).
 */
export function legendMarks(items: readonly LegendItem[], size: ChartSize = WIDE): { rows: number; marks: Plot.Markish[] } {
  if (items.length === 0) return { rows: 0, marks: [] };
  // The legend spans the whole width from the SVG's left edge (under the y label column), not just the frame.
  const available = size.width - 2 * EDGE;
  const labels = shownLabels(items);
  const placed: { item: LegendItem; label: string; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  items.forEach((item, i) => {
    const label = labels[i]!;
    const width = itemWidth(item, label);
    if (x > 0 && x + width > available) {
      x = 0;
      row++;
    }
    placed.push({ item, label, x, row });
    x += width + GAP;
  });
  const rows = row + 1;
  const marginTop = size.margin.top + rows * LEGEND_ROW;
  const marks: Plot.Markish[] = [];
  for (const { item, label, x, row } of placed) {
    // Offsets are relative to the frame's top-left corner, so rows sit above it in the top margin.
    const dy = 8 + row * LEGEND_ROW + LEGEND_ROW / 2 - marginTop;
    const at = { frameAnchor: 'top-left', dy, ariaHidden: 'true' } as const;
    const left = EDGE - size.margin.left + x;
    const textX = item.kind === 'heading' ? left : left + SWATCH + 6;
    marks.push(
      plotModule().text([item.label], {
        ...at,
        dx: textX,
        text: () => label,
        title: (d: string) => (d === label ? undefined : d),
        textAnchor: 'start',
        lineAnchor: 'middle',
        fontWeight: item.kind === 'heading' ? 600 : undefined,
        fill: 'currentColor',
      }),
    );
    const centre = left + SWATCH / 2;
    switch (item.kind) {
      case 'series':
        marks.push(plotModule().dot([0], { ...at, dx: centre, symbol: DASH, stroke: item.color, strokeWidth: 2 }));
        marks.push(plotModule().dot([0], { ...at, dx: centre, symbol: item.symbol, r: 4, fill: item.color, stroke: item.color }));
        break;
      case 'failure':
        marks.push(plotModule().dot([0], { ...at, dx: centre, symbol: FAILURE_SYMBOL, r: 5, stroke: FAILURE_COLOR, strokeWidth: 2 }));
        break;
      case 'sweet-spot':
        marks.push(plotModule().dot([0], { ...at, dx: centre, r: RING_RADIUS, stroke: 'currentColor', strokeDasharray: '3,2' }));
        break;
      case 'recommended':
        marks.push(plotModule().dot([0], { ...at, dx: centre, r: RING_RADIUS, stroke: 'currentColor', strokeWidth: 2 }));
        break;
      case 'frontier':
        marks.push(plotModule().dot([0], { ...at, dx: centre, symbol: DASH, stroke: 'currentColor', strokeWidth: 1.5 }));
        break;
      case 'ceiling':
        marks.push(plotModule().dot([0], { ...at, dx: centre, symbol: CEILING_SYMBOL, r: CEILING_RADIUS, stroke: 'currentColor', strokeWidth: 1.5, fill: 'none' }));
        break;
      case 'slo':
        marks.push(plotModule().dot([0], { ...at, dx: centre, symbol: DASH, stroke: FAILURE_COLOR, strokeWidth: 1.5, strokeDasharray: '6,4' }));
        break;
      case 'heading':
        break;
    }
  }
  return { rows, marks };
}
