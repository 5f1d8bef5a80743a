/**
 * A fingerprint of the code under measurement (paths, sizes and modification times of src/,
 * scripts/, content/ and the configs), so a run can tell when the working tree changed under it:
 * on a shared tree another engineer's save in the middle of a run changes what is timed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Everything a site build reads. */
export const SITE_CODE = ['src', 'scripts', 'content', 'astro.config.mjs', 'package.json', 'package-lock.json'];
/** Everything the dev server reads, the sample data folder included. */
export const DEV_CODE = [...SITE_CODE, 'data'];

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

/** Hash of the paths, sizes and modification times of the files under `watched` (relative to `root`). */
export function treeFingerprint(root: string, watched: readonly string[]): string {
  const files: string[] = [];
  for (const name of watched) {
    const full = path.join(root, name);
    if (!existsSync(full)) continue;
    if (statSync(full).isDirectory()) walk(full, files);
    else files.push(full);
  }
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    const s = statSync(file);
    hash.update(`${path.relative(root, file)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 12);
}
