/**
 * The Astro integration that assembles `/print/` once every page is built: it reads each page's
 * HTML from the output folder and hands it to `assemblePrint` (pure). Without it (`astro dev`), the
 * print page shows its title page and one note per section.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { assemblePrint, PRINT_PATH } from './print.ts';

/** `integrations: [printDocument()]` in astro.config.mjs. */
export function printDocument(): AstroIntegration {
  let base = '/';
  let site: string | null = null;
  return {
    name: 'capacity-print',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
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
        writeFileSync(file, assemblePrint(shell, read, { base, site }));
        logger.info(`assembled ${PRINT_PATH} from the built pages`);
      },
    },
  };
}
