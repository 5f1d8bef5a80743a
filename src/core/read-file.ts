/**
 * Reading one data file: its bytes decoded, its reader chosen by its content, its runs read.
 * Apart from load.ts (and its analysis) so that a reading thread (read-worker.ts) loads only this.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultsFor } from './file-rules.ts';
import { IssueList } from './issues.ts';
import { readerFor } from './readers/index.ts';
import { probeOf } from './readers/json-text.ts';
import type { RecordJoin, RequestBuffers } from './requests.ts';
import type { DataIssue, FileProvenance, Measurement, ResolvedConfig } from './types.ts';

/** What reading one file gives. */
export interface FileRead {
  measurements: Measurement[];
  provenance: FileProvenance;
  issues: DataIssue[];
  /** Records of the file that belong to a run of another file. */
  joins: RecordJoin[];
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

/**
 * Reads one file's bytes with the reader its content calls for; `files` lists the whole folder,
 * `buffers` are the load's request buffers (absent: each request log has its own).
 */
export function readDataFile(file: string, bytes: Uint8Array, config: ResolvedConfig, files: readonly string[] = [file], joins?: RecordJoin[], buffers?: RequestBuffers): { measurements: Measurement[]; provenance: FileProvenance; issues: DataIssue[] } {
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
  const text = decodeText(bytes, issues);
  if (text === null) return { measurements: [], provenance, issues: issues.items };
  // A test, not text.trim(): trimming copies the whole text (a file ends with a newline).
  if (/^\s*$/.test(text)) {
    issues.add(1, 1, `expects data but the file is empty (to skip it, add "ignore": [${JSON.stringify(file)}] to capacity.config.json)`);
    return { measurements: [], provenance, issues: issues.items };
  }
  const probe = probeOf(file, text);
  const reader = readerFor(probe);
  if (!reader) {
    issues.add(1, 1, 'unknown file shape: no reader recognises it (expects a capacity CSV, vllm bench serve JSON, SGLang JSONL, GuideLLM, llmperf, AIPerf or GenAI-Perf output); '
      + `if it is not a benchmark result, skip it with "ignore": [${JSON.stringify(file)}] in capacity.config.json`);
    return { measurements: [], provenance, issues: issues.items };
  }
  provenance.tool = reader.name;
  const measurements = reader.read(text, { file, defaults: defaultsFor(config.files, file), issues, rejected, files, slo: config.slo, ...(joins ? { joins } : {}), ...(buffers ? { buffers } : {}), probed: probe.document ?? null });
  provenance.rows_read = measurements.length;
  return { measurements, provenance, issues: issues.items };
}

/**
 * Reads the file `file` of the folder `dir` (whose data files are `files`), on whichever thread
 * calls it: the main thread and a reading thread read a file the same way. Read at once: an
 * asynchronous read of each file left the thread idle between files.
 */
export function readFolderFile(dir: string, file: string, config: ResolvedConfig, files: readonly string[], buffers?: RequestBuffers): FileRead {
  const joins: RecordJoin[] = [];
  const bytes = readFileSync(path.join(dir, file));
  return { ...readDataFile(file, bytes, config, files, joins, buffers), joins };
}
