import { IssueList } from './issues.ts';
import { LATENCY_METRICS, type LatencyMetric, type ModelArchitecture, type ResolvedConfig, type Slo } from './types.ts';

/** The file name of a data folder's settings. */
export const CONFIG_FILE = 'capacity.config.json';

/** The seed's thresholds: chat p95 e2e ≤ 2000 ms, every other workload ≤ 5000 ms. */
export const DEFAULT_SLO: Slo = { metric: 'p95_e2e_ms', threshold_ms: 5000 };
/** SLOs for named workloads when the folder config says nothing. */
export const DEFAULT_WORKLOAD_SLOS: Readonly<Record<string, Slo>> = {
  chat: { metric: 'p95_e2e_ms', threshold_ms: 2000 },
};

/** Settings used when a data folder has no config file. */
export function defaultConfig(): ResolvedConfig {
  return {
    title: 'Capacity Frontier Report',
    client: null,
    slo: { default: { ...DEFAULT_SLO }, workloads: structuredClone({ ...DEFAULT_WORKLOAD_SLOS }) },
    model: null,
    gpus: {},
    context_length: null,
    files: {},
    base: '/',
    site: null,
    logo: null,
    accent: '#0b6bcb',
    source: null,
  };
}

/** The SLO that applies to a workload (matched lower-case). */
export function sloFor(config: ResolvedConfig, workload: string): Slo {
  return config.slo.workloads[workload.toLowerCase()] ?? config.slo.default;
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where a key path sits in JSON text, found by scanning for each key in turn. It is a locator for
 * messages, not a parser: the text has already been parsed by JSON.parse.
 */
export function locateKey(text: string, path: readonly string[]): { line: number; column: number } {
  let offset = 0;
  for (const key of path) {
    const found = text.indexOf(JSON.stringify(key), offset);
    if (found === -1) break;
    offset = found;
  }
  return lineColumn(text, offset);
}

/** Turns JSON.parse's message into a line and column. */
export function jsonSyntaxPosition(text: string, error: unknown): { line: number; column: number; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return { line: Number(lineCol[1]), column: Number(lineCol[2]), message };
  const position = /position (\d+)/.exec(message);
  if (position) return { ...lineColumn(text, Number(position[1])), message };
  return { ...lineColumn(text, text.length), message };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TOP_KEYS = ['title', 'client', 'slo', 'model', 'context_length', 'gpus', 'files', 'base', 'site', 'logo', 'accent'];
const MODEL_KEYS = ['name', 'layers', 'kv_heads', 'head_dim', 'bytes_per_element', 'weights_gib', 'overhead_gib'];

/** Parses and validates a folder config; every problem is reported at its line and column. */
export function parseConfig(text: string, file: string = CONFIG_FILE): { config: ResolvedConfig; issues: IssueList } {
  const issues = new IssueList(file);
  const config = defaultConfig();
  config.source = file;
  let root: Json;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch (error) {
    const at = jsonSyntaxPosition(text, error);
    issues.add(at.line, at.column, `expects valid JSON but found a syntax error (${at.message})`);
    return { config, issues };
  }
  const fail = (path: string[], message: string) => {
    const at = locateKey(text, path);
    issues.add(at.line, at.column, message);
  };
  if (!isObject(root)) {
    issues.add(1, 1, 'expects a JSON object at the top level');
    return { config, issues };
  }
  for (const key of Object.keys(root)) {
    if (!TOP_KEYS.includes(key)) fail([key], `unknown setting "${key}": expects one of ${TOP_KEYS.join(', ')}`);
  }
  const text_ = (path: string[], value: Json | undefined, allowNull = false): string | null | undefined => {
    if (value === undefined) return undefined;
    if (value === null && allowNull) return null;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    fail(path, `${path.join('.')} expects a non-empty string but found ${JSON.stringify(value)}`);
    return undefined;
  };
  const number_ = (path: string[], value: Json | undefined, min: number, integer = false): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && (!integer || Number.isInteger(value))) return value;
    fail(path, `${path.join('.')} expects ${integer ? 'a whole number' : 'a number'} of at least ${min} but found ${JSON.stringify(value)}`);
    return undefined;
  };

  config.title = text_(["title"], root.title) ?? config.title;
  const client = text_(['client'], root.client, true);
  if (client !== undefined) config.client = client;
  const logo = text_(['logo'], root.logo, true);
  if (logo !== undefined) config.logo = logo;
  const site = text_(['site'], root.site, true);
  if (site !== undefined) {
    if (site !== null && !/^https?:\/\/[^\s]+$/.test(site)) fail(['site'], `site expects an absolute http(s) URL but found ${JSON.stringify(site)}`);
    else config.site = site;
  }
  const base = text_(["base"], root.base) ?? undefined;
  if (base !== undefined) {
    if (!/^\/([A-Za-z0-9._~-]+\/)*$/.test(base)) fail(['base'], `base expects a path that starts and ends with "/" (e.g. "/reports/q3/") but found ${JSON.stringify(base)}`);
    else config.base = base;
  }
  const accent = text_(["accent"], root.accent) ?? undefined;
  if (accent !== undefined) {
    if (!/^#[0-9a-fA-F]{6}$/.test(accent)) fail(['accent'], `accent expects a colour like "#0b6bcb" but found ${JSON.stringify(accent)}`);
    else config.accent = accent.toLowerCase();
  }
  config.context_length = number_(['context_length'], root.context_length, 1, true) ?? null;

  if (root.slo !== undefined) {
    if (!isObject(root.slo)) fail(['slo'], 'slo expects an object of workload → {"metric", "threshold_ms"}');
    else {
      for (const [workload, value] of Object.entries(root.slo)) {
        const slo = parseSlo(['slo', workload], value, fail);
        if (!slo) continue;
        if (workload === 'default') config.slo.default = slo;
        else config.slo.workloads[workload.toLowerCase()] = slo;
      }
    }
  }

  if (root.model !== undefined && root.model !== null) {
    if (!isObject(root.model)) fail(['model'], 'model expects an object with layers, kv_heads, head_dim, bytes_per_element');
    else {
      const m = root.model;
      for (const key of Object.keys(m)) {
        if (!MODEL_KEYS.includes(key)) fail(['model', key], `unknown model setting "${key}": expects one of ${MODEL_KEYS.join(', ')}`);
      }
      const model: Partial<ModelArchitecture> = {
        layers: number_(['model', 'layers'], m.layers, 1, true),
        kv_heads: number_(['model', 'kv_heads'], m.kv_heads, 1, true),
        head_dim: number_(['model', 'head_dim'], m.head_dim, 1, true),
        bytes_per_element: number_(['model', 'bytes_per_element'], m.bytes_per_element, 0.125) ?? 2,
        weights_gib: number_(['model', 'weights_gib'], m.weights_gib, 0) ?? 0,
        overhead_gib: number_(['model', 'overhead_gib'], m.overhead_gib, 0) ?? 0,
      };
      const name = text_(['model', 'name'], m.name);
      if (name) model.name = name;
      for (const key of ['layers', 'kv_heads', 'head_dim'] as const) {
        if (m[key] === undefined) fail(['model'], `model expects "${key}" for the KV-cache arithmetic but it is missing`);
      }
      if (model.layers && model.kv_heads && model.head_dim) config.model = model as ModelArchitecture;
    }
  }

  if (root.gpus !== undefined) {
    if (!isObject(root.gpus)) fail(['gpus'], 'gpus expects an object of GPU label → {"memory_gib": number, "gpu_memory_utilization"?: fraction}');
    else {
      for (const [label, value] of Object.entries(root.gpus)) {
        if (!isObject(value)) {
          fail(['gpus', label], `gpus["${label}"] expects {"memory_gib": number}`);
          continue;
        }
        const memory = number_(['gpus', label, 'memory_gib'], value.memory_gib, 0.001);
        const utilisation = value.gpu_memory_utilization;
        if (utilisation !== undefined && !(typeof utilisation === 'number' && utilisation > 0 && utilisation <= 1)) {
          fail(['gpus', label, 'gpu_memory_utilization'], `gpus["${label}"].gpu_memory_utilization expects a fraction above 0 and at most 1 but found ${JSON.stringify(utilisation)}`);
        } else if (memory !== undefined) {
          config.gpus[label] = utilisation === undefined ? { memory_gib: memory } : { memory_gib: memory, gpu_memory_utilization: utilisation };
        } else if (value.memory_gib === undefined) {
          fail(['gpus', label], `gpus["${label}"] expects "memory_gib"`);
        }
      }
    }
  }

  if (root.files !== undefined) {
    if (!isObject(root.files)) fail(['files'], 'files expects an object of file path → {"gpu", "workload"}');
    else {
      for (const [path, value] of Object.entries(root.files)) {
        if (!isObject(value)) {
          fail(['files', path], `files["${path}"] expects {"gpu": "…", "workload": "…"}`);
          continue;
        }
        const labels: { gpu?: string; workload?: string } = {};
        const gpu = text_(['files', path, 'gpu'], value.gpu);
        const workload = text_(['files', path, 'workload'], value.workload);
        if (gpu) labels.gpu = gpu;
        if (workload) labels.workload = workload.toLowerCase();
        config.files[path] = labels;
      }
    }
  }
  return { config, issues };
}

function parseSlo(path: string[], value: Json | undefined, fail: (path: string[], message: string) => void): Slo | null {
  if (typeof value === 'number') value = { threshold_ms: value };
  if (!isObject(value)) {
    fail(path, `${path.join('.')} expects {"metric": "p95_e2e_ms", "threshold_ms": 2000} or a number of milliseconds`);
    return null;
  }
  const metric = value.metric ?? 'p95_e2e_ms';
  if (typeof metric !== 'string' || !(LATENCY_METRICS as readonly string[]).includes(metric)) {
    fail([...path, 'metric'], `${path.join('.')}.metric expects one of ${LATENCY_METRICS.join(', ')} but found ${JSON.stringify(metric)}`);
    return null;
  }
  const threshold = value.threshold_ms;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0) {
    fail([...path, 'threshold_ms'], `${path.join('.')}.threshold_ms expects a number of milliseconds above 0 but found ${JSON.stringify(threshold)}`);
    return null;
  }
  return { metric: metric as LatencyMetric, threshold_ms: threshold };
}
