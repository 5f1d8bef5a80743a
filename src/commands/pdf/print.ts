/**
 * Prints a built site's one-page document `/print/` to a PDF through Chromium: the site is
 * served by the static server (as hosting would serve it), the print stylesheet applies, links to
 * that temporary server become plain text, and the contents get each section's page number.
 */
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { serveStatic, type StaticServer } from '../static-server.ts';
import { destinationPages } from './destinations.ts';

/** What to print and where. */
export interface PrintInput {
  /** The built site (a folder npm run build wrote). */
  site: string;
  /** The site's `print/index.html`, already read (its header gives the base). */
  printHtml: string;
  /** The PDF to write (absolute). */
  out: string;
  /** The Chromium executable. */
  chromium: string;
}

/** The base a built site was built for: the header's link to the overview is the base itself. */
export function builtBase(printHtml: string): string {
  const match = /<a class="site-title" href="([^"]+)"/.exec(printHtml);
  return match ? match[1]! : '/';
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The sections the contents link to, as their anchors (`gpus/l4/chat`). */
async function contentsKeys(page: Page): Promise<string[]> {
  return page.$$eval('.contents a[href^="#"]', (links) => links.map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1))));
}

/** Each contents line's page number as text; throws for a section the PDF does not place. */
export function contentsNumbers(pages: ReadonlyMap<string, number>, keys: readonly string[]): Record<string, string> {
  const missing = keys.filter((key) => !pages.has(key));
  if (missing.length) throw new Error(`expects every section of the contents to start on a page of the PDF but found no page for ${missing.join(', ')}`);
  return Object.fromEntries(keys.map((key) => [key, String(pages.get(key))]));
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'];

/** Writes the PDF; the number of pages it has. Throws when Chromium or the page fails. */
export async function printSite(input: PrintInput): Promise<number> {
  // Playwright is loaded only when a PDF is printed: it is large, and no other command needs it.
  const { chromium } = await import('@playwright/test');
  let server: StaticServer | null = null;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  try {
    server = await serveStatic({ dir: input.site, base: builtBase(input.printHtml) });
    browser = await chromium.launch({ executablePath: input.chromium, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const response = await page.goto(new URL('print/', server.url).href, { waitUntil: 'load' });
    if (response?.status() !== 200) throw new Error(`the print page answered ${response?.status()}`);
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    // A link to this temporary server would be dead in the PDF: it becomes plain text. Links into
    // the document and to the published site (--site) stay links.
    await page.evaluate((origin) => {
      for (const a of Array.from(document.querySelectorAll('a[href]'))) {
        const href = a.getAttribute('href') ?? '';
        if (href.startsWith('#') || new URL(href, location.href).origin !== origin) continue;
        const span = document.createElement('span');
        span.className = a.className;
        span.append(...Array.from(a.childNodes));
        a.replaceWith(span);
      }
    }, new URL(server.url).origin);
    const title = await page.locator('#title-page-heading').innerText();
    const print = () => page.pdf({
      format: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      outline: true,
      tagged: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="width:100%;margin:0 14mm;font:8px sans-serif;color:#555;display:flex;justify-content:space-between"><span>${escapeHtml(title)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
    // The contents learn each section's page from a first printing; numbering them can move a
    // section (a longer contents line), so print again until the numbers hold.
    let pdf = await print();
    for (let pass = 0; ; pass++) {
      const numbers = contentsNumbers(destinationPages(pdf), await contentsKeys(page));
      const changed = await page.evaluate((numbers) => {
        let changed = false;
        for (const link of Array.from(document.querySelectorAll('.contents a[href^="#"]'))) {
          const slot = link.querySelector('.contents-page');
          const number = numbers[decodeURIComponent(link.getAttribute('href')!.slice(1))];
          if (!slot || number === undefined || slot.textContent === number) continue;
          slot.textContent = number;
          changed = true;
        }
        return changed;
      }, numbers);
      if (!changed) break;
      if (pass === 3) throw new Error('expects the contents\' page numbers to settle but they still moved after 3 printings');
      pdf = await print();
    }
    await writeFile(input.out, pdf);
    return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
  } finally {
    await browser?.close();
    await server?.close();
  }
}
