import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { llmperfReader } from '../../../src/core/readers/llmperf.ts';
import { allFinite, read, REALDATA, readReal, real, round } from './helpers.ts';

const DIR = 'ray-project__llmperf-leaderboard';

describe('llmperf summaries (ray-project leaderboard)', () => {
  it('converts seconds to milliseconds and reads concurrency and output length', () => {
    const { measurements, issues, reader } = readReal(`${DIR}/summary/anyscale_13b.json`);
    expect(reader).toBe('llmperf');
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.load).toEqual({ axis: 'concurrency', value: 5 });
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
    // The provider (framework) is the engine; model_size is leaderboard metadata; api (the URL) is not a setting.
    expect(m!.setup).toEqual({ model: 'meta-llama/Llama-2-13b-chat-hf', input_len: 550, engine: 'anyscale', model_size: '13b' });
    // completed per minute / 60, completed over that rate, and the mean token counts of the summary.
    expect(round(m!.request_throughput, 4)).toBe(round(134.66162886347144 / 60, 4));
    expect(round(m!.duration_s, 2)).toBe(66.83);
    expect(round(m!.mean_output_tokens, 2)).toBe(150.83);
    expect(m!.mean_input_tokens).toBe(550);
  });

  it('every provider gets engine = its framework; groq, without model_size and api, has the same kind of setup', () => {
    const files = readdirSync(path.join(REALDATA, DIR, 'summary')).sort();
    const engines = files.map((file) => readReal(`${DIR}/summary/${file}`).measurements[0]!.setup.engine);
    expect([...new Set(engines)]).toEqual(['anyscale', 'bedrock', 'fireworks', 'groq', 'lepton', 'perplexity', 'replicate', 'together']);
    const [groq] = readReal(`${DIR}/summary/groq_70b.json`).measurements;
    expect(groq!.setup).toEqual({ model: 'llama2-70b-4096', input_len: 550, engine: 'groq' });
    expect(round(groq!.duration_s, 2)).toBe(50.92);
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

  it('read alone, an individual per-request file names the summary its records join', () => {
    for (const file of ['fireworks_70b', 'groq_70b', 'together_7b']) {
      const { measurements, issues, rejected, reader } = readReal(`${DIR}/individual/${file}.json`);
      expect(reader).toBe('llmperf');
      expect(issues).toEqual([]);
      expect(measurements).toEqual([]);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.message).toBe(`per-request records (150 llmperf individual responses) with no summary beside them (expects ${file}_summary.json in the same folder, or summary/${file}.json beside an individual/ folder); they are not a run by themselves`);
    }
  });

  it('an object that is not a summary says how to skip the file', () => {
    const { issues } = read('x/summary.json', '"results_"', { reader: llmperfReader });
    expect(issues).toEqual(['x/summary.json:1:1: expects an llmperf summary object but found something else (if this file is not a benchmark result, skip it with "ignore": ["x/summary.json"] in capacity.config.json)']);
  });
});
