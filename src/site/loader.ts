/**
 * The content loader: the only place the site reads data. It calls the data core's
 * `loadReport(dir)` (no second parser) and stores the Report in two collections: `groups`
 * (one entry per GPU × workload, keyed by its slug) and `report` (one entry: files, gaps,
 * KV budgets, config, and the Markdown report with its rendered HTML).
 *
 * Invalid data fails the build with the core's `file:line:column` lines. In dev, the data
 * folder is watched: a change re-reads it, and invalid data is logged while the last good
 * report stays on screen.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { formatGaps } from '../core/gaps.ts';
import { DataError } from '../core/issues.ts';
import { loadReport } from '../core/load.ts';
import { renderMarkdown } from '../core/markdown.ts';
import type { Report } from '../core/types.ts';
import { siteGaps } from './gaps.ts';
import { checkLogo, type Logo } from './logo.ts';

/** Environment variables the build script sets for the loader. */
export const ENV = { data: 'CAPACITY_DATA', strict: 'CAPACITY_STRICT' } as const;

/** Where the loader reads from and how strict it is. */
export interface SourceOptions {
  /** Data folder, absolute or relative to the project root. */
  dir: string;
  /** Fail on any figure a page would show as "not measured". */
  strict: boolean;
}

/** One data folder, read once and shared by both collections until a file in it changes. */
export interface ReportSource {
  options: SourceOptions;
  /** The Report of the folder (read on first use, then cached). */
  get(root: string): Promise<Report>;
  /** Drops the cached Report; several calls in one tick (one per collection) count as one. */
  invalidate(): void;
  /** The data folder as an absolute path. */
  dir(root: string): string;
}

/** The message a build prints for invalid data: the core's lines, then what to do. */
export function dataErrorMessage(error: DataError, dir: string): string {
  const n = error.issues.length;
  return `Invalid data in ${dir}:\n${error.message}\n${n} problem${n === 1 ? '' : 's'} in the data.`;
}

/** The message a strict build fails with, one gap per line. */
export function strictMessage(gaps: Report['gaps']): string {
  return `--strict: ${gaps.length} figure${gaps.length === 1 ? ' is' : 's are'} not measured:\n${formatGaps(gaps)}`;
}

/** A shared, cached reader of one data folder. */
export function reportSource(options: SourceOptions): ReportSource {
  let pending: Promise<Report> | null = null;
  let invalidated = false;
  const dir = (root: string) => path.resolve(root, options.dir);
  return {
    options,
    dir,
    get(root) {
      if (pending) return pending;
      const current: Promise<Report> = loadReport(dir(root)).catch((error: unknown) => {
        // A failed read is not cached: the next call (the next edit, in dev) reads again.
        if (pending === current) pending = null;
        if (error instanceof DataError) throw new Error(dataErrorMessage(error, options.dir));
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new Error(`expects a data folder at ${dir(root)} but it does not exist (set it with --data DIR)`);
        }
        throw error;
      });
      pending = current;
      return current;
    },
    invalidate() {
      if (invalidated) return;
      invalidated = true;
      pending = null;
      queueMicrotask(() => {
        invalidated = false;
      });
    },
  };
}

const rootOf = (context: LoaderContext) => fileURLToPath(context.config.root);

/**
 * Re-runs `sync` whenever a file below the data folder changes (dev only). Both collections
 * reload; only the `report` one speaks, so each change and each problem is logged once.
 */
function watch(source: ReportSource, context: LoaderContext, sync: () => Promise<void>, speak: boolean): void {
  const { watcher, logger } = context;
  if (!watcher) return;
  const dir = source.dir(rootOf(context));
  watcher.add(dir);
  const onChange = (file: string) => {
    const relative = path.relative(dir, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return;
    source.invalidate();
    if (speak) logger.info(`${relative} changed: reading ${source.options.dir} again`);
    sync().catch((error: unknown) => {
      if (speak) logger.error(`${(error as Error).message}\nThe pages keep the last good data until the folder reads cleanly.`);
    });
  };
  watcher.on('change', onChange);
  watcher.on('add', onChange);
  watcher.on('unlink', onChange);
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

/** The `groups` collection: one entry per GPU × workload, id `gpu_slug/workload_slug`. */
export function groupsLoader(source: ReportSource): Loader {
  return {
    name: 'capacity-groups',
    async load(context) {
      const sync = async () => {
        const report = await source.get(rootOf(context));
        context.store.clear();
        for (const [order, group] of report.groups.entries()) {
          const data = await context.parseData({ id: group.slug, data: { ...group, order } });
          context.store.set({ id: group.slug, data, digest: context.generateDigest(data) });
        }
      };
      await sync();
      watch(source, context, sync, false);
    },
  };
}

/** The `report` collection: one entry, `report`, with everything but the groups. */
export function reportLoader(source: ReportSource): Loader {
  return {
    name: 'capacity-report',
    async load(context) {
      const sync = async () => {
        const full = await source.get(rootOf(context));
        const { groups, ...report } = full;
        void groups; // stored in their own collection
        const gaps = siteGaps(full);
        if (gaps.length) {
          // The strict build fails; a normal build and dev list the gaps and go on.
          if (source.options.strict && !context.watcher) throw new Error(strictMessage(gaps));
          context.logger.warn(`${gaps.length} figure${gaps.length === 1 ? ' is' : 's are'} not measured and will show as "not measured":\n${formatGaps(gaps)}`);
        }
        const markdown = renderMarkdown(full);
        const logo = await readLogo(full, source.dir(rootOf(context)));
        const data = await context.parseData({ id: 'report', data: { ...report, markdown, logo } });
        const rendered = await context.renderMarkdown(markdown);
        context.store.clear();
        context.store.set({ id: 'report', data, rendered, digest: context.generateDigest(data) });
      };
      await sync();
      watch(source, context, sync, true);
    },
  };
}
