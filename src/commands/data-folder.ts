/**
 * The data folder as every command checks it and words its problems: a missing `--data` folder
 * is the same usage mistake (exit 2) in analyze, build, pdf and dev; an empty folder and invalid
 * data are data errors (exit 1) naming the folder as it was given.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DataError, FolderError } from '../core/issues.ts';
import { listDataFiles } from '../core/load.ts';
import { DATA_EXTENSIONS } from '../core/readers/index.ts';

/** A problem that stops a command: what to print and the exit code. */
export interface Problem {
  ok: false;
  code: 1 | 2;
  message: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The data folder `input` (as the user gave it) as an absolute path, or the problem with it.
 * `allowEmpty` lets a folder without data files through (dev waits for the first file).
 */
export async function checkDataFolder(input: string, options: { allowEmpty?: boolean } = {}): Promise<{ ok: true; dir: string } | Problem> {
  const dir = path.resolve(input);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    return { ok: false, code: 2, message: `--data expects a folder of benchmark results but ${JSON.stringify(input)} ${info ? 'is a file' : 'does not exist'}` };
  }
  if (!options.allowEmpty && (await listDataFiles(dir)).length === 0) {
    return { ok: false, code: 1, message: `Invalid data in ${input}: expects benchmark results (${DATA_EXTENSIONS.join(', ')} files) but the folder holds none` };
  }
  return { ok: true, dir };
}

/**
 * The message for an error of the data core, or null when `error` is not one: every problem as
 * `file:line:column: …` under the folder's name (`input`, as given), then how many.
 */
export function dataProblemMessage(error: unknown, input: string): string | null {
  if (error instanceof DataError) return `Invalid data in ${input}:\n${error.message}\n${plural(error.issues.length, 'problem')} in the data.`;
  if (error instanceof FolderError) return `Invalid data in ${input}: ${error.message}`;
  return null;
}
