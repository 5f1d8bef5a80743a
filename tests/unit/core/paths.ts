import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Real public benchmark outputs, beside the checkout (never copied into it). */
export const REALDATA = path.resolve(ROOT, '../shared/realdata');

/**
 * Fills `dir` with real benchmark outputs, each `to` (a path in `dir`) copied from `from` (a file
 * or folder under REALDATA), plus a folder config when one is given; returns `dir`.
 */
export function copyRealData(dir: string, files: Record<string, string>, config?: object): string {
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    cpSync(path.join(REALDATA, from), path.join(dir, to), { recursive: true });
  }
  if (config) writeFileSync(path.join(dir, 'capacity.config.json'), JSON.stringify(config, null, 2));
  return dir;
}
