import type { Buffer } from 'node:buffer';
import { isLatencyField, type ColumnMapping, type Field } from './columns.ts';
import { LATENCY_METRICS, STATUSES, type LatencyMetric, type Measurement, type MeasurementRow, type ServerConfig, type Status } from './types.ts';

// Most rows share their server config and labels: one empty config object and one copy of each
// label string keep a million-row sweep within a few hundred MB instead of one object per cell.
const NO_SERVER_CONFIG: ServerConfig = Object.freeze({});
const LABELS = new Map<string, string>();
const MAX_INTERNED = 100_000;

/** The one shared copy of a label string. */
function intern(label: string): string {
  const known = LABELS.get(label);
  if (known !== undefined) return known;
  if (LABELS.size >= MAX_INTERNED) LABELS.clear();
  LABELS.set(label, label);
  return label;
}

/** Longest label (gpu, workload, model, dtype) a cell may hold. */
export const MAX_LABEL_LENGTH = 200;

/** Labels a reader could not find in the row itself (from the file name or the folder config). */
export interface RecordDefaults {
  gpu?: string;
  workload?: string;
}

/** Context of one record: where it is and what fills in missing labels. */
export interface RecordContext {
  file: string;
  line: number;
  tool: string;
  defaults: RecordDefaults;
}

/** Receives a problem with the value at a position of the layout (-1: the record as a whole). */
export type ReportProblem = (position: number, message: string) => void;

type Kind = 'text' | 'positive-int' | 'count' | 'number' | 'positive' | 'fraction' | 'status' | 'rate';

const KINDS: Readonly<Record<Field, Kind>> = {
  gpu: 'text', workload: 'text', model: 'text', dtype: 'text', status: 'status',
  concurrency: 'positive-int', max_new_tokens: 'positive-int', max_model_len: 'positive-int',
  max_num_seqs: 'positive-int', tensor_parallel_size: 'positive-int',
  requests: 'count', failed: 'count', kv_cache_tokens: 'count',
  throughput_tok_s: 'number', request_rate: 'rate', gpu_memory_utilization: 'fraction',
  mean_e2e_ms: 'number', p50_e2e_ms: 'number', p90_e2e_ms: 'number', p95_e2e_ms: 'number', p99_e2e_ms: 'number',
  mean_ttft_ms: 'number', p50_ttft_ms: 'number', p90_ttft_ms: 'number', p95_ttft_ms: 'number', p99_ttft_ms: 'number',
  mean_tpot_ms: 'number', p50_tpot_ms: 'number', p90_tpot_ms: 'number', p95_tpot_ms: 'number', p99_tpot_ms: 'number',
  mean_itl_ms: 'number', p50_itl_ms: 'number', p90_itl_ms: 'number', p95_itl_ms: 'number', p99_itl_ms: 'number',
};

const EXPECTED: Readonly<Record<Kind, string>> = {
  text: `text of at most ${MAX_LABEL_LENGTH} characters`,
  'positive-int': 'a whole number of 1 or more',
  count: 'a whole number of 0 or more',
  number: 'a number of 0 or more',
  positive: 'a number above 0',
  fraction: 'a fraction above 0 and at most 1',
  status: `one of ${STATUSES.join(', ')}`,
  rate: 'a request rate above 0 (or inf)',
};

// Plain decimal notation only: `NaN`, `Infinity`, hex and empty strings are not numbers here.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const UNBOUNDED = Symbol('unbounded');
type Parsed = string | number | typeof UNBOUNDED | null;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** Parses one cell to its field's kind; returns undefined (after reporting) when it is malformed. */
function parseValue(kind: Kind, raw: unknown, scale: number): Parsed | undefined {
  if (raw === null || raw === undefined) return null;
  if (kind === 'text') {
    if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
    const text = String(raw).trim();
    // Labels become headings, slugs and chart legends: a runaway cell is a broken file, not a name.
    if (text.length > MAX_LABEL_LENGTH) return undefined;
    return text === '' ? null : text;
  }
  if (kind === 'status') {
    if (typeof raw !== 'string') return undefined;
    const text = raw.trim().toLowerCase();
    if (text === '') return null;
    // The status constant itself, not the cell's copy: it is compared and looked up per row.
    const index = (STATUSES as readonly string[]).indexOf(text);
    return index === -1 ? undefined : STATUSES[index];
  }
  let value: number;
  if (typeof raw === 'number') {
    value = raw;
  } else if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '') return null;
    if (kind === 'rate' && /^inf(inity)?$/i.test(text)) return UNBOUNDED;
    if (!NUMBER.test(text)) return undefined;
    value = Number(text);
  } else {
    return undefined;
  }
  if (!Number.isFinite(value)) return kind === 'rate' && value === Infinity ? UNBOUNDED : undefined;
  return checkNumber(kind, value * scale);
}

// The numeric kinds as small codes, so the check per cell is a switch on a number.
const NUMERIC_CODE: Readonly<Record<Kind, number>> = {
  text: 0, status: 0, 'positive-int': 1, count: 2, number: 3, positive: 4, rate: 4, fraction: 5,
};

/** Whether a finite, scaled number is one that the numeric kind with this code accepts. */
function accepts(code: number, value: number): boolean {
  switch (code) {
    case 1: return Number.isInteger(value) && value >= 1;
    case 2: return Number.isInteger(value) && value >= 0;
    case 3: return value >= 0;
    case 4: return value > 0;
    case 5: return value > 0 && value <= 1;
    default: return false;
  }
}

/** A finite, scaled number if its kind accepts it, else undefined. */
function checkNumber(kind: Kind, value: number): number | undefined {
  return accepts(NUMERIC_CODE[kind], value) ? value : undefined;
}

// Powers of ten that are exact doubles, for plainNumber.
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The value of a cell of plain digits with at most one '.' and at most 15 digits (ASCII bytes),
 * exactly as Number() reads it, or -1 when the cell needs the full parser (signs, exponents,
 * blanks, more digits, anything else). Such a mantissa and power of ten are exact doubles, so
 * the one division rounds correctly, as Number() does.
 */
function plainNumber(bytes: Uint8Array, start: number, end: number): number {
  if (end - start > 15) return -1;
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (let i = start; i < end; i++) {
    const digit = bytes[i]! - 48;
    if (digit >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      digits++;
    } else if (digit === -2 && point === -1) {
      point = i;
    } else {
      return -1;
    }
  }
  if (digits === 0) return -1;
  return point === -1 ? mantissa : mantissa / POW10[end - point - 1]!;
}

/** Whether ASCII bytes [start, end) spell `text`. */
function spells(bytes: Uint8Array, start: number, end: number, text: string): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (bytes[start + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** What a parsed value of a field means for the record, or why it was refused. */
export function expectedFor(field: Field): string {
  return EXPECTED[KINDS[field]];
}

// Where a parsed value goes in the Measurement; decided once per layout instead of per cell.
const TARGET: Readonly<Partial<Record<Field, number>>> = {
  gpu: 0, workload: 1, status: 2, concurrency: 3, request_rate: 4, max_new_tokens: 5,
  throughput_tok_s: 6, requests: 7, failed: 8,
};
const LATENCY_TARGET = 9;
const SERVER_TARGET = 10;

/** A layout resolved once for all the rows that share it: which positions to read, and how. */
interface CompiledLayout {
  positions: number[];
  fields: Field[];
  kinds: Kind[];
  /** NUMERIC_CODE of each kind (0 for labels). */
  codes: number[];
  scales: number[];
  targets: number[];
  /** LATENCY_METRICS index of each latency field (-1 for the others). */
  metrics: number[];
  /** Per position read: the last cell text a label (text or status) was parsed from, and its value. */
  lastRaw: (string | null)[];
  lastParsed: Parsed[];
}

// Rows of one CSV share one layout array: resolving it per row would look up every field's kind per cell.
const COMPILED = new WeakMap<readonly (ColumnMapping | null)[], CompiledLayout>();

// The layout compiled last: rows come a file at a time, so most look-ups are for it.
let lastLayout: readonly (ColumnMapping | null)[] | null = null;
let lastCompiled: CompiledLayout | null = null;

function compile(layout: readonly (ColumnMapping | null)[]): CompiledLayout {
  if (layout === lastLayout) return lastCompiled!;
  const compiled = COMPILED.get(layout) ?? compileNew(layout);
  lastLayout = layout;
  lastCompiled = compiled;
  return compiled;
}

function compileNew(layout: readonly (ColumnMapping | null)[]): CompiledLayout {
  const result: CompiledLayout = { positions: [], fields: [], kinds: [], codes: [], scales: [], targets: [], metrics: [], lastRaw: [], lastParsed: [] };
  layout.forEach((mapping, position) => {
    if (!mapping) return;
    result.positions.push(position);
    result.fields.push(mapping.field);
    result.kinds.push(KINDS[mapping.field]);
    result.codes.push(NUMERIC_CODE[KINDS[mapping.field]]);
    result.scales.push(mapping.scale);
    result.targets.push(TARGET[mapping.field] ?? (isLatencyField(mapping.field) ? LATENCY_TARGET : SERVER_TARGET));
    result.metrics.push((LATENCY_METRICS as readonly string[]).indexOf(mapping.field));
    result.lastRaw.push(null);
    result.lastParsed.push(null);
  });
  COMPILED.set(layout, result);
  return result;
}

// The last workload cell (or default) seen and its lower-cased, interned form: rows of a file repeat it.
let lastWorkload = '';
let lastWorkloadKey = '';

function workloadKey(workload: string): string {
  if (workload !== lastWorkload) {
    lastWorkloadKey = intern(workload.toLowerCase());
    lastWorkload = workload;
  }
  return lastWorkloadKey;
}

/** Fills in the labels and checks the record as a whole once its cells are read; false when it is invalid. */
function complete(record: MeasurementRow, unboundedRate: boolean, context: RecordContext, report: ReportProblem): boolean {
  record.gpu ||= context.defaults.gpu ?? '';
  record.workload = workloadKey(record.workload || context.defaults.workload || '');
  if (!record.gpu) {
    report(-1, 'no GPU label: add a gpu column, name the file <name>_<workload>_capacity_<gpu>.csv, or map the file to a gpu in capacity.config.json');
    return false;
  }
  if (!record.workload) {
    report(-1, 'no workload label: add a workload column, name the file <name>_<workload>_capacity_<gpu>.csv, or map the file to a workload in capacity.config.json');
    return false;
  }
  if (record.concurrency === null && record.request_rate === null) {
    report(-1, unboundedRate
      ? 'an unbounded request rate (inf) with no concurrency cannot be placed on a sweep: add max_concurrency'
      : 'expects a concurrency (or request_rate) for the run but found none');
    return false;
  }
  return true;
}

// buildMeasurement reads each record into this row, then copies it out: one way to store a value
// serves both it and readRow.
const SCRATCH_ROW = emptyRow();

/**
 * Validates one record laid out by `layout` (one mapping per position, null for ignored columns)
 * and builds its Measurement. Problems go to `report`; returns null when the record is invalid.
 */
export function buildMeasurement(
  values: ArrayLike<unknown>,
  layout: readonly (ColumnMapping | null)[],
  context: RecordContext,
  report: ReportProblem,
): Measurement | null {
  const row = resetRow(SCRATCH_ROW, context);
  let valid = true;
  let unboundedRate = false;
  const { positions, fields, kinds, scales, targets, metrics } = compile(layout);
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i]!;
    const raw = position < values.length ? values[position] : undefined;
    const parsed = parseValue(kinds[i]!, raw, scales[i]!);
    if (parsed === undefined) {
      valid = false;
      report(position, `${fields[i]} expects ${EXPECTED[kinds[i]!]} but found ${describe(raw)}`);
      continue;
    }
    if (parsed === null) continue;
    if (parsed === UNBOUNDED) {
      unboundedRate = true;
      continue;
    }
    storeRow(row, targets[i]!, metrics[i]!, fields[i]!, parsed);
  }
  if (!valid || !complete(row, unboundedRate, context, report)) return null;
  return rowToMeasurement(row, context.tool);
}

/** Puts one parsed, present value where its field belongs in a row. */
function storeRow(row: MeasurementRow, target: number, metric: number, field: Field, value: string | number): void {
  switch (target) {
    case 0: row.gpu = intern(value as string); return;
    case 1: row.workload = value as string; return;
    case 2: row.status = value as Status; return;
    case 3: row.concurrency = value as number; return;
    case 4: row.request_rate = value as number; return;
    case 5: row.max_new_tokens = value as number; return;
    case 6: row.throughput_tok_s = value as number; return;
    case 7: row.requests = value as number; return;
    case 8: row.failed = value as number; return;
    case LATENCY_TARGET:
      row.latency[metric] = value as number;
      row.metrics[row.metricCount++] = metric;
      return;
    default:
      if (row.server === NO_SERVER_CONFIG) row.server = {};
      (row.server as Record<string, string | number>)[field as keyof ServerConfig] = value;
  }
}

/** A row for readRow (or points.ts toRow) to fill. */
export function emptyRow(): MeasurementRow {
  return {
    source: { file: '', line: 0 }, gpu: '', workload: '', concurrency: null, request_rate: null, max_new_tokens: null,
    throughput_tok_s: null, latency: new Float64Array(LATENCY_METRICS.length), metrics: new Array<number>(LATENCY_METRICS.length).fill(0),
    metricCount: 0, requests: null, failed: null, status: 'ok', server: {},
  };
}

/** Empties a row for the record at `context` (a new source: the report keeps each row's). */
function resetRow(row: MeasurementRow, context: RecordContext): MeasurementRow {
  row.source = { file: context.file, line: context.line };
  row.gpu = '';
  row.workload = '';
  row.concurrency = null;
  row.request_rate = null;
  row.max_new_tokens = null;
  row.throughput_tok_s = null;
  row.metricCount = 0;
  row.requests = null;
  row.failed = null;
  row.status = 'ok';
  row.server = NO_SERVER_CONFIG;
  return row;
}

/** storeRow for a number (kept apart so that numbers are not boxed on the way). */
function storeRowNumber(row: MeasurementRow, target: number, metric: number, field: Field, value: number): void {
  switch (target) {
    case 3: row.concurrency = value; return;
    case 4: row.request_rate = value; return;
    case 5: row.max_new_tokens = value; return;
    case 6: row.throughput_tok_s = value; return;
    case 7: row.requests = value; return;
    case 8: row.failed = value; return;
    case LATENCY_TARGET:
      row.latency[metric] = value;
      row.metrics[row.metricCount++] = metric;
      return;
    default: storeRow(row, target, metric, field, value);
  }
}

/**
 * buildMeasurement for a CSV row of ASCII bytes given as cell bounds (cell p is
 * bytes[starts[p], ends[p])), read into `row` (see MeasurementRow; rowToMeasurement makes it the
 * Measurement buildMeasurement would give for the cells' text). The cells of ignored columns are
 * never made into strings, plain numbers are read in place, and a label equal to the previous
 * row's is not parsed again. Returns false when the record is invalid.
 */
export function readRow(
  bytes: Buffer,
  starts: Int32Array,
  ends: Int32Array,
  layout: readonly (ColumnMapping | null)[],
  context: RecordContext,
  report: ReportProblem,
  row: MeasurementRow,
): boolean {
  resetRow(row, context);
  let valid = true;
  let unboundedRate = false;
  const { positions, fields, kinds, codes, scales, targets, metrics, lastRaw, lastParsed } = compile(layout);
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i]!;
    const start = starts[position]!;
    const end = ends[position]!;
    const kind = kinds[i]!;
    const code = codes[i]!;
    let parsed: Parsed | undefined;
    if (code !== 0) {
      const plain = plainNumber(bytes, start, end);
      if (plain !== -1) {
        const value = plain * scales[i]!;
        if (accepts(code, value)) {
          storeRowNumber(row, targets[i]!, metrics[i]!, fields[i]!, value);
        } else {
          valid = false;
          report(position, `${fields[i]} expects ${EXPECTED[kind]} but found ${describe(bytes.toString('latin1', start, end))}`);
        }
        continue;
      }
      parsed = parseValue(kind, bytes.toString('latin1', start, end), scales[i]!);
      if (parsed === undefined) {
        valid = false;
        report(position, `${fields[i]} expects ${EXPECTED[kind]} but found ${describe(bytes.toString('latin1', start, end))}`);
        continue;
      }
    } else {
      const last = lastRaw[i]!;
      if (last !== null && spells(bytes, start, end, last)) {
        parsed = lastParsed[i]!;
      } else {
        const raw = bytes.toString('latin1', start, end);
        parsed = parseValue(kind, raw, scales[i]!);
        if (parsed === undefined) {
          valid = false;
          report(position, `${fields[i]} expects ${EXPECTED[kind]} but found ${describe(raw)}`);
          continue;
        }
        lastRaw[i] = raw;
        lastParsed[i] = parsed;
      }
    }
    if (parsed === null) continue;
    if (parsed === UNBOUNDED) {
      unboundedRate = true;
      continue;
    }
    storeRow(row, targets[i]!, metrics[i]!, fields[i]!, parsed);
  }
  if (!valid) return false;
  return complete(row, unboundedRate, context, report);
}

/** The Measurement a row read by readRow stands for (the one buildMeasurement gives for its cells). */
export function rowToMeasurement(row: MeasurementRow, tool: string): Measurement {
  const latency: Partial<Record<LatencyMetric, number>> = {};
  for (let j = 0; j < row.metricCount; j++) {
    const index = row.metrics[j]!;
    latency[LATENCY_METRICS[index]!] = row.latency[index]!;
  }
  return {
    source: row.source,
    tool,
    gpu: row.gpu,
    workload: row.workload,
    concurrency: row.concurrency,
    request_rate: row.request_rate,
    max_new_tokens: row.max_new_tokens,
    throughput_tok_s: row.throughput_tok_s,
    latency,
    requests: row.requests,
    failed: row.failed,
    status: row.status,
    server: row.server,
  };
}
