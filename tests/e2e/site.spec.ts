/**
 * The built site as a reader meets it, in Chromium: crawled from `/` through its own links. Every
 * page loads without console errors, shows its charts, fills its tables, prints no NaN or
 * placeholder, links only to things that exist, and passes axe (WCAG 2.2 AA). Screenshots of each
 * page type land in tests/screenshots/ for review.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const SCREENSHOTS = path.resolve('tests/screenshots');
const DIST = path.resolve(process.env.CAPACITY_OUT ?? 'dist');
if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`expects a built site in ${DIST}: run npm run build first`);

/** Every page the build wrote, as site paths (`/`, `/data/`, …), sorted. */
const PAGES = readdirSync(DIST, { recursive: true, encoding: 'utf8' })
  .filter((file) => file === 'index.html' || file.endsWith(`${path.sep}index.html`))
  .map((file) => `/${file.slice(0, -'index.html'.length).split(path.sep).join('/')}`)
  .sort();
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FORBIDDEN = /\bNaN\b|\bundefined\b|Infinity|\[YOUR VALUE\]/;

/** The kind of page a path is, for screenshots: one of each kind is enough to review. */
function pageType(pathname: string): string {
  if (pathname === '/') return 'overview';
  if (pathname.startsWith('/gpus/')) return 'gpu-workload';
  if (pathname.startsWith('/compare/')) return 'compare';
  if (pathname === '/capacity-frontier/') return 'capacity-report';
  if (pathname === '/data/') return 'data';
  if (pathname.startsWith('/embed/')) return 'embed';
  return 'other';
}

/** Every link of the current page, resolved to an absolute URL. */
async function linksOf(page: Page): Promise<string[]> {
  // Chart marks are SVG links, whose href is not a string.
  return page.$$eval('a[href]', (anchors) => anchors.map((a) => (a instanceof SVGAElement ? new URL(a.href.baseVal, document.baseURI).href : (a as HTMLAnchorElement).href)));
}

/** Crawls the site from `/`, following every internal link to an HTML page. */
async function crawl(page: Page, origin: string): Promise<{ pages: string[]; links: Set<string> }> {
  const pages: string[] = [];
  const links = new Set<string>();
  const queue = ['/'];
  const seen = new Set(queue);
  while (queue.length) {
    const pathname = queue.shift()!;
    pages.push(pathname);
    const response = await page.goto(pathname);
    expect(response?.status(), pathname).toBe(200);
    for (const href of await linksOf(page)) {
      const url = new URL(href);
      if (url.origin !== origin) continue;
      links.add(url.href);
      const target = url.pathname;
      if (target.endsWith('/') && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return { pages, links };
}

/** The first page of each type (in sorted order) is the one screenshotted. */
const REPRESENTATIVE = new Set(PAGES.filter((p, i) => PAGES.findIndex((q) => pageType(q) === pageType(p)) === i));

test('the crawl from the overview reaches every page, and every internal link resolves', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const { pages, links } = await crawl(page, origin);
  expect([...pages].sort()).toEqual(PAGES);
  expect(PAGES.map(pageType)).toEqual(expect.arrayContaining(['overview', 'gpu-workload', 'compare', 'capacity-report', 'data']));
  const checked = new Map<string, string>();
  for (const link of links) {
    const url = new URL(link);
    const key = url.origin + url.pathname;
    if (!checked.has(key)) {
      const response = await page.request.get(key);
      expect(response.status(), link).toBe(200);
      checked.set(key, (response.headers()['content-type'] ?? '').startsWith('text/html') ? await response.text() : '');
    }
    if (url.hash) {
      const id = decodeURIComponent(url.hash.slice(1));
      expect(checked.get(key), `${link}: no element with id "${id}"`).toContain(`id="${id}"`);
    }
  }
});

test.describe('every page', () => {
  test.describe.configure({ mode: 'parallel' });
  for (const pathname of PAGES) {
    test(`${pathname} loads cleanly, shows its charts and tables, and passes axe`, async ({ page }) => {
      // The one-page document holds every page, each chart in both its drawings: axe takes longer there.
      if (pathname === '/print/') test.slow();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('requestfailed', (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
      const response = await page.goto(pathname, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);

      // No client JavaScript at all.
      expect(await page.locator('script').count()).toBe(0);

      expect(await page.locator('body').innerText()).not.toMatch(FORBIDDEN);
      expect(await page.locator('body').textContent()).not.toMatch(FORBIDDEN);

      // Each chart is drawn twice (desktop and phone); CSS shows one.
      const charts = page.locator('figure svg.cf-chart:visible');
      const count = await charts.count();
      for (let i = 0; i < count; i++) {
        await expect(charts.nth(i)).toBeVisible();
        const box = await charts.nth(i).boundingBox();
        expect(box!.width).toBeGreaterThan(200);
        expect(box!.height).toBeGreaterThan(150);
      }
      if (pageType(pathname) === 'gpu-workload') expect(count).toBe(3);
      if (pageType(pathname) === 'compare') expect(count).toBeGreaterThan(0);

      const cells = await page.locator('table td, table th').allInnerTexts();
      // An embed page is one chart and nothing else.
      if (pageType(pathname) === 'embed') expect(count).toBe(1);
      else expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) expect(cell.trim(), 'an empty table cell').not.toBe('');

      // Dark mode changes colours only: one page of each type is enough to check its contrast.
      const schemes = REPRESENTATIVE.has(pathname) ? (['light', 'dark'] as const) : (['light'] as const);
      for (const scheme of schemes) {
        await page.emulateMedia({ colorScheme: scheme });
        const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
        const violations = axe.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        expect(violations, `axe (${scheme})`).toEqual([]);
        if (REPRESENTATIVE.has(pathname)) {
          mkdirSync(SCREENSHOTS, { recursive: true });
          await page.screenshot({ path: path.join(SCREENSHOTS, `${pageType(pathname)}${scheme === 'dark' ? '-dark' : ''}.png`), fullPage: true });
        }
      }
      expect(problems, 'console errors').toEqual([]);
    });
  }
});

test('a narrow screen keeps wide tables inside their scroll box', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const pathname of [...REPRESENTATIVE]) {
    await page.goto(pathname);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, pathname).toBeLessThanOrEqual(0);
  }
  await page.goto(PAGES.find((p) => pageType(p) === 'gpu-workload') ?? '/');
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'gpu-workload-mobile.png'), fullPage: true });
});
