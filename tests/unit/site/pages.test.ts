import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CARD, ogCardOf, ogFile } from '../../../src/site/og.ts';
import { navSections, printPages, RESERVED_SLUGS, sitePages, writeupPath } from '../../../src/site/pages.ts';
import { printSections } from '../../../src/site/print.ts';
import { sitemapPaths } from '../../../src/site/sitemap.ts';
import { ROOT } from '../core/paths.ts';
import { fixtureModel, fixtureReport, LIFE } from './fixtures.ts';

const GROUPS = [
  '/gpus/l4-24gb-synthetic/batch/', '/gpus/l4-24gb-synthetic/chat/', '/gpus/l4-24gb-synthetic/rag/',
  '/gpus/runpod-rtx2000-16gb/batch/', '/gpus/runpod-rtx2000-16gb/chat/',
];
const COMPARE = ['/compare/batch/', '/compare/chat/', '/compare/rag/'];

describe('the page registry', () => {
  it('lists every page once, in reading order', async () => {
    const pages = sitePages(await fixtureReport('data'), [LIFE]);
    expect(pages.map((p) => p.path)).toEqual(['/', '/life-of-a-request/', '/capacity-frontier/', '/data/', ...COMPARE, ...GROUPS]);
    expect(pages.map((p) => p.kind)).toEqual(['overview', 'writeup', 'report', 'data', 'compare', 'compare', 'compare', 'group', 'group', 'group', 'group', 'group']);
    expect(new Set(pages.map((p) => p.path)).size).toBe(pages.length);
  });

  it('titles and describes each page from the report', async () => {
    const pages = sitePages(await fixtureReport('data'), [LIFE]);
    const byPath = new Map(pages.map((p) => [p.path, p]));
    expect(byPath.get('/')).toMatchObject({ title: 'Overview', description: 'Recommended settings for 2 GPUs on 3 workloads: 4 of 5 pairs within their latency SLO.' });
    expect(byPath.get('/life-of-a-request/')).toMatchObject({ title: LIFE.title, description: LIFE.description });
    expect(byPath.get('/data/')!.description).toBe('What this report was built from: 5 input files with their SHA-256 checksums, 49 runs, rows rejected and the thresholds used.');
    expect(byPath.get('/compare/rag/')).toMatchObject({ title: 'RAG workload: every GPU', description: 'Every GPU measured on the RAG workload on one chart and in one table, judged on p95 TTFT ≤ 1000 ms.' });
    // A group page is described by its recommendation: the sentence its link preview shows.
    expect(byPath.get('/gpus/l4-24gb-synthetic/rag/')).toMatchObject({
      title: 'L4-24GB (synthetic) – RAG workload',
      description: 'No run met the SLO (p95 TTFT ≤ 1000 ms); the closest was concurrency 2, max_tokens 128: p95 TTFT 1670 ms.',
    });
  });

  it('adds the review and the capacity plan after the overview when a report has them', async () => {
    const pages = sitePages(await fixtureReport('data'), [LIFE], { review: true, plan: true });
    expect(pages.slice(0, 4).map((p) => [p.path, p.kind])).toEqual([['/', 'overview'], ['/review/', 'review'], ['/plan/', 'plan'], ['/life-of-a-request/', 'writeup']]);
  });

  it('builds the navigation: Report, Compare GPUs, then one section per GPU', async () => {
    const pages = sitePages(await fixtureReport('data'), [LIFE]);
    expect(navSections(pages)).toEqual([
      { title: 'Report', links: [
        { label: 'Overview', path: '/' }, { label: 'Life of a Request', path: '/life-of-a-request/' },
        { label: 'Capacity report', path: '/capacity-frontier/' }, { label: 'Data', path: '/data/' },
      ] },
      { title: 'Compare GPUs', links: [{ label: 'Batch', path: '/compare/batch/' }, { label: 'Chat', path: '/compare/chat/' }, { label: 'RAG', path: '/compare/rag/' }] },
      { title: 'L4-24GB (synthetic)', links: [{ label: 'Batch', path: GROUPS[0] }, { label: 'Chat', path: GROUPS[1] }, { label: 'RAG', path: GROUPS[2] }] },
      { title: 'RunPod-RTX2000-16GB', links: [{ label: 'Batch', path: GROUPS[3] }, { label: 'Chat', path: GROUPS[4] }] },
    ]);
    // Labels stay verbatim (escaping is the template's job).
    expect(navSections(sitePages(await fixtureReport('several-gpus'), [])).map((s) => s.title)).toEqual(['Report', 'Compare GPUs', '=L40S+1', 'A100-80GB', 'H100 <SXM> & "80GB"']);
  });

  it('prints the overview first and the data last, the capacity report included', async () => {
    const pages = sitePages(await fixtureReport('data'), [LIFE], { review: true, plan: true });
    expect(printPages(pages).map((p) => p.path)).toEqual(['/', '/review/', '/plan/', ...COMPARE, ...GROUPS, '/life-of-a-request/', '/capacity-frontier/', '/data/']);
    expect(pages.every((p) => p.print)).toBe(true);
    expect(printSections(pages).map((s) => s.path)).toEqual(printPages(pages).map((p) => p.path));
  });

  it('gives every page marked for a card a card of its own; the others fall back', async () => {
    const model = await fixtureModel('data');
    const files = new Set(model.cards.map((c) => c.file));
    for (const page of model.pages) {
      if (page.card) {
        expect(files.has(ogFile(page.path)), page.path).toBe(true);
        expect(ogCardOf(model.cards, page.path).file, page.path).not.toBe(DEFAULT_CARD);
      }
    }
    expect(model.pages.filter((p) => !p.card).map((p) => p.path)).toEqual(['/capacity-frontier/']);
    // The capacity report previews as the overview does.
    expect(ogCardOf(model.cards, '/capacity-frontier/').file).toBe('/og/card.png');
    expect(model.cards.map((c) => c.file)).toEqual([
      '/og/card.png', '/og/life-of-a-request/card.png', '/og/data/card.png',
      ...COMPARE.map((p) => `/og${p}card.png`), ...GROUPS.map((p) => `/og${p}card.png`), DEFAULT_CARD,
    ]);
  });

  it('puts exactly the registry\'s pages in the sitemap', async () => {
    const model = await fixtureModel('data');
    expect(sitemapPaths(model.pages)).toEqual(model.pages.map((p) => p.path));
  });
});

describe('reserved slugs', () => {
  it('hold every top-level route of the site', () => {
    for (const slug of ['gpus', 'compare', 'data', 'capacity-frontier', 'print', 'tables', 'embed', 'review', 'plan', 'og']) expect(RESERVED_SLUGS, slug).toContain(slug);
    // Every static top-level route of src/pages (a folder or a file's first name part).
    const routes = readdirSync(path.join(ROOT, 'src/pages'))
      .map((name) => name.replace(/\.(astro|ts)$/, '').split('.')[0]!)
      .filter((name) => name !== 'index' && !name.startsWith('['));
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const route of routes) expect(RESERVED_SLUGS, route).toContain(route);
  });

  it('hold the first folder of every path the site writes, write-ups aside', async () => {
    const model = await fixtureModel('data');
    const sitePaths = [
      ...model.pages.filter((p) => p.kind !== 'writeup').map((p) => p.path),
      ...model.tables.map((t) => t.csv),
      ...model.charts.map((c) => c.file),
      ...model.cards.map((c) => c.file),
    ];
    const folders = new Set(sitePaths.map((p) => p.split('/')).filter((parts) => parts.length > 2).map((parts) => parts[1]!));
    expect([...folders].sort()).toEqual(['capacity-frontier', 'compare', 'data', 'gpus', 'og', 'tables']);
    for (const folder of folders) expect(RESERVED_SLUGS, folder).toContain(folder);
  });

  it('put a write-up at its own top-level path', () => {
    expect(writeupPath('life-of-a-request')).toBe('/life-of-a-request/');
  });
});
