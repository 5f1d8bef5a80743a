import { describe, expect, it } from 'vitest';
import { ratioOfMediansInterval, seedOf, seededRandom } from '../../../src/core/analysis/bootstrap.ts';
import { buildReport } from '../../../src/core/analysis/report.ts';
import { buildReview, gateRegressions, judge, type ReviewRecommendation } from '../../../src/core/analysis/review.ts';
import { parseSettingChoice, reviewSettings } from '../../../src/core/analysis/review-sides.ts';
import type { Measurement } from '../../../src/core/types.ts';
import { config, m } from './helpers.ts';

const rec = (throughput: number, repeats: number[] = [throughput]): ReviewRecommendation => ({
  point: 'c8-t128', setup: 'all runs', load: { axis: 'concurrency', value: 8 }, max_new_tokens: 128,
  throughput_tok_s: throughput, latency_ms: 1000, headroom_pct: 50, n: repeats.length, repeats_tok_s: repeats, sources: [],
});

// One sweep of a chat GPU: throughput scaled by `scale`, p95 under the 2000 ms SLO up to concurrency 8.
function sweep(file: string, scale = 1, extra: Partial<Measurement> = {}): Measurement[] {
  return [1, 4, 8, 16].map((c, i) => m({ concurrency: c, throughput_tok_s: [50, 180, 340, 580][i]! * scale, p95: [900, 1200, 1800, 2600][i], source: { file, line: i + 2 }, ...extra }));
}

const side = (name: string, runs: Measurement[]) => ({ name, report: buildReport(runs, config(), []), measurements: runs });

describe('verdict rules', () => {
  it('without repeats, a change within ±noise_pct (inclusive) is within noise, outside it improved or regressed', () => {
    expect(judge(rec(100), rec(105), 5, 1)).toMatchObject({ verdict: 'within noise', rule: 'noise band', delta_pct: 5, interval: null });
    expect(judge(rec(100), rec(95), 5, 1)).toMatchObject({ verdict: 'within noise', delta_pct: -5 });
    expect(judge(rec(100), rec(105.1), 5, 1)).toMatchObject({ verdict: 'improved', delta_pct: 5.1 });
    expect(judge(rec(100), rec(80), 5, 1)).toMatchObject({ verdict: 'regressed', rule: 'noise band', delta_pct: -20 });
    expect(judge(rec(100), rec(80), 25, 1)).toMatchObject({ verdict: 'within noise' });
  });

  it('a recommendation that disappears is a regression, one that appears an improvement', () => {
    expect(judge(rec(100), null, 5, 1)).toEqual({ verdict: 'regressed', rule: 'recommendation', delta_pct: null, interval: null });
    expect(judge(null, rec(100), 5, 1)).toEqual({ verdict: 'improved', rule: 'recommendation', delta_pct: null, interval: null });
    expect(judge(null, null, 5, 1)).toMatchObject({ verdict: 'within noise', rule: 'recommendation' });
  });

  it('with three repeats on both sides, the bootstrap interval judges, not the noise band', () => {
    // A 3% drop with tight repeats: outside the interval, so regressed although inside ±5%.
    const tight = judge(rec(100, [99.9, 100, 100.1]), rec(97, [96.9, 97, 97.1]), 5, seedOf('x'));
    expect(tight.rule).toBe('bootstrap');
    expect(tight.verdict).toBe('regressed');
    expect(tight.interval![1]).toBeLessThan(1);
    // A 10% rise with repeats that overlap: the interval holds 1, so within noise although outside ±5%.
    const loose = judge(rec(100, [70, 100, 130]), rec(110, [80, 110, 140]), 5, seedOf('x'));
    expect(loose).toMatchObject({ verdict: 'within noise', rule: 'bootstrap', delta_pct: 10 });
    expect(loose.interval![0]).toBeLessThan(1);
    expect(loose.interval![1]).toBeGreaterThan(1);
    // Two repeats on one side: the noise band judges.
    expect(judge(rec(100, [99, 101]), rec(97, [96.9, 97, 97.1]), 5, 1)).toMatchObject({ rule: 'noise band', verdict: 'within noise' });
  });
});

describe('the seeded bootstrap', () => {
  it('gives the same interval for the same seed, and a pinned one', () => {
    const a = [100, 102, 98, 101, 99];
    const b = [90, 93, 88, 91, 92];
    const first = ratioOfMediansInterval(a, b, 42);
    expect(ratioOfMediansInterval(a, b, 42)).toEqual(first);
    // Pinned: a change of the generator, the resample count or the quantile rule changes these.
    expect(first).toEqual([0.88, 0.9388]);
    expect(seedOf('GPU-A\u0000chat')).toBe(seedOf('GPU-A\u0000chat'));
    expect(seededRandom(1)()).toBeCloseTo(0.6270739405881613, 12);
  });

  it('takes no ratio over a baseline median of zero', () => {
    expect(ratioOfMediansInterval([0, 1, 2], [1, 2, 3], 1)).toBeNull();
    expect(ratioOfMediansInterval([], [1, 2, 3], 1)).toBeNull();
  });
});

describe('buildReview', () => {
  it('matches points per load and max_new_tokens and judges the recommendation', () => {
    const review = buildReview(side('old', sweep('old.csv')), side('new', sweep('new.csv', 0.8)), 5);
    expect(review.groups).toHaveLength(1);
    const g = review.groups[0]!;
    expect(g).toMatchObject({ gpu: 'GPU-A', workload: 'chat', verdict: 'regressed', rule: 'noise band', delta_pct: -20, latency_delta_pct: 0 });
    expect(g.baseline!.recommendation).toMatchObject({ point: 'c8-t128', throughput_tok_s: 340 });
    expect(g.candidate!.recommendation).toMatchObject({ point: 'c8-t128', throughput_tok_s: 272 });
    expect(g.points.map((p) => [p.load.value, p.baseline_tok_s, p.candidate_tok_s, p.delta_pct])).toEqual([
      [1, 50, 40, -20], [4, 180, 144, -20], [8, 340, 272, -20], [16, 580, 464, -20],
    ]);
    expect(gateRegressions(review, 5)).toHaveLength(1);
    expect(gateRegressions(review, 20)).toHaveLength(0);
  });

  it('identical sides are within noise everywhere and pass the gate', () => {
    const review = buildReview(side('a', sweep('a.csv')), side('b', sweep('a.csv')), 5);
    expect(review.groups.map((g) => [g.verdict, g.delta_pct])).toEqual([['within noise', 0]]);
    expect(gateRegressions(review, 0)).toEqual([]);
  });

  it('names GPU × workloads measured on one side only', () => {
    const review = buildReview(side('a', sweep('a.csv')), side('b', [...sweep('a.csv'), ...sweep('b.csv', 1, { gpu: 'GPU-B' })]), 5);
    expect(review.groups.map((g) => [g.gpu, g.verdict, g.rule])).toEqual([['GPU-A', 'within noise', 'noise band'], ['GPU-B', 'only in candidate', 'one side']]);
    expect(review.groups[1]!.points.every((p) => p.baseline_tok_s === null && p.delta_pct === null)).toBe(true);
  });

  it('keeps setups apart: a point of TP4 is never matched with one of TP8', () => {
    const tp = (file: string, n: number, scale: number) => sweep(file, scale, { setup: { tensor_parallel_size: n } });
    const review = buildReview(side('a', [...tp('a4.csv', 4, 1), ...tp('a8.csv', 8, 2)]), side('b', tp('b4.csv', 4, 1)), 5);
    const rows = review.groups[0]!.points;
    const matched = rows.filter((p) => p.baseline_tok_s !== null && p.candidate_tok_s !== null);
    expect(matched).toHaveLength(4);
    expect(matched.every((p) => p.delta_pct === 0)).toBe(true);
    expect(rows.filter((p) => p.candidate_tok_s === null).map((p) => p.baseline_tok_s)).toEqual([100, 360, 680, 1160]);
  });

  it('with no run within the SLO on either side, judges the peak stable throughput, and the gate does not fail on it', () => {
    const slow = (file: string, scale: number) => sweep(file, scale).map((r) => ({ ...r, latency: { p95_e2e_ms: 5000 } }));
    const review = buildReview(side('a', slow('a.csv', 1)), side('b', slow('b.csv', 0.8)), 5);
    expect(review.groups[0]).toMatchObject({ verdict: 'regressed', rule: 'noise band', basis: 'peak', delta_pct: null, peak_delta_pct: -20 });
    expect(gateRegressions(review, 5)).toEqual([]);
  });

  it('lists the settings that differ between the two headline setups', () => {
    const review = buildReview(side('a', sweep('a.csv', 1, { setup: { engine_version: '0.10.1' } })), side('b', sweep('b.csv', 1, { setup: { engine_version: '0.11.0' } })), 5);
    expect(review.groups[0]!.settings_changed).toEqual([{ key: 'engine_version', baseline: '0.10.1', candidate: '0.11.0' }]);
  });

  it('judges repeats with the bootstrap', () => {
    const repeats = (file: string, values: number[]) => values.map((v, i) => m({ concurrency: 8, throughput_tok_s: v, p95: 1500, source: { file, line: i + 2 } }));
    const review = buildReview(side('a', repeats('a.csv', [340, 341, 339])), side('b', repeats('b.csv', [300, 301, 299])), 5);
    const g = review.groups[0]!;
    expect(g).toMatchObject({ verdict: 'regressed', rule: 'bootstrap' });
    expect(g.baseline!.recommendation!.repeats_tok_s).toEqual([340, 341, 339]);
    expect(g.interval![1]).toBeLessThan(1);
  });
});

describe('one folder split on a setting', () => {
  const runs = [...sweep('a.csv', 1, { setup: { engine_version: '0.10.1' } }), ...sweep('b.csv', 0.8, { setup: { engine_version: '0.11.0' } })];
  const dataset = { config: config(), measurements: runs, files: [], ignored: [] };

  it('parses SETTING=VALUE and nothing else', () => {
    expect(parseSettingChoice('engine_version=0.10.1')).toEqual({ key: 'engine_version', value: '0.10.1' });
    expect(parseSettingChoice('../old')).toBeNull();
  });

  it('compares the named value against the other one', () => {
    const result = reviewSettings(dataset, { key: 'engine_version', value: '0.10.1' }, null);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.reviewed.review).toMatchObject({ baseline: 'engine_version=0.10.1', candidate: 'engine_version=0.11.0' });
    expect(result.reviewed.review.groups[0]).toMatchObject({ verdict: 'regressed', delta_pct: -20 });
  });

  it('says which values exist when the baseline matches none', () => {
    const result = reviewSettings(dataset, { key: 'engine_version', value: '9' }, null);
    expect(result).toEqual({ ok: false, message: '--baseline engine_version=9 matches no run: engine_version takes the values "0.10.1", "0.11.0"' });
  });
});

describe('review.noise_pct in the folder config', () => {
  it('defaults to 5 and reads a number from 0 to 100', async () => {
    const { parseConfig } = await import('../../../src/core/config.ts');
    expect(config().review.noise_pct).toBe(5);
    expect(parseConfig('{ "review": { "noise_pct": 2.5 } }').config.review.noise_pct).toBe(2.5);
  });

  it('names the line and column of a wrong value or key', async () => {
    const { parseConfig } = await import('../../../src/core/config.ts');
    const problems = (text: string) => parseConfig(text).issues.items.map((i) => `${i.line}:${i.column}: ${i.message}`);
    expect(problems('{\n  "review": { "noise_pct": -1 }\n}')[0]).toMatch(/^2:28: review\.noise_pct expects a number/);
    expect(problems('{\n  "review": { "noise": 5 }\n}')[0]).toMatch(/^2:15: .*noise_pct/);
  });
});
