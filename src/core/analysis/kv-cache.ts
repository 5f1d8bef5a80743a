import type { ModelArchitecture } from '../types.ts';

const GIB = 1024 ** 3;

/** vLLM's default share of GPU memory it may use, when rows do not say. */
export const DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;

/** KV-cache bytes per token: 2 (K and V) × layers × KV heads × head dim × bytes per element. */
export function kvBytesPerToken(model: ModelArchitecture): number {
  return 2 * model.layers * model.kv_heads * model.head_dim * model.bytes_per_element;
}

/** KV tokens that fit: (GPU memory × utilisation − weights − overhead) / bytes per token, floored at 0. */
export function kvTokens(model: ModelArchitecture, memoryGib: number, utilization: number): number {
  const usable = (memoryGib * utilization - model.weights_gib - model.overhead_gib) * GIB;
  return Math.max(0, Math.floor(usable / kvBytesPerToken(model)));
}

/** Sequences of `contextLength` tokens that fit in the KV cache at once. */
export function maxConcurrentSequences(kvTokenCount: number, contextLength: number): number {
  return Math.floor(kvTokenCount / contextLength);
}
