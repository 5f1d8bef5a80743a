/** The line a successful build ends with: how many pages, from which folder, into which, for where. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Hosting } from '../../site/hosting.ts';

/** How many pages (HTML files) a built site has. */
export async function countPages(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((entry) => entry.endsWith('.html')).length;
}

const shown = (dir: string, cwd: string) => path.relative(cwd, dir) || '.';

/** `Built 13 pages from data into dist for https://acme.github.io/reports/q3/` (folders relative to `cwd`). */
export function builtLine(built: { pages: number; data: string; out: string; hosting: Hosting }, cwd = process.cwd()): string {
  const { hosting } = built;
  const where = hosting.site ? ` for ${hosting.site}${hosting.base}` : hosting.base === '/' ? '' : ` for hosting under ${hosting.base}`;
  return `Built ${built.pages} pages from ${shown(built.data, cwd)} into ${shown(built.out, cwd)}${where}\n`;
}
