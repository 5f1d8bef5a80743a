/**
 * The floor for the framework: a throwaway Astro project with N trivial pages, built with the
 * repository's own Astro. No package.json; `node_modules` is a link to the repository's, so
 * `astro` resolves to the same install the site uses.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes a bare project with `pages` pages into `dir` (replacing one already there). */
export function writeBareProject(dir: string, pages: number, repoRoot: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'src', 'pages'), { recursive: true });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // Caches inside the project: through the link they would land in the repository's node_modules.
  writeFileSync(path.join(dir, 'astro.config.mjs'), `export default {
  cacheDir: './.astro-cache',
  build: { format: 'directory' },
  trailingSlash: 'always',
  devToolbar: { enabled: false },
  vite: { cacheDir: './.vite-cache' },
};
`);
  writeFileSync(path.join(dir, 'src', 'pages', '[slug].astro'), `---
export function getStaticPaths() {
  return Array.from({ length: ${pages} }, (_, i) => ({ params: { slug: \`page-\${i}\` } }));
}
const { slug } = Astro.params;
---
<html lang="en"><head><meta charset="utf-8"><title>{slug}</title></head><body><p>{slug}</p></body></html>
`);
}

/**
 * Removes what a previous build of the bare project left, as the site build starts each run: no
 * output, a fresh Astro cache (the build command makes one per run). Vite's dependency cache stays,
 * as the site's node_modules/.vite does from one build to the next.
 */
export function cleanBareProject(dir: string): void {
  for (const name of ['dist', '.astro', '.astro-cache']) rmSync(path.join(dir, name), { recursive: true, force: true });
}
