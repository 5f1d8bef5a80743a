/**
 * `npm run build -- [--data DIR] [--out DIR] [--base PATH] [--site URL] [--strict] [--verbose] [--baseline OLD|SETTING=VALUE [--candidate SETTING=VALUE]]`
 * Builds the report site of a data folder into DIR, for hosting under a sub-path at an origin.
 * The site is built into a sibling staging folder and moved into place only when the whole build
 * succeeded: a failed build leaves the previous output (or none), never a half-written one.
 * Exit codes: 0 built; 1 invalid data, a gap under --strict (the loader fails the build), or a
 * failed build; 2 wrong usage.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Gap } from '../core/types.ts';
import { ENV } from '../env.ts';
import type { Hosting } from '../site/hosting.ts';
import { DEFAULT_CACHE_DIR, pruneRenderCache, renderCacheDir } from '../site/render-cache.ts';
import { parseCommandLine, usageError, type Parsed, baselineOption } from './args.ts';
import { astroBuild, stagingFolder } from './build/astro-build.ts';
import { checkFolders, type Folders } from './build/check-folders.ts';
import { gapsLine, listenForGaps } from './build/gaps.ts';
import { buildHosting } from './build/hosting.ts';
import { withBuildLock } from './build/lock.ts';
import { builtLine, countPages } from './build/summary.ts';
import { swapIntoPlace } from './build/swap.ts';
import type { Problem } from './data-folder.ts';
import type { Effects } from './effects.ts';
import { loadWithReview } from './review-sides.ts';
import { ROOT } from './root.ts';

/** The usage `--help` prints. */
export const USAGE = `Usage: npm run build -- [--data DIR] [--out DIR] [--base PATH] [--site URL] [--strict] [--verbose]
         [--baseline OLD|SETTING=VALUE] [--candidate SETTING=VALUE]

  --data DIR   folder of benchmark results (default: data)
  --out DIR    where the site is written (default: dist); replaced only when the build succeeds
  --base PATH  sub-path the site is served under, e.g. /reports/q3/ (default: the folder
               config's "base", else /)
  --site URL   origin the site is published at, e.g. https://acme.github.io: gives canonical
               URLs, absolute link-preview images and sitemap.xml (default: the folder config's
               "site", else none)
  --strict     fail when any figure would show as "not measured" (lists each one)
  --verbose    print Astro's progress (its phases and the time of each route) too
  --baseline OLD
               adds the review page: DIR (the candidate) against the folder OLD, read with its
               own config (DIR's config wins for SLOs and labels); or SETTING=VALUE: within DIR,
               the runs with that setting against those with its other value
  --candidate SETTING=VALUE
               names the candidate's value when the setting takes several

Environment: ${ENV.content} (folder of write-ups, default content/), ${ENV.sourceDate} (pins the build date),
  ${ENV.cache} (where charts and preview images are kept between builds, default
  ${DEFAULT_CACHE_DIR}; off to draw every one afresh)
`;

/** What a build reads, where it writes and for which hosting. */
export interface BuildOptions {
  /** The data folder, as the user named it (relative to the working directory). */
  data: string;
  /** The output folder, replaced on success. */
  out: string;
  /** `--base`; the folder config's when undefined. */
  base?: string | undefined;
  /** `--site`; the folder config's when undefined. */
  site?: string | undefined;
  strict: boolean;
  /** `--verbose`: Astro's progress lines on the logger beside the command's own. */
  verbose?: boolean;
  /** The folder of write-ups (from CAPACITY_CONTENT); the project's `content/` when undefined. */
  content?: string | undefined;
  /** Seconds since 1970 the pages are dated (from SOURCE_DATE_EPOCH); now when undefined. */
  sourceDate?: string | undefined;
  /** Where drawings are kept between builds (from CAPACITY_CACHE: a folder or `off`); the default folder when undefined. */
  cache?: string | undefined;
  /** `--baseline`: a folder or `SETTING=VALUE`; undefined for no review. */
  baseline?: string | readonly string[] | undefined;
  /** `--candidate SETTING=VALUE`, with a setting baseline. */
  candidate?: string | undefined;
}

/** The build's options from its command line, and from the environment for the write-ups folder and the date. */
export function parse(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Parsed<BuildOptions> {
  const parsed = parseCommandLine(argv, {
    data: { type: 'string', default: 'data' },
    out: { type: 'string', default: 'dist' },
    base: { type: 'string' },
    site: { type: 'string' },
    strict: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    baseline: { type: 'string', multiple: true },
    candidate: { type: 'string' },
  }, USAGE);
  if (!parsed.ok) return parsed;
  const { data, out, base, site, strict, verbose, baseline, candidate } = parsed.values;
  if (candidate !== undefined && baseline === undefined) return usageError('--candidate expects --baseline SETTING=VALUE beside it', USAGE);
  return { ok: true, options: { data, out, base, site, strict, verbose, content: env[ENV.content] || undefined, sourceDate: env[ENV.sourceDate] || undefined, cache: env[ENV.cache] || undefined, baseline: baselineOption(baseline), candidate } };
}

// The lock every build of this project takes (see build/lock.ts for why).
const LOCK = path.join(ROOT, '.astro', 'build.lock');

/** A problem found before the build started: nothing was touched. */
function refuse(problem: Problem, effects: Effects): number {
  effects.logger.error(problem.code === 2 ? problem.message : `${problem.message}\nThe build did not start; the output was left as it was.`);
  return problem.code;
}

/** Builds into a staging folder (the caller holds the build lock): the folder and the loader's gaps, or the exit code of a failure. */
async function buildSite(options: BuildOptions, folders: Folders, hosting: Hosting, effects: Effects): Promise<{ ok: true; staging: string; gaps: readonly Gap[] | null; notes: readonly string[] } | { ok: false; code: number }> {
  const staging = stagingFolder(folders.out);
  const { value: built, gaps, notes } = await listenForGaps(() => astroBuild({
    root: ROOT,
    staging,
    data: folders.data,
    strict: options.strict,
    hosting,
    content: options.content,
    sourceDate: options.sourceDate,
    cache: renderCacheDir(ROOT, options.cache),
    baseline: options.baseline,
    candidate: options.candidate,
    verbose: options.verbose ?? false,
  }, effects.logger));
  if (!built.ok) {
    effects.logger.error(`${built.message}\nThe build failed; ${options.out} was left as it was.`);
    return { ok: false, code: 1 };
  }
  return { ok: true, staging, gaps, notes };
}

/** Builds the site of `options.data` into `options.out`; the exit code. */
export async function run(options: BuildOptions, effects: Effects): Promise<number> {
  const checked = await checkFolders(options, ROOT);
  if (!checked.ok) return refuse(checked, effects);
  const { folders } = checked;
  const hosting = await buildHosting(folders.data, options.data, { base: options.base, site: options.site });
  if (!hosting.ok) return refuse(hosting, effects);
  if (options.baseline !== undefined) {
    // Both sides are read before the build starts, so a wrong baseline is the same mistake (exit 2) or data error (exit 1) as in analyze.
    const sides = await loadWithReview(folders.data, options.data, options);
    if (!sides.ok) return refuse(sides, effects);
    const absolute = async (b: string) => (await stat(path.resolve(b)).then((s) => s.isDirectory(), () => false) ? path.resolve(b) : b);
    options = { ...options, baseline: typeof options.baseline === 'string' ? await absolute(options.baseline) : await Promise.all(options.baseline.map(absolute)) };
  }

  let result;
  try {
    result = await withBuildLock(LOCK, effects.logger, () => buildSite(options, folders, hosting.hosting, effects));
  } catch (error) {
    return refuse({ ok: false, code: 1, message: (error as Error).message }, effects);
  }
  if (!result.ok) return result.code;

  await swapIntoPlace(result.staging, folders.out);
  // The cache keeps what recent builds used, up to its limit: housekeeping, which never fails a build that succeeded.
  const cacheDir = renderCacheDir(ROOT, options.cache);
  try {
    if (cacheDir) pruneRenderCache(cacheDir);
  } catch (error) {
    effects.logger.warn(`could not prune the render cache ${cacheDir}: ${(error as Error).message}`);
  }
  for (const note of result.notes) effects.logger.info(note);
  // Until the loader hands its gaps over (reportGaps), it warns about them itself.
  const line = result.gaps && gapsLine(result.gaps.length, options.data);
  if (line) effects.logger.warn(line);
  effects.output.write(builtLine({ pages: await countPages(folders.out), data: folders.data, out: folders.out, hosting: hosting.hosting }));
  return 0;
}
