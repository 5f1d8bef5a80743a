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
  value *= scale;
  switch (kind) {
    case 'positive-int': return Number.isInteger(value) && value >= 1 ? value : undefined;
    case 'count': return Number.isInteger(value) && value >= 0 ? value : undefined;
    case 'number': return value >= 0 ? value : undefined;
    case 'positive': case 'rate': return value > 0 ? value : undefined;
    case 'fraction': return value > 0 && value <= 1 ? value : undefined;
  }
}

/** What a parsed value of a field means for the record, or why it was refused. */
export function expectedFor(field: Field): string {
  return EXPECTED[KINDS[field]];
}

/** A layout resolved once for all the rows that share it: which positions to read, and how. */
interface CompiledLayout {
  positions: number[];
  fields: Field[];
  kinds: Kind[];
  scales: number[];
  latency: boolean[];
}

// Rows of one CSV share one layout array: resolving it per row would look up every field's kind per cell.
const COMPILED = new WeakMap<readonly (ColumnMapping | null)[], CompiledLayout>();

function compile(layout: readonly (ColumnMapping | null)[]): CompiledLayout {
  let compiled = COMPILED.get(layout);
  if (compiled) return compiled;
  compiled = { positions: [], fields: [], kinds: [], scales: [], latency: [] };
  layout.forEach((mapping, position) => {
    if (!mapping) return;
    compiled!.positions.push(position);
    compiled!.fields.push(mapping.field);
    compiled!.kinds.push(KINDS[mapping.field]);
    compiled!.scales.push(mapping.scale);
    compiled!.latency.push(isLatencyField(mapping.field));
  });
  COMPILED.set(layout, compiled);
  return compiled;
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
  const measurement: Measurement = {
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
  let valid = true;
  let unboundedRate = false;
  const { positions, fields, kinds, scales, latency } = compile(layout);
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
    if (latency[i]) measurement.latency[fields[i] as LatencyMetric] = parsed as number;
    else assign(measurement, fields[i]!, parsed);
  }
  if (!valid) return null;
  measurement.gpu ||= context.defaults.gpu ?? '';
  measurement.workload = intern((measurement.workload || context.defaults.workload || '').toLowerCase());
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

function assign(measurement: Measurement, field: Field, value: string | number): void {
  switch (field) {
    case 'gpu': measurement.gpu = intern(value as string); return;
    case 'workload': measurement.workload = value as string; return;
    case 'status': measurement.status = value as Status; return;
    case 'concurrency': measurement.concurrency = value as number; return;
    case 'request_rate': measurement.request_rate = value as number; return;
    case 'max_new_tokens': measurement.max_new_tokens = value as number; return;
    case 'throughput_tok_s': measurement.throughput_tok_s = value as number; return;
    case 'requests': measurement.requests = value as number; return;
    case 'failed': measurement.failed = value as number; return;
    default:
      if (measurement.server === NO_SERVER_CONFIG) measurement.server = {};
      (measurement.server as Record<string, string | number>)[field as keyof ServerConfig] = value;
  }
}
