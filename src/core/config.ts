/**
 * The folder config, `capacity.config.json`: parsed with the place of every key, checked at every
 * depth (an unknown or misspelt key is an error at its line and column, naming the nearest valid
 * key), and resolved against the defaults.
 */
import { isField, resolveLatency } from './columns.ts';
import { IssueList } from './issues.ts';
import { JsonSyntaxError, nearest, parseJsonSource, type Member, type Node } from './json-source.ts';
import type { Position } from './record.ts';
import { settingFor, settingSpec, SETTINGS } from './settings.ts';
import { LATENCY_METRICS, type Demand, type FileRule, type LatencyMetric, type ModelArchitecture, type RequestBounds, type ResolvedConfig, type SettingValue, type SloConfig } from './types.ts';

/** The file name of a data folder's settings. */
export const CONFIG_FILE = 'capacity.config.json';

/** The seed's thresholds: chat p95 e2e ≤ 2000 ms, every other workload ≤ 5000 ms. */
export const DEFAULT_SLO: SloConfig = { kind: 'percentile', metrics: ['p95_e2e_ms'], threshold_ms: 5000 };
/** SLOs for named workloads when the folder config says nothing. */
export const DEFAULT_WORKLOAD_SLOS: Readonly<Record<string, SloConfig>> = {
  chat: { kind: 'percentile', metrics: ['p95_e2e_ms'], threshold_ms: 2000 },
};
/** Share of requests an attainment SLO asks for when the config gives none. */
export const DEFAULT_ATTAINMENT = 0.9;

/** Settings used when a data folder has no config file. */
export function defaultConfig(): ResolvedConfig {
  return {
    title: 'Capacity Frontier Report',
    client: null,
    date: null,
    slo: { default: structuredClone(DEFAULT_SLO), workloads: structuredClone({ ...DEFAULT_WORKLOAD_SLOS }) },
    model: null,
    gpus: {},
    context_length: null,
    files: [],
    ignore: [],
    currency: 'USD',
    demand: {},
    plan: { reserve_pct: 0, hours_per_month: 730 },
    review: { noise_pct: 5 },
    history: [],
    base: '/',
    site: null,
    logo: null,
    accent: '#0b6bcb',
    source: null,
  };
}

/** The SLO that applies to a workload (matched lower-case). */
export function sloFor(config: ResolvedConfig, workload: string): SloConfig {
  return config.slo.workloads[workload.toLowerCase()] ?? config.slo.default;
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Turns JSON.parse's message into a line and column. */
export function jsonSyntaxPosition(text: string, error: unknown): Position & { message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]), message };
  const position = /position (\d+)/.exec(message);
  if (position) return { ...lineColumn(text, Number(position[1])), message };
  return { ...lineColumn(text, text.length), message };
}

/** Where the keys that name GPUs, files and workloads sit, so the loader can report one that matches nothing. */
export interface ConfigPlaces {
  gpus: Map<string, Position>;
  files: Map<string, Position>;
  ignore: Map<string, Position>;
  demand: Map<string, Position>;
  slo: Map<string, Position>;
  history: Map<string, Position>;
}

const TOP_KEYS = ['title', 'client', 'date', 'slo', 'model', 'context_length', 'gpus', 'files', 'ignore', 'currency', 'demand', 'plan', 'review', 'history', 'base', 'site', 'logo', 'accent'];
const MODEL_KEYS = ['name', 'layers', 'kv_heads', 'head_dim', 'bytes_per_element', 'weights_gib', 'overhead_gib'];
const GPU_KEYS = ['memory_gib', 'gpu_memory_utilization', 'price_per_hour'];
const PERCENTILE_KEYS = ['metric', 'threshold_ms'];
const BOUND_KEYS = ['ttft_ms', 'tpot_ms', 'itl_ms', 'e2e_ms'] as const;
const ATTAINMENT_KEYS = [...BOUND_KEYS, 'attainment'];
const DEMAND_KEYS = ['requests_per_s', 'output_tok_s', 'concurrent_users'] as const;
const RULE_FIELDS = ['gpu', 'workload', 'concurrency', 'request_rate', 'max_new_tokens'];
const RULE_KEYS = [...RULE_FIELDS, 'pattern', 'settings', ...SETTINGS.map((s) => s.key)];

const typeName = (node: Node) => (node.type === 'null' ? 'null' : node.type === 'array' ? 'a list' : node.type === 'object' ? 'an object' : JSON.stringify(node.value));

/** Reports problems of one config file at the place of the key or value concerned. */
class Checker {
  readonly issues: IssueList;
  constructor(issues: IssueList) {
    this.issues = issues;
  }
  fail(at: Position, message: string): void {
    this.issues.add(at.line, at.column, message);
  }
  /** The members of an object, after reporting each key not in `known` (with the nearest valid one). */
  object(node: Node, name: string, what: string, known: readonly string[] | null): Member[] | null {
    if (node.type !== 'object') {
      this.fail(node.at, `${name} expects ${what} but found ${typeName(node)}`);
      return null;
    }
    const seen = new Set<string>();
    const members: Member[] = [];
    for (const m of node.members) {
      if (seen.has(m.key)) {
        this.fail(m.at, `"${m.key}" is given twice in ${name}: keep one`);
        continue;
      }
      seen.add(m.key);
      if (known && !known.includes(m.key)) {
        const guess = nearest(m.key, known);
        this.fail(m.at, `"${m.key}" is not a key of ${name}${guess ? `; did you mean "${guess}"?` : ''} (expects ${known.join(', ')})`);
        continue;
      }
      members.push(m);
    }
    return members;
  }
  text(node: Node, name: string, allowNull = false): string | null | undefined {
    if (node.type === 'null' && allowNull) return null;
    if (node.type === 'string' && node.value.trim() !== '') return node.value.trim();
    this.fail(node.at, `${name} expects a non-empty string${allowNull ? ' or null' : ''} but found ${typeName(node)}`);
    return undefined;
  }
  number(node: Node, name: string, rule: { min: number; above?: boolean; integer?: boolean; max?: number }): number | undefined {
    const ok = node.type === 'number' && (rule.above ? node.value > rule.min : node.value >= rule.min)
      && (rule.max === undefined || node.value <= rule.max) && (!rule.integer || Number.isInteger(node.value));
    if (ok) return (node as { value: number }).value;
    const range = `${rule.above ? 'above' : 'of at least'} ${rule.min}${rule.max !== undefined ? ` and at most ${rule.max}` : ''}`;
    this.fail(node.at, `${name} expects ${rule.integer ? 'a whole number' : 'a number'} ${range} but found ${typeName(node)}`);
    return undefined;
  }
}

/** Parses and validates a folder config; every problem is reported at its line and column. */
export function parseConfig(text: string, file: string = CONFIG_FILE): { config: ResolvedConfig; issues: IssueList; places: ConfigPlaces } {
  const issues = new IssueList(file);
  const config = defaultConfig();
  config.source = file;
  const places: ConfigPlaces = { gpus: new Map(), files: new Map(), ignore: new Map(), demand: new Map(), slo: new Map(), history: new Map() };
  let root: Node;
  try {
    root = parseJsonSource(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    issues.add(error.at.line, error.at.column, `expects valid JSON but found a syntax error: ${error.message}`);
    return { config, issues, places };
  }
  const check = new Checker(issues);
  const top = check.object(root, 'the config', 'a JSON object', TOP_KEYS);
  if (!top) return { config, issues, places };
  for (const { key, value } of top) {
    switch (key) {
      case 'title': config.title = check.text(value, 'title') ?? config.title; break;
      case 'client': { const v = check.text(value, 'client', true); if (v !== undefined) config.client = v; break; }
      case 'logo': { const v = check.text(value, 'logo', true); if (v !== undefined) config.logo = v; break; }
      case 'date': {
        const v = check.text(value, 'date', true);
        if (v === null || v === undefined) break;
        if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))) config.date = v;
        else check.fail(value.at, `date expects a day written YYYY-MM-DD (e.g. "2026-11-30") but found ${JSON.stringify(v)}`);
        break;
      }
      case 'site': {
        const v = check.text(value, 'site', true);
        if (v === undefined) break;
        if (v !== null && !/^https?:\/\/[^\s]+$/.test(v)) check.fail(value.at, `site expects an absolute http(s) URL but found ${JSON.stringify(v)}`);
        else config.site = v;
        break;
      }
      case 'base': {
        const v = check.text(value, 'base');
        if (v === undefined || v === null) break;
        if (!/^\/([A-Za-z0-9._~-]+\/)*$/.test(v)) check.fail(value.at, `base expects a path that starts and ends with "/" (e.g. "/reports/q3/") but found ${JSON.stringify(v)}`);
        else config.base = v;
        break;
      }
      case 'accent': {
        const v = check.text(value, 'accent');
        if (v === undefined || v === null) break;
        if (!/^#[0-9a-fA-F]{6}$/.test(v)) check.fail(value.at, `accent expects a colour like "#0b6bcb" but found ${JSON.stringify(v)}`);
        else config.accent = v.toLowerCase();
        break;
      }
      case 'currency': {
        const v = check.text(value, 'currency');
        if (v === undefined || v === null) break;
        if (!/^[A-Z]{3}$/.test(v)) check.fail(value.at, `currency expects a three-letter ISO 4217 code such as "USD" or "EUR" but found ${JSON.stringify(v)}`);
        else config.currency = v;
        break;
      }
      case 'context_length': config.context_length = check.number(value, 'context_length', { min: 1, integer: true }) ?? null; break;
      case 'slo': parseSlos(check, value, config, places); break;
      case 'model': if (value.type !== 'null') config.model = parseModel(check, value); break;
      case 'gpus': parseGpus(check, value, config, places); break;
      case 'files': parseFiles(check, value, config, places); break;
      case 'ignore': parseIgnore(check, value, config, places); break;
      case 'demand': parseDemand(check, value, config, places); break;
      case 'plan': {
        for (const m of check.object(value, 'plan', 'an object {"reserve_pct", "hours_per_month"}', ['reserve_pct', 'hours_per_month']) ?? []) {
          const v = m.key === 'reserve_pct'
            ? check.number(m.value, 'plan.reserve_pct', { min: 0 })
            : check.number(m.value, 'plan.hours_per_month', { min: 0, above: true, max: 744 });
          if (v !== undefined) config.plan[m.key as 'reserve_pct' | 'hours_per_month'] = v;
        }
        break;
      }
      case 'review': {
        for (const m of check.object(value, 'review', 'an object {"noise_pct"}', ['noise_pct']) ?? []) {
          const v = check.number(m.value, 'review.noise_pct', { min: 0, max: 100 });
          if (v !== undefined) config.review.noise_pct = v;
        }
        break;
      }
      case 'history': parseHistory(check, value, config, places); break;
    }
  }
  return { config, issues, places };
}

function parseSlos(check: Checker, node: Node, config: ResolvedConfig, places: ConfigPlaces): void {
  const members = check.object(node, 'slo', 'an object of workload → {"metric", "threshold_ms"}', null);
  for (const { key, at, value } of members ?? []) {
    const slo = parseSlo(check, `slo.${key}`, value);
    if (!slo) continue;
    if (key === 'default') config.slo.default = slo;
    else {
      config.slo.workloads[key.toLowerCase()] = slo;
      places.slo.set(key.toLowerCase(), at);
    }
  }
}

function isMetric(value: string): value is LatencyMetric {
  return (LATENCY_METRICS as readonly string[]).includes(value);
}

function metricOf(check: Checker, node: Node, name: string): LatencyMetric | null {
  if (node.type === 'string' && isMetric(node.value)) return node.value;
  const written = node.type === 'string' ? node.value : '';
  // A column name people know (`p95_e2el_ms`, `median_ttft_ms`) is accepted for the metric it names.
  const alias = written ? resolveLatency(written.toLowerCase()) : null;
  if (alias && alias.scale === 1) return alias.metric;
  const guess = written ? nearest(written, LATENCY_METRICS) : null;
  check.fail(node.at, `${name} expects a latency metric such as "p95_e2e_ms" (one of ${LATENCY_METRICS.join(', ')}) but found ${typeName(node)}${guess ? `; did you mean "${guess}"?` : ''}`);
  return null;
}

function parseSlo(check: Checker, name: string, node: Node): SloConfig | null {
  if (node.type === 'number') {
    const threshold = check.number(node, name, { min: 0, above: true });
    return threshold === undefined ? null : { kind: 'percentile', metrics: ['p95_e2e_ms'], threshold_ms: threshold };
  }
  if (node.type !== 'object') {
    check.fail(node.at, `${name} expects {"metric": "p95_e2e_ms", "threshold_ms": 2000}, a joint SLO {"ttft_ms": 500, "tpot_ms": 50, "attainment": 0.99} or a number of milliseconds but found ${typeName(node)}`);
    return null;
  }
  const keys = node.members.map((m) => m.key);
  const joint = keys.some((k) => (ATTAINMENT_KEYS as readonly string[]).includes(k));
  if (joint && keys.some((k) => PERCENTILE_KEYS.includes(k))) {
    check.fail(node.at, `${name} mixes a percentile SLO (metric, threshold_ms) with a joint one (${BOUND_KEYS.join(', ')}, attainment): give one or the other`);
    return null;
  }
  if (joint) {
    const bounds: RequestBounds = {};
    let target = DEFAULT_ATTAINMENT;
    let ok = true;
    for (const m of check.object(node, `${name} (a joint SLO)`, 'an object', ATTAINMENT_KEYS) ?? []) {
      if (m.key === 'attainment') {
        const v = check.number(m.value, `${name}.attainment`, { min: 0, above: true, max: 1 });
        if (v === undefined) ok = false;
        else target = v;
      } else {
        const v = check.number(m.value, `${name}.${m.key}`, { min: 0, above: true });
        if (v === undefined) ok = false;
        else bounds[m.key as keyof RequestBounds] = v;
      }
    }
    if (Object.keys(bounds).length === 0) {
      check.fail(node.at, `${name} expects at least one bound (${BOUND_KEYS.join(', ')}) beside "attainment"`);
      return null;
    }
    return ok ? { kind: 'attainment', bounds, target } : null;
  }
  const members = check.object(node, `an slo entry (${name})`, 'an object', PERCENTILE_KEYS);
  if (!members) return null;
  let metrics: LatencyMetric[] = ['p95_e2e_ms'];
  let threshold: number | undefined;
  let ok = members.length === node.members.length;
  for (const m of members) {
    if (m.key === 'metric') {
      const list = m.value.type === 'array' ? m.value.items : [m.value];
      if (list.length === 0) {
        check.fail(m.value.at, `${name}.metric expects a metric or a non-empty list of metrics but found an empty list`);
        ok = false;
        continue;
      }
      const parsed = list.map((item) => metricOf(check, item, `${name}.metric`));
      if (parsed.some((p) => p === null)) ok = false;
      else metrics = parsed as LatencyMetric[];
    } else {
      threshold = check.number(m.value, `${name}.threshold_ms`, { min: 0, above: true });
      if (threshold === undefined) ok = false;
    }
  }
  if (threshold === undefined && ok) {
    check.fail(node.at, `${name} expects "threshold_ms" (milliseconds) but it is missing`);
    return null;
  }
  return ok && threshold !== undefined ? { kind: 'percentile', metrics, threshold_ms: threshold } : null;
}

function parseModel(check: Checker, node: Node): ModelArchitecture | null {
  const members = check.object(node, 'model', 'an object with layers, kv_heads, head_dim, bytes_per_element', MODEL_KEYS);
  if (!members) return null;
  const model: Partial<ModelArchitecture> = { bytes_per_element: 2, weights_gib: 0, overhead_gib: 0 };
  let ok = true;
  for (const m of members) {
    if (m.key === 'name') {
      const v = check.text(m.value, 'model.name');
      if (v) model.name = v;
      continue;
    }
    const integer = m.key === 'layers' || m.key === 'kv_heads' || m.key === 'head_dim';
    const v = check.number(m.value, `model.${m.key}`, integer ? { min: 1, integer: true } : m.key === 'bytes_per_element' ? { min: 0.125 } : { min: 0 });
    if (v === undefined) ok = false;
    else (model as Record<string, number>)[m.key] = v;
  }
  for (const key of ['layers', 'kv_heads', 'head_dim'] as const) {
    if (!members.some((m) => m.key === key)) {
      check.fail(node.at, `model expects "${key}" for the KV-cache arithmetic but it is missing`);
      ok = false;
    }
  }
  return ok ? (model as ModelArchitecture) : null;
}

function parseGpus(check: Checker, node: Node, config: ResolvedConfig, places: ConfigPlaces): void {
  for (const { key: label, at, value } of check.object(node, 'gpus', 'an object of GPU label → {"memory_gib", "price_per_hour"}', null) ?? []) {
    places.gpus.set(label, at);
    const entry = `gpus[${JSON.stringify(label)}]`;
    const members = check.object(value, entry, 'an object {"memory_gib", "gpu_memory_utilization", "price_per_hour"}', GPU_KEYS);
    if (!members) continue;
    const gpu: ResolvedConfig['gpus'][string] = {};
    for (const m of members) {
      const v = m.key === 'gpu_memory_utilization'
        ? check.number(m.value, `${entry}.gpu_memory_utilization`, { min: 0, above: true, max: 1 })
        : check.number(m.value, `${entry}.${m.key}`, { min: 0, above: true });
      if (v !== undefined) gpu[m.key as keyof typeof gpu] = v;
    }
    config.gpus[label] = gpu;
  }
}

/** Checks one value a labelling rule sets, by the field or setting it names. */
function ruleValue(check: Checker, name: string, key: string, node: Node): SettingValue | undefined {
  if (node.type !== 'string' && node.type !== 'number') {
    check.fail(node.at, `${name} expects text or a number but found ${typeName(node)}`);
    return undefined;
  }
  const value = node.value;
  const kind = key === 'concurrency' || key === 'max_new_tokens' ? 'positive-int' : key === 'request_rate' ? 'rate' : settingSpec(key)?.kind ?? 'text';
  const n = typeof value === 'number' ? value : Number.NaN;
  const bad = (expected: string): undefined => {
    check.fail(node.at, `${name} expects ${expected} but found ${JSON.stringify(value)}`);
    return undefined;
  };
  switch (kind) {
    case 'positive-int': if (!(Number.isInteger(n) && n >= 1)) return bad('a whole number of 1 or more'); break;
    case 'count': if (!(Number.isInteger(n) && n >= 0)) return bad('a whole number of 0 or more'); break;
    case 'fraction': if (!(n > 0 && n <= 1)) return bad('a fraction above 0 and at most 1'); break;
    case 'number': if (!(n >= 0)) return bad('a number of 0 or more'); break;
    case 'rate': if (!(n > 0) && !(typeof value === 'string' && /^inf(inity)?$/i.test(value))) return bad('a request rate above 0 or "inf"'); break;
    case 'text': if (typeof value === 'string' && value.trim() === '') return bad('non-empty text'); break;
  }
  return typeof value === 'string' ? value.trim() : value;
}

function parseFiles(check: Checker, node: Node, config: ResolvedConfig, places: ConfigPlaces): void {
  for (const { key: match, at, value } of check.object(node, 'files', 'an object of path, folder/ or glob → {"gpu", "workload", …}', null) ?? []) {
    places.files.set(match, at);
    const entry = `files[${JSON.stringify(match)}]`;
    const members = check.object(value, entry, 'an object {"gpu", "workload", "pattern", a setting…}', RULE_KEYS.concat(settingAliases()));
    if (!members) continue;
    const rule: FileRule = { match, values: {}, pattern: null };
    for (const m of members) {
      if (m.key === 'pattern') {
        const text = check.text(m.value, `${entry}.pattern`);
        if (!text) continue;
        try {
          const re = new RegExp(text);
          if (!/\(\?<[A-Za-z_]\w*>/.test(re.source)) {
            check.fail(m.value.at, `${entry}.pattern expects named groups such as (?<tensor_parallel_size>\\d+) that say which setting each part of the path gives, but found none`);
            continue;
          }
          rule.pattern = text;
        } catch (error) {
          check.fail(m.value.at, `${entry}.pattern expects a regular expression but found ${JSON.stringify(text)}: ${(error as Error).message}`);
        }
      } else if (m.key === 'settings') {
        for (const s of check.object(m.value, `${entry}.settings`, 'an object of setting → value', null) ?? []) {
          const v = ruleValue(check, `${entry}.settings.${s.key}`, settingFor(s.key)?.key ?? s.key, s.value);
          if (v !== undefined) rule.values[settingFor(s.key)?.key ?? s.key] = v;
        }
      } else {
        const key = isField(m.key) ? m.key : settingFor(m.key)?.key ?? m.key;
        const v = ruleValue(check, `${entry}.${m.key}`, key, m.value);
        if (v !== undefined) rule.values[key] = key === 'workload' && typeof v === 'string' ? v.toLowerCase() : v;
      }
    }
    config.files.push(rule);
  }
}

const ALIASES: readonly string[] = SETTINGS.flatMap((s) => s.aliases);
function settingAliases(): readonly string[] {
  return ALIASES;
}

function parseHistory(check: Checker, node: Node, config: ResolvedConfig, places: ConfigPlaces): void {
  if (node.type !== 'array') {
    check.fail(node.at, `history expects a list of folders of earlier experiments (e.g. ["../2026-10-01"]) but found ${typeName(node)}`);
    return;
  }
  for (const item of node.items) {
    const text = check.text(item, 'a history entry');
    if (!text) continue;
    if (places.history.has(text)) {
      check.fail(item.at, `history lists ${JSON.stringify(text)} twice: keep one`);
      continue;
    }
    config.history.push(text);
    places.history.set(text, item.at);
  }
}

function parseIgnore(check: Checker, node: Node, config: ResolvedConfig, places: ConfigPlaces): void {
  if (node.type !== 'array') {
    check.fail(node.at, `ignore expects a list of paths or globs (e.g. ["derived/*.csv"]) but found ${typeName(node)}`);
    return;
  }
  for (const item of node.items) {
    const text = check.text(item, 'an ignore entry');
    if (!text) continue;
    config.ignore.push(text);
    places.ignore.set(text, item.at);
  }
}

function parseDemand(check: Checker, node: Node, config: ResolvedConfig, places: ConfigPlaces): void {
  for (const { key: workload, at, value } of check.object(node, 'demand', 'an object of workload → {"requests_per_s" | "output_tok_s" | "concurrent_users": number}', null) ?? []) {
    const entry = `demand[${JSON.stringify(workload)}]`;
    const members = check.object(value, entry, 'an object with one of requests_per_s, output_tok_s, concurrent_users', DEMAND_KEYS);
    if (!members) continue;
    if (members.length !== 1) {
      check.fail(value.at, `${entry} expects exactly one of ${DEMAND_KEYS.join(', ')} but found ${members.length === 0 ? 'none' : members.map((m) => m.key).join(' and ')}`);
      continue;
    }
    const m = members[0]!;
    const v = check.number(m.value, `${entry}.${m.key}`, { min: 0, above: true });
    if (v === undefined) continue;
    config.demand[workload.toLowerCase()] = { unit: m.key, value: v } as Demand;
    places.demand.set(workload.toLowerCase(), at);
  }
}
