/**
 * Label placement: labels never cover points, lines, the SLO rule or each other; a label with no
 * free spot becomes a number beside its mark with its text in the key under the chart (or is left
 * out when the chart can do without it); log-axis ticks thin themselves at both widths.
 */
import { describe, expect, it } from 'vitest';
import { latencyChart, NARROW, renderChart, seriesDomains, throughputChart, WIDE } from '../../../src/charts/index.ts';
import { loadAxis, loadScale } from '../../../src/charts/layout.ts';
import { placeLabels, type Box, type PxLabel, type Scene } from '../../../src/charts/placement.ts';
import { textWidth } from '../../../src/charts/text.ts';
import { handReport, measurement, svgRoot, xTicks } from './helpers.ts';

const FRAME: Box = { left: 0, right: 400, top: 0, bottom: 300 };
const scene = (over: Partial<Scene> = {}): Scene => ({ frame: FRAME, points: [], segments: [], ruleY: null, ruleX: null, boxes: [], ...over });
const label = (px: number, py: number, text: string, over: Partial<PxLabel> = {}): PxLabel => ({
  px, py, text, sides: ['below', 'below-right', 'below-left', 'right', 'left', 'above'], clearance: 5, fill: 'red', ...over,
});
const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const hitsPoint = (box: Box, p: { x: number; y: number; r: number }) => {
  const dx = p.x - Math.max(box.left, Math.min(p.x, box.right));
  const dy = p.y - Math.max(box.top, Math.min(p.y, box.bottom));
  return dx * dx + dy * dy < p.r * p.r;
};

describe('placeLabels', () => {
  it('puts labels of several runs failing at one load apart, never over each other or a point', () => {
    // Eight ✕ stacked at one x, 9 px apart: the labels cannot all sit beside their own ✕.
    const points = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ x: 200, y: 100 + 9 * i, r: 5 }));
    // In a small frame, as on a phone.
    const s = scene({ points: [...points], frame: { left: 120, right: 300, top: 80, bottom: 190 } });
    const placed = placeLabels(points.map((p, i) => label(p.x, p.y, `${i + 1}/64 failed`)), s);
    expect(placed).toHaveLength(8);
    for (const [i, a] of placed.entries()) {
      for (const p of points) if (!(p.x === a.label.px && p.y === a.label.py)) expect(hitsPoint(a.box, p), `${a.label.text} over a point`).toBe(false);
      for (const b of placed.slice(i + 1)) expect(overlap(a.box, b.box), `${a.label.text} / ${b.label.text}`).toBe(false);
    }
    // The crowd falls back to numbers, 1, 2 … in order, each text kept for the key.
    const keyed = placed.filter((p) => p.key !== null);
    expect(keyed.length).toBeGreaterThan(0);
    expect(keyed.map((p) => p.key)).toEqual(keyed.map((_, i) => i + 1));
  });

  it('keeps a label off the SLO rule, trying further out before giving up', () => {
    const s = scene({ ruleY: 112, segments: [[150, 100, 250, 100]] });
    const [placed] = placeLabels([label(200, 100, 'recommended', { sides: ['above', 'below'], clearance: 8 })], s);
    expect(placed!.key).toBeNull();
    expect(placed!.box.bottom).toBeLessThan(100);
  });

  it('drops an optional label with no free spot and numbers a required one', () => {
    const blocked = () => scene({ boxes: [{ left: 0, right: 400, top: 0, bottom: 300 }] });
    expect(placeLabels([label(200, 150, 'recommended', { optional: true })], blocked())).toEqual([]);
    const [keyed] = placeLabels([label(200, 150, 'OOM')], blocked());
    expect(keyed!.key).toBe(1);
  });
});

describe('log-axis ticks', () => {
  const loads = [1, 2, 4, 8, 16, 32, 64, 128, 256, 320, 384, 512, 640, 768, 1024];
  for (const size of [WIDE, NARROW]) {
    it(`never run together at ${size.width} units (320, 384, 640, 768)`, () => {
      const points = loads.map((c) => ({ load: { axis: 'concurrency' as const, value: c } }));
      const scale = loadScale(loadAxis(points), loads, size);
      const ticks = scale.ticks as number[];
      expect(ticks[0]).toBe(1);
      expect(ticks.at(-1)).toBe(1024);
      const left = size.margin.left + size.inset;
      const right = size.width - size.margin.right - size.inset;
      const at = (v: number) => left + (Math.log(v) / Math.log(1024)) * (right - left);
      for (let i = 1; i < ticks.length; i++) {
        const gap = at(ticks[i]!) - at(ticks[i - 1]!) - (textWidth(String(ticks[i])) + textWidth(String(ticks[i - 1]))) / 2;
        expect(gap, `${ticks[i - 1]} → ${ticks[i]}`).toBeGreaterThanOrEqual(8);
      }
    });
  }
});

describe('the key under a chart', () => {
  // Four output lengths OOM at concurrency 64 with a latency each, close together, on a narrow chart.
  const report = handReport([1, 8, 64].flatMap((c) => [64, 128, 256, 512].map((t) =>
    measurement({ c, max_new_tokens: t, throughput_tok_s: c * 10 + t / 10, p95: 1000 + c * 10 + t / 8, ...(c === 64 ? { status: 'oom' as const } : {}), failed: c === 64 && t > 128 ? 5 : 0 }))));
  const domains = seriesDomains(report);

  it('numbers the labels that found no room and writes their text under the x axis, growing the SVG', () => {
    for (const spec of [latencyChart(report.groups[0]!, domains, NARROW), throughputChart(report.groups[0]!, domains, NARROW)]) {
      const svg = renderChart(spec, { variant: 'narrow' });
      const root = svgRoot(svg);
      const key = [...root.querySelectorAll('g[data-mark="label key"] text')];
      const height = Number(root.getAttribute('height'));
      expect(Number(root.getAttribute('viewBox')!.split(' ')[3])).toBe(height);
      for (const entry of key) {
        expect(entry.textContent).toMatch(/^\d+ \S/);
        expect(Number(entry.getAttribute('y'))).toBeGreaterThan(height - 4 - 16 * key.length);
        expect(Number(entry.getAttribute('y'))).toBeLessThan(height);
      }
      // Every failed run's reason is on the chart or in the key.
      const words = [...root.querySelectorAll('g[data-mark="label"] text')].map((t) => t.textContent ?? '');
      expect(words.join(' ')).toMatch(/OOM/);
      expect(xTicks(svg).length).toBeGreaterThan(1);
    }
  });
});
