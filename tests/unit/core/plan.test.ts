import { describe, expect, it } from 'vitest';
import { capacityPlan, ceilTolerant, planNotes, costPerMillion, gpusPerReplica, lastReplicaUtilisation, monthlyCost, planWanted, replicasFor } from '../../../src/core/analysis/plan.ts';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { defaultConfig } from '../../../src/core/config.ts';
import type { Measurement, ResolvedConfig } from '../../../src/core/types.ts';
import { m } from './helpers.ts';

function configWith(change: (c: ResolvedConfig) => void): ResolvedConfig {
  const c = defaultConfig();
  change(c);
  return c;
}
const plan = (rows: Measurement[], config: ResolvedConfig) => buildReport(rows, config, []).plan;

describe('plan arithmetic', () => {
  it('forgives floating-point error in the ceiling but not a real excess', () => {
    expect(ceilTolerant(2.0000000001)).toBe(2);
    expect(ceilTolerant(2.001)).toBe(3);
    expect(ceilTolerant(1.9999999999)).toBe(2);
    expect(ceilTolerant(0.2)).toBe(1);
    // 7 req/s with a 20% reserve on 1.2 req/s replicas is exactly 7 replicas, though 7 × 1.2 ÷ 1.2 > 7 in floating point.
    expect((7 * (1 + 20 / 100)) / 1.2).toBeGreaterThan(7);
    expect(Math.ceil((7 * (1 + 20 / 100)) / 1.2)).toBe(8);
    expect(replicasFor(7, 20, 1.2)).toBe(7);
  });

  it('needs one replica for a demand below one replica, and sizes the last one', () => {
    expect(replicasFor(0.5, 0, 10)).toBe(1);
    expect(lastReplicaUtilisation(0.5, 0, 10, 1)).toBe(5);
    expect(replicasFor(40, 20, 6.0)).toBe(8);
    expect(lastReplicaUtilisation(40, 20, 6, 8)).toBeCloseTo(100, 9);
    expect(replicasFor(25, 0, 10)).toBe(3);
    expect(lastReplicaUtilisation(25, 0, 10, 3)).toBeCloseTo(50, 9);
  });

  it('multiplies TP × PP × DP and defaults each to 1', () => {
    expect(gpusPerReplica({})).toBe(1);
    expect(gpusPerReplica({ tensor_parallel_size: 8 })).toBe(8);
    expect(gpusPerReplica({ tensor_parallel_size: 4, pipeline_parallel_size: 2, data_parallel_size: 2 })).toBe(16);
    expect(gpusPerReplica({ tensor_parallel_size: 'x' })).toBe(1);
  });

  it('prices a million tokens and a month', () => {
    // 2.49 per GPU-hour at 1000 tok/s on one GPU: 3.6M tokens an hour → 0.6917 per 1M.
    expect(costPerMillion(2.49, 1, 1000)).toBeCloseTo(0.691667, 6);
    expect(costPerMillion(2.49, 8, 1000)).toBeCloseTo(5.533333, 6);
    expect(monthlyCost(8, 2.49, 730)).toBeCloseTo(14541.6, 9);
  });
});

describe('capacityPlan', () => {
  const chat = (gpu: string, fields: Partial<Parameters<typeof m>[0]> = {}) => m({ gpu, workload: 'chat', concurrency: 16, max_new_tokens: 100, throughput_tok_s: 1000, p95: 1500, ...fields });

  it('sizes every GPU for a requests/s demand with a reserve, ranks by monthly cost and flags the cheapest', () => {
    const config = configWith((c) => {
      c.gpus = { A: { price_per_hour: 1 }, B: { price_per_hour: 3 } };
      c.demand = { chat: { unit: 'requests_per_s', value: 40 } };
      c.plan.reserve_pct = 20;
    });
    // A: 1000 tok/s ÷ 100 tokens = 10 req/s → ceil(48 / 10) = 5 replicas; B: 4000 ÷ 100 = 40 req/s → 2 replicas.
    const rows = plan([chat('A'), chat('B', { throughput_tok_s: 4000 })], config);
    expect(rows.map((r) => [r.gpu, r.replicas, r.gpus, r.monthly_cost, r.cheapest])).toEqual([
      ['A', 5, 5, 5 * 1 * 730, true],
      ['B', 2, 2, 2 * 3 * 730, false],
    ]);
    expect(rows[0]!.capacity).toEqual({ unit: 'requests_per_s', per_replica: 10, source: 'max_new_tokens' });
    expect(rows[0]!.last_replica_utilisation_pct).toBeCloseTo(80, 9);
    expect(rows[0]!.cost_per_mtok_output).toBeCloseTo(1 / 3.6, 9);
  });

  it('takes requests/s from the measured request throughput first, then the mean output length', () => {
    const config = configWith((c) => { c.demand = { chat: { unit: 'requests_per_s', value: 10 } }; });
    const [measured] = plan([chat('A', { request_throughput: 4, mean_output_tokens: 50 })], config);
    expect(measured!.capacity).toEqual({ unit: 'requests_per_s', per_replica: 4, source: 'request_throughput' });
    expect(measured!.replicas).toBe(3);
    const [mean] = plan([chat('A', { mean_output_tokens: 250 })], config);
    expect(mean!.capacity).toEqual({ unit: 'requests_per_s', per_replica: 4, source: 'mean_output_tokens' });
  });

  it('counts concurrent users against the recommendation\'s concurrency and output tok/s against its throughput', () => {
    const users = plan([chat('A')], configWith((c) => { c.demand = { chat: { unit: 'concurrent_users', value: 100 } }; }))[0]!;
    expect([users.capacity.per_replica, users.replicas]).toEqual([16, 7]);
    const tokens = plan([chat('A')], configWith((c) => { c.demand = { chat: { unit: 'output_tok_s', value: 20000 } }; }))[0]!;
    expect([tokens.capacity.per_replica, tokens.replicas]).toEqual([1000, 20]);
  });

  it('multiplies replicas by the GPUs of a TP8 run, for GPUs and for the price of a million tokens', () => {
    const config = configWith((c) => {
      c.gpus = { H100: { price_per_hour: 2.5 } };
      c.demand = { chat: { unit: 'output_tok_s', value: 9000 } };
    });
    const [row] = plan([chat('H100', { throughput_tok_s: 4000, setup: { tensor_parallel_size: 8 } })], config);
    expect([row!.gpus_per_replica, row!.replicas, row!.gpus]).toEqual([8, 3, 24]);
    expect(row!.cost_per_mtok_output).toBeCloseTo((2.5 * 8) / (4000 * 3600) * 1e6, 9);
    expect(row!.monthly_cost).toBeCloseTo(24 * 2.5 * 730, 9);
  });

  it('leaves a GPU without a recommendation out of the plan', () => {
    const config = configWith((c) => { c.demand = { chat: { unit: 'requests_per_s', value: 1 } }; });
    const rows = plan([chat('A'), chat('B', { p95: 2500 })], config);
    expect(rows.map((r) => r.gpu)).toEqual(['A']);
  });

  it('gives GPU counts without prices and costs without a demand', () => {
    const counts = plan([chat('A')], configWith((c) => { c.demand = { chat: { unit: 'requests_per_s', value: 25 } }; }))[0]!;
    expect([counts.replicas, counts.gpus, counts.monthly_cost, counts.cost_per_mtok_output, counts.cheapest]).toEqual([3, 3, null, null, false]);
    const costs = plan([chat('A')], configWith((c) => { c.gpus = { A: { price_per_hour: 1 } }; }))[0]!;
    expect([costs.replicas, costs.gpus, costs.monthly_cost, costs.cheapest]).toEqual([null, null, null, false]);
    expect(costs.capacity).toEqual({ unit: 'output_tok_s', per_replica: 1000, source: 'throughput' });
    expect(costs.cost_per_mtok_output).toBeCloseTo(1 / 3.6, 9);
  });

  it('breaks a tie of monthly cost by fewer GPUs', () => {
    const config = configWith((c) => {
      c.gpus = { A: { price_per_hour: 1 }, B: { price_per_hour: 2 } };
      c.demand = { chat: { unit: 'output_tok_s', value: 4000 } };
    });
    // A: 4 replicas × 1 = 4 per hour; B: 2 replicas × 2 = 4 per hour, on fewer GPUs.
    const rows = plan([chat('A', { throughput_tok_s: 1000 }), chat('B', { throughput_tok_s: 2000 })], config);
    expect(rows.map((r) => [r.gpu, r.gpus, r.cheapest])).toEqual([['B', 2, true], ['A', 4, false]]);
  });

  it('plans each setup of a group apart when the setups differ', () => {
    const config = configWith((c) => { c.demand = { chat: { unit: 'output_tok_s', value: 10000 } }; });
    const rows = plan([
      chat('H100', { throughput_tok_s: 3000, setup: { tensor_parallel_size: 4 }, source: { file: 'tp4.csv', line: 2 } }),
      chat('H100', { throughput_tok_s: 5000, setup: { tensor_parallel_size: 8 }, source: { file: 'tp8.csv', line: 2 } }),
    ], config);
    expect(rows.map((r) => [r.setup_label, r.recommended, r.gpus_per_replica, r.replicas, r.gpus])).toEqual([
      ['TP4', false, 4, 4, 16],
      ['TP8', true, 8, 2, 16],
    ]);
  });

  it('prices a million input and output tokens when the mean input length is measured', () => {
    const config = configWith((c) => { c.gpus = { A: { price_per_hour: 3.6 } }; });
    // 1000 output tok/s, 10 req/s of 300 input tokens: 4000 tok/s in all.
    const [row] = plan([chat('A', { request_throughput: 10, mean_input_tokens: 300 })], config);
    expect(row!.cost_per_mtok_output).toBeCloseTo(1, 9);
    expect(row!.cost_per_mtok_total).toBeCloseTo(0.25, 9);
  });

  it('wants a plan page only with a demand or a price', () => {
    expect(planWanted(defaultConfig())).toBe(false);
    expect(planWanted(configWith((c) => { c.gpus = { A: { memory_gib: 16 } }; }))).toBe(false);
    expect(planWanted(configWith((c) => { c.gpus = { A: { price_per_hour: 1 } }; }))).toBe(true);
    expect(planWanted(configWith((c) => { c.demand = { chat: { unit: 'requests_per_s', value: 1 } }; }))).toBe(true);
  });

  it('tells the engineer which price or demand is missing, with the key that fills it, only when a plan is asked for', () => {
    const runs = [chat('A'), chat('B'), m({ gpu: 'A', workload: 'batch', p95: 100 })];
    const report = buildReport(runs, configWith((c) => { c.gpus = { A: { price_per_hour: 1 } }; c.demand = { chat: { unit: 'requests_per_s', value: 4 } }; }), []);
    expect(planNotes(report.groups, report.config)).toEqual([
      'capacity plan: no price for "B", so its costs are not shown; add "gpus": {"B": {"price_per_hour": 2.49}} to capacity.config.json (per GPU-hour, in USD)',
      'capacity plan: no demand for the batch workload, so it gets no GPU count; add "demand": {"batch": {"requests_per_s": 40}} (or "output_tok_s", "concurrent_users") to capacity.config.json',
    ]);
    const none = buildReport(runs, defaultConfig(), []);
    expect(planNotes(none.groups, none.config)).toEqual([]);
  });
});
