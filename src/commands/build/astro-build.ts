/**
 * One Astro build of the site into a staging folder, with a cache folder of its own, the content
 * loader's settings in the environment for exactly as long as it runs, and Astro's messages on
 * the command's logger. It runs in the calling process: Astro's `build()` may be called again
 * afterwards (each call loads the config, the content config and the pages afresh), which is
 * what lets tests and `pdf` run builds in-process. Callers hold the build lock (lock.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ENV } from '../../env.ts';
import type { Hosting } from '../../site/hosting.ts';
import { astroEnvironment } from '../astro/environment.ts';
import { astroLogger } from '../astro/logger.ts';
import type { Logger } from '../effects.ts';
import { withEnv } from '../process-env.ts';
import { removeAtExit, removeSoon } from '../exit-cleanup.ts';

/** What one build reads and where it writes. */
export interface AstroBuildInput {
  /** The project root (astro.config.mjs). */
  root: string;
  /** The folder Astro writes the site into; removed when the build fails. */
  staging: string;
  /** The data folder, absolute. */
  data: string;
  strict: boolean;
  hosting: Hosting;
  /** The folder of write-ups, or undefined for the project's `content/`. */
  content?: string | undefined;
  /** SOURCE_DATE_EPOCH: pins the dates the pages show, as reproducible builds do. */
  sourceDate?: string | undefined;
  /** The render cache folder (renderCacheDir), or null for none. */
  cache: string | null;
  /** A review's baseline (an absolute folder or `SETTING=VALUE`) and candidate choice, or undefined. */
  baseline?: string | readonly string[] | undefined;
  candidate?: string | undefined;
  /** Astro's progress lines too (the benchmark reads its phases from them). */
  verbose?: boolean;
}

// How long after a failed build its cache folder may still be written to (Astro debounces by 500 ms).
const CACHE_GRACE_MS = 1_500;

let builds = 0;

/** A staging folder beside `out`: on the same file system, so the final rename is atomic. */
export function stagingFolder(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.building-${process.pid}-${++builds}`);
}

/** Runs the build; the error's message when it failed (the staging folder is then gone). */
export async function astroBuild(input: AstroBuildInput, logger: Logger): Promise<{ ok: true } | { ok: false; message: string }> {
  // A cache of its own per build: builds of different folders never share a content store, and
  // nothing of a previous build leaks into this one.
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'capacity-frontier-cache-'));
  // An interrupted build removes its half-written folder too (after the swap it no longer exists).
  const forgetStaging = removeAtExit(input.staging);
  const { build } = await import('astro');
  // Quiet unless asked: the command ends with its own summary line; Astro's warnings and errors still show.
  const log = astroLogger(logger, { progress: input.verbose ?? false });
  const env = astroEnvironment('production', {
    [ENV.data]: input.data,
    [ENV.strict]: input.strict ? '1' : '0',
    [ENV.content]: input.content,
    [ENV.sourceDate]: input.sourceDate,
    // The loader and the print document keep drawings only where the command says (off when unset).
    [ENV.cache]: input.cache ?? 'off',
    [ENV.out]: input.staging,
    [ENV.baseline]: typeof input.baseline === 'string' ? input.baseline : undefined,
    [ENV.baselines]: typeof input.baseline === 'object' ? JSON.stringify(input.baseline) : undefined,
    [ENV.candidate]: input.candidate,
  });
  try {
    await withEnv(env, () => build({
      root: input.root,
      outDir: input.staging,
      cacheDir,
      mode: 'production',
      logger: log.config,
      base: input.hosting.base,
      ...(input.hosting.site ? { site: input.hosting.site } : {}),
    }));
    // A successful sync has waited for its store to be written: nothing writes to the cache now.
    await rm(cacheDir, { recursive: true, force: true });
    return { ok: true };
  } catch (error) {
    await rm(input.staging, { recursive: true, force: true });
    forgetStaging();
    // After a failed sync the other loaders' stores are still flushed on Astro's 500 ms timer, and
    // a write into a removed folder would be an unhandled rejection: the cache goes a little later.
    removeSoon(cacheDir, CACHE_GRACE_MS);
    return { ok: false, message: (error as Error).message };
  } finally {
    log.close();
  }
}
