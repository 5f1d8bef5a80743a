/**
 * Publishing, through real builds: the sample built for a sub-path (`--base /reports/q3/ --site …`)
 * and served from a plain static server under that sub-path, where every internal URL of every
 * page, stylesheet and the sitemap must answer; a branded folder whose config gives title, client,
 * logo, accent, base and site; and a folder whose logo is not an image.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/static-server.ts';
import { ROOT } from '../unit/core/paths.ts';
import { runCommand, type ScriptResult } from './run-script.ts';

const FIXTURES = path.join(ROOT, 'tests/fixtures/site');
const BASE = '/reports/q3/';
const SITE = 'https://acme.github.io';

type Result = ScriptResult;

const build = (...args: string[]): Promise<Result> => runCommand('build', args, { SOURCE_DATE_EPOCH: '1714521600' });

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

const doc = (html: string) => parseHTML(html).document as unknown as Document;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

let tmp: string;
let sub: { out: string; result: Result };
let branded: { out: string; result: Result };
let badLogo: Result;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-publish-'));
  const subOut = path.join(tmp, 'q3');
  const brandedOut = path.join(tmp, 'branded');
  const [a, b, c] = await Promise.all([
    build('--out', subOut, '--base', BASE, '--site', SITE),
    build('--data', path.join(FIXTURES, 'branded'), '--out', brandedOut),
    build('--data', path.join(FIXTURES, 'bad-logo'), '--out', path.join(tmp, 'bad-logo')),
  ]);
  sub = { out: subOut, result: a! };
  branded = { out: brandedOut, result: b! };
  badLogo = c!;
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('a build for a sub-path, served under it by a plain static server', () => {
  let server: StaticServer;
  let all: string[];
  beforeAll(async () => {
    expect(sub.result.code, sub.result.stderr).toBe(0);
    server = await serveStatic({ dir: sub.out, base: BASE });
    all = await files(sub.out);
  });
  afterAll(() => server?.close());

  it('says where it is built for', () => {
    expect(sub.result.stdout).toMatch(/Built \d+ pages from data into .* for https:\/\/acme\.github\.io\/reports\/q3\/\n$/);
  });

  it('resolves every internal href and src of every page, every CSS url() and every sitemap entry under the base', async () => {
    const origin = new URL(server.url).origin;
    const urls = new Map<string, string>(); // absolute URL → where it was found
    const pages = all.filter((f) => f.endsWith('.html'));
    for (const file of pages) {
      const pageUrl = new URL(file.replace(/index\.html$/, ''), server.url);
      const document = doc(await readFile(path.join(sub.out, file), 'utf8'));
      for (const el of document.querySelectorAll('[href], [src]')) {
        for (const attr of ['href', 'src']) {
          const value = el.getAttribute(attr);
          if (value === null || value.startsWith('data:') || value.startsWith('#')) continue;
          const url = new URL(value, pageUrl);
          if (url.origin === origin) urls.set(url.href, `${file}: ${attr}="${value}"`);
          else if (url.origin === SITE) urls.set(new URL(url.pathname + url.hash, origin).href, `${file}: ${attr}="${value}"`);
          else expect(el.localName === 'a' && /^https?:$/.test(url.protocol), `${file}: ${value} leaves the site`).toBe(true);
          if (url.origin === origin || url.origin === SITE) expect(url.pathname.startsWith(BASE), `${file}: ${value} is not under ${BASE}`).toBe(true);
        }
      }
    }
    for (const css of all.filter((f) => f.endsWith('.css'))) {
      const text = await readFile(path.join(sub.out, css), 'utf8');
      for (const match of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
        const value = match[1]!;
        if (value.startsWith('data:') || value.startsWith('#')) continue;
        urls.set(new URL(value, new URL(css, server.url)).href, `${css}: url(${value})`);
      }
    }
    const sitemap = await readFile(path.join(sub.out, 'sitemap.xml'), 'utf8');
    const entries = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    // Every page but the one-page print version, the 404 page and the embeds (chart frames for other sites' pages).
    expect(entries.length).toBe(pages.filter((f) => !f.startsWith('embed/')).length - 2);
    expect(entries.some((e) => e.includes('/embed/'))).toBe(false);
    for (const entry of entries) {
      expect(entry.startsWith(`${SITE}${BASE}`), entry).toBe(true);
      urls.set(new URL(new URL(entry).pathname, origin).href, `sitemap.xml: ${entry}`);
    }

    const html = new Map<string, string>();
    for (const [url, where] of urls) {
      const target = new URL(url);
      const key = target.origin + target.pathname;
      if (!html.has(key)) {
        const response = await fetch(key);
        expect(response.status, `${where} → ${key}`).toBe(200);
        html.set(key, (response.headers.get('content-type') ?? '').startsWith('text/html') ? await response.text() : '');
      }
      if (target.hash) expect(html.get(key), `${where}: no id ${target.hash}`).toContain(`id="${decodeURIComponent(target.hash.slice(1))}"`);
    }
    expect(urls.size).toBeGreaterThan(100);
    // Nothing is served outside the base: a link that forgot it would have failed above.
    expect((await fetch(new URL('/', origin))).status).toBe(404);
  });

  it('serves its own 404 page for an address it does not have, styled and linked under the base', async () => {
    const response = await fetch(new URL('gpus/no-such-gpu/chat/', server.url));
    expect(response.status).toBe(404);
    const document = doc(await response.text());
    expect(document.querySelector('h1')?.textContent).toBe('Page not found');
    expect(document.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    expect(document.querySelector('link[rel="canonical"]')).toBeNull();
    const stylesheets = [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href')!);
    expect(stylesheets.length).toBeGreaterThan(0);
    const links = [...document.querySelectorAll('main a[href]')].map((a) => a.getAttribute('href')!);
    expect(links.length).toBeGreaterThan(2);
    // Served at any depth: every link and stylesheet is absolute under the base, never relative.
    for (const href of [...stylesheets, ...links]) expect(href.startsWith(BASE), href).toBe(true);
  });

  it('gives every page a canonical URL and link-preview tags with an absolute PNG of 1200 × 630', async () => {
    for (const file of all.filter((f) => f.endsWith('.html') && f !== '404.html')) {
      const document = doc(await readFile(path.join(sub.out, file), 'utf8'));
      const meta = (key: string) => document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content');
      const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href');
      expect(canonical, file).toBe(`${SITE}${BASE}${file.replace(/index\.html$/, '')}`);
      expect(meta('og:url'), file).toBe(canonical);
      expect(meta('og:title'), file).toBeTruthy();
      expect(meta('og:description'), file).toBeTruthy();
      expect(meta('twitter:card'), file).toBe('summary_large_image');
      const image = meta('og:image')!;
      expect(image.startsWith(`${SITE}${BASE}og/`), `${file}: ${image}`).toBe(true);
      expect(meta('twitter:image')).toBe(image);
      const png = await readFile(path.join(sub.out, new URL(image).pathname.slice(BASE.length)));
      expect(pngSize(png), image).toEqual([1200, 630]);
    }
    const group = doc(await readFile(path.join(sub.out, 'gpus/runpod-rtx2000-16gb/chat/index.html'), 'utf8'));
    expect(group.querySelector('meta[property="og:image"]')?.getAttribute('content')).toBe(`${SITE}${BASE}og/gpus/runpod-rtx2000-16gb/chat/card.png`);
    expect(group.querySelector('meta[property="og:description"]')?.getAttribute('content')).toContain('Use concurrency 16, max_tokens 64 for the best throughput within the SLO');
  });

  it('gives every heading, table and chart a content-named anchor with a focusable "#" link', async () => {
    // An embed is one chart in another site's frame: it links back to its page instead.
    for (const file of all.filter((f) => f.endsWith('.html') && f !== 'print/index.html' && !f.startsWith('embed/'))) {
      const document = doc(await readFile(path.join(sub.out, file), 'utf8'));
      const main = document.querySelector('main')!;
      for (const heading of main.querySelectorAll('h2, h3, h4')) {
        // A chart's title links to the whole figure (checked below).
        if (heading.closest('nav') || heading.closest('figure.chart')) continue;
        const id = heading.getAttribute('id');
        expect(id, `${file}: <${heading.localName}>${heading.textContent}`).toBeTruthy();
        const link = heading.parentElement!.querySelector(`:scope > a.permalink[href="#${id}"]`);
        expect(link?.getAttribute('aria-label'), `${file}: #${id}`).toMatch(/^Link to this section: ./);
      }
      for (const block of main.querySelectorAll('.table-block')) {
        expect(block.id, file).toMatch(/^table-/);
        expect(block.querySelector(`a.permalink[href="#${block.id}"]`)?.getAttribute('aria-label'), `${file}: #${block.id}`).toMatch(/^Link to this table/);
      }
      for (const figure of main.querySelectorAll('figure.chart')) {
        expect(figure.querySelector(`a.permalink[href="#${figure.id}"]`)?.getAttribute('aria-label'), `${file}: #${figure.id}`).toMatch(/^Link to this chart: ./);
      }
    }
    const overview = doc(await readFile(path.join(sub.out, 'index.html'), 'utf8'));
    expect(overview.getElementById('runpod-rtx2000-16gb--chat')?.querySelector('a')?.getAttribute('href')).toBe(`${BASE}gpus/runpod-rtx2000-16gb/chat/#run-c16-t64`);
    const report = doc(await readFile(path.join(sub.out, 'capacity-frontier/index.html'), 'utf8'));
    expect(report.querySelector('article .table-block')?.id).toMatch(/^table-[a-z0-9-]+$/);
  });

  it('assembles the whole report on one page: title page, contents, each page once, ids unique, links inside', async () => {
    const document = doc(await readFile(path.join(sub.out, 'print/index.html'), 'utf8'));
    expect(document.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    expect(document.querySelector('.site-nav')).toBeNull();
    expect(document.querySelector('.title-page h1')?.textContent).toBe('Capacity Frontier: Qwen2.5-1.5B-Instruct on vLLM');
    expect(document.querySelector('.title-date')?.textContent).toBe('1 May 2024');
    const sections = [...document.querySelectorAll('section.print-section')];
    expect(sections.map((s) => s.id)).toEqual([
      'overview', 'compare/batch', 'compare/chat', 'compare/rag',
      'gpus/l4-24gb-synthetic/batch', 'gpus/l4-24gb-synthetic/chat', 'gpus/l4-24gb-synthetic/rag',
      'gpus/runpod-rtx2000-16gb/batch', 'gpus/runpod-rtx2000-16gb/chat',
      'life-of-a-request', 'capacity-frontier', 'data',
    ]);
    expect([...document.querySelectorAll('.contents a')].map((a) => a.getAttribute('href'))).toEqual(sections.map((s) => `#${s.id}`));
    for (const section of sections) expect(section.querySelector('h1')?.textContent, section.id).toBeTruthy();
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    expect(ids.length - new Set(ids).size).toBe(0);
    for (const a of document.querySelectorAll('main a[href^="#"]')) expect(document.getElementById(decodeURIComponent(a.getAttribute('href')!.slice(1))), a.getAttribute('href')!).not.toBeNull();
    // The overview's matrix lands on each GPU × workload section; other pages link to the published site.
    expect(document.getElementById('overview/l4-24gb-synthetic--batch')?.querySelector('a')?.getAttribute('href')).toBe('#gpus/l4-24gb-synthetic/batch/run-c32-t256');
    expect(document.querySelector('#overview a[href$="recommendations.csv"]')?.getAttribute('href')).toBe(`${SITE}${BASE}recommendations.csv`);
  });
});

describe('branding from the folder config', () => {
  it('builds for the config\'s base and site', () => {
    expect(branded.result.code, branded.result.stderr).toBe(0);
    expect(branded.result.stdout).toContain('for https://reports.acme.example/client/');
  });

  it('copies the logo and shows it, escapes title and client, and sets the accent', async () => {
    const all = await files(branded.out);
    expect(all).toContain('logo.svg');
    expect(await readFile(path.join(branded.out, 'logo.svg'), 'utf8')).toBe(await readFile(path.join(FIXTURES, 'branded/brand/logo.svg'), 'utf8'));
    // Every page of the site's own; an embed has no site header (it sits in another site's page).
    for (const file of all.filter((f) => f.endsWith('.html') && !f.startsWith('embed/'))) {
      const html = await readFile(path.join(branded.out, file), 'utf8');
      const document = doc(html);
      expect(document.querySelector('header img.site-logo')?.getAttribute('src'), file).toBe('/client/logo.svg');
      expect(document.querySelector('.site-title span')?.textContent, file).toBe('Q3 capacity <review> & "plan"');
      expect(document.querySelector('.site-client')?.textContent, file).toBe('Acme <Corp> & Sons');
      expect(document.body.getAttribute('style'), file).toBe('--accent: #7a1fa2');
      // The labels' angle brackets stay text: no element named after them appears.
      expect(document.querySelectorAll('review, corp, sxm'), file).toHaveLength(0);
      expect(html, file).toContain('Q3 capacity &lt;review&gt; &amp; ');
      // The 404 page is served at any address: it has no canonical one.
      if (file !== '404.html') expect(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), file).toMatch(/^https:\/\/reports\.acme\.example\/client\//);
    }
    const print = doc(await readFile(path.join(branded.out, 'print/index.html'), 'utf8'));
    expect(print.querySelector('.title-page img')?.getAttribute('alt')).toBe('Acme <Corp> & Sons logo');
    expect(print.querySelector('.title-client')?.textContent).toBe('Prepared for Acme <Corp> & Sons');
    expect(await readFile(path.join(branded.out, 'sitemap.xml'), 'utf8')).toContain('<loc>https://reports.acme.example/client/</loc>');
  });

  it('fails the build, naming the config, when the logo is not an image', () => {
    expect(badLogo.code).toBe(1);
    expect(badLogo.stderr).toContain('capacity.config.json "logo" expects a PNG, JPEG, GIF, WebP or SVG image but "logo.png" is none of these');
  });

  it('refuses a base or site it cannot publish at, before building', async () => {
    const bad = await build('--out', path.join(tmp, 'never'), '--base', '/a/../b/');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--base expects a sub-path such as /reports/q3/');
    const site = await build('--out', path.join(tmp, 'never'), '--site', 'https://acme.github.io/repo/');
    expect(site.code).toBe(2);
    expect(site.stderr).toContain('put the path in the base (--base /repo/)');
  });
});
