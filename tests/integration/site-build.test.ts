/**
 * Real Astro builds of small data folders through `npm run build`'s script, asserting on the
 * HTML, CSV and SVG files it writes. Builds cost seconds on a small machine: each folder is built
 * once (beforeAll) and every assertion reads the same output.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReport } from '../../src/core/load.ts';
import { renderMarkdown } from '../../src/core/markdown.ts';
import type { Report } from '../../src/core/types.ts';
import { buildSiteModel } from '../../src/site/model.ts';
import { tableCsv } from '../../src/site/tables/cells.ts';
import { copyRealData, ROOT } from '../unit/core/paths.ts';
import { runCommand, type ScriptResult } from './run-script.ts';

const FIXTURES = path.join(ROOT, 'tests/fixtures/site');

type Result = ScriptResult;

/** Runs `npm run build -- …` as a user would (through the Node that runs the tests). */
const build = (...args: string[]): Promise<Result> => runCommand('build', args, {});
/** The same with variables set for the one command, as `VAR=value npm run build -- …` would. */
const buildWith = (env: Record<string, string>, ...args: string[]): Promise<Result> => runCommand('build', args, env);

/** Each file of a built site by its SHA-256. */
async function digestOf(dir: string): Promise<Record<string, string>> {
  const list = await files(dir);
  return Object.fromEntries(await Promise.all(list.map(async (f) => [f, createHash('sha256').update(await readFile(path.join(dir, f))).digest('hex')])));
}

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

/** A built site: read pages as linkedom documents, files as text. */
function site(out: string) {
  return {
    out,
    text: (file: string) => readFile(path.join(out, file), 'utf8'),
    async page(url: string) {
      const html = await readFile(path.join(out, url.replace(/^\//, ''), 'index.html'), 'utf8');
      return { html, document: parseHTML(html).document as unknown as Document };
    },
  };
}

const textOf = (document: Document) => document.body.textContent ?? '';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-site-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('npm run build of the embedded data', () => {
  let result: Result;
  let report: Report;
  let s: ReturnType<typeof site>;
  beforeAll(async () => {
    const out = path.join(tmp, 'data-site');
    result = await build('--out', out);
    report = await loadReport(path.join(ROOT, 'data'));
    s = site(out);
  });

  it('succeeds and says in one line how many figures are not measured', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.output).toContain(`${report.gaps.length} figures are not measured (see npm run analyze -- --gaps)`);
    expect(result.output).not.toContain('not measured: RunPod-RTX2000-16GB');
    // 13 pages, the 404 page and the embed page of each of the 21 charts.
    expect(result.stdout).toMatch(/Built 35 pages from data into /);
  });

  it('is quiet: no progress and no warning of its own making, only the gaps line and the summary', () => {
    // Another test file's build may hold the project's build lock: that wait is said, and is not this build's noise.
    const lines = result.stderr.trim().split('\n').filter((line) => !/^Waiting for another build of this project \(pid \d+\) to finish/.test(line));
    expect(lines, result.stderr).toEqual([`${report.gaps.length} figures are not measured (see npm run analyze -- --gaps)`]);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('writes every page of the site', async () => {
    const all = await files(s.out);
    const pages = all.filter((f) => f.endsWith('.html') && !f.startsWith('embed/'));
    // One embed page per chart: three per GPU × workload, two per workload.
    expect(all.filter((f) => f.startsWith('embed/') && f.endsWith('/index.html'))).toHaveLength(5 * 3 + 3 * 2);
    expect(pages).toEqual([
      '404.html',
      'capacity-frontier/index.html',
      'compare/batch/index.html', 'compare/chat/index.html', 'compare/rag/index.html',
      'data/index.html',
      'gpus/l4-24gb-synthetic/batch/index.html', 'gpus/l4-24gb-synthetic/chat/index.html', 'gpus/l4-24gb-synthetic/rag/index.html',
      'gpus/runpod-rtx2000-16gb/batch/index.html', 'gpus/runpod-rtx2000-16gb/chat/index.html',
      'index.html',
      'life-of-a-request/index.html',
      'print/index.html',
    ]);
  });

  it('ends Life of a Request\'s review section with one sentence when there is no baseline', async () => {
    const { html, document } = await s.page('/life-of-a-request/');
    expect(document.querySelector('h2#against-a-baseline')!.textContent).toContain('Against a baseline');
    // The first paragraph after the heading, up to the next heading.
    const rest = html.slice(html.indexOf('id="against-a-baseline"'), html.indexOf('id="key-numbers"'));
    expect([...rest.matchAll(/<p[^>]*>([^<]*)<\/p>/g)].map((m) => m[1])).toEqual(['This report is not compared with a baseline.']);
    expect(document.querySelector('main .review-verdicts')).toBeNull();
  });

  it('ships no client JavaScript', async () => {
    for (const file of await files(s.out)) {
      expect(file.endsWith('.js'), file).toBe(false);
      if (file.endsWith('.html')) expect(await s.text(file), file).not.toMatch(/<script/i);
    }
  });

  it('serves the Markdown report byte for byte as npm run analyze prints it', async () => {
    expect(await s.text('capacity-frontier.md')).toBe(renderMarkdown(report));
    const { document } = await s.page('/capacity-frontier/');
    expect(document.querySelector('h1')?.textContent).toBe(report.title);
    // A group without a sweet spot says so in a sentence, not in a table of dashes.
    expect(document.querySelectorAll('article table')).toHaveLength(report.groups.filter((g) => g.sweet_spots.length > 0).length);
    expect(document.querySelector('article h2')?.getAttribute('id')).toBe('l4-24gb-synthetic--batch-workload');
    expect(document.querySelector('a[href="/capacity-frontier.md"]')).not.toBeNull();
  });

  it('shows every GPU × workload in the overview matrix', async () => {
    const { document } = await s.page('/');
    const text = textOf(document);
    for (const group of report.groups) expect(document.querySelector(`a[href="/gpus/${group.gpu_slug}/${group.workload_slug}/"]`), group.slug).not.toBeNull();
    expect(text).toContain('concurrency 16, max_tokens 64');
    expect(text).toContain('p95 e2e 1316 ms');
    expect(text).toContain('34% headroom');
    expect(text).toContain('SLO: p95 TTFT ≤ 1000 ms');
    expect(text).toContain('none met the SLO');
    expect(text).toContain('closest run: 2 × 128');
  });

  it('gives each GPU × workload its sweet spots, recommendation, SLO, charts, findings and every run', async () => {
    const { document, html } = await s.page('/gpus/runpod-rtx2000-16gb/chat/');
    const text = textOf(document);
    expect(text).toContain('Use concurrency 16, max_tokens 64 for the best throughput within the SLO (579.7 tok/s at p95 e2e 1316 ms, 34% headroom).');
    expect(text).toContain('The SLO is p95 e2e ≤ 2000 ms. Headroom is the share of those 2000 ms a run leaves unused: at 1500 ms, 25% headroom.');
    expect(text).toContain('p95 e2e ≤ 2000 ms (p95_e2e_ms)');
    const sweet = document.querySelector('#table-sweet-spots table')!;
    expect([...sweet.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Concurrency', 'max_tokens', 'Throughput (tok/s)', 'p95 e2e (ms)', 'Headroom']);
    expect([...sweet.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent))).toEqual([
      ['16', '64', '579.7', '1316', '34%'], ['8', '64', '343.2', '1169', '42%'], ['4', '64', '172.9', '1106', '45%'],
    ]);
    const figures = document.querySelectorAll('figure.chart');
    expect(figures).toHaveLength(3);
    for (const figure of figures) {
      expect(figure.querySelector('svg.cf-chart[aria-label]')).not.toBeNull();
      expect(figure.querySelector('figcaption')?.textContent?.trim()).not.toBe('');
      const link = figure.querySelector('a[download]')!.getAttribute('href')!;
      // The download is the page's chart on a white ground, with its title written on it and the source line.
      const svg = await s.text(link.slice(1));
      const title = figure.querySelector('h3')!.textContent!;
      expect(svg).toContain(`font-weight="600">${title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`);
      expect(svg).toMatch(/<rect width="\d+" height="\d+" fill="white"\/>/);
      expect(svg).toContain('>Source: ');
      expect(html).toContain(figure.querySelector('svg.cf-chart')!.getAttribute('aria-label')!.slice(0, 40));
    }
    const runs = document.querySelectorAll('#table-runs tbody tr');
    const group = report.groups.find((g) => g.slug === 'runpod-rtx2000-16gb/chat')!;
    expect(runs).toHaveLength(group.points.length);
    expect(text).toContain('rtx2000-ada/day003_chat_capacity_rtx16gb.csv:2');
    expect(text).toContain('Max stable concurrency');
    expect(document.querySelector('.heading + ul.findings li')?.parentElement?.previousElementSibling?.querySelector('#findings')).not.toBeNull();
  });

  it('shows failed and OOM runs with their status, and repeats with n and spread', async () => {
    const { document } = await s.page('/gpus/l4-24gb-synthetic/chat/');
    const oom = document.querySelector('#run-c64-t256')!;
    expect(oom.textContent).toContain('OOM');
    // A run that did not finish has no figures by nature: "–", never "not measured".
    expect(oom.querySelectorAll('.gap')).toHaveLength(0);
    expect(oom.textContent).toContain('–');
    expect(document.querySelector('#run-c64-t128')!.textContent).toContain('ok, 3 failed');
    const repeated = document.querySelector('#run-c16-t128')!.textContent!;
    expect(repeated).toContain('876.0–930.2');
    expect(repeated).toContain('synthetic-l4/l4_chat_sweep.csv:12, 20, 21');
  });

  it('writes a CSV for every table, the same model as the page', async () => {
    for (const table of buildSiteModel(report, []).tables) expect(await s.text(table.csv.slice(1)), table.csv).toBe(tableCsv(table));
  });

  it('compares every GPU of a workload on one chart and in one table', async () => {
    const { document } = await s.page('/compare/chat/');
    expect(document.querySelectorAll('#table-compare tbody tr')).toHaveLength(2);
    const figures = document.querySelectorAll('figure.chart');
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) expect(existsSync(path.join(s.out, figure.querySelector('a[download]')!.getAttribute('href')!.slice(1)))).toBe(true);
  });

  it('gives the provenance of every input file and the thresholds used', async () => {
    const { document } = await s.page('/data/');
    const text = textOf(document);
    for (const file of report.files) {
      expect(text).toContain(file.file);
      expect(text).toContain(file.sha256);
    }
    expect(text).toContain('No row was rejected');
    // Headroom in words a client reads, not a formula.
    expect(text.replace(/\s+/g, ' ')).toContain('Headroom is the share of the threshold a run leaves unused: 1500 ms under a 2000 ms threshold is 25% headroom.');
    expect(text).not.toContain('× 100');
    const rows = [...document.querySelectorAll('#table-thresholds tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
    expect(rows).toContainEqual(['RAG', 'p95 TTFT ≤ 1000 ms', 'p95_ttft_ms', '1000']);
    const notMeasured = [...document.querySelectorAll('#table-not-measured tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
    expect(notMeasured).toContainEqual(['RunPod-RTX2000-16GB', 'Batch', 'p95 TTFT (every run); p50 TPOT (every run); p95 TPOT (every run); p50 ITL (every run); p95 ITL (every run)']);
    // The engineer's to-do (file names, what to add) is not the client's page.
    expect(text).not.toMatch(/add a \w+ column|fill \w+ at/);
  });

  it('builds tables with captions, scoped headers and no empty cell', async () => {
    for (const file of (await files(s.out)).filter((f) => f.endsWith('.html'))) {
      const { document } = parseHTML(await s.text(file));
      for (const table of document.querySelectorAll('table')) {
        if (!table.closest('article')) expect(table.querySelector('caption')?.textContent?.trim(), file).toBeTruthy();
        for (const th of table.querySelectorAll('th')) expect(th.getAttribute('scope'), file).toMatch(/^(col|row)$/);
        for (const cell of table.querySelectorAll('td, th')) expect(cell.textContent?.trim(), `${file}: empty cell`).not.toBe('');
      }
      expect(document.body.textContent, file).not.toMatch(/\bNaN\b|\bundefined\b|Infinity|\[YOUR VALUE\]/);
    }
  });

  it('links only to files the build wrote, through trailing-slash directory URLs', async () => {
    const all = new Set(await files(s.out));
    for (const file of [...all].filter((f) => f.endsWith('.html'))) {
      const { document } = parseHTML(await s.text(file));
      for (const a of document.querySelectorAll('a[href]')) {
        const href = a.getAttribute('href')!;
        if (href.startsWith('#')) {
          expect(document.getElementById(href.slice(1)), `${file}: ${href}`).not.toBeNull();
          continue;
        }
        expect(href.startsWith('/'), `${file}: ${href}`).toBe(true);
        const [target = ''] = href.split('#');
        const resolved = target.endsWith('/') ? `${target.slice(1)}index.html` : target.slice(1);
        expect(all.has(resolved), `${file} links to ${href}`).toBe(true);
      }
    }
  });

  it('gives the same bytes for the same input: with drawings made afresh, and with every one read back from the cache', async () => {
    const cache = path.join(tmp, 'render-cache');
    const cold = await buildWith({ CAPACITY_CACHE: cache }, '--out', path.join(tmp, 'data-site-cold'));
    expect(cold.code, cold.stderr).toBe(0);
    const entries = await files(cache);
    // Two entries per chart (its page, file and card drawings in one; the phone's), one per preview
    // image, one per section of the print document, the report's Markdown rendered, and the mark
    // that every drawing of these pages is kept (so a rebuild starts no drawing thread).
    const charts = (await files(s.out)).filter((f) => f.endsWith('.svg') && !f.startsWith('logo')).length;
    const cards = (await files(s.out)).filter((f) => f.startsWith('og/')).length;
    const sections = ((await s.text('print/index.html')).match(/<section class="print-section/g) ?? []).length;
    expect(sections).toBeGreaterThan(0);
    expect(entries.length).toBe(2 * charts + cards + sections + 2);
    const warm = await buildWith({ CAPACITY_CACHE: cache }, '--out', path.join(tmp, 'data-site-warm'));
    expect(warm.code, warm.stderr).toBe(0);
    // Every drawing was found: the second build wrote no entry.
    expect(await files(cache)).toEqual(entries);
    const expected = await digestOf(s.out);
    expect(await digestOf(path.join(tmp, 'data-site-cold'))).toEqual(expected);
    expect(await digestOf(path.join(tmp, 'data-site-warm'))).toEqual(expected);
  });

  it('draws afresh what changed: a folder built with the cache of another gives the bytes of a build without one', async () => {
    const cache = path.join(tmp, 'render-cache-changed');
    const changed = path.join(tmp, 'data-changed');
    await mkdir(changed, { recursive: true });
    for (const file of await files(path.join(ROOT, 'data'))) {
      await mkdir(path.dirname(path.join(changed, file)), { recursive: true });
      await writeFile(path.join(changed, file), await readFile(path.join(ROOT, 'data', file)));
    }
    expect((await buildWith({ CAPACITY_CACHE: cache }, '--out', path.join(tmp, 'changed-first'))).code).toBe(0);
    // One throughput of one run changes: its group's charts and card, and the comparison it is on.
    const csv = (await files(changed)).find((f) => f.endsWith('.csv'))!;
    const text = await readFile(path.join(changed, csv), 'utf8');
    const lines = text.split('\n');
    const header = lines[0]!.split(',');
    const column = header.indexOf('throughput_tok_s');
    expect(column, `${csv} has a throughput_tok_s column`).toBeGreaterThan(-1);
    const cells = lines[1]!.split(',');
    cells[column] = String(Number(cells[column]) * 1.5);
    lines[1] = cells.join(',');
    await writeFile(path.join(changed, csv), lines.join('\n'));
    const before = new Set(await files(cache));
    const warm = await buildWith({ CAPACITY_CACHE: cache }, '--data', changed, '--out', path.join(tmp, 'changed-warm'));
    expect(warm.code, warm.stderr).toBe(0);
    expect((await files(cache)).filter((f) => !before.has(f)).length, 'new drawings for what changed').toBeGreaterThan(0);
    const off = await buildWith({ CAPACITY_CACHE: 'off' }, '--data', changed, '--out', path.join(tmp, 'changed-off'));
    expect(off.code, off.stderr).toBe(0);
    expect(await digestOf(path.join(tmp, 'changed-warm'))).toEqual(await digestOf(path.join(tmp, 'changed-off')));
  });
});

describe('npm run build of a folder with several GPUs', () => {
  let result: Result;
  let s: ReturnType<typeof site>;
  beforeAll(async () => {
    const out = path.join(tmp, 'several');
    result = await build('--data', path.join(FIXTURES, 'several-gpus'), '--out', out);
    s = site(out);
  });

  it('succeeds, counting the figures that are not measured', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.output).toMatch(/\d+ figures are not measured \(see npm run analyze -- --data \S+ --gaps\)/);
  });

  it('shows every GPU × workload, and pairs never tested as such', async () => {
    const { document } = await s.page('/');
    const rows = [...document.querySelectorAll('.matrix table tbody tr')];
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(['=L40S+1', 'A100-80GB', 'H100 <SXM> & "80GB"']);
    expect(rows[0]!.textContent).toContain('not tested');
    expect(rows[2]!.textContent).toContain('concurrency 32, max_tokens 512');
  });

  it('escapes labels from the data everywhere', async () => {
    for (const file of (await files(s.out)).filter((f) => f.endsWith('.html'))) {
      const { document } = parseHTML(await s.text(file));
      // Labels hold `<script>` and `<SXM>`: as text they are fine, as elements they would be injected.
      expect(document.querySelectorAll('script, sxm'), file).toHaveLength(0);
      // An embed page is one chart, without the navigation that names every GPU.
      if (!file.startsWith('embed/')) expect(document.body.textContent, file).toContain('H100 <SXM> & "80GB"');
    }
    const { document, html } = await s.page('/gpus/h100-sxm-80gb/chat/');
    expect(document.querySelector('h1')?.textContent).toBe('H100 <SXM> & "80GB" – Chat workload');
    expect(document.title).toBe('H100 <SXM> & "80GB" – Chat workload · Fleet <script>alert(1)</script> & co');
    expect(html).toContain('H100 &lt;SXM&gt; &amp;');
  });

  it('shows a missing figure as "not measured", styled as a gap', async () => {
    const { document } = await s.page('/gpus/a100-80gb/chat/');
    const row = document.querySelector('#run-c8-t256')!;
    expect([...row.querySelectorAll('span.gap')].map((span) => span.textContent)).toContain('not measured');
  });

  it('guards labels against spreadsheet formulas in the CSV downloads', async () => {
    const csv = await s.text('recommendations.csv');
    expect(csv).toContain("\r\n'=L40S+1,chat,");
    expect(csv).toContain('"H100 <SXM> & ""80GB"""');
  });

  it('compares every GPU of a workload, each on the chart', async () => {
    const { document } = await s.page('/compare/chat/');
    expect(document.querySelectorAll('#table-compare tbody tr')).toHaveLength(3);
    for (const figure of document.querySelectorAll('figure.chart')) {
      const label = figure.querySelector('svg')!.getAttribute('aria-label')!;
      for (const gpu of ['=L40S+1', 'A100-80GB', 'H100 <SXM> & "80GB"']) expect(label).toContain(gpu);
    }
  });
});

describe('npm run build of a folder where no run meets the SLO', () => {
  let result: Result;
  let s: ReturnType<typeof site>;
  beforeAll(async () => {
    const out = path.join(tmp, 'no-slo');
    result = await build('--data', path.join(FIXTURES, 'no-slo'), '--out', out);
    s = site(out);
  });

  it('says so on the GPU × workload page and names the closest run', async () => {
    expect(result.code, result.stderr).toBe(0);
    const { document } = await s.page('/gpus/t4/chat/');
    const text = textOf(document);
    expect(text).toContain('No run met the SLO (p95 e2e ≤ 2000 ms); the closest was concurrency 1, max_tokens 256: p95 e2e 12800 ms.');
    expect(document.querySelector('#table-sweet-spots')).toBeNull();
    expect(document.querySelector('.callout a[href="#run-c1-t256"]')).not.toBeNull();
    expect(document.querySelector('#run-c1-t256')?.classList.contains('highlight')).toBe(true);
  });

  it('says so in the overview, with the closest run', async () => {
    const text = textOf((await s.page('/')).document);
    expect(text).toContain('none met the SLO');
    expect(text).toContain('closest run: 1 × 256');
    expect(text).toContain('0 of 1');
  });
});

describe('npm run build of runs that only their folders tell apart', () => {
  let result: Result;
  let s: ReturnType<typeof site>;
  beforeAll(async () => {
    // InferenceMAX's AIPerf runs, one folder each; only the folder name records the KV offload setting.
    const data = copyRealData(path.join(tmp, 'inferencemax-data'), { results: 'ajith-sirra-amd__InferenceMAX_Rocm_Team/results' }, {
      files: { 'results/**/profile_export_aiperf.json': { gpu: 'MI355X', workload: 'agentic' } },
      ignore: ['**/agg_bmk.json'],
    });
    const out = path.join(tmp, 'inferencemax');
    result = await build('--data', data, '--out', out);
    s = site(out);
  });

  it('keeps each folder a setup of its own, and tells the engineer, not the page, which rule would name the setting', async () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('setups: MI355X / agentic: 8 setups are told apart only by where their files are');
    expect(result.stderr).toContain('"pattern": "offload-?(?<offload>[^_/]+)"');
    const { html, document } = await s.page('/gpus/mi355x/agentic/');
    expect(textOf(document)).toContain('8 setups, never merged');
    expect(html).not.toContain('pattern');
  });
});

describe('npm run build failures', () => {
  // Failing builds stop early; the three run side by side to spare the wall clock.
  let kept: Result;
  let never: Result;
  let strict: Result;
  beforeAll(async () => {
    await mkdir(path.join(tmp, 'kept'), { recursive: true });
    await writeFile(path.join(tmp, 'kept', 'marker.txt'), 'previous build');
    [kept, never, strict] = await Promise.all([
      build('--data', path.join(FIXTURES, 'invalid'), '--out', path.join(tmp, 'kept')),
      build('--data', path.join(FIXTURES, 'invalid'), '--out', path.join(tmp, 'never')),
      build('--data', path.join(FIXTURES, 'several-gpus'), '--out', path.join(tmp, 'strict'), '--strict'),
    ]);
  });

  it('fails on invalid data with the core\'s file:line:column lines and leaves the output as it was', async () => {
    const out = path.join(tmp, 'kept');
    const result = kept;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('day001_chat_capacity_t4.csv:2:7: throughput_tok_s expects a number of 0 or more but found "abc"');
    expect(result.stderr).toContain('day001_chat_capacity_t4.csv:3:1: concurrency expects a whole number of 1 or more but found "-5"');
    expect(await files(out)).toEqual(['marker.txt']);
    expect((await readdir(tmp)).filter((name) => name.includes('.building-'))).toEqual([]);
  });

  it('writes nothing at all when there was no previous output', async () => {
    const out = path.join(tmp, 'never');
    const result = never;
    expect(result.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it('fails a strict build on a folder with gaps, listing each gap', async () => {
    const out = path.join(tmp, 'strict');
    const result = strict;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--strict: \d+ figures are not measured:/);
    expect(result.stderr).toContain('not measured: A100-80GB / chat c8-t256: p95 e2e: fill p95_e2e_ms at a100_sweep.csv:10');
    expect(result.stderr).toContain('not measured: KV-cache budget of A100-80GB: context length');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on wrong usage', async () => {
    expect((await build('--bogus')).code).toBe(2);
    expect((await build('--data', path.join(tmp, 'missing'))).code).toBe(2);
    expect((await build('--out', ROOT)).code).toBe(2);
    expect((await build('--data', path.join(FIXTURES, 'no-slo'), '--out', path.join(FIXTURES, 'no-slo', 'site'))).code).toBe(2);
  });
});
