/**
 * Prints a built site's one-page document `/print/` to a PDF through Chromium: the site is
 * served by the static server (as hosting would serve it), the print stylesheet applies, and
 * links to that temporary server become plain text.
 */
import { readFile } from 'node:fs/promises';
import { serveStatic, type StaticServer } from '../static-server.ts';

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
    await page.pdf({
      path: input.out,
      format: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      outline: true,
      tagged: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="width:100%;margin:0 14mm;font:8px sans-serif;color:#555;display:flex;justify-content:space-between"><span>${escapeHtml(title)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
    return ((await readFile(input.out, 'latin1')).match(/\/Type\s*\/Page\b/g) ?? []).length;
  } finally {
    await browser?.close();
    await server?.close();
  }
}
