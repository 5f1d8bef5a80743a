/**
 * The review page as a reviewer meets it: a site of its own, built with `--baseline` from two
 * copies of the sample chat sweep, the candidate's throughput scaled to 80%. The regression shows
 * at a glance, every matched point is in a table, the overlay draws the baseline dashed, and the
 * page passes axe. The site is built in a temporary folder and served there.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { serveStatic, type StaticServer } from '../../src/commands/static-server.ts';
import { scaleThroughput } from '../fixtures/scale.ts';

const run = promisify(execFile);
const CHAT = 'data/rtx2000-ada/day003_chat_capacity_rtx16gb.csv';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let tmp: string;
let server: StaticServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'cf-review-e2e-'));
  // Three dated experiments: the oldest at 90%, the baseline at 100%, the candidate at 80%.
  for (const [side, date, factor] of [['oldest', '2026-09-01', 0.9], ['old', '2026-10-01', 1], ['new', '2026-11-01', 0.8]] as const) {
    mkdirSync(path.join(tmp, side), { recursive: true });
    cpSync(CHAT, path.join(tmp, side, path.basename(CHAT)));
    if (factor !== 1) writeFileSync(path.join(tmp, side, path.basename(CHAT)), scaleThroughput(readFileSync(CHAT, 'utf8'), factor));
    writeFileSync(path.join(tmp, side, 'capacity.config.json'), JSON.stringify({ date }));
  }
  await run(process.execPath, ['scripts/build.ts', '--data', path.join(tmp, 'new'), '--baseline', path.join(tmp, 'oldest'), '--baseline', path.join(tmp, 'old'), '--out', path.join(tmp, 'site')], { maxBuffer: 16 * 1024 * 1024 });
  server = await serveStatic({ dir: path.join(tmp, 'site') });
});

test.afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('/review/ shows the regression at a glance, every matched point, the overlay, and passes axe', async ({ page }) => {
  await page.goto(`${server.url}review/`);
  await expect(page.locator('h1')).toHaveText('Review: baseline against candidate');
  await expect(page.locator('.lede')).toContainText('Baseline old against candidate new: 1 GPU × workload regressed.');
  const line = page.locator('.review-verdicts li');
  await expect(line).toHaveCount(1);
  await expect(line).toHaveText('RunPod-RTX2000-16GB – Chat workload: regressed (throughput at the SLO −20%)');
  await expect(line).toHaveClass(/verdict-bad/);

  const verdicts = page.locator('#table-review-verdicts tbody tr');
  await expect(verdicts).toHaveCount(1);
  await expect(verdicts.locator('td').nth(0)).toHaveText('regressed');
  await expect(verdicts.locator('td').nth(3)).toHaveText('−20%');
  await expect(verdicts.locator('td').nth(5)).toHaveText('±5% noise band');

  const points = page.locator('.table-block[id$="-points"] tbody tr');
  await expect(points).toHaveCount(12);
  await expect(points.first().locator('td')).toHaveText(['64', '48.1', '38.5', '−20%', '1065', '1065', '0%']);

  // The overlay: one dashed line per series for the baseline, a solid one for the candidate.
  const chart = page.locator('figure.chart').first();
  await expect(chart).toBeVisible();
  const wide = chart.locator('.chart-wide');
  expect(await wide.locator('g[data-mark="line"][stroke-dasharray="6 4"]').count()).toBe(3);
  expect(await wide.locator('g[data-mark="line"]:not([stroke-dasharray])').count()).toBe(3);

  await expect(page.locator('nav a[href$="/review/"]').first()).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: 'Every run of the candidate on this GPU × workload' })).toHaveAttribute('href', /\/gpus\/runpod-rtx2000-16gb\/chat\/$/);
  const body = await page.locator('main').innerText();
  expect(body).not.toMatch(/NaN|undefined|Infinity/);

  const csv = await (await fetch(`${server.url}review/verdicts.csv`)).text();
  expect(csv.split('\n')[1]).toContain('regressed');

  mkdirSync('tests/screenshots', { recursive: true });
  await page.screenshot({ path: 'tests/screenshots/review.png', fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});

test('/review/ ends with the history: a trend per GPU × workload in date order, wide and narrow, and its table', async ({ page }) => {
  await page.goto(`${server.url}review/`);
  const history = page.locator('section[aria-labelledby="review-history"]');
  await expect(history.locator('p', { hasText: 'experiments' }).first()).toContainText('across 3 experiments, in date order. The verdicts compare the candidate with the most recent baseline, old.');
  const rows = history.locator('.table-block tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).locator('td')).toHaveText(['2026-09-01', 'baseline', '521.8', '1316']);
  await expect(rows.nth(1).locator('td')).toHaveText(['2026-10-01', 'baseline', '579.7', '1316']);
  await expect(rows.nth(2).locator('td')).toHaveText(['2026-11-01', 'candidate', '463.8', '1316']);
  const chart = history.locator('figure.chart').first();
  await expect(chart).toBeVisible();
  // In both drawings: three markers, one line, and a date on each tick.
  for (const drawing of ['.chart-wide', '.chart-narrow']) {
    const svg = chart.locator(`${drawing} svg`).first();
    expect(await svg.locator('g[data-mark="dot"] > *').count()).toBe(3);
    expect(await svg.locator('g[data-mark="line"]').count()).toBe(1);
    for (const day of ['2026-09-01', '2026-10-01', '2026-11-01']) await expect(svg).toContainText(day);
  }
  expect(await (await fetch(`${server.url}review/history-runpod-rtx2000-16gb-chat-throughput.svg`)).text()).toContain('<svg');
  expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
});

test('the built-in write-up names the baseline and links each verdict to the review', async ({ page }) => {
  await page.goto(`${server.url}life-of-a-request/`);
  await expect(page.locator('h2#against-a-baseline')).toHaveText(/Against a baseline/);
  const section = page.locator('main p', { hasText: 'Compared with the baseline' });
  await expect(section).toHaveText('Compared with the baseline old, the most recent of 2 earlier experiments, the candidate new gives:');
  const link = page.getByRole('link', { name: 'RunPod-RTX2000-16GB – Chat workload: regressed (throughput at the SLO −20%)' });
  await expect(link).toHaveAttribute('href', /\/review\/#review-runpod-rtx2000-16gb--chat$/);
  await expect(page.getByRole('link', { name: 'How throughput at the SLO moved across all 3 experiments' })).toHaveAttribute('href', /\/review\/#review-history$/);
});

test('the review is the first section after the overview in the printed report', async ({ page }) => {
  await page.goto(`${server.url}print/`);
  const ids = await page.locator('section.print-section').evaluateAll((sections) => sections.map((s) => s.id));
  expect(ids.slice(0, 2)).toEqual(['overview', 'review']);
  await expect(page.locator('section#review')).toContainText('regressed (throughput at the SLO −20%)');
});

test('the candidate GPU × workload page links to its review section', async ({ page }) => {
  await page.goto(`${server.url}gpus/runpod-rtx2000-16gb/chat/`);
  const link = page.locator('.review-link a');
  await expect(page.locator('.review-link')).toHaveText('Against the baseline: regressed (throughput at the SLO −20%).');
  await link.click();
  await expect(page).toHaveURL(/\/review\/#review-runpod-rtx2000-16gb--chat$/);
  await expect(page.locator('#review-runpod-rtx2000-16gb--chat')).toBeInViewport();
});

test('/review/ stays inside a 375 px screen and passes axe in dark mode', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${server.url}review/`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: 'tests/screenshots/review-375-dark.png', fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
});
