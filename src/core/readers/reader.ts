import type { IssueList } from '../issues.ts';
import type { RecordDefaults } from '../record.ts';
import type { DataIssue, Measurement, MeasurementSink } from '../types.ts';

/** What a reader gets besides the text: where the file is, labels for it, and where to report. */
export interface ReaderContext {
  /** Path relative to the data folder, `/`-separated. */
  file: string;
  defaults: RecordDefaults;
  /** Fatal problems: any entry fails the whole load. */
  issues: IssueList;
  /** Records skipped on purpose, with the reason; shown on the provenance page. */
  rejected: DataIssue[];
  /**
   * Every data file of the folder (relative, `/`-separated), so a reader can tell that a file
   * repeats another one beside it (a sweep's summary.json, an AIPerf CSV next to its JSON).
   * Paths only: readers stay pure.
   */
  files?: readonly string[];
  /**
   * When set, a reader that reads record by record may hand each measurement here as soon as it
   * is built, in reading order, instead of returning it (it then returns none): the caller folds
   * them into a report without keeping a million of them alive. Readers may also ignore it.
   */
  sink?: MeasurementSink;
}

/** A reader for one file format; readers are pure (text in, measurements out). */
export interface Reader {
  /** Short name shown on the provenance page, e.g. `csv`, `vllm-bench-serve`. */
  name: string;
  /** Whether this reader recognises the file from its path and its first few kilobytes. */
  detect(file: string, head: string): boolean;
  /** Reads every record; reports problems through the context instead of throwing. */
  read(text: string, context: ReaderContext): Measurement[];
  /**
   * `read` for a file whose bytes are all ASCII (and so each one character of the text `read`
   * would get), for readers that can do without the text. Same results as `read`.
   */
  readAscii?(bytes: Uint8Array, context: ReaderContext): Measurement[];
}
