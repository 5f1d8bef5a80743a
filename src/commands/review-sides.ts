/**
 * Reading both sides of a review for analyze, build and the content loader: `--baseline OLD` (a
 * second folder, read with its own config) or `--baseline SETTING=VALUE` (one folder split on a
 * setting, `--candidate SETTING=VALUE` naming the other side when there are several). Problems
 * come back as values with their exit code, worded like every other data problem.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { buildHistory, experimentDate, latestBaseline, orderExperiments } from '../core/analysis/history.ts';
import { buildReport } from '../core/analysis/report.ts';
import { parseSettingChoice, reviewFolders, reviewSettings } from '../core/analysis/review-sides.ts';
import type { Review } from '../core/analysis/review.ts';
import { loadDataset, type Dataset, type LoadOptions } from '../core/load.ts';
import type { Report } from '../core/types.ts';
import { checkDataFolder, dataProblemMessage, type Problem } from './data-folder.ts';

/** What names the two sides, as given on the command line. */
export interface ReviewChoice {
  /** One folder or `SETTING=VALUE`, or several folders (a history). */
  baseline?: string | readonly string[] | undefined;
  candidate?: string | undefined;
}

/** The candidate's report, and the review when a baseline was given. */
export interface Loaded {
  ok: true;
  report: Report;
  review: Review | null;
}

async function read(dir: string, shown: string, options: LoadOptions): Promise<Dataset | Problem> {
  try {
    return await loadDataset(dir, options);
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

/** Short names of several folders: their last path parts, with as many parents as tell them all apart. */
export function folderNames(dirs: readonly string[]): string[] {
  const parts = dirs.map((d) => path.resolve(d).split(path.sep).filter(Boolean));
  const longest = Math.max(...parts.map((p) => p.length));
  for (let n = 1; n <= longest; n++) {
    const names = parts.map((p) => p.slice(-n).join('/'));
    if (new Set(names).size === names.length) return names;
  }
  return parts.map((p) => p.join('/'));
}

/**
 * Reads the data folder `dir` (shown as `shown`) and, with a baseline, the review. A baseline that
 * is neither a folder nor `SETTING=VALUE`, or a split that matches no run, is a usage problem (2);
 * invalid data on either side a data problem (1) naming that side's folder. Several baseline
 * folders, or a `history` in the candidate's config, make a history: the verdicts compare the
 * most recent baseline. Every folder is read with `options` (analyze's reading threads).
 */
export async function loadWithReview(dir: string, shown: string, choice: ReviewChoice, options: LoadOptions = {}): Promise<Loaded | Problem> {
  const candidate = await read(dir, shown, options);
  if ('ok' in candidate) return candidate;
  const given = choice.baseline === undefined ? [] : typeof choice.baseline === 'string' ? [choice.baseline] : [...choice.baseline];
  if (given.length === 1) {
    const only = given[0]!;
    const setting = parseSettingChoice(only);
    if (setting && !(await isFolder(path.resolve(only)))) {
      const other = choice.candidate === undefined ? null : parseSettingChoice(choice.candidate);
      if (choice.candidate !== undefined && !other) return { ok: false, code: 2, message: `--candidate expects SETTING=VALUE (e.g. engine_version=0.11.0) but found ${JSON.stringify(choice.candidate)}` };
      const split = reviewSettings(candidate, setting, other);
      if (!split.ok) return { ok: false, code: 2, message: split.message };
      return { ok: true, ...split.reviewed };
    }
  }
  if (choice.candidate !== undefined) return { ok: false, code: 2, message: '--candidate names a side within one folder and expects --baseline SETTING=VALUE, not a folder' };
  // The config's history comes after the command line's folders; a folder named twice is read once.
  const fromConfig = candidate.config.history.map((entry) => ({ input: entry, dir: path.resolve(dir, entry) }));
  const sides: { input: string; dir: string }[] = [];
  for (const input of given) {
    if (given.length > 1 && parseSettingChoice(input) && !(await isFolder(path.resolve(input)))) {
      return { ok: false, code: 2, message: `--baseline ${input} compares two setups of one folder; given several times, --baseline expects folders of earlier experiments` };
    }
    const folder = await checkDataFolder(input);
    if (!folder.ok) {
      const message = folder.code === 2
        ? `--baseline expects a folder of benchmark results or SETTING=VALUE but ${JSON.stringify(input)} ${(await stat(path.resolve(input)).catch(() => null)) ? 'is a file' : 'does not exist'}`
        : folder.message;
      return { ok: false, code: folder.code, message };
    }
    sides.push({ input, dir: folder.dir });
  }
  // A config's history that names the folder itself is not an earlier experiment.
  for (const side of fromConfig) if (side.dir !== path.resolve(dir)) sides.push(side);
  const unique = sides.filter((s, i) => sides.findIndex((t) => path.resolve(t.dir) === path.resolve(s.dir)) === i);
  if (unique.length === 0) {
    return { ok: true, report: buildReport(candidate.measurements, candidate.config, candidate.files, candidate.ignored), review: null };
  }
  const datasets: Dataset[] = [];
  for (const side of unique) {
    const dataset = await read(side.dir, side.input, options);
    if ('ok' in dataset) return dataset;
    datasets.push(dataset);
  }
  const names = folderNames([...unique.map((s) => s.dir), dir]);
  const candName = names[names.length - 1]!;
  const experiments = datasets.map((d, i) => ({ dataset: d, label: names[i]!, date: experimentDate(d.measurements, d.config).date, candidate: false }));
  const candEntry = { dataset: candidate, label: candName, date: experimentDate(candidate.measurements, candidate.config).date, candidate: true };
  const latest = latestBaseline(orderExperiments([...experiments, candEntry]).items)!;
  const reviewed = reviewFolders({ ...candidate, name: candName }, { ...latest.dataset, name: latest.label });
  if (experiments.length === 1) return { ok: true, ...reviewed };
  const slo = candidate.config.slo;
  const reportOf = (d: Dataset) => buildReport(d.measurements, { ...d.config, slo }, d.files, d.ignored);
  const history = buildHistory(
    experiments.map((e) => ({ label: e.label, date: e.date, report: reportOf(e.dataset) })),
    { label: candName, date: candEntry.date, report: reviewed.report },
  );
  return { ok: true, report: reviewed.report, review: { ...reviewed.review, history } };
}
