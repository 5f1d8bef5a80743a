/**
 * Reading both sides of a review for analyze, build and the content loader: `--baseline OLD` (a
 * second folder, read with its own config) or `--baseline SETTING=VALUE` (one folder split on a
 * setting, `--candidate SETTING=VALUE` naming the other side when there are several). Problems
 * come back as values with their exit code, worded like every other data problem.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { buildReport } from '../core/analysis/report.ts';
import { parseSettingChoice, reviewFolders, reviewSettings } from '../core/analysis/review-sides.ts';
import type { Review } from '../core/analysis/review.ts';
import { loadDataset, type Dataset } from '../core/load.ts';
import type { Report } from '../core/types.ts';
import { checkDataFolder, dataProblemMessage, type Problem } from './data-folder.ts';

/** What names the two sides, as given on the command line. */
export interface ReviewChoice {
  baseline?: string | undefined;
  candidate?: string | undefined;
}

/** The candidate's report, and the review when a baseline was given. */
export interface Loaded {
  ok: true;
  report: Report;
  review: Review | null;
}

async function read(dir: string, shown: string): Promise<Dataset | Problem> {
  try {
    return await loadDataset(dir);
  } catch (error) {
    const message = dataProblemMessage(error, shown);
    if (message === null) throw error;
    return { ok: false, code: 1, message };
  }
}

const isFolder = (dir: string) => stat(dir).then((s) => s.isDirectory(), () => false);

/** Short names of two folders for pages: their last path parts, with as many parents as tell them apart. */
export function sideNames(a: string, b: string): [string, string] {
  const pa = path.resolve(a).split(path.sep).filter(Boolean);
  const pb = path.resolve(b).split(path.sep).filter(Boolean);
  for (let n = 1; n <= Math.max(pa.length, pb.length); n++) {
    const x = pa.slice(-n).join('/');
    const y = pb.slice(-n).join('/');
    if (x !== y) return [x, y];
  }
  return [pa.join('/'), pb.join('/')];
}

/**
 * Reads the data folder `dir` (shown as `shown`) and, with a baseline, the review. A baseline that
 * is neither a folder nor `SETTING=VALUE`, or a split that matches no run, is a usage problem (2);
 * invalid data on either side a data problem (1) naming that side's folder.
 */
export async function loadWithReview(dir: string, shown: string, choice: ReviewChoice): Promise<Loaded | Problem> {
  const candidate = await read(dir, shown);
  if ('ok' in candidate) return candidate;
  if (choice.baseline === undefined) {
    return { ok: true, report: buildReport(candidate.measurements, candidate.config, candidate.files, candidate.ignored), review: null };
  }
  const setting = parseSettingChoice(choice.baseline);
  const baseDir = path.resolve(choice.baseline);
  if (setting && !(await isFolder(baseDir))) {
    const other = choice.candidate === undefined ? null : parseSettingChoice(choice.candidate);
    if (choice.candidate !== undefined && !other) return { ok: false, code: 2, message: `--candidate expects SETTING=VALUE (e.g. engine_version=0.11.0) but found ${JSON.stringify(choice.candidate)}` };
    const split = reviewSettings(candidate, setting, other);
    if (!split.ok) return { ok: false, code: 2, message: split.message };
    return { ok: true, ...split.reviewed };
  }
  if (choice.candidate !== undefined) return { ok: false, code: 2, message: '--candidate names a side within one folder and expects --baseline SETTING=VALUE, not a folder' };
  const folder = await checkDataFolder(choice.baseline);
  if (!folder.ok) {
    const message = folder.code === 2
      ? `--baseline expects a folder of benchmark results or SETTING=VALUE but ${JSON.stringify(choice.baseline)} ${(await stat(baseDir).catch(() => null)) ? 'is a file' : 'does not exist'}`
      : folder.message;
    return { ok: false, code: folder.code, message };
  }
  const baseline = await read(folder.dir, choice.baseline);
  if ('ok' in baseline) return baseline;
  const [baseName, candName] = sideNames(folder.dir, dir);
  return { ok: true, ...reviewFolders({ ...candidate, name: candName }, { ...baseline, name: baseName }) };
}
