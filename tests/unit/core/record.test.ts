import { describe, expect, it } from 'vitest';
import { buildMeasurement, Draft, isDecimal, NO_DEFAULTS, type RecordDefaults } from '../../../src/core/record.ts';

const at = () => ({ line: 2, column: 3 });

function build(values: Record<string, unknown>, settings: Record<string, unknown> = {}, defaults: RecordDefaults = NO_DEFAULTS) {
  const draft = new Draft();
  for (const [field, raw] of Object.entries({ gpu: 'A', workload: 'Chat', throughput_tok_s: 10, ...values })) draft.set(field as never, raw, at);
  for (const [key, raw] of Object.entries(settings)) draft.setting(key, raw, at);
  const problems: string[] = [];
  const measurement = buildMeasurement(draft, { file: 'f.csv', tool: 'csv', defaults, where: () => ({ line: 2, column: 1 }), labelHint: 'label it' }, (p, message) => problems.push(`${p.line}:${p.column}: ${message}`));
  return { measurement, problems };
}

describe('the record: one validator for every reader', () => {
  it.each([
    ['a fractional count', { concurrency: 1, requests: 2.5 }, 'requests expects a whole number of 0 or more but found 2.5'],
    ['a fractional concurrency', { concurrency: '2.5' }, 'concurrency expects a whole number of 1 or more but found "2.5"'],
    ['a zero concurrency', { concurrency: 0 }, 'concurrency expects a whole number of 1 or more but found 0'],
    ['a negative latency', { concurrency: 1, p95_e2e_ms: -1 }, 'p95_e2e_ms expects a number of 0 or more but found -1'],
    ['NaN', { concurrency: 1, throughput_tok_s: 'NaN' }, 'throughput_tok_s expects a number of 0 or more but found "NaN" (leave the cell empty for a value that was not measured)'],
    ['a dash placeholder', { concurrency: 1, p95_e2e_ms: '-' }, 'p95_e2e_ms expects a number of 0 or more but found "-" (leave the cell empty for a value that was not measured)'],
    ['N/A', { concurrency: 1, p95_e2e_ms: 'N/A' }, 'p95_e2e_ms expects a number of 0 or more but found "N/A" (leave the cell empty for a value that was not measured)'],
    ['hex', { concurrency: '0x10' }, 'concurrency expects a whole number of 1 or more but found "0x10"'],
    ['a zero request rate', { request_rate: 0 }, 'request_rate expects a request rate above 0 (or inf) but found 0'],
    ['an unknown status', { concurrency: 1, status: 'crashed' }, 'status expects one of ok, oom, error, timeout but found "crashed"'],
  ])('refuses %s', (_name, values, message) => {
    const { measurement, problems } = build(values);
    expect(measurement).toBeNull();
    expect(problems).toEqual([`2:3: ${message}`]);
  });

  it('reads a 17-digit decimal exactly as Number() does', () => {
    expect(build({ concurrency: 1, throughput_tok_s: '123.45678901234567' }).measurement!.throughput_tok_s).toBe(123.45678901234567);
  });

  it('accepts whole counts given as text, and a count of zero', () => {
    expect(build({ concurrency: '16', requests: '0', failed: 0 }).measurement).toMatchObject({ requests: 0, failed: 0, load: { axis: 'concurrency', value: 16 } });
  });

  it('treats an empty value as missing, never zero', () => {
    expect(build({ concurrency: 1, p95_e2e_ms: ' ' }).measurement!.latency).toEqual({});
  });

  it('lower-cases the workload', () => {
    expect(build({ concurrency: 1 }).measurement!.workload).toBe('chat');
  });

  it('drives a run by its request rate when one is given, keeping a concurrency limit as a setting', () => {
    expect(build({ request_rate: 16, concurrency: 64 }).measurement).toMatchObject({ load: { axis: 'request_rate', value: 16 }, setup: { max_concurrency: 64 } });
  });

  it('reads an unbounded rate with a concurrency as a concurrency run, and alone as an unbounded (ceiling) run', () => {
    expect(build({ request_rate: 'inf', concurrency: 8 }).measurement!.load).toEqual({ axis: 'concurrency', value: 8 });
    expect(build({ request_rate: 'Infinity' }).measurement!.load).toEqual({ axis: 'unbounded', value: null });
    expect(build({ request_rate: Infinity }).measurement!.load).toEqual({ axis: 'unbounded', value: null });
  });

  it('refuses a run with no load at all', () => {
    expect(build({}).problems).toEqual(['2:1: expects a concurrency (or request rate) for the run but found none']);
  });

  it('checks known settings by kind and keeps free ones as text', () => {
    expect(build({ concurrency: 1 }, { tp: 8, framework: 'sglang', benchmark_target: 'gateway', shards: 4 }).measurement!.setup)
      .toEqual({ tensor_parallel_size: 8, engine: 'sglang', benchmark_target: 'gateway', shards: '4' });
    expect(build({ concurrency: 1 }, { tp: 2.5 }).problems).toEqual(['2:3: tp (tensor_parallel_size) expects a whole number of 1 or more but found 2.5']);
    expect(build({ concurrency: 1 }, { gpu_memory_utilization: 1.2 }).problems).toEqual(['2:3: gpu_memory_utilization expects a fraction above 0 and at most 1 but found 1.2']);
  });

  it('fills what the file lacks from its name and the labelling rules, the file winning, and checks those values too', () => {
    const defaults: RecordDefaults = { values: { gpu: 'H100', tensor_parallel_size: '8', concurrency: 4 }, origin: { tensor_parallel_size: 'files["runs/"].pattern', gpu: 'the file name', concurrency: 'x' } };
    expect(build({}, {}, defaults).measurement).toMatchObject({ gpu: 'A', load: { axis: 'concurrency', value: 4 }, setup: { tensor_parallel_size: 8 } });
    const bad: RecordDefaults = { values: { tensor_parallel_size: 'x8' }, origin: { tensor_parallel_size: 'files["runs/"].pattern' } };
    expect(build({ concurrency: 1 }, {}, bad).problems).toEqual(['2:1: files["runs/"].pattern (tensor_parallel_size) expects a whole number of 1 or more but found "x8"']);
  });

  it('names the label that is missing', () => {
    const draft = new Draft();
    draft.set('concurrency', 1, at);
    const problems: string[] = [];
    buildMeasurement(draft, { file: 'f.json', tool: 't', defaults: NO_DEFAULTS, where: () => ({ line: 1, column: 1 }), labelHint: 'label it' }, (_p, message) => problems.push(message));
    expect(problems).toEqual(['no GPU or workload label: label it']);
  });
});

describe('plain decimal notation', () => {
  it('accepts integers, decimals and exponents, and nothing else', () => {
    for (const text of ['0', '12', '-3', '+4', '1.', '1.5', '.5', '1e3', '2.5E-4']) expect(isDecimal(text), text).toBe(true);
    for (const text of ['', '.', '1.2.3', '1e', 'e3', '0x10', '1_000', 'NaN', 'Infinity', ' 1', '1 ', '--1']) expect(isDecimal(text), text).toBe(false);
  });
  it('rejects a million digits that end in a letter (one pass, no backtracking)', () => {
    expect(isDecimal(`${'9'.repeat(1_000_000)}x`)).toBe(false);
    expect(isDecimal(`${'9'.repeat(1_000_000)}.${'9'.repeat(1_000_000)}x`)).toBe(false);
  });
});
