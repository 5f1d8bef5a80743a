/**
 * Values on hover and keyboard focus, without JavaScript: every drawn run gets a target on top of
 * the chart, a link to its row in the runs table holding a label (the run and its figures) that
 * CSS shows on `:hover` and `:focus`. The figures stay in the tables for print and touch.
 */
import type * as Plot from '@observablehq/plot';
import { FONT_SIZE } from './layout.ts';
import { SVG_NS } from './serialize.ts';
import { extendWidth, textWidth } from './text.ts';

/** The run a mark stands for: the page of its GPU × workload and its point id. */
export interface RunRef {
  gpu_slug: string;
  workload_slug: string;
  point: string;
}

/** A mark to give a hover label: its anchor in data units (or on the top edge), its words and run. */
export interface TipRequest {
  x: number;
  y: number | null;
  /** The tooltip text; `\n` separates runs drawn at one spot. */
  title: string;
  run: RunRef | null;
  /** Radius in px of what is drawn there. */
  r: number;
}

/** Class of a mark's target (the link); its label is `TIP_CLASS` inside it. */
export const HIT_CLASS = 'cf-hit';
/** Class of a hover label. */
export const TIP_CLASS = 'cf-tip';
/** Name of the tips' group once rendered (`data-mark`). */
export const TIP_MARK = 'tips';

/** CSS of the tips, written into every chart's `<style>`: hidden until their mark is hovered or focused. */
export const TIP_STYLE = `:where(.${TIP_CLASS}){visibility:hidden;pointer-events:none}
:where(.${HIT_CLASS}:hover .${TIP_CLASS}),:where(.${HIT_CLASS}:focus .${TIP_CLASS}),:where(.${HIT_CLASS}:focus-within .${TIP_CLASS}){visibility:visible}
:where(.${HIT_CLASS}){cursor:pointer}
.${HIT_CLASS}:focus-visible{outline:none}
.${HIT_CLASS}:focus-visible circle{stroke:currentColor;stroke-width:2}`;

const LINE = FONT_SIZE + 3;
const PAD = 6;
const GAP = 10;
/** Widest a label may be before its text wraps. */
const MAX_WIDTH = 300;

/** The lines of a tip: each run's name, then its figures, wrapped at word boundaries to fit `max` px. */
export function tipLines(title: string, max: number): string[] {
  const lines: string[] = [];
  const parts = title.split('\n').flatMap((run) => {
    const colon = run.indexOf(': ');
    return colon < 0 ? [run] : [run.slice(0, colon + 1), run.slice(colon + 2)];
  });
  for (const run of parts) {
    let line = '';
    let width = 0;
    for (const word of run.split(' ')) {
      // The width of the line with the word, measured on from the line's own (see extendWidth).
      const next = line ? extendWidth(width, ` ${word}`) : textWidth(word);
      if (line && next > max) {
        lines.push(line);
        line = word;
        width = textWidth(word);
      } else {
        line = line ? `${line} ${word}` : word;
        width = next;
      }
    }
    if (line) lines.push(line);
  }
  return lines;
}

/** Where a tip box goes: up and to the right of its mark, flipped or slid to stay inside the chart. */
export function tipBox(px: number, py: number, r: number, width: number, height: number, chart: { width: number; height: number }): { x: number; y: number } {
  let x = px + r + GAP / 2;
  if (x + width > chart.width - 2) x = px - r - GAP / 2 - width;
  x = Math.max(2, Math.min(chart.width - 2 - width, x));
  let y = py - r - GAP / 2 - height;
  if (y < 2) y = py + r + GAP / 2;
  y = Math.max(2, Math.min(chart.height - 2 - height, y));
  return { x, y };
}

/**
 * One mark, drawn last so its labels sit above everything: per run a transparent target the size
 * of its symbol (a link once the renderer knows the page, `data-run` until then) holding its label.
 * Marks on the top edge (no value recorded) have y null.
 */
export function tipMarks(tips: readonly TipRequest[]): Plot.Markish[] {
  if (tips.length === 0) return [];
  const render: Plot.RenderFunction = (_index, scales, _values, dimensions, context) => {
    const sx = scales.x;
    const sy = scales.y;
    if (!sx || !sy) return null;
    const doc = context.document;
    const g = doc.createElementNS(SVG_NS, 'g');
    g.setAttribute('aria-label', TIP_MARK);
    const max = Math.min(MAX_WIDTH, dimensions.width - 4 - 2 * PAD);
    for (const tip of tips) {
      const px = Number(sx(tip.x));
      const py = tip.y === null ? dimensions.marginTop + 8 : Number(sy(tip.y));
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      const lines = tipLines(tip.title, max);
      const width = Math.max(...lines.map(textWidth)) + 2 * PAD;
      const height = lines.length * LINE + PAD;
      const at = tipBox(px, py, tip.r, width, height, dimensions);
      const hit = doc.createElementNS(SVG_NS, 'a');
      hit.setAttribute('class', HIT_CLASS);
      if (tip.run) hit.setAttribute('data-run', `${tip.run.gpu_slug}/${tip.run.workload_slug}#${tip.run.point}`);
      hit.setAttribute('aria-label', lines.join(' '));
      const target = doc.createElementNS(SVG_NS, 'circle');
      target.setAttribute('cx', String(px));
      target.setAttribute('cy', String(py));
      target.setAttribute('r', String(Math.max(tip.r + 3, 8)));
      target.setAttribute('fill', 'transparent');
      hit.appendChild(target);
      const label = doc.createElementNS(SVG_NS, 'g');
      label.setAttribute('class', TIP_CLASS);
      label.setAttribute('aria-hidden', 'true');
      const box = doc.createElementNS(SVG_NS, 'rect');
      box.setAttribute('x', String(at.x));
      box.setAttribute('y', String(at.y));
      box.setAttribute('width', String(width));
      box.setAttribute('height', String(height));
      box.setAttribute('rx', '3');
      box.setAttribute('fill', 'var(--plot-background)');
      box.setAttribute('stroke', 'currentColor');
      box.setAttribute('stroke-opacity', '0.5');
      label.appendChild(box);
      const text = doc.createElementNS(SVG_NS, 'text');
      text.setAttribute('text-anchor', 'start');
      text.setAttribute('fill', 'currentColor');
      lines.forEach((line, i) => {
        const span = doc.createElementNS(SVG_NS, 'tspan');
        span.setAttribute('x', String(at.x + PAD));
        span.setAttribute('y', String(at.y + PAD / 2 + LINE * (i + 0.5)));
        span.setAttribute('dy', '0.32em');
        span.textContent = line;
        text.appendChild(span);
      });
      label.appendChild(text);
      hit.appendChild(label);
      g.appendChild(hit);
    }
    return g as unknown as SVGElement;
  };
  return [render];
}
