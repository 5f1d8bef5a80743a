/**
 * The settings that make up a run's setup (its identity beside GPU, workload, load and output
 * length): their canonical names, the other names files use for them, what values they take,
 * and how each is said in words. A key outside this list (a tool's metadata, a user's label) is a
 * setting too; it is named as written.
 */
import type { Setup, SettingValue } from './types.ts';

/** How a setting's value is checked. */
export type SettingKind = 'text' | 'positive-int' | 'count' | 'fraction' | 'number';

/** A setting the record knows by name. */
export interface SettingSpec {
  key: string;
  /** Other names files and labelling rules use for it (matched after normalising). */
  aliases: readonly string[];
  kind: SettingKind;
  /** Short name for tables, e.g. `TP`. */
  title: string;
  /** The value in a setup's label, e.g. `TP8`, `8192 in`, `SGLang`. */
  words: (value: SettingValue) => string;
}

const ENGINES: Readonly<Record<string, string>> = {
  vllm: 'vLLM', sglang: 'SGLang', sgl: 'SGLang', tensorrtllm: 'TensorRT-LLM', 'tensorrt-llm': 'TensorRT-LLM', trtllm: 'TensorRT-LLM',
  'trt-llm': 'TensorRT-LLM', tgi: 'TGI', lmdeploy: 'LMDeploy', llamacpp: 'llama.cpp', 'llama.cpp': 'llama.cpp', ollama: 'Ollama',
  triton: 'Triton', nim: 'NIM', dynamo: 'Dynamo', mlc: 'MLC LLM', deepspeed: 'DeepSpeed-MII',
};

/** An engine's name as its authors write it (`vllm` → `vLLM`); unknown names are kept as written. */
export function engineName(value: SettingValue): string {
  const text = String(value);
  return ENGINES[text.toLowerCase()] ?? text;
}

const named = (title: string) => (value: SettingValue) => `${title} ${value}`;

/** Every setting the record knows, in the order setups are described. */
export const SETTINGS: readonly SettingSpec[] = [
  { key: 'engine', aliases: ['framework', 'inference_engine', 'server'], kind: 'text', title: 'Engine', words: engineName },
  { key: 'engine_version', aliases: ['version', 'vllm_version', 'sglang_version', 'server_version'], kind: 'text', title: 'Engine version', words: (v) => (/^v?\d[\w.+-]*$/i.test(String(v)) ? `v${String(v).replace(/^v/i, '')}` : String(v)) },
  { key: 'model', aliases: ['model_id', 'model_name'], kind: 'text', title: 'Model', words: String },
  { key: 'dtype', aliases: [], kind: 'text', title: 'dtype', words: String },
  { key: 'quantization', aliases: ['quant', 'precision'], kind: 'text', title: 'Quantisation', words: String },
  { key: 'kv_cache_dtype', aliases: [], kind: 'text', title: 'KV-cache dtype', words: (v) => `KV ${v}` },
  { key: 'tensor_parallel_size', aliases: ['tp', 'tp_size', 'tensor_parallel'], kind: 'positive-int', title: 'TP', words: (v) => `TP${v}` },
  { key: 'pipeline_parallel_size', aliases: ['pp', 'pp_size', 'pipeline_parallel'], kind: 'positive-int', title: 'PP', words: (v) => `PP${v}` },
  { key: 'data_parallel_size', aliases: ['dp', 'dp_size', 'data_parallel'], kind: 'positive-int', title: 'DP', words: (v) => `DP${v}` },
  { key: 'expert_parallel_size', aliases: ['ep', 'ep_size', 'expert_parallel'], kind: 'positive-int', title: 'EP', words: (v) => `EP${v}` },
  { key: 'input_len', aliases: ['input_tokens', 'input_length', 'isl', 'prompt_len', 'prompt_tokens'], kind: 'positive-int', title: 'Input tokens', words: (v) => `${v} in` },
  { key: 'dataset', aliases: ['dataset_name'], kind: 'text', title: 'Dataset', words: String },
  { key: 'deployment', aliases: [], kind: 'text', title: 'Deployment', words: String },
  { key: 'variant', aliases: ['label'], kind: 'text', title: 'Variant', words: String },
  { key: 'max_num_seqs', aliases: ['max_running_requests'], kind: 'positive-int', title: 'max_num_seqs', words: named('max_num_seqs') },
  { key: 'max_model_len', aliases: ['context_length'], kind: 'positive-int', title: 'max_model_len', words: named('max_model_len') },
  { key: 'gpu_memory_utilization', aliases: ['mem_fraction_static'], kind: 'fraction', title: 'GPU memory share', words: named('gpu_memory_utilization') },
  { key: 'kv_cache_tokens', aliases: ['max_total_tokens'], kind: 'count', title: 'KV-cache tokens', words: (v) => `${v} KV tokens` },
  { key: 'max_concurrency', aliases: [], kind: 'positive-int', title: 'Concurrency limit', words: (v) => `≤ ${v} in flight` },
  { key: 'arrivals', aliases: [], kind: 'text', title: 'Arrivals', words: (v) => `${v} arrivals` },
  { key: 'source', aliases: [], kind: 'text', title: 'Source', words: String },
];

const BY_KEY = new Map(SETTINGS.map((s) => [s.key, s]));
const BY_NAME = new Map<string, SettingSpec>();
for (const spec of SETTINGS) {
  BY_NAME.set(spec.key, spec);
  for (const alias of spec.aliases) BY_NAME.set(alias, spec);
}

/** The known setting a name stands for (its key or an alias, case-insensitive), or null. */
export function settingFor(name: string): SettingSpec | null {
  return BY_NAME.get(name.trim().toLowerCase().replace(/[\s-]+/g, '_')) ?? null;
}

/** The spec of a canonical setting key, or null for a free key (metadata, a user's label). */
export function settingSpec(key: string): SettingSpec | null {
  return BY_KEY.get(key) ?? null;
}

/** A setting's value in words, e.g. `TP8`; a free key reads `key value`. */
export function settingWords(key: string, value: SettingValue): string {
  const spec = BY_KEY.get(key);
  return spec ? spec.words(value) : `${key} ${value}`;
}

/** A setting's short name for a table header or a "not set" phrase. */
export function settingTitle(key: string): string {
  return BY_KEY.get(key)?.title ?? key;
}

const ORDER = new Map(SETTINGS.map((s, index) => [s.key, index]));

/** Setting keys in the order setups are described: known settings first, then free keys by name. */
export function orderKeys(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort((a, b) => {
    const ia = ORDER.get(a) ?? Infinity;
    const ib = ORDER.get(b) ?? Infinity;
    return ia - ib || (a < b ? -1 : a > b ? 1 : 0);
  });
}

/** A canonical text of a setup: equal setups, and only they, have equal keys. */
export function setupKey(setup: Setup): string {
  return JSON.stringify(orderKeys(Object.keys(setup)).map((key) => [key, setup[key]]));
}

/** The keys whose values differ between setups, a key that some lack included, in description order. */
export function differingKeys(setups: readonly Setup[]): string[] {
  if (setups.length < 2) return [];
  const keys = orderKeys(setups.flatMap((s) => Object.keys(s)));
  return keys.filter((key) => {
    const first = setups[0]![key];
    return setups.some((s) => s[key] !== first);
  });
}

/**
 * The fewest of the differing keys that still tell every setup apart, preferring known settings
 * (in description order) to free metadata keys: what a legend needs to name. The other
 * differences stay in each setup's description.
 */
export function namingKeys(setups: readonly Setup[], differing: readonly string[]): string[] {
  const distinct = (keys: readonly string[]) => new Set(setups.map((s) => JSON.stringify(keys.map((k) => s[k] ?? null)))).size === setups.length;
  // Known settings before free ones; among free keys, the ones set on every setup first.
  const ranked = [...differing].sort((a, b) => rank(a, setups) - rank(b, setups) || (ORDER.get(a) ?? Infinity) - (ORDER.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));
  for (let size = 1; size <= Math.min(3, ranked.length); size++) {
    for (const combo of combinations(ranked, size)) if (distinct(combo)) return orderKeys(combo);
  }
  return [...differing];
}

function rank(key: string, setups: readonly Setup[]): number {
  if (BY_KEY.has(key) && key !== 'source') return 0;
  if (key === 'source') return 1;
  return setups.every((s) => s[key] !== undefined) ? 2 : 3;
}

function* combinations<T>(items: readonly T[], size: number, start = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - size; i++) {
    for (const rest of combinations(items, size - 1, i + 1)) yield [items[i]!, ...rest];
  }
}

/** A setup named by the given keys, e.g. `SGLang · TP8 · 8192 in`; a key it lacks reads `TP not set`. */
export function setupWords(setup: Setup, keys: readonly string[]): string {
  return keys.map((key) => (setup[key] === undefined ? `${settingTitle(key)} not set` : settingWords(key, setup[key]!))).join(' · ');
}
