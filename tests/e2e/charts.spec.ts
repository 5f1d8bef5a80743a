/**
 * Charts as a reader meets them in Chromium: on a phone (375 px) every chart is the drawing made
 * for that width and its text renders at 10 px or more; on a desktop the wide drawing shows.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const DIST = path.resolve(process.env.CAPACITY_OUT ?? 'dist');
if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`expects a built site in ${DIST}: run npm run build first`);

/** Pages with charts: every GPU × workload and every comparison. */
const CHART_PAGES = readdirSync(DIST, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith(`${path.sep}index.html`))
  .map((file) => `/${file.slice(0, -'index.html'.length).split(path.sep).join('/')}`)
  .filter((p) => p.startsWith('/gpus/') || p.startsWith('/compare/'))
  .sort();

/** The visible chart SVGs of the page, with the rendered size in px of each of their visible texts. */
async function visibleCharts(page: Page): Promise<{ variant: string; width: number; smallest: number; texts: number }[]> {
  return page.$$eval('figure.chart svg.cf-chart', (svgs) =>
    svgs
      .filter((svg) => svg.getClientRects().length > 0)
      .map((svg) => {
        const box = svg.getBoundingClientRect();
        const scale = box.width / (svg as SVGSVGElement).viewBox.baseVal.width;
        const sizes = [...svg.querySelectorAll('text')]
          .filter((t) => t.getClientRects().length > 0 && getComputedStyle(t).visibility !== 'hidden' && (t.textContent ?? '').trim() !== '')
          .map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
        return { variant: svg.getAttribute('data-variant') ?? 'wide', width: box.width, smallest: Math.min(...sizes), texts: sizes.length };
      }),
  );
}

test('at 375 px every chart is its narrow drawing, with text rendered at 10 px or more', async ({ page }) => {
  expect(CHART_PAGES.length).toBeGreaterThan(0);
  await page.setViewportSize({ width: 375, height: 800 });
  for (const pathname of CHART_PAGES) {
    await page.goto(pathname);
    const figures = await page.locator('figure.chart').count();
    const charts = await visibleCharts(page);
    expect(charts, pathname).toHaveLength(figures);
    for (const chart of charts) {
      expect(chart.variant, pathname).toBe('narrow');
      expect(chart.texts, pathname).toBeGreaterThan(0);
      expect(chart.smallest, `${pathname}: smallest chart text in px`).toBeGreaterThanOrEqual(10);
    }
  }
});

test('at 1400 px every chart is its wide drawing, with text rendered at 10 px or more', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  for (const pathname of CHART_PAGES) {
    await page.goto(pathname);
    const charts = await visibleCharts(page);
    expect(charts, pathname).toHaveLength(await page.locator('figure.chart').count());
    for (const chart of charts) {
      expect(chart.variant, pathname).toBe('wide');
      expect(chart.smallest, `${pathname}: smallest chart text in px`).toBeGreaterThanOrEqual(10);
    }
  }
});

test('every mark of every chart has a label of its run and figures, shown on focus, linking to the run’s row', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  const targets = new Set<string>();
  for (const pathname of CHART_PAGES) {
    await page.goto(pathname);
    const charts = page.locator('figure.chart svg.cf-chart:visible');
    for (let i = 0; i < (await charts.count()); i++) {
      const chart = charts.nth(i);
      const found = await chart.evaluate((svg) => {
        const words = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
        // Every drawn run: Plot gives each of its symbols a tooltip; legend swatches have none.
        const marks = [...svg.querySelectorAll('[data-mark="dot"] > * > title, [data-mark="dot"] > title')].map((t) => words(t.textContent));
        const hits = [...svg.querySelectorAll('a.cf-hit')].map((a) => ({ name: words(a.getAttribute('aria-label')), href: a.getAttribute('href'), tip: words(a.querySelector('.cf-tip')?.textContent) }));
        return { marks, hits };
      });
      for (const mark of found.marks) expect(found.hits.some((h) => h.name.includes(mark)), `${pathname}: no label for "${mark}"`).toBe(true);
      for (const hit of found.hits) {
        // The label's lines (tspans) are the link's name, wrapped.
        expect(hit.tip.replace(/\s/g, ''), pathname).toBe(hit.name.replace(/\s/g, ''));
        expect(hit.name, pathname).toMatch(/tok\/s|not measured/);
        expect(hit.href, pathname).toMatch(/#run-/);
        targets.add(hit.href!);
      }
      if (found.hits.length === 0) continue;
      const first = chart.locator('a.cf-hit').first();
      const tip = first.locator('.cf-tip');
      await page.mouse.move(0, 0);
      await expect(tip).toBeHidden();
      await first.focus();
      await expect(tip).toBeVisible();
      await page.keyboard.press('Tab');
      await page.mouse.move(0, 0);
      await expect(tip).toBeHidden();
      // The last target is drawn on top of any other at its spot.
      await chart.locator('a.cf-hit').last().locator('circle').hover();
      await expect(chart.locator('a.cf-hit').last().locator('.cf-tip')).toBeVisible();
    }
  }
  expect(targets.size).toBeGreaterThan(0);
  // Each link lands on a row of a runs table.
  const pages = new Map<string, string>();
  for (const target of targets) {
    const [file, id] = target.split('#');
    if (!pages.has(file!)) pages.set(file!, await (await page.request.get(file!)).text());
    expect(pages.get(file!), target).toMatch(new RegExp(`<tr[^>]* id="${id}"`));
  }
});

test('every chart has its embed page: the chart, its title and caption, a link back, and a snippet beside the chart', async ({ page }) => {
  const charts: { id: string; title: string; caption: string; pathname: string; snippet: string; embed: string }[] = [];
  for (const pathname of CHART_PAGES) {
    await page.goto(pathname);
    charts.push(...await page.$$eval('figure.chart', (figures, pathname) => figures.map((f) => ({
      id: f.id,
      title: f.querySelector('h3')?.textContent ?? '',
      caption: (f.querySelector('figcaption')?.firstChild?.textContent ?? '').trim(),
      pathname,
      snippet: f.querySelector('.chart-embed code')?.textContent ?? '',
      embed: f.querySelector('.chart-embed a')?.getAttribute('href') ?? '',
    })), pathname));
  }
  expect(charts.length).toBeGreaterThan(0);
  const embeds = readdirSync(path.join(DIST, 'embed'));
  expect(embeds.sort()).toEqual(charts.map((c) => c.id).sort());
  for (const chart of charts) {
    expect(chart.embed).toBe(`/embed/${chart.id}/`);
    expect(chart.snippet).toMatch(new RegExp(`^<iframe src="[^"]*/embed/${chart.id}/" title="[^"]+" `));
    const response = await page.goto(chart.embed);
    expect(response?.status(), chart.embed).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(chart.title);
    expect(await page.locator('figure svg.cf-chart:visible').count()).toBe(1);
    expect((await page.locator('figcaption').textContent()) ?? '').toContain(chart.caption);
    expect(await page.locator('nav, header').count()).toBe(0);
    const back = page.locator('figcaption a[target="_top"]');
    expect(await back.getAttribute('href')).toBe(`${chart.pathname}#${chart.id}`);
  }
});
