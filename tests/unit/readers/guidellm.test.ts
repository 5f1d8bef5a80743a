import { describe, expect, it } from 'vitest';
import { guidellmCsvReader } from '../../../src/core/readers/guidellm-csv.ts';
import { guidellmJsonReader } from '../../../src/core/readers/guidellm-json.ts';
import { setupKey } from '../../../src/core/settings.ts';
import { allFinite, fixture, pointKey, read, readReal, real, round } from './helpers.ts';

const BENCH = 'danielkorat__guidellm-bench';
const QWEN30 = `${BENCH}/Qwen_Qwen3-30B-A3B_tp4_quant-fp8_benchmarks.json`;
const CSV = 'nirjhar17__guidellm-pd-disaggregation/all-benchmarks.csv';

describe('GuideLLM benchmarks.json (danielkorat, guidellm 0.5.0.dev0, the v0.4–0.6 layout)', () => {
  it('reads the synchronous benchmark: concurrency 1, seconds → ms, ITL → TPOT', () => {
    const { measurements, issues, rejected, reader } = readReal(QWEN30);
    expect(reader).toBe('guidellm');
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements).toHaveLength(1);
    const [m] = measurements;
    expect(m!.load).toEqual({ axis: 'concurrency', value: 1 });
    expect(round(m!.throughput_tok_s, 2)).toBe(25.86);
    // request_latency is in seconds in GuideLLM: 40.018 s median.
    expect(round(m!.latency.p50_e2e_ms)).toBe(40018.1);
    expect(round(m!.latency.mean_e2e_ms)).toBe(39601.2);
    expect(round(m!.latency.p95_e2e_ms)).toBe(40430.1);
    expect(round(m!.latency.p50_ttft_ms, 2)).toBe(58.1);
    expect(round(m!.latency.p95_ttft_ms, 2)).toBe(72.8);
    // GuideLLM's inter_token_latency_ms excludes the first token: our TPOT. Its
    // time_per_output_token_ms (39.08 median, first token included) is not read.
    expect(round(m!.latency.p50_tpot_ms, 2)).toBe(39.06);
    expect(m!.latency.p50_itl_ms).toBeUndefined();
    expect(m!.requests).toBe(19);
    expect(m!.failed).toBe(0);
    expect(m!.max_new_tokens).toBe(1024);
    // requests_per_second.successful.mean, output_token_count and prompt_token_count means, the measured window.
    expect(m!.request_throughput).toBe(0.024999999999999994);
    expect(m!.mean_output_tokens).toBe(1024);
    expect(round(m!.mean_input_tokens, 2)).toBe(92.05);
    expect(m!.duration_s).toBe(720);
    expect(m!.setup).toEqual({ model: 'Qwen/Qwen3-30B-A3B', backend: 'openai_http', request_format: '/v1/completions', dataset: 'aime_2024_v2.jsonl' });
    expect(m!.source.line).toBe(1);
    // The benchmark's own column on the single line, where its object starts.
    expect(real(QWEN30).slice(0, 4096).indexOf('{"type_": "generative_benchmark"') + 1).toBe(readReal(QWEN30, { defaults: {} }).rawIssues[0]!.column);
  });

  it('reads all four reports with their own figures; the model tells them apart', () => {
    const files = ['openai_gpt-oss-20b_tp4_quant-none', 'Qwen_Qwen3-4B-Thinking-2507_tp2_quant-fp8', 'Qwen_Qwen3-4B-Thinking-2507_tp4_quant-fp8'];
    const runs = files.map((f) => readReal(`${BENCH}/${f}_benchmarks.json`).measurements[0]!);
    expect(runs.map((m) => [round(m.throughput_tok_s, 1), round(m.latency.p50_e2e_ms! / 1000, 2), m.requests, m.setup.model])).toEqual([
      [33.4, 30.65, 25, 'openai/gpt-oss-20b'], [50.9, 20.12, 26, 'Qwen/Qwen3-4B-Thinking-2507'], [48.9, 20.89, 26, 'Qwen/Qwen3-4B-Thinking-2507'],
    ]);
    // TP2 and TP4 are recorded only in the file names: the same setup, two repeat groups.
    expect(setupKey(runs[1]!.setup)).toBe(setupKey(runs[2]!.setup));
    expect(runs[1]!.repeat_group).not.toBe(runs[2]!.repeat_group);
  });

  it('places each strategy: concurrent → streams, constant → rate, throughput → an unbounded load; one setup', () => {
    const { measurements, issues, rejected } = read('g/benchmarks.json', fixture('guidellm-strategies.json'));
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements.map((m) => m.load)).toEqual([
      { axis: 'concurrency', value: 8 }, { axis: 'request_rate', value: 3.5 }, { axis: 'unbounded', value: null },
    ]);
    const [concurrent, , throughput] = measurements;
    expect(concurrent).toMatchObject({ throughput_tok_s: 900, requests: 100, failed: 2, max_new_tokens: 128 });
    expect(concurrent!.latency).toMatchObject({ p50_e2e_ms: 1400, p99_e2e_ms: 2500, p50_tpot_ms: 9.8, p95_ttft_ms: 120 });
    expect(throughput).toMatchObject({ throughput_tok_s: 3000, requests: 500, status: 'ok' });
    expect(throughput!.source.line).toBe(26);
    // Synthetic data: prompt_tokens → input_len, output_tokens → max_new_tokens; no dataset.
    expect(new Set(measurements.map((m) => setupKey(m.setup)))).toEqual(new Set([setupKey({ model: 'test-model', input_len: 256 })]));
    expect(allFinite(measurements)).toBe(true);
  });

  it('a throughput benchmark\'s concurrency cap is neither the load nor a setting (it would split the sweep)', () => {
    const text = fixture('guidellm-strategies.json').replace('"type_": "throughput", "max_concurrency": null', '"type_": "throughput", "max_concurrency": 512');
    const { measurements } = read('g/benchmarks.json', text);
    expect(measurements[2]!.load).toEqual({ axis: 'unbounded', value: null });
    expect(measurements[2]!.setup).toEqual(measurements[0]!.setup);
  });

  it('a Poisson strategy is a setting (arrivals), so it never repeats a constant run at its rate', () => {
    const poisson = fixture('guidellm-strategies.json').replace('"type_": "constant", "rate": 3.5', '"type_": "poisson", "rate": 3.5');
    const [, constant] = read('g/benchmarks.json', fixture('guidellm-strategies.json')).measurements;
    const [concurrent, bursty] = read('g/benchmarks.json', poisson).measurements;
    expect(bursty!.load).toEqual(constant!.load);
    expect(bursty!.setup).toEqual({ ...constant!.setup, arrivals: 'Poisson' });
    expect(setupKey(bursty!.setup)).not.toBe(setupKey(constant!.setup));
    expect(concurrent!.setup).toEqual(constant!.setup);
  });
});

describe('GuideLLM benchmarks.json, the other layouts (typed fixtures)', () => {
  it('v0.2–0.3: args.strategy per benchmark, the model in worker, the data in request_loader, totals beside metrics', () => {
    const { measurements, issues, rejected } = read('g/v03.json', fixture('guidellm-v03-layout.json'));
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements.map((m) => m.load)).toEqual([{ axis: 'concurrency', value: 1 }, { axis: 'unbounded', value: null }]);
    const [sync, ceiling] = measurements;
    expect(sync).toMatchObject({ requests: 50, failed: 0, max_new_tokens: 256, duration_s: 125, throughput_tok_s: 102.4, request_throughput: 0.4, mean_input_tokens: 512 });
    expect(sync!.latency).toMatchObject({ p50_e2e_ms: 2450, p50_ttft_ms: 58, p99_tpot_ms: 11 });
    expect(sync!.setup).toEqual({ model: 'ibm-granite/granite-3.1-8b-instruct', backend: 'openai_http', input_len: 512 });
    expect(ceiling!.setup).toEqual(sync!.setup);
    expect(ceiling!.throughput_tok_s).toBe(2867.2);
  });

  it('v0.7: config.spec holds backend and data; a nested config.benchmarks does not confuse the positions', () => {
    const text = fixture('guidellm-v07-layout.json');
    const { measurements, issues } = read('g/v07.json', text);
    expect(issues).toEqual([]);
    expect(measurements.map((m) => m.load)).toEqual([{ axis: 'concurrency', value: 4 }, { axis: 'concurrency', value: 16 }]);
    expect(measurements[0]!.setup).toEqual({
      model: 'meta-llama/Llama-3.1-8B-Instruct', backend: 'openai_http', request_format: '/v1/chat/completions', input_len: 1024,
    });
    expect(measurements.map((m) => m.max_new_tokens)).toEqual([128, 128]);
    expect(measurements.map((m) => [m.requests, m.failed])).toEqual([[120, 1], [400, 0]]);
    const lines = text.split('\n');
    expect(measurements.map((m) => lines[m.source.line - 1]!.trim())).toEqual(['{', '{']);
    expect(measurements[0]!.source.line).toBe(text.slice(0, text.indexOf('"type_": "generative_benchmark"')).split('\n').length - 1);
  });

  it('a trace strategy (v0.7 replay) has no load to place: recorded as rejected with the reason', () => {
    const text = fixture('guidellm-v07-layout.json').replace('"type_": "concurrent", "streams": 4,', '"type_": "trace",');
    const { measurements, rejected, issues } = read('g/v07.json', text);
    expect(issues).toEqual([]);
    expect(measurements).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.message).toMatch(/^trace strategy: requests replay recorded timestamps/);
  });

  it('a JSON object without benchmarks says how to skip the file', () => {
    const { issues } = read('g/other.json', '{"benchmarks": 3}', { reader: guidellmJsonReader });
    expect(issues).toEqual(['g/other.json:1:1: expects a GuideLLM report (an object with a "benchmarks" list) but found something else (if this file is not a benchmark result, skip it with "ignore": ["g/other.json"] in capacity.config.json)']);
  });
});

describe('GuideLLM-derived CSV (nirjhar17 llm-d P/D disaggregation)', () => {
  it('reads all 16 rows; the 2 throughput rows are unbounded-load measurements (ceiling points)', () => {
    const { measurements, issues, rejected, reader } = readReal(CSV);
    expect(reader).toBe('guidellm-csv');
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    expect(measurements).toHaveLength(16);
    const ceilings = measurements.filter((m) => m.load.axis === 'unbounded');
    expect(ceilings.map((m) => [m.source.line, round(m.throughput_tok_s, 2), m.requests, m.failed])).toEqual([
      [7, 1564.26, 1080, 1], [17, 1490.34, 757, 1],
    ]);
  });

  it('derives throughput from rps × output tokens, converts seconds, treats "-" as missing', () => {
    const { measurements } = readReal(CSV);
    const c16 = measurements.find((m) => m.source.line === 2)!;
    expect(c16.load).toEqual({ axis: 'concurrency', value: 16 });
    expect(round(c16.throughput_tok_s, 1)).toBe(520.3); // 4.30 req/s × 121 tokens
    expect(c16).toMatchObject({ request_throughput: 4.3, mean_output_tokens: 121, mean_input_tokens: 264, duration_s: 60 });
    expect(c16.latency).toMatchObject({ mean_ttft_ms: 84.6, p50_ttft_ms: 75, mean_tpot_ms: 28.2, mean_e2e_ms: 3418, p50_e2e_ms: 3604 });
    expect(c16.latency.p99_ttft_ms).toBeUndefined();
    expect(c16.latency.p99_e2e_ms).toBeUndefined();
    expect(c16.setup).toEqual({});
    const constant5 = measurements.find((m) => m.source.line === 4)!;
    expect(constant5.load).toEqual({ axis: 'request_rate', value: 5 });
    expect(allFinite(measurements)).toBe(true);
  });

  it('a Poisson row is a setup of its own: never a repeat of the constant row at its rate', () => {
    const { measurements } = readReal(CSV);
    const constant5 = measurements.find((m) => m.source.line === 4)!;
    const poisson5 = measurements.find((m) => m.source.line === 5)!;
    expect(poisson5.load).toEqual(constant5.load);
    expect(poisson5.setup).toEqual({ arrivals: 'Poisson' });
    expect(constant5.setup).toEqual({});
    expect(pointKey(poisson5)).not.toBe(pointKey(constant5));
    expect(measurements.filter((m) => m.setup.arrivals !== undefined).map((m) => m.source.line)).toEqual([5]);
  });

  it('the two synchronous rows are repeats of concurrency 1', () => {
    const { measurements } = readReal(CSV);
    const sync = measurements.filter((m) => m.load.axis === 'concurrency' && m.load.value === 1);
    expect(sync.map((m) => m.source.line)).toEqual([6, 16]);
    expect(pointKey(sync[0]!)).toBe(pointKey(sync[1]!));
  });

  it('reports a malformed cell at its line and column', () => {
    const text = 'source_file,profile,rate,ttft_mean_ms,req_latency_mean_s,rps_mean,output_tokens_mean\nc4,concurrent,-,abc,2.9,1.30,123\n';
    const { issues } = read('x.csv', text);
    expect(issues).toEqual(['x.csv:2:17: ttft_mean_ms (mean_ttft_ms) expects a number of 0 or more but found "abc"']);
  });

  it('a header without rps_mean says how to skip the file', () => {
    const text = 'source_file,profile,rate,req_latency_mean_s\nc4,concurrent,-,2.9\n';
    const { issues, measurements } = read('reports/x.csv', text, { reader: guidellmCsvReader });
    expect(measurements).toEqual([]);
    expect(issues[0]).toMatch(/^reports\/x\.csv:1:1: expects a rps_mean column in a GuideLLM CSV but the header has: .* \(if this file is not a benchmark result, skip it with "ignore": \["reports\/x\.csv"\] in capacity\.config\.json\)$/);
  });
});
