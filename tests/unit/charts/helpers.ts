import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { defaultConfig } from '../../../src/core/config.ts';
import { loadReport } from '../../../src/core/load.ts';
import type { GroupReport, Measurement, Report } from '../../../src/core/types.ts';
import type { ChartSpec } from '../../../src/charts/spec.ts';

let sample: Promise<Report> | undefined;

/** The embedded sample's report, analysed once per test file. */
export function sampleReport(): Promise<Report> {
  sample ??= loadReport('data');
  return sample;
}

/** The group of a report, failing loudly when the sample changes under the tests. */
export function groupOf(report: Report, gpu: string, workload: string): GroupReport {
  const group = report.groups.find((g) => g.gpu === gpu && g.workload === workload);
  if (!group) throw new Error(`expected a ${gpu} × ${workload} group in the report`);
  return group;
}

let line = 1;

/** A validated measurement with sensible defaults: a stable chat run at concurrency 1 × 64. */
export function measurement(fields: Partial<Measurement> & { p95?: number | null }): Measurement {
  const { p95 = 1000, ...rest } = fields;
  return {
    source: { file: 'hand.csv', line: ++line },
    tool: 'csv',
    gpu: 'GPU-A',
    workload: 'chat',
    concurrency: 1,
    request_rate: null,
    max_new_tokens: 64,
    throughput_tok_s: 100,
    latency: p95 === null ? {} : { p95_e2e_ms: p95 },
    requests: 64,
    failed: 0,
    status: 'ok',
    server: {},
    ...rest,
  };
}

/** A report built from hand-made measurements with the default config (chat: p95 e2e ≤ 2000 ms). */
export function handReport(measurements: Measurement[]): Report {
  return buildReport(measurements, defaultConfig(), []);
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
  const plot = Plot.plot({ ...spec.options, document: document as unknown as Document });
  return { x: plot.scale('x')!, y: plot.scale('y')! };
}

/** Where an element sits: `cx`/`cy` of a circle, else its `transform="translate(x,y)"`. */
export function translate(element: Element): [number, number] {
  if (element.hasAttribute('cx')) return [Number(element.getAttribute('cx')), Number(element.getAttribute('cy'))];
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
