/**
 * The Astro integration that assembles `/print/` once every page is built: it reads each page's
 * HTML from the output folder and hands it to `assemblePrint` (pure). Without it (`astro dev`), the
 * print page shows its title page and one note per section. Each section's rewrite is kept in the
 * render cache by the page's bytes, so a rebuild redoes only the pages that changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ENV } from '../env.ts';
import { assemblePrint, PRINT_PATH, type SectionContent } from './print.ts';
import { sectionContent } from './print-section.ts';
import { RenderCache, renderCacheSettings } from './render-cache.ts';

/** `sectionContent` through the cache: the same text, found by everything it is made from. */
export function cachedSectionContent(cache: RenderCache): SectionContent {
  if (!cache.enabled) return sectionContent;
  // The map of every section's key is the same for all sections of a document: hashed once.
  const hashes = new WeakMap<ReadonlyMap<string, string>, string>();
  const keysHash = (keys: ReadonlyMap<string, string>) => {
    let hashed = hashes.get(keys);
    if (hashed === undefined) hashes.set(keys, (hashed = cache.key(JSON.stringify([...keys]))));
    return hashed;
  };
  return (html, section, keys, hosting) => cache.text(
    () => cache.key('print-section', html, JSON.stringify([section.path, section.key]), keysHash(keys), JSON.stringify(hosting)),
    () => sectionContent(html, section, keys, hosting),
  );
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
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const file = path.join(out, PRINT_PATH.slice(1), 'index.html');
        const read = (sitePath: string): string | null => {
          try {
            return readFileSync(path.join(out, sitePath.slice(1), 'index.html'), 'utf8');
          } catch {
            return null;
          }
        };
        const shell = read(PRINT_PATH);
        if (shell === null) return;
        // The build command names the cache for the length of the build (ENV.cache).
        const cache = new RenderCache(renderCacheSettings(root, process.env[ENV.cache]));
        writeFileSync(file, assemblePrint(shell, read, { base, site }, cachedSectionContent(cache)));
        logger.info(`assembled ${PRINT_PATH} from the built pages`);
      },
    },
  };
}
