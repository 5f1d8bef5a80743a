import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { linkTarget, sectionContent } from '../../../src/site/print-section.ts';
import { sitePages } from '../../../src/site/pages.ts';
import { cachedSectionContent, sectionContents } from '../../../src/site/print-build.ts';
import { RenderCache } from '../../../src/site/render-cache.ts';
import { assemblePrint, PRINT_PATH, printPlan, printSections, reportDate, sectionKey } from '../../../src/site/print.ts';
import { fixtureReport, LIFE } from './fixtures.ts';

const page = (main: string) => `<!doctype html><html><head><title>x</title></head><body><nav class="site-nav"><a href="/reports/q3/">Overview</a></nav><main id="main"><nav class="breadcrumb"><a href="/reports/q3/">Overview</a></nav>${main}</main></body></html>`;

const SHELL = `<!doctype html><html><head><title>Print</title></head><body><main id="main">
<nav class="contents"><ol><li><a href="#overview">Overview</a></li><li><a href="#gpus/l4/chat">L4</a></li><li><a href="#life-of-a-request">Life</a></li><li><a href="#data">Data</a></li></ol></nav>
<section class="print-section" id="overview" data-print-source="/" aria-label="Overview"><p>placeholder</p></section>
<section class="print-section" id="gpus/l4/chat" data-print-source="/gpus/l4/chat/" aria-label="L4"><p>placeholder</p></section>
<section class="print-section" id="life-of-a-request" data-print-source="/life-of-a-request/" aria-label="Life"><p>placeholder</p></section>
<section class="print-section" id="data" data-print-source="/data/" aria-label="Data"><p>placeholder</p></section>
</main></body></html>`;

const PAGES: Record<string, string> = {
  '/': page('<h1>Report</h1><div class="heading"><h2 id="key-numbers">Key</h2><a class="permalink" href="#key-numbers"></a></div><a href="/reports/q3/gpus/l4/chat/">L4 chat</a> <a href="/reports/q3/gpus/l4/chat/#run-c16-t64">run</a> <a href="/reports/q3/compare/chat/">compare</a> <a href="/reports/q3/gpus/l4/chat/runs.csv" download>csv</a> <a href="https://vllm.ai/">vLLM</a>'),
  '/gpus/l4/chat/': page('<h1>L4</h1><div class="table-block" id="table-runs"><div role="region" aria-labelledby="runs-caption"><table aria-labelledby="runs-caption"><caption><span id="runs-caption">Runs</span></caption><tbody><tr id="run-c16-t64"><td>16</td></tr></tbody></table></div></div><a href="../../../data/#file-a">file</a><svg><clipPath id="clip"></clipPath><g clip-path="url(#clip)"></g></svg><img src="../../../logo.png" alt="">'),
  '/data/': page('<h1>Data</h1><p id="file-a">a.csv</p><a href="#key-numbers">not on this page</a>'),
};

const read = (p: string) => PAGES[p] ?? null;

describe('the one-page document', () => {
  it('orders sections from the page registry as a client reads them, each keyed by its path', async () => {
    const report = await fixtureReport('several-gpus');
    const sections = printSections(sitePages(report, [LIFE]));
    expect(sections.map((s) => s.path)).toEqual([
      '/', '/compare/batch/', '/compare/chat/',
      '/gpus/l40s-1/chat/', '/gpus/a100-80gb/chat/', '/gpus/h100-sxm-80gb/batch/', '/gpus/h100-sxm-80gb/chat/',
      '/life-of-a-request/', '/capacity-frontier/', '/data/',
    ]);
    expect(sections[0]).toEqual({ path: '/', title: 'Overview', key: 'overview' });
    expect(sections.at(-1)).toEqual({ path: '/data/', title: 'Data and provenance', key: 'data' });
    expect(sections.find((s) => s.path === '/gpus/h100-sxm-80gb/chat/')).toEqual({ path: '/gpus/h100-sxm-80gb/chat/', title: 'H100 <SXM> & "80GB" – Chat workload', key: 'gpus/h100-sxm-80gb/chat' });
    expect(sectionKey('/')).toBe('overview');
    expect(sectionKey('/gpus/l4/chat/')).toBe('gpus/l4/chat');
    expect(PRINT_PATH).toBe('/print/');
  });

  it('dates the title page from SOURCE_DATE_EPOCH, else the config\'s date, else the day of the build', () => {
    const now = new Date('2025-03-09T23:59:00Z');
    expect(reportDate('1714521600', '2023-01-02', now)).toBe('1 May 2024');
    expect(reportDate(' 1714521600 ', null, now)).toBe('1 May 2024');
    expect(reportDate(undefined, '2023-01-02', now)).toBe('2 January 2023');
    expect(reportDate('soon', '2023-01-02', now)).toBe('2 January 2023');
    expect(reportDate(undefined, null, now)).toBe('9 March 2025');
    expect(reportDate('', null, now)).toBe('9 March 2025');
  });

  it('fills each section with its page\'s main, ids prefixed, links kept inside the document', () => {
    const html = assemblePrint(SHELL, read, { base: '/reports/q3/', site: null });
    const { document } = parseHTML(html);
    // The shell is copied as it is, its doctype included.
    expect(html.startsWith('<!doctype html><html><head><title>Print</title>')).toBe(true);
    const overview = document.getElementById('overview')!;
    expect(overview.querySelector('h1')!.textContent).toBe('Report');
    expect(overview.querySelector('nav.breadcrumb')).toBeNull();
    expect(overview.hasAttribute('data-print-source')).toBe(false);
    expect(document.getElementById('overview/key-numbers')).not.toBeNull();
    const hrefs = [...overview.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['#overview/key-numbers', '#gpus/l4/chat', '#gpus/l4/chat/run-c16-t64', '/reports/q3/compare/chat/', '/reports/q3/gpus/l4/chat/runs.csv', 'https://vllm.ai/']);

    const l4 = document.getElementById('gpus/l4/chat')!;
    expect(l4.querySelector('[role="region"]')!.getAttribute('aria-labelledby')).toBe('gpus/l4/chat/runs-caption');
    expect(document.getElementById('gpus/l4/chat/runs-caption')).not.toBeNull();
    expect(l4.querySelector('a')!.getAttribute('href')).toBe('#data/file-a');
    expect(document.getElementById('data/file-a')).not.toBeNull();
    expect(l4.querySelector('g')!.getAttribute('clip-path')).toBe('url(#gpus/l4/chat/clip)');
    expect(l4.querySelector('img')!.getAttribute('src')).toBe('/reports/q3/logo.png');

    // Every id is unique, and every in-document link lands on one.
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of document.querySelectorAll('main a[href^="#"]')) {
      const target = a.getAttribute('href')!.slice(1);
      if (a.closest('#data')) continue; // the data page's own dangling link stays dangling
      expect(document.getElementById(target), target).not.toBeNull();
    }
  });

  it('drops a section whose page was not built, with its line in the contents', () => {
    const { document } = parseHTML(assemblePrint(SHELL, read, { base: '/reports/q3/', site: null }));
    expect(document.getElementById('life-of-a-request')).toBeNull();
    expect([...document.querySelectorAll('.contents a')].map((a) => a.getAttribute('href'))).toEqual(['#overview', '#gpus/l4/chat', '#data']);
  });

  it('fails naming the page when a built page has no <main>', () => {
    expect(() => assemblePrint(SHELL, (p) => (p === '/data/' ? '<p>no main here</p>' : read(p)), { base: '/reports/q3/', site: null }))
      .toThrow('assemblePrint expects a <main> in the page /data/ but found none');
  });

  it('points links that leave the document at the published site when it is known', () => {
    const keys = new Map([['/', 'overview']]);
    const pageUrl = new URL('http://print.invalid/reports/q3/gpus/l4/chat/');
    const hosting = { base: '/reports/q3/', site: 'https://acme.github.io' };
    expect(linkTarget('../../../compare/chat/#charts', pageUrl, keys, hosting)).toBe('https://acme.github.io/reports/q3/compare/chat/#charts');
    expect(linkTarget('/reports/q3/', pageUrl, keys, hosting)).toBe('#overview');
    expect(linkTarget('/reports/q3', pageUrl, keys, hosting)).toBe('#overview');
    expect(linkTarget('/elsewhere/', pageUrl, keys, hosting)).toBe('/elsewhere/');
    expect(linkTarget('mailto:a@b.c', pageUrl, keys, hosting)).toBe('mailto:a@b.c');
  });

  it('copies a page\'s main as it is, rewriting only the tags whose attributes change', () => {
    const html = page('<h1 title="a &amp; b">R&amp;D &lt;x&gt;</h1><svg viewBox="0 0 10 10"><clipPath id="c"><rect width="1"/></clipPath><path d="M0,0" clip-path="url(#c)"/></svg><a href="?q=1&amp;r=&quot;2&quot;" data-x="&quot;">q</a><br><p>after</p>');
    const content = sectionContent(html, { path: '/gpus/l4/chat/', key: 'gpus/l4/chat' }, new Map(), { base: '/', site: null })!;
    // Untouched tags and text keep their bytes (entities, the case of viewBox, self-closing SVG).
    expect(content).toContain('<h1 title="a &amp; b">R&amp;D &lt;x&gt;</h1><svg viewBox="0 0 10 10">');
    expect(content).toContain('<rect width="1"/>');
    expect(content).toContain('<clipPath id="gpus/l4/chat/c"><rect');
    expect(content).toContain('<path d="M0,0" clip-path="url(#gpus/l4/chat/c)"/>');
    // A rewritten tag has its values escaped again.
    expect(content).toContain('<a href="/gpus/l4/chat/?q=1&amp;r=%222%22" data-x="&quot;">q</a><br><p>after</p>');
    expect(content).not.toContain('breadcrumb');
    expect(sectionContent('<p>no main</p>', { path: '/', key: 'overview' }, new Map(), { base: '/', site: null })).toBeNull();
  });
});

describe('print sections through the render cache', () => {
  it('give what sectionContent gives, the second time from the cache, and another page or place its own', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cf-print-cache-'));
    try {
      const cache = new RenderCache({ dir, fingerprint: 'f' });
      const content = cachedSectionContent(cache);
      const html = page('<h1 id="t">Title</h1><a href="#t">t</a>');
      const place = { path: '/gpus/l4/chat/', key: 'gpus/l4/chat' };
      const keys = new Map([['/gpus/l4/chat/', 'gpus/l4/chat']]);
      const hosting = { base: '/', site: null };
      const expected = sectionContent(html, place, keys, hosting);
      expect(content(html, place, keys, hosting)).toBe(expected);
      const written = readdirSync(dir, { recursive: true }).length;
      expect(cachedSectionContent(new RenderCache({ dir, fingerprint: 'f' }))(html, place, keys, hosting)).toBe(expected);
      expect(readdirSync(dir, { recursive: true })).toHaveLength(written);
      const other = { path: '/compare/chat/', key: 'compare/chat' };
      expect(content(html, other, keys, hosting)).toBe(sectionContent(html, other, keys, hosting));
      expect(content(html, other, keys, hosting)).not.toBe(expected);
      expect(content(html.replace('Title', 'Other'), place, keys, hosting)).toContain('Other');
      expect(content('<p>no main</p>', place, keys, hosting)).toBeNull();
      // Off, it is sectionContent itself.
      expect(cachedSectionContent(new RenderCache(null))).toBe(sectionContent);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('print sections ahead of the assembly', () => {
  it('are what sectionContent gives, on a thread of their own too, then found in the cache without one', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'cf-print-ahead-'));
    try {
      // The built pages, as the thread reads them: from files of the output folder.
      for (const [sitePath, html] of Object.entries(PAGES)) {
        mkdirSync(path.join(out, sitePath), { recursive: true });
        writeFileSync(path.join(out, sitePath, 'index.html'), html);
      }
      const fileOf = (section: { path: string }) => path.join(out, section.path.slice(1), 'index.html');
      const hosting = { base: '/reports/q3/', site: null };
      const plan = printPlan(SHELL, read);
      expect(plan.sections.map((s) => s.section.path)).toEqual(['/', '/gpus/l4/chat/', '/data/']);
      const expected = new Map(plan.sections.map(({ section, html }) => [section.path, sectionContent(html, section, plan.keys, hosting)]));
      const cache = new RenderCache({ dir: path.join(out, '.cache'), fingerprint: 'f' });
      // From no section on, half of them are rewritten on the thread.
      expect(await sectionContents(plan, fileOf, hosting, cache, 0)).toEqual(expected);
      // Each is kept as cachedSectionContent keeps it, so a rebuild reads them all and starts no thread.
      for (const { section, html } of plan.sections) expect(cachedSectionContent(cache)(html, section, plan.keys, hosting)).toBe(expected.get(section.path));
      const nowhere = () => { throw new Error('no page should be read again'); };
      expect(await sectionContents(plan, nowhere, hosting, cache, 0)).toEqual(expected);
      // Without a cache, below the threshold: all on this thread.
      expect(await sectionContents(plan, nowhere, hosting, new RenderCache(null))).toEqual(expected);
      // A page without <main> is null, as sectionContent gives, on the thread too.
      writeFileSync(fileOf({ path: '/data/' }), '<p>no main</p>');
      const broken = printPlan(SHELL, (p) => (p === '/data/' ? '<p>no main</p>' : read(p)));
      expect((await sectionContents(broken, fileOf, hosting, new RenderCache(null), 0)).get('/data/')).toBeNull();
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
