import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config.ts';
import { loadDataset, loadReport, readDataFile } from '../../../src/core/load.ts';
import { OrderScratch, summariseColumn } from '../../../src/core/order-statistics.ts';
import { Column, digest, judge, RequestBuffers, RequestLog } from '../../../src/core/requests.ts';
import type { Measurement, Report } from '../../../src/core/types.ts';
import { copyRealData } from '../core/paths.ts';
import { REALDATA, round } from './helpers.ts';

// Figures below were worked out from the records by a separate script (numpy 2.4, the same
// definitions), not by this code.

const configOf = (slo: object, files: object = {}) => parseConfig(JSON.stringify({ slo, files })).config;
const JOINT = { chat: { ttft_ms: 500, tpot_ms: 50, attainment: 0.9 } };

const tmp: string[] = [];
afterAll(() => tmp.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function folder(files: Record<string, string>, config: object): string {
  const dir = copyRealData(mkdtempSync(path.join(tmpdir(), 'capacity-requests-')), files, config);
  tmp.push(dir);
  return dir;
}

describe('percentiles and joint SLOs on a request log', () => {
  it('percentiles follow numpy\'s default linear method', () => {
    // numpy.percentile([1, 2, 3, 4, 10], [50, 90, 95, 99]) = 3, 7.6, 8.8, 9.76
    expect(summariseColumn(Float64Array.of(10, 1, 4, 2, 3), [50, 90, 95, 99])!.percentiles.map((v) => round(v, 2))).toEqual([3, 7.6, 8.8, 9.76]);
    expect(summariseColumn(Float64Array.of(7), [0, 50, 99, 100])!.percentiles).toEqual([7, 7, 7, 7]);
  });

  it('a request meets the SLO when it succeeded and every bound holds; failures count against it', () => {
    const log = new RequestLog();
    log.add({ ok: true, ttft_ms: 400, e2e_ms: 400 + 9 * 40, output_tokens: 10 }); // TPOT 40: meets
    log.add({ ok: true, ttft_ms: 400, e2e_ms: 400 + 9 * 60, output_tokens: 10 }); // TPOT 60: misses
    log.add({ ok: true, ttft_ms: 600, e2e_ms: 700, output_tokens: 5 }); // TTFT 600: misses
    log.add({ ok: true, ttft_ms: 450, e2e_ms: 9000, output_tokens: 1 }); // one token: no TPOT, judged on TTFT
    log.add({ ok: false, ttft_ms: null, e2e_ms: null, output_tokens: null }); // errored
    expect(judge(log, { ttft_ms: 500, tpot_ms: 50 })).toEqual({ met: 2, tokens: 11 });
    expect(judge(log, { ttft_ms: 500, tpot_ms: 50, e2e_ms: 5000 })).toEqual({ met: 1, tokens: 10 });
    const d = digest(log, { default: { kind: 'attainment', bounds: { ttft_ms: 500, tpot_ms: 50 }, target: 0.9 } });
    expect(d.total).toBe(5);
    expect(d.succeeded).toBe(4);
    expect(d.judged.default).toEqual({ met: 2, tokens: 11 });
    // TPOT of the three requests with more than one token: 40, 60, 25.
    expect(d.latency.p50_tpot_ms).toBe(40);
    expect(d.quantiles.ttft).toHaveLength(101);
  });

  it('a column made room for keeps its values and takes the values written past its length', () => {
    const column = new Column(16);
    for (const v of [3, 1, 2]) column.push(v);
    column.reserve(100);
    expect(column.values.length).toBeGreaterThanOrEqual(103);
    expect([...column.values.subarray(0, column.length)]).toEqual([3, 1, 2]);
    const room = column.values.length;
    column.reserve(room - 3);
    expect(column.values.length).toBe(room);
  });

  it('an ITL bound needs each request\'s gaps: without them the records cannot judge it', () => {
    const log = new RequestLog();
    log.add({ ok: true, ttft_ms: 100, e2e_ms: 300, output_tokens: 3 });
    expect(judge(log, { itl_ms: 50 })).toBeNull();
    const withGaps = new RequestLog();
    withGaps.add({ ok: true, ttft_ms: 100, e2e_ms: 300, output_tokens: 3, gaps: [40, 160] });
    withGaps.add({ ok: true, ttft_ms: 100, e2e_ms: 200, output_tokens: 3, gaps: [50, 50] });
    expect(judge(withGaps, { itl_ms: 50 })).toEqual({ met: 1, tokens: 3 });
  });
});

describe('vLLM per-request arrays (surajssd Llama-3.3-70B TP8, old benchmark_serving.py, no e2el keys)', () => {
  const DIR = 'surajssd__llm-k8s/results_serving_meta-llama-Llama-3.3-70B-Instruct/01_tp8_pp1';
  const run = (qps: string, slo: object = JOINT): Measurement => {
    const file = `${DIR}/serving_meta-llama-Llama-3.3-70B-Instruct_tp8_pp1_sharegpt_qps_${qps}.json`;
    const config = configOf(slo, { [`${DIR}/`]: { gpu: 'A100-40GB', workload: 'chat' } });
    const { measurements, issues } = readDataFile(file, readFileSync(path.join(REALDATA, file)), config);
    expect(issues).toEqual([]);
    expect(measurements).toHaveLength(1);
    return measurements[0]!;
  };

  it('the unbounded run: 189 of 200 requests within TTFT ≤ 500 ms and TPOT ≤ 50 ms, goodput over the run\'s duration', () => {
    const stats = run('inf').request_stats!;
    expect(stats).toMatchObject({ total: 200, succeeded: 200, met: 189 });
    expect(round(stats.met! / stats.total, 3)).toBe(0.945);
    expect(round(stats.met! / stats.duration_s!, 4)).toBe(7.9364);
    expect(round(stats.met_output_tokens! / stats.duration_s!, 2)).toBe(1776.87);
  });

  it('e2e is TTFT plus the sum of the ITLs; our percentiles agree with the file\'s own', () => {
    const m = run('04');
    expect(round(m.latency.p95_e2e_ms, 2)).toBe(15888.04);
    expect(round(m.latency.p50_e2e_ms, 2)).toBe(4152.49);
    expect(round(m.request_stats!.latency.p99_ttft_ms, 4)).toBe(67.5639);
    expect(m.request_stats!.disagreements.filter((d) => d.metric.includes('ttft'))).toEqual([]);
    expect(m.request_stats!.met).toBe(200);
  });

  it('a tighter SLO: no request of the unbounded run meets TTFT ≤ 200 ms and TPOT ≤ 30 ms', () => {
    expect(run('inf', { chat: { ttft_ms: 200, tpot_ms: 30 } }).request_stats!.met).toBe(0);
  });

  it('without an attainment SLO the records still give percentiles, and nothing is judged', () => {
    const m = run('inf', {});
    expect(m.request_stats!.met).toBeNull();
    expect(round(m.latency.p95_e2e_ms, 2)).toBe(19072.79);
  });
});

describe('records joined to the summary beside them (llmperf leaderboard, AIPerf 0.1.1)', () => {
  let report: Report;
  it('llmperf: each individual/ file joins summary/ of the same name; no run is counted twice', async () => {
    const dir = folder({ individual: 'ray-project__llmperf-leaderboard/individual', summary: 'ray-project__llmperf-leaderboard/summary' },
      { files: { 'summary/': { gpu: 'provider', workload: 'chat' } }, slo: JOINT });
    const dataset = await loadDataset(dir);
    expect(dataset.measurements).toHaveLength(19);
    const byFile = (name: string) => dataset.measurements.find((m) => m.source.file === `summary/${name}.json`)!.request_stats!;
    // fireworks_70b: 64 of 150 within the SLO over 138.62 s.
    expect(byFile('fireworks_70b')).toMatchObject({ total: 150, met: 64 });
    expect(round(byFile('fireworks_70b').met! / byFile('fireworks_70b').duration_s!, 4)).toBe(0.4617);
    expect(round(byFile('groq_70b').met_output_tokens! / byFile('groq_70b').duration_s!, 2)).toBe(441.85);
    expect(byFile('together_7b').met).toBe(62);
    expect(dataset.files.filter((f) => f.file.startsWith('individual/')).every((f) => f.rows_rejected.length === 0)).toBe(true);
    report = await loadReport(dir);
    const points = report.groups.flatMap((g) => g.points);
    const fireworks = points.find((p) => p.sources.some((s) => s.file === 'summary/fireworks_70b.json'))!;
    expect(round(fireworks.slo_attainment, 4)).toBe(0.4267);
    expect(fireworks.requests_judged).toBe(150);
    expect(fireworks.meets_slo).toBe(false);
    const groq = points.find((p) => p.sources.some((s) => s.file === 'summary/groq_70b.json'))!;
    expect(groq.meets_slo).toBe(true);
    expect(round(groq.goodput_req_s, 4)).toBe(2.9456);
  });

  it('AIPerf: profile_export.jsonl joins profile_export_aiperf.json; errored requests count against attainment', async () => {
    const dir = folder({ run1: 'ai-dynamo__aiperf/examples/artifacts/run1' },
      { files: { 'run1/': { gpu: 'H100', workload: 'chat' } }, slo: { chat: { ttft_ms: 2400, itl_ms: 150 } } });
    const dataset = await loadDataset(dir);
    const runs = dataset.measurements.filter((m) => m.request_stats !== null);
    expect(runs).toHaveLength(1);
    const stats = runs[0]!.request_stats!;
    expect(stats).toMatchObject({ total: 100, succeeded: 89, met: 34 });
    expect(round(stats.met! / stats.duration_s!, 4)).toBe(3.6489);
    expect(round(stats.met_output_tokens! / stats.duration_s!, 1)).toBe(900.8);
  });

  it('an individual-responses file with no summary is listed as rejected with the reason, never a run', async () => {
    const dir = folder({ 'individual/fireworks_70b.json': 'ray-project__llmperf-leaderboard/individual/fireworks_70b.json', 'summary/groq_70b.json': 'ray-project__llmperf-leaderboard/summary/groq_70b.json' },
      { files: { 'summary/': { gpu: 'provider', workload: 'chat' } } });
    const dataset = await loadDataset(dir);
    expect(dataset.measurements).toHaveLength(1);
    expect(dataset.files.find((f) => f.file === 'individual/fireworks_70b.json')!.rows_rejected[0]!.message).toMatch(/^per-request records \(150 llmperf individual responses\) with no summary beside them/);
  });
});

describe('request buffers shared by the logs of one load', () => {
  let seed = 5;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const logOf = (n: number, buffers?: RequestBuffers) => {
    const log = new RequestLog(n, buffers);
    for (let i = 0; i < n; i += 1) {
      // Every 7th request has one output token, so no TPOT: a hole, and the column is compacted before it is sorted.
      log.add({ ok: true, ttft_ms: 50 + 400 * next(), e2e_ms: 900 + 3000 * next(), output_tokens: i % 7 === 0 ? 1 : 2 + Math.floor(200 * next()), gaps: [10 * next(), 30 * next()] });
    }
    return log;
  };
  const SLOS = { default: { kind: 'attainment' as const, bounds: { ttft_ms: 300, itl_ms: 25 }, target: 0.9 } };

  it('a log on buffers a larger log gave back digests as one on buffers of its own', () => {
    const buffers = new RequestBuffers();
    digest(logOf(6000, buffers), SLOS);
    seed = 99;
    const fresh = digest(logOf(2500), SLOS);
    seed = 99;
    const reused = logOf(2500, buffers);
    const shared = digest(reused, SLOS);
    expect(shared).toEqual(fresh);
    expect(fresh.judged.default!.met).toBeGreaterThan(0);
  });

  it('a digested log\'s column buffers go to the next log made on the same buffers, and to no other', () => {
    const buffers = new RequestBuffers();
    const columnsOf = (log: RequestLog) => [log.ttft, log.e2e, log.tpot, log.maxGap, log.outputTokens, log.gaps].map((c) => c.values);
    const first = logOf(3000, buffers);
    const given = columnsOf(first);
    digest(first, SLOS);
    const reused = (log: RequestLog) => columnsOf(log).filter((values) => given.includes(values)).length;
    expect(reused(new RequestLog(3000))).toBe(0);
    // Five of six: the gaps column (four times the requests) takes a buffer none of the others fits.
    expect(reused(new RequestLog(3000, buffers))).toBeGreaterThanOrEqual(5);
  });
});

describe('GuideLLM request lists (danielkorat, guidellm 0.5)', () => {
  const FILE = 'danielkorat__guidellm-bench/Qwen_Qwen3-30B-A3B_tp4_quant-fp8_benchmarks.json';
  it('judges the requests of the benchmark\'s window (19 of 24 listed), as GuideLLM\'s own counts do', () => {
    const config = configOf({ chat: { ttft_ms: 60, tpot_ms: 40.5 } }, { [FILE]: { gpu: 'XPU', workload: 'chat' } });
    const { measurements, issues } = readDataFile(FILE, readFileSync(path.join(REALDATA, FILE)), config);
    expect(issues).toEqual([]);
    const stats = measurements[0]!.request_stats!;
    expect(stats).toMatchObject({ total: 19, succeeded: 19, met: 14, duration_s: 720 });
    expect(round(stats.met_output_tokens! / 720, 2)).toBe(19.91);
  });
});

describe('percentiles read without sorting the column', () => {
  // numpy's linear method on a plain sort of the values that are not NaN, −0 read as +0.
  const QS = Array.from({ length: 101 }, (_, q) => q);
  const reference = (values: Float64Array) => {
    const sorted = Array.from(values).filter((v) => !Number.isNaN(v)).map((v) => v + 0).sort((a, b) => a - b);
    return QS.map((q) => {
      const h = (sorted.length - 1) * (q / 100);
      const lo = Math.floor(h);
      const hi = Math.min(lo + 1, sorted.length - 1);
      return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
    });
  };
  const meanOf = (values: Float64Array) => {
    let sum = 0;
    let n = 0;
    for (const v of values) if (!Number.isNaN(v)) (sum += v), (n += 1);
    return sum / n;
  };
  const check = (values: Float64Array, scratch?: OrderScratch) => {
    const summary = summariseColumn(Float64Array.from(values), QS, scratch)!;
    expect(summary.percentiles).toEqual(reference(values));
    expect(summary.mean).toBe(meanOf(values));
    expect(summary.count).toBe(values.filter((v) => !Number.isNaN(v)).length);
  };
  let seed = 11;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

  it('no value that is not NaN has no summary; NaN is never counted', () => {
    expect(summariseColumn(new Float64Array(0), QS)).toBeNull();
    expect(summariseColumn(Float64Array.of(NaN, NaN), QS)).toBeNull();
    check(Float64Array.of(NaN, 3, NaN, 1));
    check(Float64Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? NaN : next() * 100)));
  });

  it('short lists, and lists on either side of where the histogram takes over (512 values)', () => {
    for (const n of [1, 2, 3, 511, 512, 513, 4096]) check(Float64Array.from({ length: n }, () => 40 * Math.exp(next() * 4)));
  });

  it('every tie kept: one value repeated, a few distinct values, values equal in their high 32 bits', () => {
    check(new Float64Array(4000).fill(42.5));
    check(Float64Array.from({ length: 4000 }, () => Math.floor(next() * 5)));
    // Values 1 + k·2⁻⁴⁰ share their high 32 bits: one bucket, its values sorted as a whole.
    check(Float64Array.from({ length: 3000 }, () => 1 + Math.floor(next() * 1000) * 2 ** -40));
  });

  it('a skewed latency-like spread and a spread over many decades, extremes included', () => {
    check(Float64Array.from({ length: 20000 }, () => 40 * Math.exp(next() * 3) ** (1 + 3 * next())));
    check(Float64Array.from({ length: 20000 }, (_, i) => (i % 50 === 0 ? Number.MAX_VALUE : i % 51 === 0 ? Number.MIN_VALUE : next() * 10 ** Math.floor(next() * 40 - 20))));
  });

  it('−0 reads as +0, and a negative value is ordered too (the column is then sorted whole)', () => {
    const zeros = Float64Array.from({ length: 5000 }, (_, i) => (i % 97 === 0 ? 0 : i % 89 === 0 ? -0 : i % 13 === 0 ? 1e-300 : next() * 10 ** Math.floor(next() * 12 - 4)));
    check(zeros);
    const low = summariseColumn(Float64Array.from({ length: 2000 }, (_, i) => (i < 1500 ? -0 : 5)), [0, 50])!;
    expect(Object.is(low.percentiles[0], 0) && Object.is(low.percentiles[1], 0)).toBe(true);
    check(Float64Array.from(zeros, (v, i) => (i === 10 ? -1 : i === 11 ? -250.5 : v)));
    // Zeros below a narrow spread (gaps of chunks that arrived together): ranks among the zeros, across and above them.
    check(Float64Array.from({ length: 6000 }, (_, i) => (i % 3 === 0 ? 0 : 20 + next())));
    check(Float64Array.from({ length: 6000 }, (_, i) => (i % 7 === 0 ? -0 : i % 11 === 0 ? NaN : 8 + 17 * next())));
  });

  it('one scratch serves columns of any size in turn, as a reading thread\'s does', () => {
    const scratch = new OrderScratch();
    for (const n of [30000, 600, 12000, 2]) check(Float64Array.from({ length: n }, () => next() * 1000), scratch);
  });
});
