import { describe, expect, it } from 'vitest';
import { resolveColumn } from '../../../src/core/columns.ts';

describe('resolveColumn', () => {
  it.each([
    ['gpu', 'gpu', 1],
    [' GPU ', 'gpu', 1],
    ['max_tokens', 'max_new_tokens', 1],
    ['max_output_tokens', 'max_new_tokens', 1],
    ['output_len', 'max_new_tokens', 1],
    ['max_concurrency', 'concurrency', 1],
    ['output_throughput', 'throughput_tok_s', 1],
    ['p95_latency_ms', 'p95_e2e_ms', 1],
    ['p50_latency_ms', 'p50_e2e_ms', 1],
    ['p95_e2el_ms', 'p95_e2e_ms', 1],
    ['median_e2el_ms', 'p50_e2e_ms', 1],
    ['median_ttft_ms', 'p50_ttft_ms', 1],
    ['mean_tpot_ms', 'mean_tpot_ms', 1],
    ['P99_ITL_MS', 'p99_itl_ms', 1],
    ['p95_e2e_s', 'p95_e2e_ms', 1000],
    ['completed', 'requests', 1],
    ['errors', 'failed', 1],
    ['Status', 'status', 1],
  ])('maps %j to %s', (header, field, scale) => {
    expect(resolveColumn(header)).toEqual({ kind: 'field', field, scale });
  });

  it.each([
    ['tp', 'tensor_parallel_size'], ['TP_SIZE', 'tensor_parallel_size'], ['engine', 'engine'], ['framework', 'engine'],
    ['variant', 'variant'], ['dataset_name', 'dataset'], ['max_num_seqs', 'max_num_seqs'], ['kv_cache_tokens', 'kv_cache_tokens'],
  ])('maps %j to the setting %s', (header, key) => {
    expect(resolveColumn(header)).toEqual({ kind: 'setting', key });
  });

  it.each(['total_time_s', 'p25_ttft_ms', 'std_ttft_ms', 'notes', ''])('ignores %j', (header) => {
    expect(resolveColumn(header)).toBeNull();
  });
});
