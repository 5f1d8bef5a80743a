import type { Field } from '../columns.ts';
import { buildMeasurement } from '../record.ts';
import type { Measurement } from '../types.ts';
import type { Position } from './json-text.ts';
import type { ReaderContext } from './reader.ts';

/** One value of a tool's record headed for a canonical field, with where to point at it. */
export interface Entry {
  field: Field;
  raw: unknown;
  /** Multiply parsed numbers by this (1000 for seconds). */
  scale?: number;
  /** Where the value sits in the file, computed only when a problem is reported. */
  at: () => Position;
  /** Name of the value in the tool's own terms, for messages (e.g. `max_concurrency`). */
  name?: string;
}

/** A record being assembled: at most one entry per field, later sets win. */
export class EntryList {
  readonly entries = new Map<Field, Entry>();
  /** Sets a field's value (replacing any earlier one); null and undefined are skipped. */
  set(field: Field, raw: unknown, at: () => Position, scale = 1, name?: string): void {
    if (raw === null || raw === undefined) return;
    const entry: Entry = { field, raw, scale, at };
    if (name !== undefined) entry.name = name;
    this.entries.set(field, entry);
  }
  /** Sets a field only when it has no value yet. */
  fill(field: Field, raw: unknown, at: () => Position, scale = 1, name?: string): void {
    if (!this.entries.has(field)) this.set(field, raw, at, scale, name);
  }
  get(field: Field): Entry | undefined {
    return this.entries.get(field);
  }
  delete(field: Field): void {
    this.entries.delete(field);
  }
}

/** True for a request rate that means "all at once": `inf`, `Infinity` (any case) or the number Infinity. */
export function isUnboundedRate(raw: unknown): boolean {
  if (raw === Infinity) return true;
  return typeof raw === 'string' && /^\s*\+?inf(inity)?\s*$/i.test(raw);
}

/** How a record of a tool file is turned into a Measurement. */
export interface RecordOptions {
  tool: string;
  /** Where the record starts (for problems with the record as a whole). */
  where: () => Position;
  /** How to label a file that names no GPU or workload (ends the "no GPU label …: " message). */
  labelHint?: string;
  /** Why an unbounded rate with no concurrency cannot be placed, and how to fix it. */
  unboundedHint?: string;
  /** Put in front of a rejection reason (e.g. "all 8 requests failed; "). */
  rejectPrefix?: string;
  /** Where the tool keeps the load when a run has neither a concurrency nor a rate. */
  missingHint?: string;
}

/** The teaching sentence for tool files without labels: the exact config snippet for this file. */
export function labelHintFor(file: string, extra?: string): string {
  const snippet = `"files": { ${JSON.stringify(file)}: { "gpu": "…", "workload": "…" } }`;
  return `this file does not record them; label it in capacity.config.json with ${snippet} (a key ending in "/" labels a whole folder)${extra ? `, ${extra}` : ''}`;
}

// Files whose missing labels were already reported: once per file, not once per run.
const reportedLabels = new WeakSet<ReaderContext>();

/** Reports (once per file) a record that has no GPU or workload label; true when labels are there. */
function checkLabels(list: EntryList, context: ReaderContext, options: RecordOptions): boolean {
  const missing: string[] = [];
  if (!list.get('gpu') && !context.defaults.gpu) missing.push('GPU');
  if (!list.get('workload') && !context.defaults.workload) missing.push('workload');
  if (missing.length === 0) return true;
  if (!reportedLabels.has(context)) {
    reportedLabels.add(context);
    const at = options.where();
    context.issues.add(at.line, at.column, `no ${missing.join(' or ')} label: ${options.labelHint ?? labelHintFor(context.file)}`);
  }
  return false;
}

/**
 * Validates a tool record through the shared record rules and returns its Measurement, or null
 * (after reporting, or after recording a rejection for a run that cannot be placed on a sweep).
 */
export function buildRecord(list: EntryList, context: ReaderContext, options: RecordOptions): Measurement | null {
  const concurrency = list.get('concurrency');
  const rate = list.get('request_rate');
  if (concurrency === undefined && (rate === undefined || isUnboundedRate(rate.raw))) {
    const at = rate?.at() ?? options.where();
    if (rate !== undefined) {
      context.rejected.push({
        file: context.file, line: at.line, column: at.column,
        message: `${options.rejectPrefix ?? ''}${options.unboundedHint ?? 'an unbounded request rate (inf) with no concurrency cannot be placed on a sweep: the run is left out'}`,
      });
      return null;
    }
    context.issues.add(at.line, at.column, `expects a concurrency (or request rate) for the run but found none${options.missingHint ? `: ${options.missingHint}` : ''}`);
    return null;
  }
  if (!checkLabels(list, context, options)) return null;
  const entries = [...list.entries.values()];
  const layout = entries.map((entry) => ({ field: entry.field, scale: entry.scale ?? 1 }));
  const values = entries.map((entry) => entry.raw);
  const where = options.where();
  const recordContext = { file: context.file, line: where.line, tool: options.tool, defaults: context.defaults };
  return buildMeasurement(values, layout, recordContext, (position, message) => {
    const entry = position >= 0 ? entries[position] : undefined;
    const at = entry ? entry.at() : where;
    const named = entry?.name && entry.name !== entry.field ? `${entry.name}: ${message}` : message;
    context.issues.add(at.line, at.column, named);
  });
}
