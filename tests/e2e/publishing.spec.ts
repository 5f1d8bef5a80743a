/**
 * Publishing as a client meets it: `npm run pdf` gives one PDF with a title page and every section
 * on a page of its own; permalinks are keyboard-reachable and land on their table; phones (375 px)
 * and dark mode keep every page inside the screen and pass axe. Screenshots land in
 * tests/screenshots/ for review. Needs poppler-utils (pdftotext, pdfinfo) for the PDF checks.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { parseHTML } from 'linkedom';

const run = promisify(execFile);
const SCREENSHOTS = path.resolve('tests/screenshots');
const DIST = path.resolve(process.env.CAPACITY_OUT ?? 'dist');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
if (!existsSync(path.join(DIST, 'print', 'index.html'))) throw new Error(`expects a built site in ${DIST}: run npm run build first`);

const PAGES = readdirSync(DIST, { recursive: true, encoding: 'utf8' })
  .filter((file) => file === 'index.html' || file.endsWith(`${path.sep}index.html`))
  .map((file) => `/${file.slice(0, -'index.html'.length).split(path.sep).join('/')}`)
  .sort();

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

test.describe('npm run pdf', () => {
  let tmp: string;
  test.beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'cf-pdf-'));
  });
  test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test('writes one PDF: a title page, then each section of the report starting on a page of its own', async () => {
    test.setTimeout(180_000);
    const out = path.join(tmp, 'report.pdf');
    const { stdout } = await run(process.execPath, ['scripts/pdf.ts', '--from', DIST, '--out', out], { maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toMatch(/^Wrote .*report\.pdf \(\d+ pages\)\n$/);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');

    const { document } = parseHTML(readFileSync(path.join(DIST, 'print', 'index.html'), 'utf8'));
    const sections = [...document.querySelectorAll('section.print-section')].map((s) => ({ id: s.id, heading: collapse(s.querySelector('h1')!.textContent ?? '') }));
    expect(sections.map((s) => s.id)).toEqual(expect.arrayContaining(['overview', 'data']));
    expect(sections.filter((s) => s.id.startsWith('gpus/')).length).toBeGreaterThan(0);
    if (existsSync(path.join(DIST, 'life-of-a-request', 'index.html'))) expect(sections.map((s) => s.id)).toContain('life-of-a-request');

    const info = (await run('pdfinfo', [out])).stdout;
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    expect(pages).toBeGreaterThan(sections.length);
    const texts: string[] = [];
    for (let p = 1; p <= pages; p++) texts.push(collapse((await run('pdftotext', ['-f', String(p), '-l', String(p), '-layout', out, '-'])).stdout));

    // The title page: the report's title, and the contents naming every section.
    const title = collapse(document.querySelector('.title-page h1')!.textContent ?? '');
    expect(texts[0]).toContain(title);
    expect(texts[0]).toContain('Contents');
    // Each section opens a page with its heading, in the order of the contents.
    let last = 0;
    const starts: number[] = [];
    for (const section of sections) {
      const page = texts.findIndex((text, index) => index > last && text.replace(/ /g, '').startsWith(section.heading.replace(/ /g, '')));
      expect(page, `no page starts with "${section.heading}" after page ${last + 1}`).toBeGreaterThan(last);
      last = page;
      starts.push(page + 1);
    }
    // Every page carries the footer with its number.
    expect(texts[1]).toMatch(new RegExp(`2 / ${pages}$`));

    // The contents give each section's first page: the page its heading opens.
    const contents = [...document.querySelectorAll('.contents li')].map((li) => collapse(li.querySelector('.contents-title')!.textContent ?? ''));
    expect(contents.length).toBe(sections.length);
    contents.forEach((line, i) => {
      const escaped = line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(texts[0], `the contents line "${line}" gives page ${starts[i]}`).toMatch(new RegExp(`${i + 1}\\. ${escaped} ${starts[i]}(?!\\d)`));
    });
    // The title page is dated; the PDF's title is the report's own; the capacity report is a section.
    expect(texts[0]).toMatch(/\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/);
    expect(/^Title:\s+(.*)$/m.exec(info)?.[1]?.trim()).toBe(title);
    expect(sections.map((s) => s.id)).toContain('capacity-frontier');
    // No page is nearly empty (the title page has its contents).
    const sparse = texts.map((text, i) => ({ page: i + 1, words: text.split(' ').length })).filter((p) => p.page > 1 && p.words < 40);
    expect(sparse, 'pages with fewer than 40 words').toEqual([]);
    // Printed tables keep every column, and a value never breaks: a file keeps its line number.
    const raw: string[] = [];
    for (let p = 1; p <= pages; p++) raw.push((await run('pdftotext', ['-f', String(p), '-l', String(p), '-layout', out, '-'])).stdout);
    const groups = sections.filter((s) => s.id.startsWith('gpus/')).length;
    expect(texts.join(' ').split('Source (file:line)').length - 1, 'a runs table with its source column per GPU × workload').toBeGreaterThanOrEqual(groups);
    expect(raw.join('\n')).not.toMatch(/\.(csv|json|jsonl):(?!\d)/);
    const sizes = [...readFileSync(path.join(DIST, 'data', 'index.html'), 'utf8').matchAll(/<td class="num">(\d{1,3}(?:,\d{3})+ B)<\/td>/g)].map((m) => m[1]!);
    for (const size of sizes) expect(raw.join('\n'), `the file size ${size} on one line`).toContain(size);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', out, path.join(SCREENSHOTS, 'pdf-page')]);
  });
});

test.describe('permalinks', () => {
  test('a link to a table lands on that table, and its "#" is reachable by keyboard', async ({ page }) => {
    const group = PAGES.find((p) => p.startsWith('/gpus/') && readFileSync(path.join(DIST, p, 'index.html'), 'utf8').includes('id="table-sweet-spots"'))!;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${group}#table-sweet-spots`);
    const box = (await page.locator('#table-sweet-spots').boundingBox())!;
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(100);

    await page.goto(group);
    const link = page.locator('#table-sweet-spots a.permalink, #table-runs a.permalink').first();
    await expect(link).toHaveAccessibleName('Link to this table');
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await link.evaluate((el) => el === document.activeElement);
    }
    expect(reached, 'the table permalink is reached with Tab').toBe(true);
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toMatch(/^#table-/);
    const heading = page.locator('.heading a.permalink').first();
    await expect(heading).toHaveAccessibleName(/^Link to this section: /);
    await expect(heading).toBeVisible();
  });
});

test.describe('phones and dark mode', () => {
  test.describe.configure({ mode: 'parallel' });
  const SHOTS = new Map([['/', 'overview'], ['/print/', 'print'], [PAGES.find((p) => p.startsWith('/gpus/'))!, 'gpu-workload'], ['/data/', 'data']]);
  if (PAGES.includes('/life-of-a-request/')) SHOTS.set('/life-of-a-request/', 'life-of-a-request');

  for (const scheme of ['light', 'dark'] as const) {
    test(`every page fits a 375 px screen (${scheme}); axe finds nothing on the phone layout`, async ({ browser }) => {
      test.setTimeout(240_000);
      const context = await browser.newContext({ viewport: { width: 375, height: 812 }, colorScheme: scheme });
      const page = await context.newPage();
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const pathname of PAGES) {
        await page.goto(pathname);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${pathname} is wider than the screen`).toBeLessThanOrEqual(0);
        const name = SHOTS.get(pathname);
        if (!name) continue;
        if (pathname !== '/print/') {
          const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
          expect(axe.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), `${pathname} (${scheme}, 375 px)`).toEqual([]);
        }
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-375${scheme === 'dark' ? '-dark' : ''}.png`), fullPage: pathname !== '/print/' });
      }
      await context.close();
    });
  }

  test('the one-page document passes axe in dark mode too', async ({ browser }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto('/print/');
    const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    await context.close();
  });
});
