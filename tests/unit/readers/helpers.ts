import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatIssue, IssueList } from '../../../src/core/issues.ts';
import type { RecordDefaults } from '../../../src/core/record.ts';
import { readerFor } from '../../../src/core/readers/index.ts';
import type { Reader } from '../../../src/core/readers/reader.ts';
import type { DataIssue, Measurement } from '../../../src/core/types.ts';
import { REALDATA, ROOT } from '../core/paths.ts';

// The readers' tests take the repository's paths from here with their other helpers.
export { REALDATA, ROOT };

/** This suite's own small fixtures (figures typed in, not copied files). */
export const FIXTURES = path.resolve(ROOT, 'tests/fixtures/readers');

/** Text of a real data file, by its path under realdata/. */
export function real(file: string): string {
  return readFileSync(path.join(REALDATA, file), 'utf8');
}

/** Text of one of this suite's fixtures. */
export function fixture(file: string): string {
  return readFileSync(path.join(FIXTURES, file), 'utf8');
}

/** What a reader returned for one file, with issues formatted as the CLI prints them. */
export interface ReadResult {
  measurements: Measurement[];
  issues: string[];
  rawIssues: DataIssue[];
  rejected: DataIssue[];
  reader: string;
}

export interface ReadOptions {
  defaults?: RecordDefaults;
  /** Every data file of the folder (defaults to just this one). */
  files?: readonly string[];
  /** Force a reader instead of detection. */
  reader?: Reader;
}

/** Reads text as the loader would: detection on the first 4 KB, then the reader. */
export function read(file: string, text: string, options: ReadOptions = {}): ReadResult {
  const reader = options.reader ?? readerFor(file, text.slice(0, 4096));
  if (!reader) throw new Error(`no reader for ${file}`);
  const issues = new IssueList(file);
  const rejected: DataIssue[] = [];
  const measurements = reader.read(text, {
    file, issues, rejected,
    defaults: options.defaults ?? { gpu: 'GPU-A', workload: 'chat' },
    files: options.files ?? [file],
  });
  return { measurements, issues: issues.items.map(formatIssue), rawIssues: issues.items, rejected, reader: reader.name };
}

/** Reads a real file under its own path (relative to realdata/). */
export function readReal(file: string, options: ReadOptions = {}): ReadResult {
  return read(file, real(file), options);
}

/** Rounds for comparisons against figures as people quote them. */
export function round(value: number | null | undefined, digits = 1): number | null {
  if (value === null || value === undefined) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Every number in a measurement is finite (no NaN, no Infinity). */
export function allFinite(measurements: readonly Measurement[]): boolean {
  const numbers: unknown[] = [];
  for (const m of measurements) {
    numbers.push(m.concurrency, m.request_rate, m.max_new_tokens, m.throughput_tok_s, m.requests, m.failed,
      ...Object.values(m.latency), ...Object.values(m.server));
  }
  return numbers.every((n) => n === null || typeof n === 'string' || (typeof n === 'number' && Number.isFinite(n)));
}
