/**
 * The content loader: the only place the site reads data. It calls the data core's
 * `loadReport(dir)` (no second parser) and stores the Report as the one entry of the `report`
 * collection, with the Markdown report and the checked logo.
 *
 * Invalid data fails the build with the core's `file:line:column` lines, and so does any gap
 * under `--strict` (the core's gap list, the same one `analyze --strict` judges). In dev, the
 * data folder is watched: a change re-reads it, and invalid data is stored as an error entry, so
 * the browser shows the same lines as the terminal until the folder reads cleanly.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { formatGap } from '../core/analysis/gaps.ts';
import { engineerNotes } from '../core/analysis/notes.ts';
import { DataError, FolderError } from '../core/issues.ts';
import { isTemporaryFile, loadReport } from '../core/load.ts';
import { renderMarkdown } from '../core/markdown.ts';
import { plural } from '../core/phrases.ts';
import type { Gap, Report } from '../core/types.ts';
import { reportGaps } from '../commands/build/gaps.ts';
import { loadWithReview } from '../commands/review-sides.ts';
import type { Review } from '../core/analysis/review.ts';
import { reviewMarkdown } from '../core/review-output.ts';
import { checkLogo, type Logo } from './logo.ts';
import { prewarmDrawings } from './prewarm.ts';
import { RenderCache, renderCacheSettings } from './render-cache.ts';

/** Where the loader reads from and how strict it is. */
export interface SourceOptions {
  /** Data folder, absolute or relative to the project root. */
  dir: string;
  /** Fail on any figure a page would show as "not measured". */
  strict: boolean;
  /** A review's baseline: a folder (absolute) or `SETTING=VALUE`; undefined for none. */
  baseline?: string | readonly string[] | undefined;
  /** With a `SETTING=VALUE` baseline, the candidate's `SETTING=VALUE`. */
  candidate?: string | undefined;
  /** The render cache folder the build command names (ENV.cache), or `off`; undefined is off too (renderCacheSettings). */
  cache?: string | undefined;
}

/** The message a build prints for invalid data: the core's lines, then how many. */
export function dataErrorMessage(error: DataError, dir: string): string {
  return `Invalid data in ${dir}:\n${error.message}\n${plural(error.issues.length, 'problem')} in the data.`;
}

/** The message a strict build fails with, one gap per line (the same lines `analyze --gaps` prints). */
export function strictMessage(gaps: readonly Gap[]): string {
  return `--strict: ${plural(gaps.length, 'figure')} ${gaps.length === 1 ? 'is' : 'are'} not measured:\n${gaps.map(formatGap).join('\n')}`;
}

/** The one line a normal build prints about gaps. */
export function gapsLine(gaps: readonly Gap[]): string {
  return `${plural(gaps.length, 'figure')} ${gaps.length === 1 ? 'is' : 'are'} not measured and ${gaps.length === 1 ? 'shows' : 'show'} as "not measured" (npm run -s analyze -- --gaps lists each with how to fill it)`;
}

/** Reads the folder's Report, turning the core's errors into the messages a build prints. */
export async function readReport(dir: string, shown: string): Promise<Report> {
  try {
    return await loadReport(dir);
  } catch (error) {
    if (error instanceof DataError) throw new Error(dataErrorMessage(error, shown));
    if (error instanceof FolderError) throw new Error(error.message);
    throw error;
  }
}

/**
 * Reads the logo the folder config names (relative to the data folder) and checks it; null when
 * the config names none. A missing or non-image file fails the build with the config's words.
 */
export async function readLogo(report: Pick<Report, 'config'>, dir: string): Promise<Logo | null> {
  const name = report.config.logo;
  if (name === null) return null;
  const bytes = await readFile(path.resolve(dir, name)).then(
    (buffer) => new Uint8Array(buffer),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'ENOTDIR') return null;
      throw error;
    },
  );
  const checked = checkLogo(name, bytes, report.config.source ?? 'capacity.config.json');
  if (!checked.ok) throw new Error(checked.message);
  return checked.value;
}

/** The folder's Report and, with a baseline, the review (both sides read with the CLI's own rules). */
async function readSides(dir: string, options: SourceOptions): Promise<{ report: Report; review: Review | null }> {
  const report = options.baseline === undefined ? await readReport(dir, options.dir) : null;
  // Without a baseline, a config's history still makes a review.
  if (report && report.config.history.length === 0) return { report, review: null };
  const loaded = await loadWithReview(dir, options.dir, { baseline: options.baseline, candidate: options.candidate });
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded;
}

const rootOf = (context: LoaderContext) => fileURLToPath(context.config.root);

type Rendered = Awaited<ReturnType<LoaderContext['renderMarkdown']>>;

/** Markdown rendered by Astro's processor, or the rendering an earlier build kept of the same text (as JSON, read back the same way when made here). */
async function cachedRendering(cache: RenderCache, markdown: string, render: () => Promise<Rendered>): Promise<Rendered> {
  const bytes = await cache.bytes(() => cache.key('markdown', markdown), async () => JSON.stringify(await render()));
  return JSON.parse(new TextDecoder().decode(bytes)) as Rendered;
}

/** The `report` collection: one entry, `report`, holding the whole Report. */
export function reportLoader(options: SourceOptions): Loader {
  return {
    name: 'capacity-report',
    async load(context) {
      const dir = path.resolve(rootOf(context), options.dir);
      const sync = async () => {
        const { report, review } = await readSides(dir, options);
        if (report.gaps.length && options.strict && !context.watcher) throw new Error(strictMessage(report.gaps));
        // The build command prints the notes and its own one line about gaps; on its own (dev), the loader says them.
        const notes = engineerNotes(report);
        if (!reportGaps(report.gaps, notes)) {
          if (report.gaps.length) context.logger.warn(gapsLine(report.gaps));
          for (const note of notes) context.logger.info(note);
        }
        const markdown = review ? `${renderMarkdown(report)}\n${reviewMarkdown(review)}` : renderMarkdown(report);
        const logo = await readLogo(report, dir);
        // Builds reuse drawings of earlier builds; the dev server draws afresh (its code may change as it runs).
        const cache = context.watcher ? null : renderCacheSettings(rootOf(context), options.cache);
        const data = await context.parseData({ id: 'report', data: { status: 'ok', report, markdown, logo, cache, ...(review ? { review } : {}) } });
        // With a cache, its charts are drawn on another thread from now on, while Astro bundles the
        // pages: from the parsed entry, which is what the pages read (the schema sets the order of its keys).
        const digest = context.generateDigest(data);
        if (data.status === 'ok') void prewarmDrawings({ report: data.report as Report, review: (data.review ?? null) as Review | null, base: context.config.base, cache, digest });
        // The report's Markdown as HTML (its page): rendered again only when the text or the code changed.
        const rendered = await cachedRendering(new RenderCache(cache), markdown, () => context.renderMarkdown(markdown));
        context.store.clear();
        context.store.set({ id: 'report', data, rendered, digest });
      };
      const showError = async (error: Error) => {
        context.logger.error(error.message);
        const data = await context.parseData({ id: 'report', data: { status: 'error', message: error.message } });
        context.store.clear();
        context.store.set({ id: 'report', data, digest: context.generateDigest(data) });
      };
      if (!context.watcher) {
        await sync();
        return;
      }
      await sync().catch(showError);
      context.watcher.add(dir);
      const onChange = (file: string) => {
        const relative = path.relative(dir, file);
        if (relative.startsWith('..') || path.isAbsolute(relative)) return;
        if (relative.split(path.sep).some((part) => part.startsWith('.') || isTemporaryFile(part))) return;
        context.logger.info(`${relative} changed: reading ${options.dir} again`);
        sync().catch(showError);
      };
      context.watcher.on('change', onChange);
      context.watcher.on('add', onChange);
      context.watcher.on('unlink', onChange);
    },
  };
}
