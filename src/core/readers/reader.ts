import type { IssueList } from '../issues.ts';
import type { Json } from './json-text.ts';
import type { RecordJoin, RequestBuffers } from '../requests.ts';
import { buildMeasurement, Draft, type Position, type RecordDefaults } from '../record.ts';
import type { DataIssue, Measurement, ResolvedConfig } from '../types.ts';

/** What a reader gets besides the text: where the file is, what labels it from outside, where to report. */
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
   */
  files: readonly string[];
  /** The folder's SLOs, so per-request records are judged as they are read (absent: none is an attainment SLO). */
  slo?: ResolvedConfig['slo'];
  /** Where records that belong to another file's run are handed over (absent: they are rejected). */
  joins?: RecordJoin[];
  /** The load's request buffers, reused from one request log to the next (absent: each log has its own). */
  buffers?: RequestBuffers;
  /** The document detection parsed from this file's text (absent: none), so a large file is parsed once. */
  probed?: ProbedDocument | null;
}

/** A JSON document as detection parsed it: the text it parsed (BOM removed) and its value. */
export interface ProbedDocument {
  source: string;
  value: Json;
}

/** What detection sees of a file: its path, its first kilobytes, and a JSON file's top-level keys. */
export interface Probe {
  file: string;
  /** The first 4 KB of the text. */
  head: string;
  /**
   * Top-level keys of the file's first JSON object (the first line of JSON Lines, the first
   * element of a list), wherever they sit in the text; null for a file that is not JSON.
   */
  keys: ReadonlySet<string> | null;
  /** Whether the JSON document is a list (of runs, of records). */
  list: boolean;
  /** The whole document as parsed for its keys, for the reader to take; null when only a line or nothing parsed. */
  document?: ProbedDocument | null;
}

/** A reader for one file format; readers are pure (text in, measurements out). */
export interface Reader {
  /** Short name shown on the provenance page, e.g. `csv`, `vllm-bench-serve`. */
  name: string;
  /** Whether this reader recognises the file. */
  detect(probe: Probe): boolean;
  /** Reads every record; reports problems through the context instead of throwing. */
  read(text: string, context: ReaderContext): Measurement[];
}

/** How a reader's drafted run becomes a Measurement. */
export interface BuildOptions {
  tool: string;
  /** Where the run starts in the file. */
  where: () => Position;
  /** How to label a file that names no GPU or workload. */
  labelHint?: string;
  /** Where the tool keeps the load, for a run that has none. */
  loadHint?: string;
  /** Runs that may be repeats of each other (default: the file's runs). */
  repeatGroup?: string;
}

// Files whose missing labels were already reported: once per file, not once per run.
const LABELLED = new WeakMap<ReaderContext, Set<string>>();

/** The teaching sentence for files without labels: the exact config snippet for this file. */
export function labelHintFor(file: string, extra?: string): string {
  const snippet = `"files": { ${JSON.stringify(file)}: { "gpu": "…", "workload": "…" } }`;
  return `this file does not record them; label it in capacity.config.json with ${snippet} (a key ending in "/" labels a whole folder, a glob such as "runs/**/*.json" many)${extra ? `, ${extra}` : ''}`;
}

/**
 * Validates a drafted run through the record's rules and returns its Measurement, or null after
 * reporting every problem at its place (a missing label once per file).
 */
export function buildRun(draft: Draft, context: ReaderContext, options: BuildOptions): Measurement | null {
  return buildMeasurement(draft, {
    file: context.file,
    tool: options.tool,
    defaults: context.defaults,
    where: options.where,
    labelHint: options.labelHint ?? labelHintFor(context.file),
    ...(options.loadHint ? { loadHint: options.loadHint } : {}),
    ...(options.repeatGroup ? { repeatGroup: options.repeatGroup } : {}),
  }, (at, message) => {
    if (message.startsWith('no ') && message.includes(' label: ')) {
      let seen = LABELLED.get(context);
      if (!seen) LABELLED.set(context, (seen = new Set()));
      if (seen.has('label')) return;
      seen.add('label');
    }
    context.issues.add(at.line, at.column, message);
  });
}

export { Draft };
