/** The line a successful build ends with: how many pages, from which folder, into which, for where. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Hosting } from '../../site/hosting.ts';

/** How many pages (HTML files) a built site has. */
export async function countPages(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((entry) => entry.endsWith('.html')).length;
}

// Where the user typed the command: npm runs scripts in the package root and keeps the shell's
// folder in INIT_CWD, so a path relative to the root would mislead a user elsewhere.
const userFolder = () => process.env.INIT_CWD || process.cwd();

/**
 * A folder as a summary line names it: relative to `cwd` when it is inside it, else absolute
 * (`../../../tmp/site` is right only for a reader who knows which folder npm ran in).
 */
export function shownPath(dir: string, cwd = userFolder()): string {
  const relative = path.relative(cwd, dir);
  if (relative === '') return '.';
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return outside ? path.resolve(dir) : relative;
}

/** `Built 13 pages from data into dist for https://acme.github.io/reports/q3/` (folders inside `cwd` relative to it, others absolute). */
export function builtLine(built: { pages: number; data: string; out: string; hosting: Hosting }, cwd = userFolder()): string {
  const { hosting } = built;
  const where = hosting.site ? ` for ${hosting.site}${hosting.base}` : hosting.base === '/' ? '' : ` for hosting under ${hosting.base}`;
  return `Built ${built.pages} pages from ${shownPath(built.data, cwd)} into ${shownPath(built.out, cwd)}${where}\n`;
}
