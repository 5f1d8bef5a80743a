/**
 * The one place charts meet a DOM: Plot renders a spec's options into linkedom's document at build
 * time and the tree is serialised as a standalone, deterministic SVG string. No client JavaScript.
 */
import type * as Plot from '@observablehq/plot';
import { plotModule } from './plot.ts';
import { parseHTML } from './dom.ts';
import { FONT_SIZE } from './layout.ts';
import { KEY_MARK } from './placement.ts';
import { textWidth } from './text.ts';
import { HIT_CLASS, TIP_MARK, TIP_STYLE, type RunRef } from './tips.ts';
import { firstElementWith, SVG_NS, serialize } from './serialize.ts';
import type { ChartSpec } from './spec.ts';

/** Class of every chart root; fixed (not Plot's per-version hash) so page CSS can target it. */
export const CHART_CLASS = 'cf-chart';

/** Fonts of the chart text: the reader's system UI face, as the site uses. */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

// Plot's own stylesheet hard-codes a white halo behind labels; this one lets the page choose it
// (`--cf-chart-background` on the container) so halos match a dark theme too.
const STYLE = `:where(.${CHART_CLASS}){--plot-background:var(--cf-chart-background,white);display:block;height:auto;max-width:100%}
:where(.${CHART_CLASS} text),:where(.${CHART_CLASS} tspan){white-space:pre}
${TIP_STYLE}`;

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** Which drawing of a chart: the desktop one (also the download) or the phone one. */
export type ChartVariant = 'wide' | 'narrow';

/** How to render a spec beyond its options. */
export interface RenderOptions {
  /** Marks the root of a narrow drawing (`data-variant="narrow"`), for page CSS. */
  variant?: ChartVariant;
  /** Where a run's mark links to (its row in the runs table); without it, marks show their label but link nowhere. */
  link?: (run: RunRef) => string;
  /** False: no hover labels (a picture for a preview card, where no one can hover). */
  tips?: boolean;
  /**
   * A file to download: on an opaque background, with the title written above the chart and the
   * source line under it, so the picture still says what it is once it leaves the page.
   */
  file?: { source: string };
}

// Numbers that never belong in geometry; their presence means a chart module let a hole through.
const INVALID_GEOMETRY = /NaN|undefined|Infinity|null/;
const GEOMETRY_ATTRIBUTES = ['d', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'width', 'height', 'points'];

/**
 * Renders a chart to one `<svg>` string that can be inlined in a page and saved as a `.svg` file:
 * `<title>` first, `role="img"`, `aria-label`, `viewBox`, width and height, every label escaped,
 * coordinates to a tenth of a pixel, and the same bytes for the same spec.
 */
export function renderChart(spec: ChartSpec, render: RenderOptions = {}): string {
  const svg = draw(spec, render.variant);
  if (render.tips === false || render.file) removeTips(svg);
  linkAndCheck(svg, spec, render.link);
  if (render.file) frameFile(svg, spec.title, render.file.source);
  return withTitle(svg, spec);
}

/** The three drawings of one spec that share a layout: on the page, plain (a preview card's picture), and the download. */
export interface ChartDrawings {
  /** What `renderChart(spec, { link })` returns. */
  page: string;
  /** What `renderChart(spec, { tips: false })` returns. */
  plain: string;
  /** What `renderChart(spec, { file: { source } })` returns. */
  file: string;
}

/**
 * The page, plain and file drawings of a (wide) spec from one Plot render, byte for byte what three
 * `renderChart` calls return: the tree is serialised, then trimmed and framed in place, because
 * drawing a chart costs many times more than writing it out.
 */
export function renderChartDrawings(spec: ChartSpec, options: { link?: RenderOptions['link']; source: string }): ChartDrawings {
  const svg = draw(spec, 'wide');
  linkAndCheck(svg, spec, options.link);
  const page = withTitle(svg, spec);
  // Without its tips the chart links nowhere, and is one image again.
  removeTips(svg);
  svg.setAttribute('role', 'img');
  const plain = withTitle(svg, spec);
  frameFile(svg, spec.title, options.source);
  const file = withTitle(svg, spec);
  return { page, plain, file };
}

// Plot's drawing of the spec with the chart layer's own attributes, names and key: what every drawing shares.
function draw(spec: ChartSpec, variant: ChartVariant = 'wide'): Element {
  if (!ID.test(spec.id)) throw new Error(`renderChart expects a slug-like chart id (a-z, 0-9, -) but found ${JSON.stringify(spec.id)}`);
  // A fresh document per chart: nothing carries over from one render to the next.
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const { title: _title, subtitle: _subtitle, caption: _caption, ...options } = spec.options();
  const result = plotModule().plot({
    ...options,
    document: document as unknown as Document,
    className: CHART_CLASS,
    ariaLabel: spec.ariaLabel,
  }) as Element;
  if (result.localName !== 'svg') {
    throw new Error(
      `renderChart expects chart "${spec.id}" to render as a single <svg> but Plot returned a <${result.localName}> ` +
        '(a Plot legend or title wraps the chart in a figure): draw the legend with legendMarks() instead',
    );
  }
  const svg = result;
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('role', 'img');
  // Links inside make the chart a document to move through, not one image (whose children are presentational).
  svg.setAttribute('font-family', FONT_FAMILY);
  svg.setAttribute('font-size', String(FONT_SIZE));
  svg.setAttribute('data-chart', spec.id);
  if (variant === 'narrow') svg.setAttribute('data-variant', 'narrow');
  for (const style of Array.from(svg.querySelectorAll('style'))) style.textContent = STYLE;
  // Plot names each mark's <g> with an aria-label ("line", "dot", "x-axis tick"). Inside an
  // <svg role="img"> those names are never announced, and axe flags aria-label on a generic element;
  // the root keeps its label (the chart's text alternative) and the marks keep their name as data.
  // Mark targets (tips.ts) are links, and keep their names.
  for (const group of Array.from(svg.querySelectorAll(`[aria-label]:not(.${HIT_CLASS})`))) {
    group.setAttribute('data-mark', group.getAttribute('aria-label') ?? '');
    group.removeAttribute('aria-label');
  }
  // Plot appends a ⚠️ glyph when it logged a warning; a client's report should not show it.
  for (const text of Array.from(svg.querySelectorAll('text'))) {
    if (text.getAttribute('font-family') === 'initial' && text.textContent.startsWith('\u26a0')) text.remove();
  }
  layoutKey(svg);
  return svg;
}

// Marks become links to their runs, then the geometry is checked: what every drawing does last.
function linkAndCheck(svg: Element, spec: ChartSpec, link: RenderOptions['link']): void {
  const linked = linkRuns(svg, link);
  checkGeometry(spec.id, svg);
  // Links inside make the chart a document to move through, not one image.
  if (linked) svg.setAttribute('role', 'graphics-document');
}

// Hover labels and their link targets: not in a picture no one can hover.
function removeTips(svg: Element): void {
  for (const tips of Array.from(svg.querySelectorAll(`[data-mark="${TIP_MARK}"]`))) tips.remove();
}

// The chart's `<title>` and `<desc>` first, while it is written out; the tree is left as it was.
function withTitle(svg: Element, spec: ChartSpec): string {
  const doc = svg.ownerDocument;
  const title = doc.createElementNS(SVG_NS, 'title');
  title.textContent = spec.title;
  const desc = doc.createElementNS(SVG_NS, 'desc');
  desc.textContent = spec.caption;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, svg.firstChild);
  const text = serialize(svg);
  title.remove();
  desc.remove();
  return text;
}

const FILE_TITLE = 30;
const FILE_SOURCE = 22;

// A standalone file: everything moves down under a written title, the source goes under the
// chart, and a white ground is painted first (a viewer's dark or checkered ground would otherwise
// show through, and the text is drawn in the default black).
function frameFile(svg: Element, title: string, source: string): void {
  const doc = svg.ownerDocument;
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const total = height + FILE_TITLE + FILE_SOURCE;
  const chart = doc.createElementNS(SVG_NS, 'g');
  chart.setAttribute('transform', `translate(0,${FILE_TITLE})`);
  for (const child of Array.from(svg.childNodes)) if ((child as Element).localName !== 'style') chart.appendChild(child);
  const ground = doc.createElementNS(SVG_NS, 'rect');
  ground.setAttribute('width', String(width));
  ground.setAttribute('height', String(total));
  ground.setAttribute('fill', 'white');
  const heading = doc.createElementNS(SVG_NS, 'text');
  heading.setAttribute('x', '12');
  heading.setAttribute('y', String(FILE_TITLE / 2 + 4));
  heading.setAttribute('dy', '0.32em');
  heading.setAttribute('text-anchor', 'start');
  heading.setAttribute('font-size', '15');
  heading.setAttribute('font-weight', '600');
  heading.textContent = title;
  const foot = doc.createElementNS(SVG_NS, 'text');
  foot.setAttribute('x', '12');
  foot.setAttribute('y', String(FILE_TITLE + height + FILE_SOURCE / 2));
  foot.setAttribute('dy', '0.32em');
  foot.setAttribute('text-anchor', 'start');
  foot.setAttribute('fill-opacity', '0.75');
  foot.textContent = source;
  svg.appendChild(ground);
  svg.appendChild(heading);
  svg.appendChild(chart);
  svg.appendChild(foot);
  svg.setAttribute('height', String(total));
  svg.setAttribute('viewBox', `0 0 ${width} ${total}`);
  svg.setAttribute('style', 'background:white;color:black');
}

// Each mark's target names its run (`data-run`, set by tipMarks); with a page to link to it becomes a link.
function linkRuns(svg: Element, link: RenderOptions['link']): boolean {
  let linked = false;
  for (const hit of Array.from(svg.querySelectorAll(`a.${HIT_CLASS}[data-run]`))) {
    const ref = hit.getAttribute('data-run')!;
    hit.removeAttribute('data-run');
    if (!link) continue;
    const slash = ref.indexOf('/');
    const hash = ref.lastIndexOf('#');
    hit.setAttribute('href', link({ gpu_slug: ref.slice(0, slash), workload_slug: ref.slice(slash + 1, hash), point: ref.slice(hash + 1) }));
    linked = true;
  }
  return linked;
}

const KEY_ROW = 16;
const KEY_EDGE = 12;
const KEY_GAP = 16;

// Labels that found no free spot are numbered on the chart (placement.ts); their text is written
// here, in rows under the x axis, and the SVG grows to hold them.
function layoutKey(svg: Element): void {
  const groups = Array.from(svg.querySelectorAll(`[data-mark="${KEY_MARK}"]`));
  const entries = groups.flatMap((g) => Array.from(g.querySelectorAll('text')));
  if (entries.length === 0) return;
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  let x = KEY_EDGE;
  let row = 0;
  for (const entry of entries) {
    const text = entry.textContent;
    const space = text.indexOf(' ');
    const w = textWidth(text);
    if (x > KEY_EDGE && x + w > width - KEY_EDGE) {
      x = KEY_EDGE;
      row++;
    }
    entry.setAttribute('x', String(x));
    entry.setAttribute('y', String(height + KEY_ROW / 2 + row * KEY_ROW));
    entry.setAttribute('dy', '0.32em');
    // The number bold, as it is drawn beside its mark.
    const number = entry.ownerDocument.createElementNS(SVG_NS, 'tspan');
    number.setAttribute('font-weight', '600');
    number.textContent = text.slice(0, space);
    entry.textContent = text.slice(space);
    entry.insertBefore(number, entry.firstChild);
    x += w + KEY_GAP;
  }
  const grown = height + (row + 1) * KEY_ROW + 4;
  svg.setAttribute('height', String(grown));
  svg.setAttribute('viewBox', `0 0 ${width} ${grown}`);
}

const GEOMETRY_NAMES = new Set(GEOMETRY_ATTRIBUTES);

function checkGeometry(id: string, svg: Element): void {
  const element = firstElementWith(svg, (name, value) => GEOMETRY_NAMES.has(name) && INVALID_GEOMETRY.test(value));
  if (element) {
    for (const name of GEOMETRY_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value !== null && INVALID_GEOMETRY.test(value)) {
        throw new Error(`renderChart expects finite coordinates in chart "${id}" but found ${name}="${value}" on a <${element.localName}>: filter missing values before they reach a mark`);
      }
    }
  }
}
