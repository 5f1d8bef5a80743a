import { describe, expect, it } from 'vitest';
import { buildPoints } from '../../../src/core/analysis/points.ts';
import { allFinite, read, readReal, real, round } from './helpers.ts';

const RESULTS = 'akamaslabs__vllm-benchmark/studies/26-g7-4500-gpu-slice-right-sizing/results';
const RUN = `${RESULTS}/aiperf-exp7-no-mig-repeat/concurrency_64`;
const JSON_FILE = `${RUN}/profile_export_aiperf.json`;
const CSV_FILE = `${RUN}/profile_export_aiperf.csv`;

describe('AIPerf JSON export (schema 1.3)', () => {
  it('reads the run: concurrency from the profiling phase, TTFT, TPOT (AIPerf ITL), ITL (inter-chunk)', () => {
    const { measurements, issues, reader } = readReal(JSON_FILE, { files: [JSON_FILE, CSV_FILE] });
    expect(reader).toBe('aiperf');
    expect(issues).toEqual([]);
    const [m] = measurements;
    expect(m!.concurrency).toBe(64);
    expect(round(m!.throughput_tok_s, 2)).toBe(4283.22);
    expect(round(m!.latency.p50_ttft_ms, 2)).toBe(47.07);
    expect(round(m!.latency.p95_e2e_ms, 2)).toBe(9266.87);
    expect(round(m!.latency.mean_tpot_ms, 2)).toBe(14.53);
    expect(round(m!.latency.p99_itl_ms, 2)).toBe(35.77);
    expect(m!.requests).toBe(4895);
    expect(m!.failed).toBe(0);
    expect(m!.server.model).toBe('qwen3-4b');
  });
});

describe('AIPerf CSV export', () => {
  it('figures agree with the JSON export of the same run (to the CSV\'s 2 decimals)', () => {
    const csv = readReal(CSV_FILE, { files: [CSV_FILE] });
    expect(csv.reader).toBe('aiperf-csv');
    expect(csv.issues).toEqual([]);
    const [c] = csv.measurements;
    const [j] = readReal(JSON_FILE).measurements;
    expect(c!.concurrency).toBe(64); // from the folder aiperf named concurrency_64
    expect(c!.throughput_tok_s).toBe(round(j!.throughput_tok_s, 2));
    expect(c!.requests).toBe(j!.requests);
    expect(Object.keys(c!.latency).sort()).toEqual(Object.keys(j!.latency).sort());
    for (const [metric, value] of Object.entries(j!.latency) as [keyof NonNullable<typeof j>["latency"], number][]) {
      expect(c!.latency[metric], metric).toBe(round(value, 2));
    }
  });

  it('beside its JSON export the CSV is rejected with the reason: the run counts once', () => {
    const csv = readReal(CSV_FILE, { files: [CSV_FILE, JSON_FILE] });
    expect(csv.measurements).toEqual([]);
    expect(csv.issues).toEqual([]);
    expect(csv.rejected).toHaveLength(1);
    expect(csv.rejected[0]!.message).toMatch(/^same run as profile_export_aiperf\.json in the same folder/);
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
    expect(issues).toEqual([`concurrency_8/profile_export_aiperf.csv:${line}:26: Time to First Token (ms) avg: mean_ttft_ms expects a number of 0 or more but found "oops"`]);
  });
});

describe('levels.csv (server-side concurrency sweep, akamaslabs)', () => {
  const FILE = `${RESULTS}/levels.csv`;

  it('reads 84 levels: level → concurrency, decode_tps → throughput (not total_tps)', () => {
    const { measurements, issues, reader } = readReal(FILE, { defaults: { gpu: 'g7-4500', workload: 'sharegpt' } });
    expect(reader).toBe('levels-csv');
    expect(issues).toEqual([]);
    expect(measurements).toHaveLength(84);
    const first = measurements[0]!;
    expect(first.source.line).toBe(2);
    expect(first).toMatchObject({ gpu: 'g7-4500', concurrency: 16, throughput_tok_s: 1767.3, server: { max_num_seqs: 256 } });
    expect(first.latency).toEqual({ p95_ttft_ms: 40, p95_itl_ms: 11 });
    expect(allFinite(measurements)).toBe(true);
  });

  it('the MIG slice and replicas are part of the GPU label; the repeat experiment merges', () => {
    const { measurements } = readReal(FILE, { defaults: { gpu: 'g7-4500', workload: 'sharegpt' } });
    expect([...new Set(measurements.map((m) => m.gpu))]).toEqual(['g7-4500', 'g7-4500 MIG 2g.32gb', 'g7-4500 MIG 1g.16gb ×2']);
    const whole = measurements.filter((m) => m.gpu === 'g7-4500');
    const points = buildPoints(whole, { metric: 'p95_ttft_ms', threshold_ms: 1500 });
    expect(points).toHaveLength(12);
    expect(points.every((p) => p.n === 2)).toBe(true); // experiments 1 and 7 ("no MIG repeat")
    const c128 = points.find((p) => p.concurrency === 128)!;
    expect(c128.spread.throughput_tok_s).toEqual([4623.7, 4881.9]);
  });

  it('server-side decode throughput at concurrency 64 is close to AIPerf\'s client-side figure', () => {
    const { measurements } = readReal(FILE, { defaults: { gpu: 'g7-4500', workload: 'sharegpt' } });
    const exp7 = measurements.find((m) => m.source.line === 76)!;
    const [client] = readReal(JSON_FILE).measurements;
    expect(exp7.concurrency).toBe(64);
    expect(Math.abs(exp7.throughput_tok_s! - client!.throughput_tok_s!) / client!.throughput_tok_s!).toBeLessThan(0.03);
  });
});
