/**
 * `npm run pdf -- [--data DIR] [--out FILE] [--base PATH] [--site URL] [--from DIR]`
 * Renders the whole report (title page, overview, comparisons, every GPU × workload, the
 * write-ups, provenance) into one PDF through Chromium: the site is built into a temporary folder
 * (or `--from` a folder `npm run build` wrote), served by a tiny static server, and its one-page
 * document `/print/` is printed with the print stylesheet.
 * Exit codes: 0 written; 1 the build or the printing failed; 2 wrong usage.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { parseCommandLine, usageError as cliUsageError } from './cli.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const USAGE = `Usage: npm run pdf -- [--data DIR] [--out FILE] [--base PATH] [--site URL] [--from DIR]

  --data DIR   folder of sweep results (default: data)
  --out FILE   the PDF to write (default: report.pdf)
  --base PATH  sub-path the site is built for, as npm run build takes it (default: the folder
               config's "base", else /)
  --site URL   origin the site is published at: links in the PDF that leave it point there
               (default: the folder config's "site"; without one, such links are plain text)
  --from DIR   print a site npm run build already wrote instead of building one (--data, --base
               and --site are then the build's)
`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function usageError(message: string): number {
  return cliUsageError(message, USAGE);
}

/** Runs `npm run build` for the PDF, its output on stderr so stdout stays the PDF's summary. */
function buildSite(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/build.ts'), ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.pipe(process.stderr);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** The base a built site was built for: the header's link to the overview is the base itself. */
function builtBase(printHtml: string): string {
  const match = /<a class="site-title" href="([^"]+)"/.exec(printHtml);
  return match ? match[1]! : '/';
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, {
    data: { type: 'string' },
    out: { type: 'string', default: 'report.pdf' },
    base: { type: 'string' },
    site: { type: 'string' },
    from: { type: 'string' },
  }, USAGE);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  if (values.from !== undefined && (values.data !== undefined || values.base !== undefined || values.site !== undefined)) {
    return usageError('--from expects a built site and takes its data, base and site from that build: leave out --data, --base and --site');
  }
  const out = path.resolve(values.out);
  if (!(await stat(path.dirname(out)).then((s) => s.isDirectory(), () => false))) {
    return usageError(`--out expects a file in an existing folder but ${JSON.stringify(path.dirname(values.out))} is not one`);
  }

  let site: string;
  let temporary: string | null = null;
  if (values.from !== undefined) {
    site = path.resolve(values.from);
  } else {
    temporary = await mkdtemp(path.join(os.tmpdir(), 'capacity-frontier-pdf-'));
    site = path.join(temporary, 'site');
    const args = ['--data', values.data ?? 'data', '--out', site];
    if (values.base !== undefined) args.push('--base', values.base);
    if (values.site !== undefined) args.push('--site', values.site);
    const code = await buildSite(args);
    if (code !== 0) {
      await rm(temporary, { recursive: true, force: true });
      return code === 2 ? 2 : 1;
    }
  }

  let server: StaticServer | null = null;
  const browser = { current: null as Awaited<ReturnType<typeof chromium.launch>> | null };
  try {
    const printHtml = await readFile(path.join(site, 'print', 'index.html'), 'utf8').catch(() => null);
    if (printHtml === null) {
      return usageError(`--from expects a site built by npm run build (with its print/index.html) but ${JSON.stringify(values.from)} has none`);
    }
    server = await serveStatic({ dir: site, base: builtBase(printHtml) });
    browser.current = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'] });
    const page = await browser.current.newPage();
    const response = await page.goto(new URL('print/', server.url).href, { waitUntil: 'load' });
    if (response?.status() !== 200) throw new Error(`the print page answered ${response?.status()}`);
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    // A link to this temporary server would be dead in the PDF: it becomes plain text. Links into
    // the document and to the published site (--site) stay links.
    const unlinked = await page.evaluate((origin) => {
      let count = 0;
      for (const a of Array.from(document.querySelectorAll('a[href]'))) {
        const href = a.getAttribute('href') ?? '';
        if (href.startsWith('#') || new URL(href, location.href).origin !== origin) continue;
        const span = document.createElement('span');
        span.className = a.className;
        span.append(...Array.from(a.childNodes));
        a.replaceWith(span);
        count++;
      }
      return count;
    }, new URL(server.url).origin);
    void unlinked;
    const title = await page.locator('#title-page-heading').innerText();
    await page.pdf({
      path: out,
      format: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      outline: true,
      tagged: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="width:100%;margin:0 14mm;font:8px sans-serif;color:#555;display:flex;justify-content:space-between"><span>${escapeHtml(title)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
    const pages = ((await readFile(out, 'latin1')).match(/\/Type\s*\/Page\b/g) ?? []).length;
    process.stdout.write(`Wrote ${path.relative(process.cwd(), out) || out} (${pages} pages)\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nThe PDF was not written.\n`);
    return 1;
  } finally {
    await browser.current?.close();
    await server?.close();
    if (temporary) await rm(temporary, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
