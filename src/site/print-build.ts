/**
 * The Astro integration that assembles `/print/` once every page is built: it reads each page's
 * HTML from the output folder and hands it to `assemblePrint` (pure). Without it (`astro dev`), the
 * print page shows its title page and one note per section. Each section's rewrite is kept in the
 * render cache by the page's bytes, so a rebuild redoes only the pages that changed; a first build
 * rewrites half of them on a thread of its own.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { ENV } from '../env.ts';
import { assemblePrint, printPlan, PRINT_PATH, type PrintSection, type SectionContent } from './print.ts';
import { sectionContent, type PrintHosting, type SectionPlace } from './print-section.ts';
import { RenderCache, renderCacheSettings } from './render-cache.ts';
import { threadEntry } from './thread-entry.ts';

// The cache key of a section's rewrite: everything it is made from (the map of every section's key,
// the same for all sections of a document, hashed once).
function sectionKeyer(cache: RenderCache): (html: string, section: SectionPlace, keys: ReadonlyMap<string, string>, hosting: PrintHosting) => string {
  const hashes = new WeakMap<ReadonlyMap<string, string>, string>();
  const keysHash = (keys: ReadonlyMap<string, string>) => {
    let hashed = hashes.get(keys);
    if (hashed === undefined) hashes.set(keys, (hashed = cache.key(JSON.stringify([...keys]))));
    return hashed;
  };
  return (html, section, keys, hosting) => cache.key('print-section', html, JSON.stringify([section.path, section.key]), keysHash(keys), JSON.stringify(hosting));
}

/** `sectionContent` through the cache: the same text, found by everything it is made from. */
export function cachedSectionContent(cache: RenderCache): SectionContent {
  if (!cache.enabled) return sectionContent;
  const keyOf = sectionKeyer(cache);
  return (html, section, keys, hosting) => cache.text(() => keyOf(html, section, keys, hosting), () => sectionContent(html, section, keys, hosting));
}

/** What a print thread is given: its sections with their pages' files, every section's key, the hosting. */
export interface PrintWorkerData {
  jobs: { file: string; section: SectionPlace }[];
  keys: [string, string][];
  hosting: PrintHosting;
}

// Below this many sections to rewrite, a thread's start (about 0.15 s) costs more than it takes
// off: a section takes about 20 ms to rewrite.
const THREAD_FROM = 24;

/**
 * Every section's content ahead of the assembly, by site path (null for a page without `<main>`):
 * from the cache, else rewritten; from `threadFrom` sections to rewrite, the second half of them on
 * a thread of its own (it reads each page from `fileOf`), so two cores share a first build's print
 * document. The contents are those `cachedSectionContent` gives, and are kept in the cache the same way.
 */
export async function sectionContents(plan: ReturnType<typeof printPlan>, fileOf: (section: PrintSection) => string, hosting: PrintHosting, cache: RenderCache, threadFrom = THREAD_FROM): Promise<Map<string, string | null>> {
  const contents = new Map<string, string | null>();
  const keyOf = cache.enabled ? sectionKeyer(cache) : null;
  const todo: { section: PrintSection; html: string; key: string | null }[] = [];
  for (const { section, html } of plan.sections) {
    const key = keyOf?.(html, section, plan.keys, hosting) ?? null;
    const hit = key === null ? null : cache.read(key);
    if (hit) contents.set(section.path, hit.toString('utf8'));
    else todo.push({ section, html, key });
  }
  const there = todo.length >= threadFrom ? todo.splice(Math.ceil(todo.length / 2)) : [];
  const away = there.length === 0 ? Promise.resolve([]) : new Promise<(string | null)[]>((resolve, reject) => {
    const workerData: PrintWorkerData = { jobs: there.map(({ section }) => ({ file: fileOf(section), section: { path: section.path, key: section.key } })), keys: [...plan.keys], hosting };
    const worker = new Worker(threadEntry(new URL('./print-worker.ts', import.meta.url)), { eval: true, workerData });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the print thread exited (code ${code}) before it gave its sections`)));
  });
  for (const job of todo) contents.set(job.section.path, sectionContent(job.html, job.section, plan.keys, hosting));
  const made = await away;
  there.forEach((job, i) => contents.set(job.section.path, made[i] ?? null));
  for (const job of [...todo, ...there]) {
    const text = contents.get(job.section.path);
    if (job.key !== null && typeof text === 'string') cache.write(job.key, text);
  }
  return contents;
}

/** `integrations: [printDocument()]` in astro.config.mjs. */
export function printDocument(): AstroIntegration {
  let base = '/';
  let site: string | null = null;
  let root = '';
  return {
    name: 'capacity-print',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        root = fileURLToPath(config.root);
        site = config.site ? new URL(config.site).origin : null;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const file = path.join(out, PRINT_PATH.slice(1), 'index.html');
        const fileOf = (section: Pick<PrintSection, 'path'>) => path.join(out, section.path.slice(1), 'index.html');
        const read = (sitePath: string): string | null => {
          try {
            return readFileSync(fileOf({ path: sitePath }), 'utf8');
          } catch {
            return null;
          }
        };
        const shell = read(PRINT_PATH);
        if (shell === null) return;
        // The build command names the cache for the length of the build (ENV.cache).
        const cache = new RenderCache(renderCacheSettings(root, process.env[ENV.cache]));
        const hosting = { base, site };
        // Each page is read once: the plan holds it for the assembly, and its contents hold every
        // section of the plan, which are the sections the assembly rewrites.
        const plan = printPlan(shell, read);
        const pages = new Map(plan.sections.map(({ section, html }) => [section.path, html]));
        const contents = await sectionContents(plan, fileOf, hosting, cache);
        writeFileSync(file, assemblePrint(shell, (sitePath) => pages.get(sitePath) ?? null, hosting, (_html, section) => contents.get(section.path)!));
        logger.info(`assembled ${PRINT_PATH} from the built pages`);
      },
    },
  };
}
