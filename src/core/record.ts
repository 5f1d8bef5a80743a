import { isLatencyField, type ColumnMapping, type Field } from './columns.ts';
import { STATUSES, type LatencyMetric, type Measurement, type ServerConfig, type Status } from './types.ts';

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
    return (STATUSES as readonly string[]).includes(text) ? text : undefined;
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

/** A finite, scaled number if its kind accepts it, else undefined. */
function checkNumber(kind: Kind, value: number): number | undefined {
  switch (kind) {
    case 'positive-int': return Number.isInteger(value) && value >= 1 ? value : undefined;
    case 'count': return Number.isInteger(value) && value >= 0 ? value : undefined;
    case 'number': return value >= 0 ? value : undefined;
    case 'positive': case 'rate': return value > 0 ? value : undefined;
    case 'fraction': return value > 0 && value <= 1 ? value : undefined;
    default: return undefined;
  }
}

// Powers of ten that are exact doubles, for plainNumber.
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * The value of a cell of plain digits with at most one '.' and at most 15 digits, exactly as
 * Number() reads it, or -1 when the cell needs the full parser (signs, exponents, blanks, more
 * digits, anything else). Such a mantissa and power of ten are exact doubles, so the one
 * division rounds correctly, as Number() does.
 */
function plainNumber(text: string, start: number, end: number): number {
  if (end - start > 15) return -1;
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
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
  scales: number[];
  targets: number[];
  /** Per position read: the last cell text a label (text or status) was parsed from, and its value. */
  lastRaw: (string | null)[];
  lastParsed: Parsed[];
}

// Rows of one CSV share one layout array: resolving it per row would look up every field's kind per cell.
const COMPILED = new WeakMap<readonly (ColumnMapping | null)[], CompiledLayout>();

function compile(layout: readonly (ColumnMapping | null)[]): CompiledLayout {
  let compiled = COMPILED.get(layout);
  if (compiled) return compiled;
  const result: CompiledLayout = { positions: [], fields: [], kinds: [], scales: [], targets: [], lastRaw: [], lastParsed: [] };
  layout.forEach((mapping, position) => {
    if (!mapping) return;
    result.positions.push(position);
    result.fields.push(mapping.field);
    result.kinds.push(KINDS[mapping.field]);
    result.scales.push(mapping.scale);
    result.targets.push(TARGET[mapping.field] ?? (isLatencyField(mapping.field) ? LATENCY_TARGET : SERVER_TARGET));
    result.lastRaw.push(null);
    result.lastParsed.push(null);
  });
  COMPILED.set(layout, result);
  return result;
}

function emptyMeasurement(context: RecordContext): Measurement {
  return {
    source: { file: context.file, line: context.line },
    tool: context.tool,
    gpu: '',
    workload: '',
    concurrency: null,
    request_rate: null,
    max_new_tokens: null,
    throughput_tok_s: null,
    latency: {},
    requests: null,
    failed: null,
    status: 'ok',
    server: NO_SERVER_CONFIG,
  };
}

/** Puts one parsed, present value where its field belongs. */
function store(measurement: Measurement, target: number, field: Field, value: string | number): void {
  switch (target) {
    case 0: measurement.gpu = intern(value as string); return;
    case 1: measurement.workload = value as string; return;
    case 2: measurement.status = value as Status; return;
    case 3: measurement.concurrency = value as number; return;
    case 4: measurement.request_rate = value as number; return;
    case 5: measurement.max_new_tokens = value as number; return;
    case 6: measurement.throughput_tok_s = value as number; return;
    case 7: measurement.requests = value as number; return;
    case 8: measurement.failed = value as number; return;
    case LATENCY_TARGET: measurement.latency[field as LatencyMetric] = value as number; return;
    default:
      if (measurement.server === NO_SERVER_CONFIG) measurement.server = {};
      (measurement.server as Record<string, string | number>)[field as keyof ServerConfig] = value;
  }
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

/** Fills in the labels and checks the record as a whole once its cells are read. */
function complete(measurement: Measurement, unboundedRate: boolean, context: RecordContext, report: ReportProblem): Measurement | null {
  measurement.gpu ||= context.defaults.gpu ?? '';
  measurement.workload = workloadKey(measurement.workload || context.defaults.workload || '');
  if (!measurement.gpu) {
    report(-1, 'no GPU label: add a gpu column, name the file <name>_<workload>_capacity_<gpu>.csv, or map the file to a gpu in capacity.config.json');
    return null;
  }
  if (!measurement.workload) {
    report(-1, 'no workload label: add a workload column, name the file <name>_<workload>_capacity_<gpu>.csv, or map the file to a workload in capacity.config.json');
    return null;
  }
  if (measurement.concurrency === null && measurement.request_rate === null) {
    report(-1, unboundedRate
      ? 'an unbounded request rate (inf) with no concurrency cannot be placed on a sweep: add max_concurrency'
      : 'expects a concurrency (or request_rate) for the run but found none');
    return null;
  }
  return measurement;
}

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
  const measurement = emptyMeasurement(context);
  let valid = true;
  let unboundedRate = false;
  const { positions, fields, kinds, scales, targets } = compile(layout);
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
    store(measurement, targets[i]!, fields[i]!, parsed);
  }
  if (!valid) return null;
  return complete(measurement, unboundedRate, context, report);
}

/**
 * buildMeasurement for a CSV row given as cell bounds in `text` (cell p is text[starts[p], ends[p])),
 * with exactly the same results: the cells of ignored columns are never cut out, plain numbers
 * are read in place, and a label equal to the previous row's is not parsed again.
 */
export function buildMeasurementFromCells(
  text: string,
  starts: Int32Array,
  ends: Int32Array,
  layout: readonly (ColumnMapping | null)[],
  context: RecordContext,
  report: ReportProblem,
): Measurement | null {
  const measurement = emptyMeasurement(context);
  let valid = true;
  let unboundedRate = false;
  const { positions, fields, kinds, scales, targets, lastRaw, lastParsed } = compile(layout);
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i]!;
    const start = starts[position]!;
    const end = ends[position]!;
    const kind = kinds[i]!;
    let parsed: Parsed | undefined;
    if (kind === 'text' || kind === 'status') {
      const last = lastRaw[i]!;
      if (last !== null && last.length === end - start && text.startsWith(last, start)) {
        parsed = lastParsed[i]!;
      } else {
        const raw = text.slice(start, end);
        parsed = parseValue(kind, raw, scales[i]!);
        if (parsed === undefined) {
          valid = false;
          report(position, `${fields[i]} expects ${EXPECTED[kind]} but found ${describe(raw)}`);
          continue;
        }
        lastRaw[i] = raw;
        lastParsed[i] = parsed;
      }
    } else {
      const plain = plainNumber(text, start, end);
      if (plain !== -1) {
        parsed = checkNumber(kind, plain * scales[i]!);
      } else {
        const raw = text.slice(start, end);
        parsed = parseValue(kind, raw, scales[i]!);
      }
      if (parsed === undefined) {
        valid = false;
        report(position, `${fields[i]} expects ${EXPECTED[kind]} but found ${describe(text.slice(start, end))}`);
        continue;
      }
    }
    if (parsed === null) continue;
    if (parsed === UNBOUNDED) {
      unboundedRate = true;
      continue;
    }
    store(measurement, targets[i]!, fields[i]!, parsed);
  }
  if (!valid) return null;
  return complete(measurement, unboundedRate, context, report);
}
