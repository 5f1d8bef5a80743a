import { describe, expect, it } from 'vitest';
import { parseSweepFolder } from '../../../src/core/readers/vllm-bench-sweep.ts';
import { setupKey } from '../../../src/core/settings.ts';
import { pointKey, read, readReal, real, round } from './helpers.ts';

const SWEEP = 'er0080__vllm-benchmarking/api/tests/fixtures/vllm_sweep_v0.25.1';
const SEQS4 = `${SWEEP}/SERVE--max_num_seqs=4-BENCH--max_concurrency=2-num_prompts=8`;
const SEQS8 = `${SWEEP}/SERVE--max_num_seqs=8-BENCH--max_concurrency=2-num_prompts=8`;
const ALL = [SEQS4, SEQS8].flatMap((folder) => ['run=0.json', 'run=1.json', 'summary.json'].map((f) => `${folder}/${f}`));

describe('vllm bench sweep serve folder names', () => {
  it('splits SERVE and BENCH parameters', () => {
    expect(parseSweepFolder('x/SERVE--max_num_seqs=4-BENCH--max_concurrency=2-num_prompts=8')).toEqual([
      { part: 'SERVE', key: 'max_num_seqs', value: '4' },
      { part: 'BENCH', key: 'max_concurrency', value: '2' },
      { part: 'BENCH', key: 'num_prompts', value: '8' },
    ]);
  });

  it('keeps values that contain dashes or dots', () => {
    expect(parseSweepFolder('SERVE--gpu_memory_utilization=0.9-dtype=bfloat16-BENCH--random_output_len=128')).toEqual([
      { part: 'SERVE', key: 'gpu_memory_utilization', value: '0.9' },
      { part: 'SERVE', key: 'dtype', value: 'bfloat16' },
      { part: 'BENCH', key: 'random_output_len', value: '128' },
    ]);
    expect(parseSweepFolder('SERVE--model=qwen-7b-instruct')).toEqual([
      { part: 'SERVE', key: 'model', value: 'qwen-7b-instruct' },
    ]);
  });
});

describe('vllm bench sweep serve runs (er0080 v0.25.1 fixtures)', () => {
  it('reads run=0 and run=1 as two repeats of one point: one setup, the combination folder as repeat group', () => {
    const runs = ['run=0.json', 'run=1.json'].map((f) => readReal(`${SEQS4}/${f}`, { files: ALL }));
    for (const run of runs) {
      expect(run.reader).toBe('vllm-bench-sweep');
      expect(run.issues).toEqual([]);
    }
    const measurements = runs.flatMap((r) => r.measurements);
    expect(measurements.map((m) => [m.load, m.setup, round(m.throughput_tok_s, 2)])).toEqual([
      [{ axis: 'concurrency', value: 2 }, { max_num_seqs: 4 }, 93.75],
      [{ axis: 'concurrency', value: 2 }, { max_num_seqs: 4 }, 199.37],
    ]);
    expect(measurements.map((m) => m.repeat_group)).toEqual([SEQS4, SEQS4]);
    expect(pointKey(measurements[0]!)).toBe(pointKey(measurements[1]!));
    // v0.25.1 writes e2el statistics: median → p50, no p95 in this schema.
    expect(round(measurements[0]!.latency.p50_e2e_ms, 1)).toBe(166.5);
    expect(measurements[0]).toMatchObject({ requests: 8, failed: 0, mean_output_tokens: 16, mean_input_tokens: 32 });
    expect(round(measurements[0]!.request_throughput, 3)).toBe(5.859);
  });

  it('the SERVE parameter from the folder name sets the two folders apart', () => {
    const [a] = readReal(`${SEQS4}/run=0.json`, { files: ALL }).measurements;
    const [b] = readReal(`${SEQS8}/run=0.json`, { files: ALL }).measurements;
    expect([a!.setup, b!.setup]).toEqual([{ max_num_seqs: 4 }, { max_num_seqs: 8 }]);
    expect(setupKey(a!.setup)).not.toBe(setupKey(b!.setup));
  });

  it('summary.json beside its runs is rejected with the reason, not counted twice', () => {
    const { measurements, rejected, issues, reader } = readReal(`${SEQS4}/summary.json`, { files: ALL });
    expect(reader).toBe('vllm-bench-sweep');
    expect(issues).toEqual([]);
    expect(measurements).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.message).toMatch(/^summary of run=\*\.json in the same folder/);
  });

  it('summary.json alone is read: one measurement per run, each at its own line', () => {
    const file = `${SEQS8}/summary.json`;
    const { measurements, rejected, issues } = readReal(file, { files: [file] });
    expect(issues).toEqual([]);
    expect(rejected).toEqual([]);
    const lines = real(file).split('\n');
    expect(measurements.map((m) => lines[m.source.line - 1]!.trim())).toEqual(['{', '{']);
    expect(measurements.map((m) => m.source.line)).toEqual([2, 44]);
    expect(pointKey(measurements[0]!)).toBe(pointKey(measurements[1]!));
  });

  it('folder parameters fill what the run object lacks: SERVE keys are settings, BENCH keys fields or settings', () => {
    const run = JSON.stringify({ request_rate: 'inf', completed: 8, failed: 0, output_throughput: 50, median_ttft_ms: 10 });
    const file = 'sweep/SERVE--max_num_seqs=16-gpu_memory_utilization=0.85-enable_prefix_caching=true-BENCH--max_concurrency=4-random_output_len=256-random_input_len=1024-num_prompts=40-seed=3-dataset_name=random/run=0.json';
    const { measurements, issues } = read(file, run, { files: [file] });
    expect(issues).toEqual([]);
    expect(measurements[0]).toMatchObject({ load: { axis: 'concurrency', value: 4 }, max_new_tokens: 256 });
    // num_prompts and seed vary run to run: not settings.
    expect(measurements[0]!.setup).toEqual({
      max_num_seqs: 16, gpu_memory_utilization: 0.85, enable_prefix_caching: 'true', input_len: 1024, dataset: 'random',
    });
    expect(measurements[0]!.repeat_group).toBe(file.slice(0, file.lastIndexOf('/')));
  });

  it('a varied SERVE setting the record has no name for is a free setting: the folders become two setups', () => {
    const run = JSON.stringify({ request_rate: 'inf', max_concurrency: 4, completed: 8, output_throughput: 50 });
    const a = 'sweep/SERVE--enable_prefix_caching=true-BENCH--max_concurrency=4/run=0.json';
    const b = 'sweep/SERVE--enable_prefix_caching=false-BENCH--max_concurrency=4/run=0.json';
    const [ma] = read(a, run, { files: [a, b] }).measurements;
    const [mb] = read(b, run, { files: [a, b] }).measurements;
    expect([ma!.setup, mb!.setup]).toEqual([{ enable_prefix_caching: 'true' }, { enable_prefix_caching: 'false' }]);
    expect(pointKey(ma!)).not.toBe(pointKey(mb!));
  });

  it('overrides written into the run object keep their JSON type and agree with the folder name', () => {
    const run = JSON.stringify({ request_rate: 'inf', max_concurrency: 4, completed: 8, output_throughput: 50, run_number: 0, max_num_seqs: 16, enable_chunked_prefill: false, max_model_len: 4096 });
    const file = 'sweep/SERVE--max_num_seqs=16-enable_chunked_prefill=false-max_model_len=4096-BENCH--max_concurrency=4/run=0.json';
    const setup = { max_num_seqs: 16, enable_chunked_prefill: 'false', max_model_len: 4096 };
    expect(read(file, run).measurements[0]!.setup).toEqual(setup);
    // A failure of the same combination gets the same setup from its overrides: one point.
    const failure = JSON.stringify({ error_type: 'E', error: 'x', serve_overrides: { max_num_seqs: 16, enable_chunked_prefill: false, max_model_len: 4096 }, bench_overrides: { max_concurrency: 4 } });
    const [failed] = read(file.replace('run=0.json', 'run=1.failure.json'), failure).measurements;
    expect(failed!.setup).toEqual(setup);
    expect(pointKey(failed!)).toBe(pointKey(read(file, run).measurements[0]!));
  });

  it('a warm-up run is rejected with the reason, not averaged into the point', () => {
    const warmup = JSON.stringify({ request_rate: 'inf', max_concurrency: 2, completed: 4, output_throughput: 10, run_number: -1 });
    const file = `${SEQS4}/warmup.json`;
    const { measurements, rejected, reader } = read(file, warmup, { files: [...ALL, file] });
    expect(reader).toBe('vllm-bench-sweep');
    expect(measurements).toEqual([]);
    expect(rejected[0]!.message).toMatch(/^warm-up run/);
    // Renamed, it is still told apart by its run_number.
    expect(read(`${SEQS4}/run=9.json`, warmup).rejected[0]!.message).toMatch(/^warm-up run \(run_number -1\)/);
  });

  it('a failed run (--continue-on-error) is data: status error at its point, nothing measured', () => {
    const failure = JSON.stringify({
      run_number: 1, error_type: 'TimeoutError', error: 'server did not answer',
      serve_overrides: { max_num_seqs: 4 }, bench_overrides: { max_concurrency: 2 },
    }, null, 2);
    const file = `${SEQS4}/run=1.failure.json`;
    const { measurements, issues, reader } = read(file, failure, { files: [...ALL, file] });
    expect(reader).toBe('vllm-bench-sweep');
    expect(issues).toEqual([]);
    expect(measurements).toHaveLength(1);
    expect(measurements[0]).toMatchObject({ status: 'error', load: { axis: 'concurrency', value: 2 }, throughput_tok_s: null, latency: {}, setup: { max_num_seqs: 4 }, repeat_group: SEQS4 });
    // The same point as the successful run=0: one point, shown unstable.
    const [ok] = readReal(`${SEQS4}/run=0.json`, { files: ALL }).measurements;
    expect(pointKey(measurements[0]!)).toBe(pointKey(ok!));
  });

  it('a server that never started has no point: recorded as rejected with its error', () => {
    const failure = JSON.stringify({ error_type: 'RuntimeError', error: 'CUDA out of memory', serve_overrides: { max_num_seqs: 512 } });
    const file = 'sweep/SERVE-max_num_seqs=512-failure.json';
    const { measurements, rejected, issues } = read(file, failure);
    expect(issues).toEqual([]);
    expect(measurements).toEqual([]);
    expect(rejected[0]!.message).toBe('the sweep recorded a failure with no run to place (RuntimeError: CUDA out of memory); not a sweep point');
  });
});

describe('vllm bench sweep serve summary.csv', () => {
  const CSV = [
    ',date,backend,request_rate,max_concurrency,completed,failed,output_throughput,median_ttft_ms,p99_e2el_ms,run_number,max_num_seqs',
    '0,20260818-021333,openai,inf,2,8,0,93.75,44.92,876.80,0,4',
    '1,20260818-021338,openai,inf,2,8,0,199.37,38.19,169.64,1,4',
  ].join('\n');

  it('beside the run files it summarises, it is rejected: the runs count once', () => {
    const file = 'sweep/summary.csv';
    const { measurements, rejected, reader } = read(file, CSV, { files: [file, ...ALL.map((f) => f.replace(SWEEP, 'sweep'))] });
    expect(reader).toBe('vllm-bench-sweep');
    expect(measurements).toEqual([]);
    expect(rejected[0]!.message).toMatch(/^summary of the 4 run=\*\.json files/);
  });

  it('alone, its rows are read like capacity CSV rows', () => {
    const { measurements, issues } = read('sweep/summary.csv', CSV);
    expect(issues).toEqual([]);
    expect(measurements.map((m) => [m.source.line, m.load.value, m.throughput_tok_s, m.latency.p99_e2e_ms, m.setup.max_num_seqs])).toEqual([
      [2, 2, 93.75, 876.8, 4], [3, 2, 199.37, 169.64, 4],
    ]);
  });
});
