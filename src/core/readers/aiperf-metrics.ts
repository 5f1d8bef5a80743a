import type { Field } from '../columns.ts';

/**
 * NVIDIA AIPerf (and GenAI-Perf before it) name each metric by a tag in the JSON export
 * (`time_to_first_token`) and by a display name in the CSV (`Time to First Token (ms)`).
 * Both map to the same record fields here, so the two exports of one run agree.
 *
 * AIPerf's `inter_token_latency` is, per request, (request latency − TTFT) / (output tokens − 1):
 * vLLM's TPOT, so it fills `*_tpot_ms`. AIPerf's `inter_chunk_latency` is the gap between
 * successive streamed chunks, over every gap: vLLM's ITL, so it fills `*_itl_ms`.
 */

/** What one AIPerf latency metric becomes in the record. */
export const AIPERF_LATENCIES: Readonly<Record<string, 'e2e' | 'ttft' | 'tpot' | 'itl'>> = {
  request_latency: 'e2e',
  time_to_first_token: 'ttft',
  inter_token_latency: 'tpot',
  inter_chunk_latency: 'itl',
};

/** Single-value AIPerf metrics the record uses (their `avg`, or the CSV's value). */
export const AIPERF_VALUES: Readonly<Record<string, Field>> = {
  output_token_throughput: 'throughput_tok_s',
  request_throughput: 'request_throughput',
  request_count: 'requests',
  error_request_count: 'failed',
  benchmark_duration: 'duration_s',
  // Mean tokens per request; AIPerf's output length counts reasoning tokens too (as its throughput does).
  output_sequence_length: 'mean_output_tokens',
  input_sequence_length: 'mean_input_tokens',
};

/** AIPerf 0.1.1 tags that later versions renamed ("Match GenAI-Perf format", aiperf 43b78902). */
export const AIPERF_OLD_TAGS: Readonly<Record<string, string>> = {
  ttft: 'time_to_first_token',
  ttst: 'time_to_second_token',
};

/** AIPerf statistic → our statistic prefix (min, max, std, p1…p75 are not kept). */
export const AIPERF_STATS: Readonly<Record<string, string>> = {
  avg: 'mean', p50: 'p50', p90: 'p90', p95: 'p95', p99: 'p99',
};

/** A CSV display name as a tag: `Time to First Token (ms)` → `time_to_first_token`, with its unit. */
export function tagOfDisplayName(name: string): { tag: string; unit: string | null } {
  const unit = /\(([^)]*)\)\s*$/.exec(name)?.[1]?.trim().toLowerCase() ?? null;
  const tag = name.replace(/\([^)]*\)\s*$/, '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  return { tag, unit };
}

/** Factor from a time unit to milliseconds, or null for a unit that is not a time. */
export function msPerUnit(unit: string | null | undefined): number | null {
  switch ((unit ?? '').trim().toLowerCase()) {
    case 'ms': return 1;
    case 's': case 'sec': case 'secs': case 'seconds': return 1000;
    case 'us': case 'µs': return 0.001;
    case 'ns': return 0.000001;
    default: return null;
  }
}

/**
 * Concurrency or request rate from an AIPerf artifact folder name: aiperf's sweeps write
 * `concurrency_64/`, GenAI-Perf writes `<model>-openai-chat-concurrency64/` or `…-request_rate8.0/`.
 */
export function placementFromPath(file: string): { concurrency?: string; request_rate?: string } {
  const folders = file.split('/').slice(0, -1).reverse();
  for (const folder of folders) {
    const concurrency = /(?:^|[-_])concurrency[_-]?(\d+)$/i.exec(folder);
    if (concurrency) return { concurrency: concurrency[1]! };
    const rate = /(?:^|[-_])request[_-]?rate[_-]?(\d+(?:\.\d+)?)$/i.exec(folder);
    if (rate) return { request_rate: rate[1]! };
  }
  return {};
}
