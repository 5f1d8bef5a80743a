/**
 * The data core's one I/O edge: reads a data folder (its config and every data file) and builds
 * the Report. Every problem of every file is collected; any problem fails the whole load, so a
 * report is built from all the data or not at all.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildReport } from './analysis/report.ts';
import { CONFIG_FILE, defaultConfig, parseConfig, type ConfigPlaces } from './config.ts';
import { ignoredBy, keyMatches } from './file-rules.ts';
import { DataError, FolderError } from './issues.ts';
import { readFolderFile, type FileRead } from './read-file.ts';
import { readInOrder, type ReadThreads } from './read-threads.ts';
import { DATA_EXTENSIONS } from './readers/index.ts';
import { joinRecords, RequestBuffers, type RecordJoin } from './requests.ts';
import type { DataIssue, FileProvenance, IgnoredFile, Measurement, ResolvedConfig, Report } from './types.ts';

export { decodeText, readDataFile } from './read-file.ts';

/** What was read from a data folder, before analysis. */
export interface Dataset {
  config: ResolvedConfig;
  measurements: Measurement[];
  files: FileProvenance[];
  ignored: IgnoredFile[];
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Editors' temporary and backup files (`.#notes.csv`, `sweep.csv~`, `sweep.csv.swp`) are not data.
const TEMPORARY = /(?:^\.|~$|\.sw[a-p]$|\.tmp$|^#.*#$)/i;

/** Whether a file name is an editor's temporary or backup file. */
export function isTemporaryFile(name: string): boolean {
  return TEMPORARY.test(name);
}

/** Every data file under `dir`, relative and `/`-separated, in a stable (code point) order. */
export async function listDataFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full).split(path.sep).join('/');
    if (relative.split('/').some((part) => part.startsWith('.') || isTemporaryFile(part))) continue;
    if (relative === CONFIG_FILE) continue;
    if (!DATA_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) continue;
    files.push(relative);
  }
  return files.sort(byCodePoint);
}

/** Reads the folder config (and where its keys sit), or the defaults when the folder has none. */
export async function loadConfig(dir: string): Promise<{ config: ResolvedConfig; places: ConfigPlaces | null }> {
  let text: string;
  try {
    text = await readFile(path.join(dir, CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: defaultConfig(), places: null };
    throw error;
  }
  const { config, issues, places } = parseConfig(text, CONFIG_FILE);
  for (const [entry, at] of places.history) {
    const folder = path.resolve(dir, entry);
    const kind = await stat(folder).then((s) => (s.isDirectory() ? 'folder' : 'file'), () => null);
    if (kind !== 'folder') issues.add(at.line, at.column, `history entry ${JSON.stringify(entry)} expects a folder of an earlier experiment (relative to the config's folder) but ${folder} ${kind ? 'is a file' : 'does not exist'}`);
  }
  if (issues.count) throw new DataError(issues.items);
  return { config, places };
}

/** Config keys that name a GPU, a file or a workload the folder does not have: each an error at its key. */
export function unmatchedKeys(places: ConfigPlaces, files: readonly string[], measurements: readonly Measurement[]): DataIssue[] {
  const issues: DataIssue[] = [];
  const at = (where: { line: number; column: number }, message: string) => issues.push({ file: CONFIG_FILE, ...where, message });
  const gpus = [...new Set(measurements.map((m) => m.gpu))].sort(byCodePoint);
  const workloads = [...new Set(measurements.map((m) => m.workload))].sort(byCodePoint);
  for (const [label, where] of places.gpus) {
    if (!gpus.includes(label)) at(where, `gpus[${JSON.stringify(label)}] matches no GPU of the data (GPUs: ${gpus.map((g) => JSON.stringify(g)).join(', ') || 'none'}); labels are matched exactly`);
  }
  for (const [key, where] of places.files) {
    if (!files.some((f) => keyMatches(key, f))) at(where, `files[${JSON.stringify(key)}] matches no data file of the folder (a key is a path, a folder ending in "/", or a glob such as "runs/**/*.json")`);
  }
  for (const [glob, where] of places.ignore) {
    if (!files.some((f) => keyMatches(glob, f))) at(where, `ignore entry ${JSON.stringify(glob)} matches no file of the folder`);
  }
  for (const [workload, where] of places.demand) {
    if (!workloads.includes(workload)) at(where, `demand[${JSON.stringify(workload)}] names no workload of the data (workloads: ${workloads.join(', ') || 'none'})`);
  }
  return issues;
}

/** How a folder is read. */
export interface LoadOptions {
  /** Reading threads to share the files with (the caller starts and stops them); without, every file is read on this thread. */
  threads?: ReadThreads | undefined;
}

/**
 * Reads every data file of a folder. Throws DataError listing every problem of every file
 * (capped per file) when any input is invalid, and FolderError when the folder is missing or holds no data.
 */
export async function loadDataset(dir: string, options: LoadOptions = {}): Promise<Dataset> {
  const isFolder = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isFolder) throw new FolderError(`expects a data folder at ${dir} but ${await stat(dir).then(() => 'it is not a folder', () => 'it does not exist')}`);
  const { config, places } = await loadConfig(dir);
  const all = await listDataFiles(dir);
  const ignored: IgnoredFile[] = [];
  const files: string[] = [];
  for (const file of all) {
    const rule = ignoredBy(config.ignore, file);
    if (rule !== null) ignored.push({ file, rule });
    else files.push(file);
  }
  if (files.length === 0) {
    throw new FolderError(`expects data files (${DATA_EXTENSIONS.join(', ')}) in ${dir} but found none${ignored.length ? ` (the config's "ignore" skips all ${ignored.length})` : ''}`);
  }
  const measurements: Measurement[] = [];
  const provenance: FileProvenance[] = [];
  const issues: DataIssue[] = [];
  const joins: RecordJoin[] = [];
  // This load's request buffers: the main thread's files reuse them one after another.
  const buffers = new RequestBuffers();
  const readHere = async (file: string): Promise<FileRead> => readFolderFile(dir, file, config, files, buffers);
  const results = options.threads ? await options.threads.read(dir, files, config, readHere) : await readInOrder(files, readHere);
  for (const result of results) {
    issues.push(...result.issues);
    provenance.push(result.provenance);
    for (const m of result.measurements) measurements.push(m);
    for (const j of result.joins) joins.push(j);
  }
  joinRecords(joins, measurements, provenance, config.slo);
  if (places) issues.push(...unmatchedKeys(places, all, measurements));
  if (issues.length) throw new DataError(issues);
  return { config, measurements, files: provenance, ignored };
}

/** Reads and analyses a data folder: the one entry point shared by the CLI and the site. */
export async function loadReport(dir: string, options: LoadOptions = {}): Promise<Report> {
  const dataset = await loadDataset(dir, options);
  return buildReport(dataset.measurements, dataset.config, dataset.files, dataset.ignored);
}
