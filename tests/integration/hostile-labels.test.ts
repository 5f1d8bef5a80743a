/**
 * Labels are untrusted: a folder whose GPU and workload names carry HTML, SVG, script, quotes,
 * right-to-left text and `../` builds into a site that shows each label verbatim, injects nothing,
 * writes nothing outside the output folder and gives two look-alike labels two pages.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DOMParser, parseHTML } from 'linkedom';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../src/core/load.ts';
import type { Report } from '../../src/core/types.ts';
import { runCommand } from './run-script.ts';


const GPUS = [
  '<script>alert(1)</script>',
  '</svg><svg onload="alert(2)">',
  '"quoted" & \'single\' <b>bold</b>',
  'بطاقة رسومات \u202eRTL',
  '../../../etc/passwd',
  '..',
  'A100',
  'a100',
  '=HYPERLINK("http://x")',
];
const WORKLOAD = 'chat<img src=x onerror=alert(3)>';

const csvCell = (text: string) => `"${text.replace(/"/g, '""')}"`;

let tmp: string;
let out: string;
let report: Report;
let output = '';
let code = 0;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-hostile-'));
  const data = path.join(tmp, 'data');
  await mkdir(data);
  const rows = ['gpu,workload,concurrency,max_new_tokens,throughput_tok_s,p95_ttft_ms,p95_e2e_ms'];
  GPUS.forEach((gpu, i) => {
    rows.push(`${csvCell(gpu)},${csvCell(WORKLOAD)},1,64,${10 + i},100,900`);
    rows.push(`${csvCell(gpu)},${csvCell(WORKLOAD)},4,64,${30 + i},150,1500`);
  });
  await writeFile(path.join(data, 'hostile.csv'), `${rows.join('\n')}\n`);
  report = await loadReport(data);
  out = path.join(tmp, 'site', 'dist');
  await mkdir(path.dirname(out));
  ({ code, output } = await runCommand('build', ['--data', data, '--out', out]));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('hostile labels', () => {
  it('build', () => {
    expect(code, output.slice(-3000)).toBe(0);
    expect(output).toContain('Built');
  });

  it('get one safe, distinct slug each', () => {
    const slugs = report.gpus.map((g) => g.slug);
    expect(report.gpus.map((g) => g.label).sort()).toEqual([...GPUS].sort());
    expect(new Set(slugs).size).toBe(GPUS.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('write nothing outside the output folder', async () => {
    const written = await walk(path.join(tmp, 'site'));
    expect(written.length).toBeGreaterThan(GPUS.length);
    for (const file of written) expect(path.relative(out, file).startsWith('..')).toBe(false);
    expect((await readdir(tmp)).sort()).toEqual(['data', 'site']);
  });

  it('inject no element or handler into any page, and show each label verbatim', async () => {
    const pages = (await walk(out)).filter((f) => f.endsWith('.html'));
    for (const file of pages) {
      const html = await readFile(file, 'utf8');
      const { document } = parseHTML(html);
      expect(document.querySelectorAll('script, img, b').length, file).toBe(0);
      expect([...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length, file).toBe(0);
    }
    for (const gpu of report.gpus) {
      const html = await readFile(path.join(out, 'gpus', gpu.slug, report.workloads[0]!.slug, 'index.html'), 'utf8');
      const { document } = parseHTML(html);
      expect(document.querySelector('h1')?.textContent).toContain(gpu.label);
      // Each chart is two SVGs (its desktop and phone drawings): an injected </svg><svg> would make more.
      const figures = [...document.querySelectorAll('figure')].filter((f) => f.querySelector('svg'));
      for (const figure of figures) expect(figure.querySelectorAll('svg').length).toBeLessThanOrEqual(2 + figure.querySelectorAll('svg svg').length);
    }
  });

  it('keep the labels as text in the standalone SVG downloads', async () => {
    const svgs = (await walk(out)).filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(0);
    for (const file of svgs) {
      const svg = await readFile(file, 'utf8');
      const document = new DOMParser().parseFromString(svg, 'image/svg+xml');
      const elements = [...document.querySelectorAll('*')];
      expect(elements.filter((el) => ['svg', 'script', 'img', 'foreignObject'].includes(el.localName)).map((el) => el.localName), file).toEqual(['svg']);
      expect(elements.filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on'))).length, file).toBe(0);
    }
    const chart = await readFile(path.join(out, 'gpus', report.gpus.find((g) => g.label.startsWith('</svg>'))!.slug, report.workloads[0]!.slug, 'frontier.svg'), 'utf8');
    expect(new DOMParser().parseFromString(chart, 'image/svg+xml').querySelector('title')?.textContent).toBe('Capacity frontier: </svg><svg onload="alert(2)"> – Chat<img src=x onerror=alert(3)> workload');
  });

  it('keep labels verbatim in CSV downloads and defuse formulas', async () => {
    const csv = await readFile(path.join(out, 'recommendations.csv'), 'utf8');
    const rows = Papa.parse<string[]>(csv.trim()).data.slice(1);
    expect(rows.map((r) => r[0]).sort()).toEqual(GPUS.map((g) => (/^[=+\-@]/.test(g) ? `'${g}` : g)).sort());
  });

  it('escape labels in the Markdown download', async () => {
    const md = await readFile(path.join(out, 'capacity-frontier.md'), 'utf8');
    expect(md).toContain('## \\<script\\>alert(1)\\</script\\> – Chat\\<img src=x onerror=alert(3)\\> workload');
    expect(md).not.toMatch(/(^|[^\\])<script/);
    const { document } = parseHTML(await readFile(path.join(out, 'capacity-frontier', 'index.html'), 'utf8'));
    expect([...document.querySelectorAll('h2')].map((h) => h.textContent)).toContain('<script>alert(1)</script> – Chat<img src=x onerror=alert(3)> workload');
  });
});
