import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatIssue, IssueList } from '../../../src/core/issues.ts';
import type { RecordDefaults } from '../../../src/core/record.ts';
import { readerFor } from '../../../src/core/readers/index.ts';
import { probeOf } from '../../../src/core/readers/json-text.ts';
import type { Reader } from '../../../src/core/readers/reader.ts';
import { setupKey } from '../../../src/core/settings.ts';
import type { DataIssue, Measurement, SettingValue } from '../../../src/core/types.ts';
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

/** Defaults as the folder config's labelling rules would give them. */
export function labels(values: Record<string, SettingValue>): RecordDefaults {
  return { values, origin: Object.fromEntries(Object.keys(values).map((key) => [key, 'files["test/"] in capacity.config.json'])) };
}

/** The reader detection picks for a file's text, by name (null when none does). */
export function detect(file: string, text: string): string | null {
  return readerFor(probeOf(file, text))?.name ?? null;
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
  /** Labels from outside the file (defaults to gpu GPU-A, workload chat). */
  defaults?: Record<string, SettingValue>;
  /** Every data file of the folder (defaults to just this one). */
  files?: readonly string[];
  /** Force a reader instead of detection. */
  reader?: Reader;
}

/** Reads text as the loader would: detection on the file's probe, then the reader. */
export function read(file: string, text: string, options: ReadOptions = {}): ReadResult {
  const reader = options.reader ?? readerFor(probeOf(file, text));
  if (!reader) throw new Error(`no reader for ${file}`);
  const issues = new IssueList(file);
  const rejected: DataIssue[] = [];
  const measurements = reader.read(text, {
    file, issues, rejected,
    defaults: labels(options.defaults ?? { gpu: 'GPU-A', workload: 'chat' }),
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

/**
 * What makes two runs repeats of one point: equal labels, load, output length and setup, in one
 * repeat group (the core's rule, analysis/setups.ts).
 */
export function pointKey(m: Measurement): string {
  return JSON.stringify([m.gpu, m.workload, m.load, m.max_new_tokens, setupKey(m.setup), m.repeat_group]);
}

/** Every number in a measurement is finite (no NaN, no Infinity). */
export function allFinite(measurements: readonly Measurement[]): boolean {
  const numbers: unknown[] = [];
  for (const m of measurements) {
    numbers.push(m.load.value, m.max_new_tokens, m.throughput_tok_s, m.request_throughput, m.mean_output_tokens, m.mean_input_tokens,
      m.duration_s, m.requests, m.failed, ...Object.values(m.latency), ...Object.values(m.setup));
  }
  return numbers.every((n) => n === null || typeof n === 'string' || (typeof n === 'number' && Number.isFinite(n)));
}
