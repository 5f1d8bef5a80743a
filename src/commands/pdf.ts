/**
 * `npm run pdf -- [--data DIR] [--out FILE] [--base PATH] [--site URL] [--from DIR] [--baseline OLD|SETTING=VALUE [--candidate SETTING=VALUE]]`
 * Renders the whole report (title page, overview, comparisons, every GPU × workload, the
 * write-ups, provenance) into one PDF through Chromium: the site is built into a temporary folder
 * by the build command (in this process), or taken `--from` a folder `npm run build` wrote, and
 * its one-page document `/print/` is printed with the print stylesheet.
 * Exit codes: 0 written; 1 the build or the printing failed; 2 wrong usage.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ENV } from '../env.ts';
import { parseCommandLine, usageError, type Parsed, baselineOption } from './args.ts';
import * as build from './build.ts';
import { shownPath } from './build/summary.ts';
import { outputAsLog, type Effects } from './effects.ts';
import { printSite } from './pdf/print.ts';

/** The usage `--help` prints. */
export const USAGE = `Usage: npm run pdf -- [--data DIR] [--out FILE] [--base PATH] [--site URL] [--from DIR]
         [--baseline OLD|SETTING=VALUE] [--candidate SETTING=VALUE]

  --data DIR   folder of benchmark results (default: data)
  --out FILE   the PDF to write (default: report.pdf)
  --base PATH  sub-path the site is built for, as npm run build takes it (default: the folder
               config's "base", else /)
  --site URL   origin the site is published at: links in the PDF that leave it point there
               (default: the folder config's "site"; without one, such links are plain text)
  --from DIR   print a site npm run build already wrote instead of building one (--data, --base
               and --site are then the build's)
  --baseline OLD
               adds the review against OLD (a folder, or SETTING=VALUE within DIR), as npm run
               build does; --candidate SETTING=VALUE names the candidate's value

Environment: ${ENV.chromium} (default /usr/bin/chromium), and ${ENV.content}, ${ENV.sourceDate}, ${ENV.cache} as npm run build reads them
`;

// Not one of the build's settings (src/env.ts): only this command starts a browser.


/** What to print and where. */
export interface PdfOptions {
  /** The data folder to build from; undefined for `data` (or with `from`). */
  data?: string | undefined;
  /** The PDF to write. */
  out: string;
  base?: string | undefined;
  site?: string | undefined;
  /** A site npm run build wrote, printed instead of building one. */
  from?: string | undefined;
  /** The Chromium executable. */
  chromium: string;
  /** Passed to the build (see BuildOptions). */
  content?: string | undefined;
  sourceDate?: string | undefined;
  /** CAPACITY_CACHE, as the build reads it. */
  cache?: string | undefined;
  /** Passed to the build: the review's baseline and candidate choice. */
  baseline?: string | readonly string[] | undefined;
  candidate?: string | undefined;
}

/** The PDF command's options from its command line and the environment. */
export function parse(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Parsed<PdfOptions> {
  const parsed = parseCommandLine(argv, {
    data: { type: 'string' },
    out: { type: 'string', default: 'report.pdf' },
    base: { type: 'string' },
    site: { type: 'string' },
    from: { type: 'string' },
    baseline: { type: 'string', multiple: true },
    candidate: { type: 'string' },
  }, USAGE);
  if (!parsed.ok) return parsed;
  const { data, out, base, site, from, baseline, candidate } = parsed.values;
  if (from !== undefined && (data !== undefined || base !== undefined || site !== undefined || baseline !== undefined)) {
    return usageError('--from expects a built site and takes its data, base, site and baseline from that build: leave out --data, --base, --site and --baseline', USAGE);
  }
  if (candidate !== undefined && baseline === undefined) return usageError('--candidate expects --baseline SETTING=VALUE beside it', USAGE);
  return {
    ok: true,
    options: { data, out, base, site, from, chromium: env[ENV.chromium] || '/usr/bin/chromium', content: env[ENV.content] || undefined, sourceDate: env[ENV.sourceDate] || undefined, cache: env[ENV.cache] || undefined, baseline: baselineOption(baseline), candidate },
  };
}

/** Builds the site into `dir` with the build command, its messages (and summary) on this command's log. */
async function buildInto(dir: string, options: PdfOptions, effects: Effects): Promise<number> {
  return build.run({
    data: options.data ?? 'data',
    out: dir,
    base: options.base,
    site: options.site,
    strict: false,
    content: options.content,
    sourceDate: options.sourceDate,
    cache: options.cache,
    baseline: options.baseline,
    candidate: options.candidate,
  }, outputAsLog(effects));
}

/** Prints the report of `options.data` (or the site `options.from`) to `options.out`; the exit code. */
export async function run(options: PdfOptions, effects: Effects): Promise<number> {
  const out = path.resolve(options.out);
  if (!(await stat(path.dirname(out)).then((s) => s.isDirectory(), () => false))) {
    effects.logger.error(`--out expects a file in an existing folder but ${JSON.stringify(path.dirname(options.out))} is not one`);
    return 2;
  }
  const temporary = options.from === undefined ? await mkdtemp(path.join(os.tmpdir(), 'capacity-frontier-pdf-')) : null;
  try {
    const site = temporary ? path.join(temporary, 'site') : path.resolve(options.from!);
    if (temporary) {
      const code = await buildInto(site, options, effects);
      if (code !== 0) return code === 2 ? 2 : 1;
    }
    const printHtml = await readFile(path.join(site, 'print', 'index.html'), 'utf8').catch(() => null);
    if (printHtml === null && !temporary) {
      effects.logger.error(`--from expects a site built by npm run build (with its print/index.html) but ${JSON.stringify(options.from)} has none`);
      return 2;
    }
    if (printHtml === null) throw new Error(`expects the build to write print/index.html but ${site} has none`);
    const pages = await printSite({ site, printHtml, out, chromium: options.chromium });
    effects.output.write(`Wrote ${shownPath(out)} (${pages} pages)\n`);
    return 0;
  } catch (error) {
    effects.logger.error(`${(error as Error).message}\nThe PDF was not written.`);
    return 1;
  } finally {
    if (temporary) await rm(temporary, { recursive: true, force: true });
  }
}
