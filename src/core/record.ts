/**
 * The one way a run becomes a Measurement. Readers put the values they find into a Draft (each
 * with where it sits in the file); `buildMeasurement` checks every value against its field's
 * rules, fills in what labelling rules and file names give, decides the run's load and setup,
 * and reports each problem at its file, line and column.
 */
import { isField, isLatencyField, type ColumnMapping, type Field } from './columns.ts';
import { settingFor, settingSpec, type SettingKind } from './settings.ts';
import { STATUSES, type LatencyMetric, type Load, type Measurement, type Setup, type SettingValue, type Status } from './types.ts';

/** A 1-based place in a file. */
export interface Position {
  line: number;
  column: number;
}

/** Longest label (gpu, workload, a text setting) a cell may hold. */
export const MAX_LABEL_LENGTH = 200;

/** One value headed for a field or a setting, and where to point when it is wrong. */
export interface Entry {
  raw: unknown;
  /** Multiply parsed numbers by this (1000 for seconds). */
  scale: number;
  /** Where the value sits; computed only when a problem is reported. */
  at: () => Position;
  /** The value's name in the file's own terms, for messages (`max_concurrency`, `folder TP8`). */
  name: string;
}

/** A run being read: at most one value per field and per setting, later values replacing earlier ones. */
export class Draft {
  readonly fields = new Map<Field, Entry>();
  readonly settings = new Map<string, Entry>();

  /** Sets a field (null and undefined are no value and are skipped). */
  set(field: Field, raw: unknown, at: () => Position, name: string = field, scale = 1): void {
    if (raw === null || raw === undefined) return;
    this.fields.set(field, { raw, scale, at, name });
  }

  /** Sets a field only when it has no value yet. */
  fill(field: Field, raw: unknown, at: () => Position, name: string = field, scale = 1): void {
    if (!this.fields.has(field)) this.set(field, raw, at, name, scale);
  }

  /** Sets a setting: a known one under its canonical key, any other under its name as written. */
  setting(name: string, raw: unknown, at: () => Position, label: string = name): void {
    if (raw === null || raw === undefined || raw === '') return;
    this.settings.set(settingFor(name)?.key ?? name, { raw, scale: 1, at, name: label });
  }

  /** Sets a setting only when it has no value yet. */
  fillSetting(name: string, raw: unknown, at: () => Position, label: string = name): void {
    if (!this.settings.has(settingFor(name)?.key ?? name)) this.setting(name, raw, at, label);
  }

  /** Sets what a column mapping names: a field (with its unit factor) or a setting. */
  column(mapping: ColumnMapping, raw: unknown, at: () => Position, name: string): void {
    if (mapping.kind === 'field') this.set(mapping.field, raw, at, name, mapping.scale);
    else this.setting(mapping.key, raw, at, name);
  }

  /** The entry of a field, if any. */
  get(field: Field): Entry | undefined {
    return this.fields.get(field);
  }

  /** Drops a field's value (a tool writes 0.0 for figures it never measured). */
  delete(field: Field): void {
    this.fields.delete(field);
  }
}

/**
 * Values a file gets from outside itself, by field or setting key: from its name
 * (`day003_chat_capacity_rtx16gb.csv`) and from the folder config's labelling rules. The file's own
 * values win over them; they are checked like the file's own.
 */
export interface RecordDefaults {
  values: Record<string, SettingValue>;
  /** Where each default came from, for messages (`files["runs/"]`, `the file name`). */
  origin: Record<string, string>;
}

/** No defaults. */
export const NO_DEFAULTS: RecordDefaults = Object.freeze({ values: Object.freeze({}), origin: Object.freeze({}) }) as RecordDefaults;

/** Where a record is and what fills in what it lacks. */
export interface RecordContext {
  file: string;
  tool: string;
  defaults: RecordDefaults;
  /** Where the record as a whole starts. */
  where: () => Position;
  /** How to label a file that names no GPU or workload (completes the "no GPU label: " message). */
  labelHint: string;
  /** Put before a "no concurrency" message: where the tool keeps the load. */
  loadHint?: string;
  /** Runs that may be repeats of each other (default: the file's runs). */
  repeatGroup?: string;
}

/** Receives a problem at a position of the file. */
export type ReportProblem = (at: Position, message: string) => void;

type Kind = SettingKind | 'positive' | 'status' | 'rate';

const FIELD_KINDS: Readonly<Record<string, Kind>> = {
  gpu: 'text', workload: 'text', status: 'status',
  concurrency: 'positive-int', max_new_tokens: 'positive-int',
  requests: 'count', failed: 'count',
  throughput_tok_s: 'number', request_throughput: 'number', mean_output_tokens: 'number', mean_input_tokens: 'number',
  duration_s: 'number', request_rate: 'rate',
};

function kindOf(field: Field): Kind {
  return FIELD_KINDS[field] ?? (isLatencyField(field) ? 'number' : 'text');
}

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

/** What a field accepts, in words (for messages elsewhere, e.g. the config's rules). */
export function expectedFor(field: Field): string {
  return EXPECTED[kindOf(field)];
}

// Plain decimal notation only: `NaN`, `Infinity`, hex, `1_000` and empty strings are not numbers here.
// Each digit can match one way only (`\d+(?:\.\d*)?`, not `\d+\.?\d*`): the ambiguous form backtracks
// quadratically on a long run of digits that ends in a stray character, and cells are untrusted.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether a text is a number in plain decimal notation (`12`, `-0.5`, `1e3`; not `NaN`, hex or `1_000`). */
export function isDecimal(text: string): boolean {
  return NUMBER.test(text);
}
const UNBOUNDED = /^\+?inf(inity)?$/i;
// Cells that mean "no value" in some harnesses but are not empty: the message says to leave them empty.
const PLACEHOLDER = /^(?:n\/?a|none|null|nan|-|–|—)$/i;

/** Marks an unbounded request rate among parsed values. */
const INFINITE = Symbol('unbounded');
type Parsed = string | number | typeof INFINITE;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** Whether a finite, scaled number is one the numeric kind accepts. */
function accepts(kind: Kind, value: number): boolean {
  switch (kind) {
    case 'positive-int': return Number.isInteger(value) && value >= 1;
    case 'count': return Number.isInteger(value) && value >= 0;
    case 'number': return value >= 0;
    case 'positive': case 'rate': return value > 0;
    case 'fraction': return value > 0 && value <= 1;
    default: return false;
  }
}

/** Parses one value to its kind: the value, null for no value, or a message saying what is wrong. */
function parse(kind: Kind, raw: unknown, scale: number): Parsed | null | { problem: string } {
  const wrong = (extra = '') => ({ problem: `expects ${EXPECTED[kind]} but found ${describe(raw)}${extra}` });
  if (kind === 'text') {
    if (typeof raw === 'boolean') return String(raw);
    if (typeof raw !== 'string' && typeof raw !== 'number') return wrong();
    const text = String(raw).trim();
    // Labels become headings, slugs and chart legends: a runaway cell is a broken file, not a name.
    if (text.length > MAX_LABEL_LENGTH) return wrong();
    return text === '' ? null : text;
  }
  if (kind === 'status') {
    if (typeof raw !== 'string') return wrong();
    const text = raw.trim().toLowerCase();
    if (text === '') return null;
    return (STATUSES as readonly string[]).includes(text) ? text : wrong();
  }
  let value: number;
  if (typeof raw === 'number') {
    value = raw;
  } else if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '') return null;
    if (kind === 'rate' && UNBOUNDED.test(text)) return INFINITE;
    if (!NUMBER.test(text)) return wrong(PLACEHOLDER.test(text) ? ' (leave the cell empty for a value that was not measured)' : '');
    value = Number(text);
  } else {
    return wrong();
  }
  if (value === Infinity && kind === 'rate') return INFINITE;
  if (!Number.isFinite(value)) return wrong();
  const scaled = value * scale;
  return accepts(kind, scaled) ? scaled : wrong();
}

/** Parses a setting: a known one by its kind, a free one as text or a finite number. */
function parseSetting(key: string, raw: unknown): SettingValue | null | { problem: string } {
  const spec = settingSpec(key);
  if (spec) {
    const parsed = parse(spec.kind, raw, 1);
    return parsed === INFINITE ? { problem: `expects ${EXPECTED[spec.kind]} but found ${describe(raw)}` } : parsed;
  }
  // Free keys are kept as text, so `8` from a path and 8 from a file's metadata are one value.
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : { problem: `expects text or a finite number but found ${describe(raw)}` };
  const parsed = parse('text', raw, 1);
  return parsed === INFINITE ? null : parsed;
}

/** The parsed measured fields of a record, before labels and load are decided. */
type Values = Partial<Record<Field, string | number | typeof INFINITE>>;

function named(entry: Entry, field: string, message: string): string {
  return entry.name !== field ? `${entry.name} (${field}) ${message}` : `${field} ${message}`;
}

/**
 * Checks a drafted run and builds its Measurement; every problem goes to `report`, and the result
 * is null when any value is malformed or the run lacks a GPU, a workload or a load.
 */
export function buildMeasurement(draft: Draft, context: RecordContext, report: ReportProblem): Measurement | null {
  fillDefaults(draft, context);
  let valid = true;
  const values: Values = {};
  for (const [field, entry] of draft.fields) {
    const parsed = parse(kindOf(field), entry.raw, entry.scale);
    if (parsed !== null && typeof parsed === 'object') {
      report(entry.at(), named(entry, field, parsed.problem));
      valid = false;
    } else if (parsed !== null) {
      values[field] = parsed;
    }
  }
  const setup: Setup = {};
  for (const [key, entry] of draft.settings) {
    const parsed = parseSetting(key, entry.raw);
    if (parsed !== null && typeof parsed === 'object') {
      report(entry.at(), named(entry, key, parsed.problem));
      valid = false;
    } else if (parsed !== null) {
      setup[key] = parsed;
    }
  }
  if (!valid) return null;
  return complete(values, setup, context, report);
}

// What the file lacks, its name and the labelling rules fill in; checked like the file's own values
// (a rule's pattern can capture anything from a path), and reported at the record.
function fillDefaults(draft: Draft, context: RecordContext): void {
  const { values, origin } = context.defaults;
  for (const [key, value] of Object.entries(values)) {
    const name = origin[key] ?? key;
    if (isField(key)) draft.fill(key, value, context.where, name);
    else draft.fillSetting(key, value, context.where, name);
  }
}

function loadOf(values: Values, setup: Setup): Load | null {
  const concurrency = values.concurrency as number | undefined;
  const rate = values.request_rate;
  if (typeof rate === 'number') {
    // A finite rate drives the run; a concurrency limit beside it is part of the setup.
    if (concurrency !== undefined) setup.max_concurrency = concurrency;
    return { axis: 'request_rate', value: rate };
  }
  if (concurrency !== undefined) return { axis: 'concurrency', value: concurrency };
  if (rate === INFINITE) return { axis: 'unbounded', value: null };
  return null;
}

const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function complete(values: Values, setup: Setup, context: RecordContext, report: ReportProblem): Measurement | null {
  const gpu = typeof values.gpu === 'string' ? values.gpu : typeof values.gpu === 'number' ? String(values.gpu) : '';
  const workload = values.workload !== undefined ? String(values.workload).toLowerCase() : '';
  const missing = [gpu ? '' : 'GPU', workload ? '' : 'workload'].filter(Boolean);
  if (missing.length) {
    report(context.where(), `no ${missing.join(' or ')} label: ${context.labelHint}`);
    return null;
  }
  const load = loadOf(values, setup);
  if (load === null) {
    report(context.where(), `expects a concurrency (or request rate) for the run but found none${context.loadHint ? `: ${context.loadHint}` : ''}`);
    return null;
  }
  const latency: Partial<Record<LatencyMetric, number>> = {};
  for (const [field, value] of Object.entries(values)) {
    if (isLatencyField(field) && typeof value === 'number') latency[field] = value;
  }
  return {
    source: { file: context.file, line: context.where().line },
    tool: context.tool,
    gpu,
    workload,
    load,
    max_new_tokens: num(values.max_new_tokens),
    throughput_tok_s: num(values.throughput_tok_s),
    request_throughput: num(values.request_throughput),
    mean_output_tokens: num(values.mean_output_tokens),
    mean_input_tokens: num(values.mean_input_tokens),
    duration_s: num(values.duration_s),
    latency,
    requests: num(values.requests),
    failed: num(values.failed),
    status: (values.status as Status | undefined) ?? 'ok',
    setup,
    repeat_group: context.repeatGroup ?? context.file,
    request_stats: null,
  };
}
