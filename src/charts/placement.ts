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
  /** Anchored on the frame's top edge (a run with no value, drawn there), not at y. */
  atTop?: boolean;
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

/** Name of the group holding the key's entries (`data-mark` once rendered); the renderer lays them out. */
export const KEY_MARK = 'label key';

/** No obstacles: a starting point for charts to fill in. */
export function noObstacles(): Obstacles {
  return { points: [], lines: [], ruleY: null, ruleX: null, topLabels: [] };
}

/** A rectangle in px. */
export interface Box {
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

/** The box a label takes on one side of an anchor at (px, py), `extra` px further out, and where its text is anchored. */
export function candidate(side: Side, px: number, py: number, width: number, clearance: number, extra = 0): { box: Box; x: number; y: number; anchor: 'start' | 'middle' | 'end' } {
  const half = LINE_HEIGHT / 2;
  const near = clearance - 2 + extra;
  const lift = clearance + 6 + extra;
  const at = (x: number, y: number, anchor: 'start' | 'middle' | 'end') => {
    const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
    return { box: { left, right: left + width, top: y - half, bottom: y + half }, x, y, anchor };
  };
  switch (side) {
    case 'above': return at(px, py - lift, 'middle');
    case 'below': return at(px, py + lift, 'middle');
    case 'left': return at(px - clearance - 4 - extra, py, 'end');
    case 'right': return at(px + clearance + 4 + extra, py, 'start');
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

// Liang–Barsky: whether the segment enters the box at all. The four edges are clipped one after
// another without building a list of them: this runs for every segment and every candidate spot.
function hitsSegment(box: Box, x1: number, y1: number, x2: number, y2: number): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const range = { t0: 0, t1: 1 };
  return clip(-dx, x1 - box.left, range) && clip(dx, box.right - x1, range) && clip(-dy, y1 - box.top, range) && clip(dy, box.bottom - y1, range);
}

// One edge of Liang–Barsky: narrows [t0, t1]; false when the segment lies outside that edge.
function clip(p: number, q: number, range: { t0: number; t1: number }): boolean {
  // Written as negations so that a NaN clips nothing, as it did in the loop this replaces.
  if (p === 0) return !(q < 0);
  const t = q / p;
  if (p < 0) range.t0 = Math.max(range.t0, t);
  else range.t1 = Math.min(range.t1, t);
  return !(range.t0 > range.t1);
}

/** Pixel-space obstacles of a chart, after its scales are known. */
export interface Scene {
  frame: Box;
  points: { x: number; y: number; r: number }[];
  segments: [number, number, number, number][];
  ruleY: number | null;
  ruleX: number | null;
  boxes: Box[];
}

// The cost of a spot, counted only up to `limit`: a spot that costs as much as the best one so far is
// not taken, so its exact total does not matter.
function cost(box: Box, scene: Scene, anchor: { x: number; y: number }, limit = Infinity): number {
  let total = 0;
  const { frame } = scene;
  if (box.left < frame.left || box.right > frame.right || box.top < frame.top || box.bottom > frame.bottom) total += COST.frame;
  // A label within a few pixels of the rule reads as crossing it.
  if (scene.ruleY !== null && box.top - RULE_MARGIN <= scene.ruleY && scene.ruleY <= box.bottom + RULE_MARGIN) total += COST.rule;
  if (scene.ruleX !== null && box.left - RULE_MARGIN <= scene.ruleX && scene.ruleX <= box.right + RULE_MARGIN) total += COST.rule;
  for (const other of scene.boxes) if (overlaps(box, other)) total += COST.label;
  if (total >= limit) return total;
  for (const p of scene.points) {
    // What is drawn at the anchor itself is what the label is about; the side offsets clear it.
    if (Math.abs(p.x - anchor.x) < 1 && Math.abs(p.y - anchor.y) < 1) continue;
    if (hitsCircle(box, p.x, p.y, p.r)) total += COST.point;
  }
  if (total >= limit) return total;
  for (const [x1, y1, x2, y2] of scene.segments) {
    if (hitsSegment(box, x1, y1, x2, y2)) {
      total += COST.line;
      if (total >= limit) return total;
    }
  }
  return total;
}

/** Estimated width of a label; bold text runs wider. */
function labelWidth(label: Pick<LabelRequest, 'text' | 'bold'>): number {
  return textWidth(label.text) * (label.bold ? 1.08 : 1);
}

/** A label request with its anchor already in px. */
export type PxLabel = Omit<LabelRequest, 'x' | 'y'> & { px: number; py: number };

/** Where a label went: its text at (x, y), or, keyed, a number there and the text in the chart's key. */
export interface Placement {
  label: PxLabel;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: Box;
  /** The label's number in the key, when no free spot was left for its text. */
  key: number | null;
}

// Further rings of candidates, tried after every side at the nearest distance.
const DISTANCES = [0, 8, 18] as const;

function best(label: Pick<LabelRequest, 'text' | 'bold' | 'sides' | 'clearance'>, px: number, py: number, scene: Scene): { option: ReturnType<typeof candidate>; cost: number } | null {
  const width = labelWidth(label);
  let found: { option: ReturnType<typeof candidate>; cost: number } | null = null;
  for (const extra of DISTANCES) {
    for (const side of label.sides) {
      const option = candidate(side, px, py, width, label.clearance, extra);
      const c = cost(option.box, scene, { x: px, y: py }, found ? found.cost : Infinity);
      if (!found || c < found.cost) found = { option, cost: c };
      if (c === 0) return found;
    }
  }
  return found;
}

/**
 * Places labels in order (earlier ones win), each at the first side that covers nothing, trying
 * the sides again further out before giving up. A label left without a free spot is dropped when
 * optional (it can do without), else replaced by a number beside its mark, its text going to the
 * key under the chart: never printed over a point, a line, the SLO rule or another label.
 */
export function placeLabels(labels: readonly PxLabel[], scene: Scene): Placement[] {
  const placed: Placement[] = [];
  let keys = 0;
  for (const label of labels) {
    if (!Number.isFinite(label.px) || !Number.isFinite(label.py)) continue;
    const found = best(label, label.px, label.py, scene);
    if (!found) continue;
    if (found.cost === 0) {
      scene.boxes.push(found.option.box);
      placed.push({ label, ...found.option, key: null });
      continue;
    }
    if (label.optional) continue;
    const key = ++keys;
    const number = best({ ...label, text: String(key), bold: true }, label.px, label.py, scene) ?? found;
    scene.boxes.push(number.option.box);
    placed.push({ label, ...number.option, key });
  }
  return placed;
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
    // As failureMarks draws them: a ✕ 8 px under the top edge.
    const edgeY = top + 8;
    for (const label of labels) if (label.atTop && Number.isFinite(px(label.x))) scene.points.push({ x: px(label.x), y: edgeY, r: label.clearance });
    const placements = placeLabels(labels.map(({ x, y, atTop, ...rest }) => ({ ...rest, px: px(x), py: atTop ? edgeY : py(y) })), scene);
    for (const { label, x, y, anchor, key } of placements) {
      const text = context.document.createElementNS(SVG_NS, 'text');
      text.setAttribute('x', String(x));
      text.setAttribute('y', String(y));
      text.setAttribute('dy', '0.32em');
      text.setAttribute('text-anchor', anchor);
      text.setAttribute('fill', label.fill);
      if (label.bold || key !== null) text.setAttribute('font-weight', '600');
      if (label.italic && key === null) text.setAttribute('font-style', 'italic');
      text.textContent = key === null ? label.text : String(key);
      g.appendChild(text);
    }
    const keyed = placements.filter((p) => p.key !== null);
    if (keyed.length) {
      // The key's text is laid out under the chart by the renderer, which can grow the SVG.
      const key = context.document.createElementNS(SVG_NS, 'g');
      key.setAttribute('aria-label', KEY_MARK);
      for (const { label, key: n } of keyed) {
        const text = context.document.createElementNS(SVG_NS, 'text');
        text.setAttribute('fill', label.fill);
        text.setAttribute('text-anchor', 'start');
        text.textContent = `${n} ${label.text}`;
        key.appendChild(text);
      }
      g.appendChild(key);
    }
    return g as unknown as SVGElement;
  };
  return [render];
}
