import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allFinite, REALDATA, readReal, real, round } from './helpers.ts';

const DIR = 'ray-project__llmperf-leaderboard';

describe('llmperf summaries (ray-project leaderboard)', () => {
  it('converts seconds to milliseconds and reads concurrency and output length', () => {
    const { measurements, issues, reader } = readReal(`${DIR}/summary/anyscale_13b.json`);
    expect(reader).toBe('llmperf');
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.concurrency).toBe(5);
    expect(m!.max_new_tokens).toBe(150);
    // results_ttft_s_quantiles_p50 = 0.20236 s; results_end_to_end_latency_s_quantiles_p95 = 1.56403 s
    expect(round(m!.latency.p50_ttft_ms, 2)).toBe(202.36);
    expect(round(m!.latency.p95_e2e_ms, 2)).toBe(1564.03);
    expect(round(m!.latency.mean_e2e_ms, 2)).toBe(1277.51);
    expect(round(m!.latency.p99_ttft_ms, 2)).toBe(496.47);
    // The inter-token latency includes the TTFT in llmperf: not read into TPOT or ITL.
    expect(Object.keys(m!.latency).some((k) => k.includes('tpot') || k.includes('itl'))).toBe(false);
    expect(m!.requests).toBe(150);
    expect(m!.failed).toBe(0);
    expect(m!.server.model).toBe('meta-llama/Llama-2-13b-chat-hf');
  });

  it('throughput is the whole run\'s output tokens/s, not the per-request figure', () => {
    const json = JSON.parse(real(`${DIR}/summary/anyscale_13b.json`));
    const [m] = readReal(`${DIR}/summary/anyscale_13b.json`).measurements;
    expect(round(m!.throughput_tok_s, 2)).toBe(338.52);
    const fromCounts = (json.results_num_completed_requests_per_min / 60) * json.results_number_output_tokens_mean;
    expect(round(fromCounts, 2)).toBe(338.52);
    expect(json.results_request_output_throughput_token_per_s_mean).toBeLessThan(m!.throughput_tok_s! / 5);
  });

  it('reads all 19 summaries without a problem (string min/max values, missing api / model_size)', () => {
    const files = readdirSync(path.join(REALDATA, DIR, 'summary')).sort();
    expect(files).toHaveLength(19);
    for (const file of files) {
      const { measurements, issues } = readReal(`${DIR}/summary/${file}`);
      expect(issues, file).toEqual([]);
      expect(measurements, file).toHaveLength(1);
      expect(allFinite(measurements), file).toBe(true);
    }
  });

  it('keeps errors as failed requests: lepton is read but unstable', () => {
    const [m] = readReal(`${DIR}/summary/lepton_7b.json`).measurements;
    expect(m!.requests).toBe(20);
    expect(m!.failed).toBe(130);
    expect(m!.status).toBe('ok');
  });

  it('rejects individual per-request files with the reason', () => {
    for (const file of ['fireworks_70b', 'groq_70b', 'together_7b']) {
      const { measurements, issues, rejected, reader } = readReal(`${DIR}/individual/${file}.json`);
      expect(reader).toBe('llmperf');
      expect(issues).toEqual([]);
      expect(measurements).toEqual([]);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.message).toMatch(/^per-request records \(150 llmperf individual responses\), not a summary/);
    }
  });
});
