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
