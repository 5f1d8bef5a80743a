import { Buffer, isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ReportFold } from './analysis/report.ts';
import { CONFIG_FILE, defaultConfig, parseConfig } from './config.ts';
import { labelsFromFileName } from './filename.ts';
import { DataError, IssueList } from './issues.ts';
import { DATA_EXTENSIONS, readerFor } from './readers/index.ts';
import type { DataIssue, FileProvenance, Measurement, ResolvedConfig, Report } from './types.ts';

/** What was read from a data folder, before analysis. */
export interface Dataset {
  config: ResolvedConfig;
  measurements: Measurement[];
  files: FileProvenance[];
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every data file under `dir`, relative and `/`-separated, in a stable (code point) order. */
export async function listDataFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full).split(path.sep).join('/');
    if (relative.split('/').some((part) => part.startsWith('.'))) continue;
    if (relative === CONFIG_FILE) continue;
    if (!DATA_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) continue;
    files.push(relative);
  }
  return files.sort(byCodePoint);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as UTF-8 text, reporting binary or invalid content instead of guessing. */
export function decodeText(bytes: Uint8Array, issues: IssueList): string | null {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    issues.add(1, 1, `expects UTF-8 text but found binary content (a NUL byte at offset ${nul})`);
    return null;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    issues.add(1, 1, 'expects UTF-8 text but found bytes that are not valid UTF-8');
    return null;
  }
}

/** The text of the first `length` of some ASCII bytes. */
function latin1(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', 0, length);
}

/** Whether ASCII bytes are all blanks (what String.prototype.trim removes). */
function isBlankAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte !== 32 && (byte < 9 || byte > 13)) return false;
  }
  return true;
}

/**
 * Labels the folder config gives a file: its own entry, else the entry of the deepest folder
 * key (ending in `/`) that contains it, so one entry can label a whole sweep folder.
 */
export function labelsFor(config: ResolvedConfig, file: string): { gpu?: string; workload?: string } {
  const own = config.files[file];
  if (own) return own;
  let best: string | null = null;
  for (const key of Object.keys(config.files)) {
    if (key.endsWith('/') && file.startsWith(key) && (best === null || key.length > best.length)) best = key;
  }
  return best === null ? {} : config.files[best]!;
}

/** Reads one file's bytes with the reader its content calls for; `files` lists the whole folder. */
export function readDataFile(file: string, bytes: Uint8Array, config: ResolvedConfig, files: readonly string[] = [file]): { measurements: Measurement[]; provenance: FileProvenance; issues: DataIssue[] } {
  return readDataFileInto(file, bytes, config, files, null);
}

/**
 * readDataFile, with the file's measurements folded into `fold` (then none are returned)
 * when one is given.
 */
function readDataFileInto(file: string, bytes: Uint8Array, config: ResolvedConfig, files: readonly string[], fold: ReportFold | null): { measurements: Measurement[]; provenance: FileProvenance; issues: DataIssue[] } {
  const issues = new IssueList(file);
  const rejected: DataIssue[] = [];
  const provenance: FileProvenance = {
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.byteLength,
    tool: 'unknown',
    rows_read: 0,
    rows_rejected: rejected,
  };
  // ASCII bytes (after a BOM, which decoding drops) are their own text, one character each:
  // readers that can read them as they are need not have the text made.
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const ascii = bytes.indexOf(0) === -1 && isAscii(body);
  let text: string | null = null;
  if (!ascii) {
    text = decodeText(bytes, issues);
    if (text === null) return { measurements: [], provenance, issues: issues.items };
  }
  if (ascii ? isBlankAscii(body) : text!.trim() === '') {
    issues.add(1, 1, 'expects data but the file is empty');
    return { measurements: [], provenance, issues: issues.items };
  }
  const reader = readerFor(file, ascii ? latin1(body, Math.min(body.length, 4096)) : text!.slice(0, 4096));
  if (!reader) {
    issues.add(1, 1, 'unknown file shape: no reader recognises it (expects a capacity CSV, vllm bench serve JSON, SGLang JSONL, GuideLLM, llmperf or AIPerf output)');
    return { measurements: [], provenance, issues: issues.items };
  }
  provenance.tool = reader.name;
  const defaults = { ...labelsFromFileName(file), ...labelsFor(config, file) };
  const before = fold?.count ?? 0;
  const context = { file, defaults, issues, rejected, files, sink: fold ?? undefined };
  const measurements = ascii && reader.readAscii ? reader.readAscii(body, context) : reader.read(text ?? latin1(body, body.length), context);
  provenance.rows_read = (fold?.count ?? 0) - before + measurements.length;
  if (fold === null) return { measurements, provenance, issues: issues.items };
  // Readers that do not take the sink return their measurements instead.
  for (const m of measurements) fold.add(m);
  return { measurements: [], provenance, issues: issues.items };
}

/** Reads the folder config, or the defaults when the folder has none. */
export async function loadConfig(dir: string): Promise<ResolvedConfig> {
  let text: string;
  try {
    text = await readFile(path.join(dir, CONFIG_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultConfig();
    throw error;
  }
  const { config, issues } = parseConfig(text, CONFIG_FILE);
  if (issues.count) throw new DataError(issues.items);
  return config;
}

/**
 * Reads files into one buffer that grows as needed, instead of a new one per file: a large
 * folder is then not also hundreds of megabytes of fresh memory to map and free.
 */
class FileBuffer {
  private buffer = Buffer.allocUnsafe(64 * 1024);

  /** The bytes of a file; valid until the next read. */
  async read(file: string): Promise<Buffer> {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      // One byte more than the size, so that the read that finds the end fits without growing.
      if (this.buffer.length < size + 1) this.buffer = Buffer.allocUnsafe(Math.max(size + 1, 2 * this.buffer.length));
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          const grown = Buffer.allocUnsafe(2 * this.buffer.length);
          this.buffer.copy(grown, 0, 0, length);
          this.buffer = grown;
        }
        const { bytesRead } = await handle.read(this.buffer, length, this.buffer.length - length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      return this.buffer.subarray(0, length);
    } finally {
      await handle.close();
    }
  }
}

/**
 * Reads every data file of a folder, into `fold` when one is given. Throws DataError listing
 * every problem of every file (capped per file) when any input is invalid: a report is built
 * from all the data or not at all.
 */
async function readFolder(dir: string, fold: ReportFold | null): Promise<Dataset> {
  const config = await loadConfig(dir);
  const files = await listDataFiles(dir);
  if (files.length === 0) {
    throw new DataError([{ file: dir, line: 1, column: 1, message: `expects data files (${DATA_EXTENSIONS.join(', ')}) in the folder but found none` }]);
  }
  const measurements: Measurement[] = [];
  const provenance: FileProvenance[] = [];
  const issues: DataIssue[] = [];
  const reading = new FileBuffer();
  for (const file of files) {
    // Nothing read from the bytes keeps them (readers copy what they keep): one buffer serves every file.
    const bytes = await reading.read(path.join(dir, file));
    const result = readDataFileInto(file, bytes, config, files, fold);
    issues.push(...result.issues);
    provenance.push(result.provenance);
    for (const m of result.measurements) measurements.push(m);
  }
  if (issues.length) throw new DataError(issues);
  return { config, measurements, files: provenance };
}

/**
 * Reads every data file of a folder. Throws DataError listing every problem of every file
 * (capped per file) when any input is invalid: a report is built from all the data or not at all.
 */
export function loadDataset(dir: string): Promise<Dataset> {
  return readFolder(dir, null);
}

/**
 * Reads and analyses a data folder: the one entry point shared by the CLI and the site. The
 * measurements are folded into the report as they are read rather than kept (the same Report
 * as buildReport over loadDataset's measurements).
 */
export async function loadReport(dir: string): Promise<Report> {
  const fold = new ReportFold();
  const dataset = await readFolder(dir, fold);
  return fold.report(dataset.config, dataset.files);
}
