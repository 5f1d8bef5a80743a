import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { defaultConfig } from '../../../src/core/config.ts';
import type { GroupReport, LatencyMetric, Load, Measurement, Report, ResolvedConfig, SloConfig } from '../../../src/core/types.ts';
import type { ChartSpec } from '../../../src/charts/spec.ts';

/** The group of a report, failing loudly when a fixture changes under the tests. */
export function groupOf(report: Report, gpu: string, workload: string): GroupReport {
  const group = report.groups.find((g) => g.gpu === gpu && g.workload === workload);
  if (!group) throw new Error(`expected a ${gpu} × ${workload} group in the report`);
  return group;
}

/** Fields of a hand-made run, with shorthands for its load and its p95 e2e. */
export type RunFields = Partial<Omit<Measurement, 'load'>> & {
  /** Concurrency (the default load is concurrency 1). */
  c?: number;
  /** Request rate in req/s. */
  rate?: number;
  /** Every request at once: a ceiling run. */
  unbounded?: boolean;
  /** p95 e2e in ms, or null for none; ignored when `latency` is given. */
  p95?: number | null;
};

function loadOf(fields: RunFields): Load {
  if (fields.unbounded) return { axis: 'unbounded', value: null };
  if (fields.rate !== undefined) return { axis: 'request_rate', value: fields.rate };
  return { axis: 'concurrency', value: fields.c ?? 1 };
}

/** A validated measurement with sensible defaults: a stable chat run at concurrency 1 × 64 tokens. */
export function measurement(fields: RunFields): Measurement {
  const { c: _c, rate: _rate, unbounded: _unbounded, p95 = 1000, ...rest } = fields;
  return {
    source: { file: 'hand.csv', line: 2 },
    tool: 'csv',
    gpu: 'GPU-A',
    workload: 'chat',
    load: loadOf(fields),
    max_new_tokens: 64,
    throughput_tok_s: 100,
    request_throughput: null,
    mean_output_tokens: null,
    mean_input_tokens: null,
    duration_s: null,
    latency: p95 === null ? {} : { p95_e2e_ms: p95 },
    requests: 64,
    failed: 0,
    status: 'ok',
    setup: {},
    repeat_group: 'hand.csv',
    request_stats: null,
    ...rest,
  };
}

/** The default config with some workloads' SLOs replaced. */
export function configWith(slos: Record<string, SloConfig> = {}): ResolvedConfig {
  const config = defaultConfig();
  return { ...config, slo: { ...config.slo, workloads: { ...config.slo.workloads, ...slos } } };
}

/** A percentile SLO on one metric. */
export function percentile(metric: LatencyMetric, threshold_ms: number): SloConfig {
  return { kind: 'percentile', metrics: [metric], threshold_ms };
}

/** A report built from hand-made measurements (default config: chat p95 e2e ≤ 2000 ms, others ≤ 5000 ms). */
export function handReport(measurements: Measurement[], config: ResolvedConfig = defaultConfig()): Report {
  return buildReport(measurements, config, []);
}

/** The SVG as a page would inline it, parsed by an HTML parser. */
export function inlineDocument(svg: string): Document {
  return parseHTML(`<!doctype html><html><body><main>${svg}</main></body></html>`).document as unknown as Document;
}

/** The rendered root <svg> element of a chart string. */
export function svgRoot(svg: string): Element {
  const root = inlineDocument(svg).querySelector('svg');
  if (!root) throw new Error('expected an <svg> element');
  return root;
}

/** Elements of the mark groups named `data-mark` (Plot's `aria-label`, moved there by the renderer), e.g. `line`, `dot`. */
export function markGroups(svg: string, label: string): Element[] {
  return [...svgRoot(svg).querySelectorAll(`g[data-mark="${label}"]`)];
}

/** Plot's own figure for a spec, to read its scales (the renderer only returns a string). */
export function plotScales(spec: ChartSpec): { x: Plot.Scale; y: Plot.Scale } {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const plot = Plot.plot({ ...spec.options(), document: document as unknown as Document });
  return { x: plot.scale('x')!, y: plot.scale('y')! };
}

/** Where an element sits: `cx`/`cy` of a circle, `x`/`y` of a placed label, else its `transform="translate(x,y)"`. */
export function translate(element: Element): [number, number] {
  if (element.hasAttribute('cx')) return [Number(element.getAttribute('cx')), Number(element.getAttribute('cy'))];
  if (element.hasAttribute('x') && element.hasAttribute('y') && !element.hasAttribute('transform')) return [Number(element.getAttribute('x')), Number(element.getAttribute('y'))];
  const match = /translate\(([-\d.]+),([-\d.]+)\)/.exec(element.getAttribute('transform') ?? '');
  if (!match) throw new Error(`expected a translate() on <${element.localName}>`);
  return [Number(match[1]), Number(match[2])];
}

/**
 * Problems that would make the string ill-formed XML (and so a broken standalone .svg file): a raw
 * `<` or `&` in text or attributes, unbalanced tags, or a second root. Deliberately strict and small.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);)/i;
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);)/gi;
  let match: RegExpExecArray | null;
  while ((match = token.exec(xml))) {
    const [whole, closing, name, attributes, selfClosing] = match;
    if (attributes && entity.test(attributes)) problems.push(`raw "&" in an attribute of <${name}> at ${match.index}`);
    if (whole === '<') problems.push(`raw "<" at ${match.index}`);
    else if (whole.startsWith('&')) problems.push(`raw "&" at ${match.index}`);
    else if (closing) {
      if (stack.pop() !== name) problems.push(`unbalanced </${name}> at ${match.index}`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name!);
    }
  }
  if (stack.length) problems.push(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) problems.push(`expected one root element but found ${roots}`);
  return problems;
}

/** Text of an element without its <title> tooltip (the HTML parser may split text at entities). */
export function ownText(element: Element): string {
  return [...element.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
}

/** Every text a chart shows, one string per <text> (tspans joined by a space). */
export function texts(svg: string): string[] {
  return [...svgRoot(svg).querySelectorAll('text')].map((t) => {
    const spans = [...t.querySelectorAll('tspan')];
    return spans.length ? spans.map((s) => s.textContent).join(' ') : ownText(t);
  });
}

/** The series paths: the first line mark (legend swatches are dots, not lines). */
export function linePaths(svg: string): Element[] {
  const [lines] = markGroups(svg, 'line');
  return lines ? [...lines.querySelectorAll('path')] : [];
}

/** Vertices of a path: its M and L commands. */
export function vertices(path: Element): number {
  return (path.getAttribute('d') ?? '').match(/[ML]/g)?.length ?? 0;
}

/** ✕ markers of failed runs, excluding the legend's swatch (aria-hidden). */
export function failureMarkers(svg: string): Element[] {
  return markGroups(svg, 'dot')
    .filter((g) => g.getAttribute('stroke') === '#d32f2f' && !g.hasAttribute('aria-hidden'))
    .flatMap((g) => [...g.querySelectorAll('path')]);
}

/** Tick labels of the x axis, in order. */
export function xTicks(svg: string): string[] {
  return [...svgRoot(svg).querySelectorAll('g[data-mark="x-axis tick label"] text')].map((t) => t.textContent ?? '');
}

/** The labels placed by labelMarks (recommended, failures, ridges, frontier points). */
export function placedLabels(svg: string): Element[] {
  return markGroups(svg, 'label').flatMap((g) => [...g.querySelectorAll('text')]);
}

/** Fails when a chart lets a hole through into its SVG. */
export function holes(svg: string): string[] {
  return svg.match(/NaN|undefined|Infinity/g) ?? [];
}
