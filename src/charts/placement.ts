/**
 * Labels placed where they cover no data: each label tries its sides in order and takes the first
 * that overlaps nothing (points, lines, the SLO rule, labels placed before it, the frame's edge),
 * else the one that overlaps least. Overlap is a matter of pixels, so placement runs inside Plot's
 * render with the chart's own scales; the same spec always puts its labels in the same places.
 */
import type * as Plot from '@observablehq/plot';
import { FONT_SIZE, WIDE, type ChartSize } from './layout.ts';
import { SVG_NS } from './serialize.ts';
import { textWidth } from './text.ts';

/** Where a label may sit around its anchor, in order of preference. */
export type Side = 'above' | 'below' | 'left' | 'right' | 'above-left' | 'above-right' | 'below-left' | 'below-right';

/** A label to place: its anchor in data units, its text and the sides it may take. */
export interface LabelRequest {
  x: number;
  y: number;
  text: string;
  sides: readonly Side[];
  /** Radius in px of what is drawn at the anchor (a dot, a ring), which the label must clear. */
  clearance: number;
  fill: string;
  bold?: boolean;
  italic?: boolean;
  /**
   * A label the chart can do without (its figures are in the tooltip and the text alternative):
   * left out rather than printed over a point, another label, the SLO rule or the frame's edge.
   */
  optional?: boolean;
}

/** What labels must not cover, in data units (radii in px). */
export interface Obstacles {
  /** Drawn symbols. */
  points: readonly { x: number; y: number; r: number }[];
  /** Polylines: series lines, the frontier staircase. */
  lines: readonly (readonly { x: number; y: number }[])[];
  /** The SLO rule and its label (no lines: labelled elsewhere): horizontal at a latency (y), or vertical at one (x); null when none. */
  ruleY: RuleObstacle | null;
  ruleX: RuleObstacle | null;
  /** Labels Plot draws along the top edge (failed runs with no value), by x. */
  topLabels: readonly { x: number; lines: readonly string[] }[];
}

/** An SLO rule as labels must avoid it: where it is, and the lines of its own label. */
export interface RuleObstacle {
  threshold: number;
  lines: readonly string[];
}

/** No obstacles: a starting point for charts to fill in. */
export function noObstacles(): Obstacles {
  return { points: [], lines: [], ruleY: null, ruleX: null, topLabels: [] };
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const LINE_HEIGHT = FONT_SIZE + 2;

// Labels may hang into the right margin (empty but for the SLO label, an obstacle) and a little
// above the frame (the gap under the legend), never into the left margin's tick labels nor the x axis.
const RIGHT_SLACK = 4;
const TOP_SLACK = 10;
const RULE_MARGIN = 3;

// How much each kind of overlap costs: leaving the frame is worst (the label would sit on the
// legend or an axis), then crossing the SLO rule, then another label, a point, a line.
const COST = { frame: 1000, rule: 300, label: 200, point: 50, line: 20 } as const;

/** The box a label takes on one side of an anchor at (px, py), and where its text is anchored. */
export function candidate(side: Side, px: number, py: number, width: number, clearance: number): { box: Box; x: number; y: number; anchor: 'start' | 'middle' | 'end' } {
  const half = LINE_HEIGHT / 2;
  const near = clearance - 2;
  const lift = clearance + 6;
  const at = (x: number, y: number, anchor: 'start' | 'middle' | 'end') => {
    const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
    return { box: { left, right: left + width, top: y - half, bottom: y + half }, x, y, anchor };
  };
  switch (side) {
    case 'above': return at(px, py - lift, 'middle');
    case 'below': return at(px, py + lift, 'middle');
    case 'left': return at(px - clearance - 4, py, 'end');
    case 'right': return at(px + clearance + 4, py, 'start');
    case 'above-left': return at(px - near, py - lift, 'end');
    case 'above-right': return at(px + near, py - lift, 'start');
    case 'below-left': return at(px - near, py + lift, 'end');
    case 'below-right': return at(px + near, py + lift, 'start');
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function hitsCircle(box: Box, cx: number, cy: number, r: number): boolean {
  const dx = cx - Math.max(box.left, Math.min(cx, box.right));
  const dy = cy - Math.max(box.top, Math.min(cy, box.bottom));
  return dx * dx + dy * dy < r * r;
}

// Liang–Barsky: whether the segment enters the box at all.
function hitsSegment(box: Box, x1: number, y1: number, x2: number, y2: number): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const edges: [number, number][] = [[-dx, x1 - box.left], [dx, box.right - x1], [-dy, y1 - box.top], [dy, box.bottom - y1]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** Pixel-space obstacles of a chart, after its scales are known. */
interface Scene {
  frame: Box;
  points: { x: number; y: number; r: number }[];
  segments: [number, number, number, number][];
  ruleY: number | null;
  ruleX: number | null;
  boxes: Box[];
}

function cost(box: Box, scene: Scene, anchor: { x: number; y: number }): number {
  let total = 0;
  const { frame } = scene;
  if (box.left < frame.left || box.right > frame.right || box.top < frame.top || box.bottom > frame.bottom) total += COST.frame;
  // A label within a few pixels of the rule reads as crossing it.
  if (scene.ruleY !== null && box.top - RULE_MARGIN <= scene.ruleY && scene.ruleY <= box.bottom + RULE_MARGIN) total += COST.rule;
  if (scene.ruleX !== null && box.left - RULE_MARGIN <= scene.ruleX && scene.ruleX <= box.right + RULE_MARGIN) total += COST.rule;
  for (const other of scene.boxes) if (overlaps(box, other)) total += COST.label;
  for (const p of scene.points) {
    // What is drawn at the anchor itself is what the label is about; the side offsets clear it.
    if (Math.abs(p.x - anchor.x) < 1 && Math.abs(p.y - anchor.y) < 1) continue;
    if (hitsCircle(box, p.x, p.y, p.r)) total += COST.point;
  }
  for (const [x1, y1, x2, y2] of scene.segments) if (hitsSegment(box, x1, y1, x2, y2)) total += COST.line;
  return total;
}

/** Estimated width of a label; bold text runs wider. */
function labelWidth(label: LabelRequest): number {
  return textWidth(label.text) * (label.bold ? 1.08 : 1);
}

/**
 * One mark that draws every label at its best side, in the order given (earlier labels win: pass
 * the most important first). Each placed label becomes an obstacle for the next.
 */
export function labelMarks(labels: readonly LabelRequest[], obstacles: Obstacles, size: ChartSize = WIDE): Plot.Markish[] {
  if (labels.length === 0) return [];
  const render: Plot.RenderFunction = (_index, scales, _values, dimensions, context) => {
    const sx = scales.x;
    const sy = scales.y;
    if (!sx || !sy) return null;
    const px = (x: number) => Number(sx(x));
    const py = (y: number) => Number(sy(y));
    const top = dimensions.marginTop;
    const frameRight = dimensions.width - dimensions.marginRight;
    const frame: Box = { left: dimensions.marginLeft, right: dimensions.width - RIGHT_SLACK, top: top - TOP_SLACK, bottom: dimensions.height - dimensions.marginBottom };
    const scene: Scene = { frame, points: [], segments: [], ruleY: null, ruleX: null, boxes: [] };
    for (const p of obstacles.points) {
      const x = px(p.x);
      const y = py(p.y);
      if (Number.isFinite(x) && Number.isFinite(y)) scene.points.push({ x, y, r: p.r });
    }
    for (const line of obstacles.lines) {
      for (let i = 1; i < line.length; i++) {
        const s = [px(line[i - 1]!.x), py(line[i - 1]!.y), px(line[i]!.x), py(line[i]!.y)] as [number, number, number, number];
        if (s.every(Number.isFinite)) scene.segments.push(s);
      }
    }
    // Where sloRuleY and sloRuleX draw the rule's own label: in the right margin, above the frame.
    const ruleWidth = (rule: RuleObstacle) => Math.max(0, ...rule.lines.map(textWidth)) * 1.08;
    if (obstacles.ruleY !== null && Number.isFinite(py(obstacles.ruleY.threshold))) {
      const y = py(obstacles.ruleY.threshold);
      const half = (LINE_HEIGHT * obstacles.ruleY.lines.length) / 2;
      scene.ruleY = y;
      if (obstacles.ruleY.lines.length) scene.boxes.push({ left: frameRight, right: frameRight + 6 + ruleWidth(obstacles.ruleY), top: y - half, bottom: y + half });
    }
    if (obstacles.ruleX !== null && Number.isFinite(px(obstacles.ruleX.threshold))) {
      const x = px(obstacles.ruleX.threshold);
      // sloRuleX writes its lines on one line.
      const half = ruleWidth({ ...obstacles.ruleX, lines: [obstacles.ruleX.lines.join(' ')] }) / 2;
      scene.ruleX = x;
      if (obstacles.ruleX.lines.length) scene.boxes.push({ left: x - half, right: x + half, top: top - 5 - LINE_HEIGHT, bottom: top - 5 });
    }
    for (const edge of obstacles.topLabels) {
      const x = px(edge.x);
      if (!Number.isFinite(x)) continue;
      const half = Math.max(...edge.lines.map(textWidth)) / 2;
      // As failureMarks draws them: the ✕ 8px under the edge, the lines from 16px down, kept inside the width.
      const centre = Math.max(half + 2, Math.min(dimensions.width - half - 2, x));
      scene.boxes.push({ left: Math.min(x - 6, centre - half), right: Math.max(x + 6, centre + half), top, bottom: top + 16 + LINE_HEIGHT * edge.lines.length });
    }

    const g = context.document.createElementNS(SVG_NS, 'g');
    g.setAttribute('aria-label', 'label');
    g.setAttribute('stroke', 'var(--plot-background)');
    g.setAttribute('stroke-width', '3');
    g.setAttribute('stroke-linejoin', 'round');
    g.setAttribute('paint-order', 'stroke');
    for (const label of labels) {
      const anchor = { x: px(label.x), y: py(label.y) };
      if (!Number.isFinite(anchor.x) || !Number.isFinite(anchor.y)) continue;
      const width = labelWidth(label);
      let best: ReturnType<typeof candidate> | null = null;
      let bestCost = Infinity;
      for (const side of label.sides) {
        const option = candidate(side, anchor.x, anchor.y, width, label.clearance);
        const c = cost(option.box, scene, anchor);
        if (c < bestCost) {
          best = option;
          bestCost = c;
        }
        if (c === 0) break;
      }
      if (!best || (label.optional && bestCost >= COST.point)) continue;
      scene.boxes.push(best.box);
      const text = context.document.createElementNS(SVG_NS, 'text');
      text.setAttribute('x', String(best.x));
      text.setAttribute('y', String(best.y));
      text.setAttribute('dy', '0.32em');
      text.setAttribute('text-anchor', best.anchor);
      text.setAttribute('fill', label.fill);
      if (label.bold) text.setAttribute('font-weight', '600');
      if (label.italic) text.setAttribute('font-style', 'italic');
      text.textContent = label.text;
      g.appendChild(text);
    }
    return g as unknown as SVGElement;
  };
  return [render];
}
