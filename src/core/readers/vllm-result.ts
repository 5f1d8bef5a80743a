import { resolveColumn } from '../columns.ts';
import type { Draft, Position } from '../record.ts';
import { isStatisticKey } from './serve-run.ts';
import type { Json, JsonObject, KeyLocator } from './json-text.ts';

/**
 * The vocabulary of a vLLM result object (`vllm bench serve`, the old `benchmark_serving.py`,
 * the Rust `vllm-bench`, `vllm bench sweep serve` run files): which keys vLLM itself writes, and
 * what every other key is. vLLM writes `--metadata KEY=VALUE` pairs as top-level keys (always
 * strings), and the sweep writes its serve and bench overrides the same way (with their JSON
 * types), so any key vLLM does not write is a setting the user gave the run. Key lists from
 * vllm/benchmarks/serve.py `main_async()` and benchmarks/benchmark_serving.py `main()` (see
 * METRICS.md for the versions).
 */

/** Keys vLLM writes itself: setup, figures and per-request data; none of them is user metadata. */
export const VLLM_KEYS: ReadonlySet<string> = new Set([
  // Setup, in the order serve.py writes it; label/endpoint_type from late 2025.
  'date', 'endpoint_type', 'backend', 'label', 'model_id', 'tokenizer_id', 'num_prompts',
  'request_rate', 'burstiness', 'max_concurrency', 'ramp_up_strategy', 'ramp_up_start_rps', 'ramp_up_end_rps',
  // Figures of benchmark(); "request_goodput:" is the old script's spelling (vLLM issue #20274).
  'duration', 'completed', 'failed', 'total_input_tokens', 'total_output_tokens',
  'request_throughput', 'request_goodput', 'request_goodput:', 'output_throughput', 'total_token_throughput',
  'max_output_tokens_per_s', 'max_concurrent_requests', 'rtfx', 'rps_change_events',
  // Pooling models, pre-2025 forks of benchmark_serving.py, the Rust client.
  // (The Rust client's max_model_len is not here: a sweep overrides it under the same name, so it is read as a user key.)
  'total_input_sequences', 'input_sequence_throughput', 'input_throughput', 'request_inthroughput', 'best_of', 'use_beam_search',
  'steady_state', 'failed_requests',
  // Per-request arrays (--save-detailed, and always in the old script).
  'input_lens', 'output_lens', 'ttfts', 'itls', 'latencies', 'start_times', 'queue_times', 'generated_texts', 'errors',
  // vllm bench sweep serve adds these to each run file (sweep/serve.py _update_run_data).
  'run_number', '_benchmark_name',
  // The Rust client's multi-turn mode (src/output/json.rs build_multi_turn_result_json).
  'mode', 'num_conversations', 'turns_per_conversation', 'multi_turn_concurrency', 'inter_turn_delay_ms',
  'prefix_global_ratio', 'prefix_conversation_ratio', 'prefix_unique_ratio', 'no_history_accumulation',
  'conversations_completed', 'conversations_failed', 'avg_turns_completed', 'avg_conversation_duration_ms', 'per_turn_metrics',
]);

// Families of keys vLLM writes under a prefix (speculative decoding, --probe-request-rate, diffusion models).
const VLLM_PREFIXES = ['spec_decode_', 'probe_', 'diffusion_'];

/** Whether vLLM writes this key itself (so it is not metadata or a sweep override). */
export function isVllmKey(key: string): boolean {
  return VLLM_KEYS.has(key) || isStatisticKey(key) || VLLM_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** Output length keys of vLLM's dataset options, as sweep bench overrides (or metadata) write them. */
export const OUTPUT_LEN_KEYS: ReadonlySet<string> = new Set([
  'random_output_len', 'sonnet_output_len', 'sharegpt_output_len', 'hf_output_len', 'custom_output_len', 'prefix_repetition_output_len', 'output_len',
]);

/** Input length keys of vLLM's dataset options. */
export const INPUT_LEN_KEYS: ReadonlySet<string> = new Set([
  'random_input_len', 'sonnet_input_len', 'input_len',
]);

/**
 * Keys that are neither figures nor settings: they vary from run to run with the load or by
 * chance (a sweep's `num_prompts` grows with its concurrency; a seed), so keeping them would
 * split one configuration into one setup per run.
 */
export const NOT_SETTINGS: ReadonlySet<string> = new Set(['num_prompts', 'seed', 'random_seed', 'date', 'timestamp', 'run_number', '_benchmark_name']);

const normalise = (key: string) => key.trim().toLowerCase().replace(/[\s-]+/g, '_');

/**
 * Puts one key the user gave a run (metadata, a sweep override or a sweep folder parameter) where
 * it belongs: an output length → max_new_tokens; an input length → input_len; `gpu`, `workload`,
 * `max_new_tokens` → those fields; a concurrency or rate → the load, unless the run has its own;
 * any other figure's name → nothing (a measured or per-run value is not a setting); the
 * run-to-run keys of NOT_SETTINGS → nothing; anything else → a setting, known or free.
 */
export function draftUserKey(draft: Draft, key: string, value: Json | undefined, at: () => Position, name: string = key, fill = false): void {
  if (value === null || value === undefined || typeof value === 'object') return;
  const norm = normalise(key);
  if (NOT_SETTINGS.has(norm)) return;
  const raw = value === Infinity ? 'inf' : value;
  if (OUTPUT_LEN_KEYS.has(norm)) return fill ? draft.fill('max_new_tokens', raw, at, name) : draft.set('max_new_tokens', raw, at, name);
  if (INPUT_LEN_KEYS.has(norm)) return fill ? draft.fillSetting('input_len', raw, at, name) : draft.setting('input_len', raw, at, name);
  const mapping = resolveColumn(norm);
  if (mapping?.kind === 'field') {
    const { field } = mapping;
    if (field === 'gpu' || field === 'workload' || field === 'max_new_tokens') {
      if (fill) draft.fill(field, raw, at, name);
      else draft.set(field, raw, at, name);
    } else if (field === 'concurrency' || field === 'request_rate') {
      draft.fill(field, raw, at, name);
    }
    return;
  }
  if (fill) draft.fillSetting(key, raw, at, name);
  else draft.setting(key, raw, at, name);
}

/** Every key of a run object that vLLM does not write, as user keys (see draftUserKey). */
export function draftUserKeys(draft: Draft, run: JsonObject, locator: KeyLocator): void {
  for (const [key, value] of Object.entries(run)) {
    if (!isVllmKey(key)) draftUserKey(draft, key, value, () => locator.key(key));
  }
}

/**
 * The settings vLLM records about the run itself: the model, the client backend (the protocol
 * the client spoke: `vllm`, `openai-chat`), `--label`, a burstiness other than Poisson's 1.0,
 * and a request-rate ramp. The Rust client's multi-turn workload shape (turns, delay, prefix
 * sharing) is part of the setup too; its `max_model_len` is read as a user key (draftUserKeys). Not settings: `tokenizer_id` (the client's
 * token counting), `endpoint_type` (a copy of `backend`), `num_prompts`, `date`.
 */
export function draftVllmSetup(draft: Draft, run: JsonObject, locator: KeyLocator): void {
  const at = (key: string) => () => locator.key(key);
  draft.setting('model', run.model_id, at('model_id'), 'model_id');
  draft.setting('backend', run.backend, at('backend'), 'backend');
  draft.setting('variant', run.label, at('label'), 'label');
  const burstiness = run.burstiness;
  if (typeof burstiness === 'number' && burstiness !== 1) draft.setting('burstiness', burstiness === Infinity ? 'inf' : burstiness, at('burstiness'));
  for (const key of ['ramp_up_strategy', 'ramp_up_start_rps', 'ramp_up_end_rps']) {
    draft.setting(key, run[key], at(key));
  }
  if (run.mode === 'multi_turn') {
    draft.setting('mode', 'multi_turn', at('mode'));
    for (const key of ['turns_per_conversation', 'inter_turn_delay_ms', 'prefix_global_ratio', 'prefix_conversation_ratio', 'prefix_unique_ratio', 'no_history_accumulation']) {
      draft.setting(key, run[key], at(key));
    }
  }
}

/**
 * The run's load as vLLM records it: `request_rate` (a number or `"inf"`) and `max_concurrency`
 * (null when unbounded); the Rust client's multi-turn mode has `multi_turn_concurrency` instead
 * (the in-flight request limit, never null) and no rate.
 */
export function draftVllmLoad(draft: Draft, run: JsonObject, locator: KeyLocator): void {
  const at = (key: string) => () => locator.key(key);
  if (run.mode === 'multi_turn') {
    draft.set('concurrency', run.multi_turn_concurrency, at('multi_turn_concurrency'), 'multi_turn_concurrency');
    return;
  }
  draft.set('request_rate', run.request_rate, at('request_rate'), 'request_rate');
  draft.set('concurrency', run.max_concurrency, at('max_concurrency'), 'max_concurrency');
}

/** Where vLLM keeps the load, for a run that has none. */
export const VLLM_LOAD_HINT = 'vllm bench serve writes request_rate and max_concurrency (the Rust client\'s multi-turn mode, multi_turn_concurrency)';
