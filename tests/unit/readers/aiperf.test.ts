import { describe, expect, it } from 'vitest';
import { setupKey } from '../../../src/core/settings.ts';
import { allFinite, fixture, pointKey, read, readReal, real, round } from './helpers.ts';

const RESULTS = 'akamaslabs__vllm-benchmark/studies/26-g7-4500-gpu-slice-right-sizing/results';
const RUN = `${RESULTS}/aiperf-exp7-no-mig-repeat/concurrency_64`;
const JSON_FILE = `${RUN}/profile_export_aiperf.json`;
const CSV_FILE = `${RUN}/profile_export_aiperf.csv`;
const GENAI = (c: number) => `FernandoDorado__sizing-llm-inference-nvidia/artifacts/meta_llama3-8b-instruct-openai-chat-concurrency${c}/profile_export_genai_perf`;
const DYNAMO = 'ai-dynamo__aiperf/examples/artifacts/run1';
const AMD = 'ajith-sirra-amd__InferenceMAX_Rocm_Team/results/0601/results_bmk (1)';
const AMD_RUN = (conc: number, offload: string, host: string) => `${AMD}/agentic_kimik2.5_tp4_conc${conc}_offload${offload}_fp4_vllm_tp4-ep1-dpafalse_disagg-false_spec-none_conc${conc}_${host}/aiperf_artifacts`;

describe('AIPerf 0.11 JSON export (schema 1.3, akamaslabs)', () => {
  it('reads the run: concurrency from the profiling phase, TTFT, TPOT (AIPerf ITL), ITL (inter-chunk)', () => {
    const { measurements, issues, reader } = readReal(JSON_FILE, { files: [JSON_FILE, CSV_FILE] });
    expect(reader).toBe('aiperf');
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.load).toEqual({ axis: 'concurrency', value: 64 });
    expect(round(m!.throughput_tok_s, 2)).toBe(4283.22);
    expect(round(m!.latency.p50_ttft_ms, 2)).toBe(47.07);
    expect(round(m!.latency.p95_e2e_ms, 2)).toBe(9266.87);
    expect(round(m!.latency.mean_tpot_ms, 2)).toBe(14.53);
    expect(round(m!.latency.p99_itl_ms, 2)).toBe(35.77);
    expect(m!.requests).toBe(4895);
    expect(m!.failed).toBe(0);
    expect(round(m!.request_throughput, 3)).toBe(16.326);
    expect(round(m!.duration_s, 2)).toBe(299.83);
    expect(round(m!.mean_output_tokens, 2)).toBe(262.36);
    expect(m!.mean_input_tokens).toBeNull();
    expect(m!.setup).toEqual({ model: 'qwen3-4b', endpoint_type: 'chat', streaming: 'true', dataset: 'inputs-qwen3-4b.json' });
  });
});

describe('AIPerf 0.1.1 JSON export (ai-dynamo example: metrics under records, ttft/ttst tags)', () => {
  it('reads the nested records and the loadgen concurrency; the cancelled requests are failures', () => {
    const { measurements, issues, reader } = readReal(`${DYNAMO}/profile_export_aiperf.json`);
    expect(reader).toBe('aiperf');
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.load).toEqual({ axis: 'concurrency', value: 100 });
    expect(round(m!.latency.mean_ttft_ms, 1)).toBe(2343.2);
    expect(round(m!.latency.mean_e2e_ms, 1)).toBe(9059.7);
    expect(m).toMatchObject({ requests: 89, failed: 11, max_new_tokens: 250, mean_input_tokens: 550 });
    expect(round(m!.throughput_tok_s, 1)).toBe(2320.7);
    expect(round(m!.request_throughput, 2)).toBe(9.55);
    expect(round(m!.duration_s, 2)).toBe(9.32);
    // Output sequence length counts reasoning tokens too (gpt-oss).
    expect(round(m!.mean_output_tokens, 1)).toBe(243);
    expect(m!.setup).toEqual({ model: 'openai/gpt-oss-20b', endpoint_type: 'chat', streaming: 'true' });
  });

  it('read alone, its per-request profile_export.jsonl names the summary its records join', () => {
    const file = `${DYNAMO}/profile_export.jsonl`;
    const { measurements, issues, rejected, reader } = readReal(file, { files: [file, `${DYNAMO}/profile_export_aiperf.json`] });
    expect(reader).toBe('aiperf');
    expect(issues).toEqual([]);
    expect(measurements).toEqual([]);
    expect(rejected.map((r) => r.message)).toEqual([
      'per-request records (100 AIPerf profile_export.jsonl lines) of the run in profile_export_aiperf.json beside them: joined to it only when the whole folder is read',
    ]);
  });
});

describe('AIPerf 0.8 JSON exports (InferenceMAX MI355X, two deployments in one folder)', () => {
  const run = (conc: number, offload: string, host: string) => readReal(`${AMD_RUN(conc, offload, host)}/profile_export_aiperf.json`).measurements[0]!;

  it('reads the loadgen concurrency, the model, the public dataset and the scenario', () => {
    const m = run(16, 'none', 'mi355x-amd_p02_g17 (1)');
    expect(m.load).toEqual({ axis: 'concurrency', value: 16 });
    expect(m.setup).toEqual({
      model: 'amd/Kimi-K2.5-MXFP4', endpoint_type: 'chat', streaming: 'true',
      dataset: 'semianalysis_cc_traces_weka_with_subagents', scenario: 'inferencex-agentx-mvp',
    });
    expect(m.requests).toBe(727);
    // error_request_count is left out when 0 in 0.8; error_summary counts the one ClientOSError.
    expect(m.failed).toBe(1);
    expect(round(m.throughput_tok_s, 1)).toBe(231.9);
    expect(round(m.latency.mean_ttft_ms, 0)).toBe(3075);
    expect(round(m.mean_input_tokens, 0)).toBe(95705);
  });

  it('lmcache and none record identical configurations: one setup, kept apart only by their folders', () => {
    const none = run(32, 'none', 'mi355x-amd_p01_g06');
    const lmcache = run(32, 'lmcache', 'mi355x-amd_p02_g17');
    expect(setupKey(none.setup)).toBe(setupKey(lmcache.setup));
    expect(none.repeat_group).not.toBe(lmcache.repeat_group);
    expect(pointKey(none)).not.toBe(pointKey(lmcache));
    expect([none, lmcache].map((m) => [m.requests, round(m.throughput_tok_s, 1)])).toEqual([[128, 20.8], [719, 167.6]]);
  });

  it('the per-request profile_export.jsonl beside a summary is rejected with the reason', () => {
    const folder = AMD_RUN(64, 'none', 'mia1-p02-g17 (1)');
    const { rejected, measurements } = readReal(`${folder}/profile_export.jsonl`, { files: [`${folder}/profile_export.jsonl`, `${folder}/profile_export_aiperf.json`] });
    expect(measurements).toEqual([]);
    expect(rejected[0]!.message).toMatch(/^per-request records \(69 AIPerf profile_export\.jsonl lines\)/);
  });
});

describe('GenAI-Perf JSON exports', () => {
  it('old flat input_config (FernandoDorado NIM sweep): concurrency 1, 10 and 250, one setup', () => {
    const runs = [1, 10, 250].map((c) => {
      const { measurements, issues, reader } = readReal(`${GENAI(c)}.json`);
      expect(reader).toBe('aiperf');
      expect(issues).toEqual([]);
      return measurements[0]!;
    });
    expect(runs.map((m) => m.load)).toEqual([1, 10, 250].map((value) => ({ axis: 'concurrency', value })));
    expect(runs.map((m) => [round(m.request_throughput, 2), round(m.latency.mean_ttft_ms, 1)])).toEqual([[1.49, 24.6], [11.38, 145.5], [34.48, 2156]]);
    expect(round(runs[2]!.throughput_tok_s, 1)).toBe(2019.2);
    // synthetic_input_tokens_mean → input_len; output_tokens_mean → max_new_tokens. The backend
    // (tensorrtllm) is ignored: it only applies to the Triton service kind, and this is openai.
    expect(runs[0]!.setup).toEqual({ model: 'meta/llama3-8b-instruct', endpoint_type: 'chat', streaming: 'true', input_len: 200 });
    expect(runs.map((m) => m.max_new_tokens)).toEqual([50, 50, 50]);
    expect(new Set(runs.map((m) => setupKey(m.setup))).size).toBe(1);
    // No request_count in these files, and no duration.
    expect(runs[1]).toMatchObject({ requests: null, duration_s: null, mean_output_tokens: 58.67, mean_input_tokens: 200.03 });
    expect(round(runs[1]!.latency.p99_e2e_ms, 1)).toBe(892.7);
  });

  it('config-file schema (typed fixture): perf_analyzer.stimulus, endpoint, input.synthetic_tokens', () => {
    const { measurements, issues, reader } = read('artifacts/llama-8b-openai-chat-concurrency16/profile_export_genai_perf.json', fixture('genai-perf-config-schema.json'));
    expect(reader).toBe('aiperf');
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.load).toEqual({ axis: 'concurrency', value: 16 });
    expect(m!.setup).toEqual({ model: 'meta-llama/Llama-3.1-8B-Instruct', endpoint_type: 'chat', streaming: 'true', input_len: 512 });
    expect(m).toMatchObject({ max_new_tokens: 128, requests: 400, request_throughput: 6.25, throughput_tok_s: 800, mean_output_tokens: 128, mean_input_tokens: 512.4 });
    expect(m!.latency).toMatchObject({ p50_e2e_ms: 2450, p95_ttft_ms: 280, mean_tpot_ms: 18.1 });
  });

  it('config-file schema with a request-rate stimulus and the Triton service kind: rate load, engine from the backend', () => {
    const text = fixture('genai-perf-config-schema.json')
      .replace('"stimulus": { "concurrency": 16 }', '"stimulus": { "request_rate": 6.0 }')
      .replace('"service_kind": "openai"', '"service_kind": "triton"');
    const [m] = read('run/profile_export_genai_perf.json', text).measurements;
    expect(m!.load).toEqual({ axis: 'request_rate', value: 6 });
    expect(m!.setup.engine).toBe('tensorrtllm');
  });

  it('perf_analyzer\'s raw profile_export.json is recorded as rejected with the reason, not as an error', () => {
    const { measurements, issues, rejected, reader } = read('artifacts/x/profile_export.json', fixture('perf-analyzer-profile-export.json'));
    expect(reader).toBe('aiperf');
    expect(issues).toEqual([]);
    expect(measurements).toEqual([]);
    expect(rejected[0]!.message).toBe('perf_analyzer raw export: it has request and response timestamps, but output token counts need the model\'s tokenizer and there are no error records; the profile_export_genai_perf.json beside it is read instead');
  });
});

describe('AIPerf / GenAI-Perf CSV exports', () => {
  it('figures agree with the JSON export of the same run (to the CSV\'s 2 decimals)', () => {
    const csv = readReal(CSV_FILE, { files: [CSV_FILE] });
    expect(csv.reader).toBe('aiperf-csv');
    expect(csv.issues).toEqual([]);
    const [c] = csv.measurements;
    const [j] = readReal(JSON_FILE).measurements;
    expect(c!.load).toEqual({ axis: 'concurrency', value: 64 }); // from the folder aiperf named concurrency_64
    expect(c!.throughput_tok_s).toBe(round(j!.throughput_tok_s, 2));
    expect(c!.requests).toBe(j!.requests);
    expect(c!.request_throughput).toBe(round(j!.request_throughput, 2));
    expect(c!.duration_s).toBe(round(j!.duration_s, 2));
    expect(Object.keys(c!.latency).sort()).toEqual(Object.keys(j!.latency).sort());
    for (const [metric, value] of Object.entries(j!.latency) as [keyof NonNullable<typeof j>['latency'], number][]) {
      expect(c!.latency[metric], metric).toBe(round(value, 2));
    }
    // The CSV records no settings.
    expect(c!.setup).toEqual({});
  });

  it('GenAI-Perf\'s CSV: quoted numbers with thousands separators ("2,156.03") are read as numbers', () => {
    const file = `${GENAI(250)}.csv`;
    const { measurements, issues, reader } = readReal(file, { files: [file] });
    expect(reader).toBe('aiperf-csv');
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.load).toEqual({ axis: 'concurrency', value: 250 }); // the folder …-concurrency250
    expect(m!.latency).toMatchObject({ mean_ttft_ms: 2156.03, p50_ttft_ms: 2059.47, p99_ttft_ms: 3685.36, mean_e2e_ms: 7223.59, mean_tpot_ms: 88.34 });
    expect(m).toMatchObject({ throughput_tok_s: 2019.22, request_throughput: 34.48, mean_output_tokens: 58.56, mean_input_tokens: 200.03 });
  });

  it('beside its JSON export the CSV is rejected with the reason: the run counts once', () => {
    const csv = readReal(CSV_FILE, { files: [CSV_FILE, JSON_FILE] });
    expect(csv.measurements).toEqual([]);
    expect(csv.issues).toEqual([]);
    expect(csv.rejected).toHaveLength(1);
    expect(csv.rejected[0]!.message).toMatch(/^same run as profile_export_aiperf\.json in the same folder/);
    const genai = readReal(`${GENAI(250)}.csv`, { files: [`${GENAI(250)}.csv`, `${GENAI(250)}.json`] });
    expect(genai.rejected[0]!.message).toMatch(/^same run as profile_export_genai_perf\.json/);
  });

  it('without a concurrency folder the CSV cannot be placed: an error that says where the load goes', () => {
    const { measurements, issues } = read('runs/profile_export_aiperf.csv', real(CSV_FILE));
    expect(measurements).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/expects a concurrency \(or request rate\) for the run but found none: .*concurrency_<N>/);
  });

  it('points at a malformed statistic by line and column', () => {
    const text = real(CSV_FILE).replace('Time to First Token (ms),51.44', 'Time to First Token (ms),oops');
    const { issues } = read('concurrency_8/profile_export_aiperf.csv', text);
    const line = text.split('\n').findIndex((l) => l.startsWith('Time to First Token (ms)')) + 1;
    expect(issues).toEqual([`concurrency_8/profile_export_aiperf.csv:${line}:26: Time to First Token (ms) avg (mean_ttft_ms) expects a number of 0 or more but found "oops"`]);
  });

  it('a CSV without a statistics block says how to skip the file', () => {
    const { issues } = read('concurrency_8/profile_export_x.csv', 'Metric,Value\n');
    expect(issues).toEqual(['concurrency_8/profile_export_x.csv:1:1: expects a "Metric,avg,…" block of AIPerf statistics but found none (first line: "Metric,Value") (if this file is not a benchmark result, skip it with "ignore": ["concurrency_8/profile_export_x.csv"] in capacity.config.json)']);
  });
});

describe('levels.csv (server-side concurrency sweep, akamaslabs)', () => {
  const FILE = `${RESULTS}/levels.csv`;
  const DEFAULTS = { defaults: { gpu: 'g7-4500', workload: 'sharegpt' } };

  it('reads 84 levels: level → concurrency, decode_tps → throughput (not total_tps)', () => {
    const { measurements, issues, reader } = readReal(FILE, DEFAULTS);
    expect(reader).toBe('levels-csv');
    expect(issues).toEqual([]);
    expect(measurements).toHaveLength(84);
    const first = measurements[0]!;
    expect(first.source.line).toBe(2);
    expect(first).toMatchObject({ gpu: 'g7-4500', load: { axis: 'concurrency', value: 16 }, throughput_tok_s: 1767.3 });
    expect(first.latency).toEqual({ p95_ttft_ms: 40, p95_itl_ms: 11 });
    expect(allFinite(measurements)).toBe(true);
  });

  it('experiment, MIG profile, replicas and max_num_seqs are settings; the GPU label stays the config\'s', () => {
    const { measurements } = readReal(FILE, DEFAULTS);
    expect([...new Set(measurements.map((m) => m.gpu))]).toEqual(['g7-4500']);
    const setups = [...new Map(measurements.map((m) => [setupKey(m.setup), m.setup])).values()];
    expect(setups).toEqual([
      { experiment: '1', mig_profile: 'none', replicas: '1', max_num_seqs: 256 },
      { experiment: '2', mig_profile: '2g.32gb', replicas: '1', max_num_seqs: 256 },
      { experiment: '3', mig_profile: '2g.32gb', replicas: '1', max_num_seqs: 512 },
      { experiment: '4', mig_profile: '1g.16gb', replicas: '2', max_num_seqs: 256 },
      { experiment: '5', mig_profile: '1g.16gb', replicas: '2', max_num_seqs: 128 },
      { experiment: '6', mig_profile: '1g.16gb', replicas: '2', max_num_seqs: 384 },
      { experiment: '7', mig_profile: 'none', replicas: '1', max_num_seqs: 256 },
    ]);
    expect(measurements.filter((m) => m.setup.experiment === '1')).toHaveLength(12);
  });

  it('a labelling rule\'s settings fill in beside the file\'s own', () => {
    const { measurements } = readReal(FILE, { defaults: { gpu: 'g7-4500', workload: 'sharegpt', engine: 'vllm' } });
    expect(measurements[0]!.setup).toEqual({ experiment: '1', mig_profile: 'none', replicas: '1', max_num_seqs: 256, engine: 'vllm' });
  });

  it('server-side decode throughput at concurrency 64 is close to AIPerf\'s client-side figure', () => {
    const { measurements } = readReal(FILE, DEFAULTS);
    const exp7 = measurements.find((m) => m.source.line === 76)!;
    const [client] = readReal(JSON_FILE).measurements;
    expect(exp7.load).toEqual({ axis: 'concurrency', value: 64 });
    expect(exp7.setup.experiment).toBe('7');
    expect(Math.abs(exp7.throughput_tok_s! - client!.throughput_tok_s!) / client!.throughput_tok_s!).toBeLessThan(0.03);
  });
});
