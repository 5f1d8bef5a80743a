import * as Plot from '@observablehq/plot';
import { describe, expect, it, vi } from 'vitest';
import { renderChart } from '../../../src/charts/render.ts';
import { parseHTML } from '../../../src/charts/dom.ts';
import { escapeAttribute, escapeText, firstElementWith, roundNumbers, serialize } from '../../../src/charts/serialize.ts';
import type { ChartSpec } from '../../../src/charts/spec.ts';
import { throughputChart } from '../../../src/charts/throughput.ts';
import { seriesDomains } from '../../../src/charts/palette.ts';
import { L4, sampleReport } from './fixtures.ts';
import { groupOf, svgRoot, xmlProblems } from './helpers.ts';

const simple = (options: Plot.PlotOptions = {}): ChartSpec => ({
  id: 'simple',
  title: 'A title',
  caption: 'A caption.',
  ariaLabel: 'A chart of two points.',
  options: () => ({ marks: [Plot.line([{ x: 1, y: 1 / 3 }, { x: 2, y: 2 / 3 }], { x: 'x', y: 'y' })], ...options }),
});

describe('renderChart', () => {
  it('returns one standalone, accessible <svg> with its title first', () => {
    const svg = renderChart(simple());
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(xmlProblems(svg)).toEqual([]);
    const root = svgRoot(svg);
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-label')).toBe('A chart of two points.');
    expect(root.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
    expect(Number(root.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(root.getAttribute('height'))).toBeGreaterThan(0);
    expect(root.firstElementChild?.localName).toBe('title');
    expect(root.firstElementChild?.textContent).toBe('A title');
    expect(root.querySelector('desc')?.textContent).toBe('A caption.');
    // Only the root carries an accessible name: axe flags aria-label on Plot's generic <g> marks.
    expect(root.querySelectorAll('[aria-label]')).toHaveLength(0);
    expect(root.querySelector('g[data-mark="line"]')).not.toBeNull();
  });

  it('sets fonts, a 12px type size and currentColor so the page theme carries over', () => {
    const root = svgRoot(renderChart(simple()));
    expect(root.getAttribute('font-family')).toMatch(/^system-ui,.*sans-serif$/);
    expect(root.getAttribute('font-size')).toBe('12');
    expect(root.getAttribute('fill')).toBe('currentColor');
    expect(root.getAttribute('class')).toBe('cf-chart');
    expect(root.querySelector('style')?.textContent).toContain('var(--cf-chart-background,white)');
  });

  it('gives the same bytes for the same spec, render after render', () => {
    const report = sampleReport();
    const group = groupOf(report, L4, 'chat');
    const domains = seriesDomains(report);
    const first = renderChart(throughputChart(group, domains));
    renderChart(simple()); // renders in between must not shift counters or ids
    const second = renderChart(throughputChart(group, domains));
    expect(second).toBe(first);
    expect(first).not.toMatch(/plot-clip-|plot-pattern-|plot-[0-9a-f]{6}/);
  });

  it('rounds coordinates to a tenth of a pixel', () => {
    const root = svgRoot(renderChart(simple()));
    const line = root.querySelector('g[data-mark="line"] path')!;
    expect(line.getAttribute('d')).toBe('M40,370L620,20');
    for (const element of root.querySelectorAll('*')) {
      for (const name of ['d', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2']) {
        expect(element.getAttribute(name) ?? '', `${name} of <${element.localName}>`).not.toMatch(/\d\.\d{2,}(?!\d*em)/);
      }
    }
  });

  it('explains itself when Plot would wrap the chart in a <figure>', () => {
    expect(() => renderChart(simple({ color: { legend: true }, marks: [Plot.dot([1, 2], { x: (d: number) => d, fill: (d: number) => String(d) })] }))).toThrow(
      /single <svg>.*legendMarks/,
    );
  });

  it('refuses ids that are not file-safe', () => {
    expect(() => renderChart({ ...simple(), id: '../x' })).toThrow(/slug-like chart id/);
  });

  it('refuses NaN coordinates instead of writing them', () => {
    const hole: Plot.RenderFunction = (_index, _scales, _values, _dimensions, context) => {
      const path = context.document.createElementNS('http://www.w3.org/2000/svg', 'path');
      path.setAttribute('d', 'M0,NaNL10,10');
      return path;
    };
    const bad = simple({ marks: [hole] });
    expect(() => renderChart(bad)).toThrow(/finite coordinates/);
  });

  it('drops Plot\'s warning glyph', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // Strings that look like numbers make Plot warn about the scale type.
    const svg = renderChart(simple({ marks: [Plot.dot(['1', '2', '3'], { x: (d: string) => d, y: (d: string) => d })] }));
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
    expect(svg).not.toContain('\u26a0');
  });
});

describe('serialize', () => {
  it('escapes markup in text and attributes', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeAttribute('" onload="x')).toBe('&quot; onload=&quot;x');
    expect(escapeText('bell\u0007')).toBe('bell\uFFFD');
  });

  it('rounds long decimals but leaves em offsets and integers alone', () => {
    expect(roundNumbers('M40,370.6060606L330.04,20')).toBe('M40,370.6L330,20');
    expect(roundNumbers('translate(-0.04,12)')).toBe('translate(0,12)');
    expect(roundNumbers('0.32em')).toBe('0.32em');
    expect(roundNumbers('1e-7')).toBe('1e-7');
  });

  // A tree as any DOM exposes it (attributes and childNodes as lists): serialize() walks linkedom's
  // own linked list instead, and must write the same text as this reading of it.
  type Plain = { nodeType: number; nodeValue: string | null; localName?: string; attributes?: { name: string; value: string }[]; childNodes: Plain[] };
  const plain = (node: Node): Plain => {
    const element = node as Element;
    return {
      nodeType: node.nodeType,
      nodeValue: node.nodeValue,
      ...(node.nodeType === 1 ? { localName: element.localName, attributes: Array.from(element.attributes).map(({ name, value }) => ({ name, value })) } : {}),
      childNodes: Array.from(node.childNodes).map(plain),
    };
  };
  const drawn = () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '640.123');
    svg.setAttribute('aria-label', 'a "quoted" <label> & more');
    const g = document.createElementNS(ns, 'g');
    g.setAttribute('transform', 'translate(0.55,-0.04)');
    g.setAttribute('data-run', 'l4/chat#c16\nnext');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', 'M40,370.6060606L330.04,20');
    g.appendChild(path);
    const text = document.createElementNS(ns, 'text');
    text.appendChild(document.createTextNode('1 < 2 & 3'));
    const tspan = document.createElementNS(ns, 'tspan');
    tspan.textContent = 'inner';
    text.appendChild(tspan);
    text.appendChild(document.createTextNode(' tail\u0007'));
    g.appendChild(text);
    const commented = document.createElementNS(ns, 'g');
    commented.appendChild(document.createComment('dropped'));
    svg.appendChild(g);
    svg.appendChild(commented);
    svg.appendChild(document.createElementNS(ns, 'rect'));
    // An attribute set again keeps its place; one removed leaves none behind.
    svg.setAttribute('width', '320.06');
    g.setAttribute('class', 'gone');
    g.removeAttribute('class');
    return svg;
  };

  it('writes a linkedom tree exactly as its attributes and childNodes read', () => {
    const svg = drawn();
    const text = serialize(svg as never);
    expect(text).toBe(serialize(plain(svg) as never));
    expect(text).toBe(
      '<svg width="320.1" aria-label="a &quot;quoted&quot; &lt;label&gt; &amp; more">' +
        '<g transform="translate(0.6,0)" data-run="l4/chat#c16&#10;next"><path d="M40,370.6L330,20"/><text>1 &lt; 2 &amp; 3<tspan>inner</tspan> tail\uFFFD</text></g>' +
        '<g></g><rect/></svg>',
    );
    // A subtree ends at its own end, not the document's.
    expect(serialize(svg.firstChild as never)).toBe(serialize(plain(svg.firstChild!) as never));
  });

  it('finds the first element below the root whose attribute passes, in document order', () => {
    const svg = drawn();
    expect(firstElementWith(svg, (name) => name === 'width')).toBeNull();
    expect(firstElementWith(svg, (name) => name === 'd')?.localName).toBe('path');
    expect(firstElementWith(svg, (_name, value) => value.includes('.'))?.localName).toBe('g');
    expect(firstElementWith(svg, () => false)).toBeNull();
  });

  it('writes empty elements self-closed and children in order', () => {
    const root = svgRoot('<svg><g><path d="M0,0"></path></g><text>a&amp;b</text></svg>');
    expect(serialize(root as never)).toBe('<svg><g><path d="M0,0"/></g><text>a&amp;b</text></svg>');
  });
});
