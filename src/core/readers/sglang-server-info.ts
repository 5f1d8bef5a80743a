import type { Draft } from '../record.ts';
import { isObject, type Json, type JsonObject, type KeyLocator } from './json-text.ts';

/**
 * The settings of an SGLang server, from the `server_info` that `bench_serving` (0.5.x) writes
 * into each result line: the server's `/get_server_info` answer. For one server that is its
 * flat ServerArgs dict plus `version`; behind the prefill/decode mini load balancer it is
 * `{internal_states, prefill: [...], decode: [...]}`, one ServerArgs dict per worker
 * (python/sglang/srt/entrypoints/http_server.py `get_server_info`;
 * sgl-router/py_src/sglang_router/mini_lb.py `get_server_info`).
 *
 * A curated list is read, not all ~290 keys: what identifies the configuration (version, model,
 * parallelism, numerics, memory and batching limits, speculative decoding, disaggregation). Left
 * out on purpose: `random_seed`, `host`, `port` (differ per launch), `max_total_num_tokens` (the
 * KV pool the server computed at start-up, which moves with free memory), `attention_backend`
 * (resolved per GPU: fa3 on a GH200, flashinfer on an A100 of the same deployment),
 * `served_model_name`, `tokenizer_path` (names of the model already read) and the rest.
 */

/** One server_info key the setup keeps. */
interface Curated {
  key: string;
  /** The setting it fills (a known name or a free key). */
  setting: string;
  /** Values that mean "not set": the default the server resolves on its own. */
  unset?: readonly Json[];
  /** Whether the setting holds text, so differing prefill and decode values can be written side by side. */
  text?: boolean;
}

const CURATED: readonly Curated[] = [
  { key: 'version', setting: 'engine_version', text: true },
  { key: 'model_path', setting: 'model', text: true },
  // TP is kept at 1 (the size people compare); PP, DP and EP of 1 mean "not used".
  { key: 'tp_size', setting: 'tensor_parallel_size' },
  { key: 'pp_size', setting: 'pipeline_parallel_size', unset: [1] },
  { key: 'dp_size', setting: 'data_parallel_size', unset: [1] },
  { key: 'ep_size', setting: 'expert_parallel_size', unset: [1] },
  { key: 'nnodes', setting: 'nnodes', unset: [1] },
  { key: 'enable_dp_attention', setting: 'enable_dp_attention', unset: [false] },
  // "auto" is the model's own dtype: no choice was made.
  { key: 'dtype', setting: 'dtype', unset: ['auto'], text: true },
  { key: 'quantization', setting: 'quantization', text: true },
  { key: 'kv_cache_dtype', setting: 'kv_cache_dtype', unset: ['auto'], text: true },
  { key: 'context_length', setting: 'max_model_len' },
  { key: 'mem_fraction_static', setting: 'gpu_memory_utilization' },
  { key: 'max_running_requests', setting: 'max_num_seqs' },
  { key: 'chunked_prefill_size', setting: 'chunked_prefill_size' },
  { key: 'speculative_algorithm', setting: 'speculative_algorithm', text: true },
  { key: 'speculative_num_steps', setting: 'speculative_num_steps' },
  { key: 'speculative_num_draft_tokens', setting: 'speculative_num_draft_tokens' },
];

/** The deployment a prefill/decode-disaggregated server_info describes. */
export const DISAGGREGATED = 'prefill/decode disaggregated';

/** The deployment of one server doing both prefill and decode. */
export const AGGREGATED = 'aggregated';

/** One worker of the deployment and its role. */
interface Worker {
  role: 'server' | 'prefill' | 'decode';
  args: JsonObject;
  /** The keys to search, in order, to point at this worker's values. */
  path: string[];
}

function workersOf(info: JsonObject): Worker[] {
  const workers: Worker[] = [];
  for (const role of ['prefill', 'decode'] as const) {
    const list = info[role];
    if (!Array.isArray(list)) continue;
    for (const args of list) if (isObject(args)) workers.push({ role, args, path: ['server_info', role] });
  }
  return workers.length ? workers : [{ role: 'server', args: info, path: ['server_info'] }];
}

function valueOf(worker: Worker, spec: Curated): Json | undefined {
  const value = worker.args[spec.key];
  if (value === null || value === undefined || (spec.unset ?? []).includes(value)) return undefined;
  return value;
}

const same = (a: Json | undefined, b: Json | undefined) => a === b;

/**
 * Puts the curated server settings into the draft. Where prefill and decode workers agree, one
 * setting; where they differ, text settings read `0.5.5.post3 (prefill), 0.5.6 (decode)` and
 * numbers become `prefill_<setting>` and `decode_<setting>`. A disaggregated deployment also
 * gets `deployment` naming its KV transfer backend (`prefill/decode disaggregated (nixl)`); an
 * aggregated one (its `disaggregation_mode` is the string "null") gets deployment `aggregated`.
 */
export function draftServerInfo(draft: Draft, info: JsonObject, locator: KeyLocator): void {
  const workers = workersOf(info);
  const at = (worker: Worker, key: string) => () => locator.key(...worker.path, key);
  for (const spec of CURATED) {
    const values = workers.map((w) => valueOf(w, spec));
    const first = workers[0]!;
    if (values.every((v) => same(v, values[0]))) {
      draft.setting(spec.setting, values[0], at(first, spec.key), `server_info.${spec.key}`);
      continue;
    }
    const byRole = new Map<string, Json[]>();
    workers.forEach((w, i) => {
      const list = byRole.get(w.role) ?? [];
      const value = values[i] ?? null;
      if (!list.includes(value)) list.push(value);
      byRole.set(w.role, list);
    });
    if (spec.text) {
      const text = [...byRole].map(([role, list]) => `${list.map((v) => (v === null ? 'none' : String(v))).join('/')} (${role})`).join(', ');
      draft.setting(spec.setting, text, at(first, spec.key), `server_info.{prefill,decode}[].${spec.key}`);
    } else {
      for (const [role, list] of byRole) {
        const worker = workers.find((w) => w.role === role)!;
        draft.setting(`${role}_${spec.setting}`, list.map((v) => (v === null ? 'none' : String(v))).join('/'), at(worker, spec.key), `server_info.${role}[].${spec.key}`);
      }
    }
  }
  const disaggregated = workers.filter((w) => typeof w.args.disaggregation_mode === 'string' && w.args.disaggregation_mode !== 'null');
  if (disaggregated.length > 0) {
    const worker = disaggregated[0]!;
    // The KV transfer backend (mooncake, nixl) is part of how it is deployed: one setting, one word in a label.
    const backends = [...new Set(disaggregated.map((w) => w.args.disaggregation_transfer_backend).filter((v) => typeof v === 'string'))];
    const deployment = backends.length ? `${DISAGGREGATED} (${backends.join('/')})` : DISAGGREGATED;
    draft.setting('deployment', deployment, at(worker, 'disaggregation_mode'), `server_info.${worker.role === 'server' ? '' : `${worker.role}[].`}disaggregation_mode`);
  } else if (workers.length > 0) {
    // Said outright, so that beside a disaggregated run the label reads "aggregated", not "not set".
    draft.setting('deployment', AGGREGATED, at(workers[0]!, 'disaggregation_mode'), 'server_info.disaggregation_mode');
  }
}
