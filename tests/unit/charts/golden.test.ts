/**
 * Golden SVGs: every chart kind, rendered from reports pinned here as typed measurements, compared
 * byte for byte with tests/golden/<name>.svg. A difference is not necessarily a bug: look at the
 * new chart (tmp/golden-actual/ holds it), then accept it with `npm run test:update`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareLatencyChart, compareThroughputChart, frontierChart, latencyChart, NARROW, renderChart, seriesDomains, throughputChart, WIDE, type ChartSize, type ChartSpec, type ChartVariant } from '../../../src/charts/index.ts';
import { distributionChart } from '../../../src/charts/distribution.ts';
import { attainmentChart, goodputChart } from '../../../src/charts/goodput.ts';
import type { Measurement, Report, Setup } from '../../../src/core/types.ts';
import { L4, sampleMeasurements } from './fixtures.ts';
import { configWith, groupOf, handReport, measurement, percentile } from './helpers.ts';

const GOLDEN = fileURLToPath(new URL('../../golden/', import.meta.url));
const ACTUAL = fileURLToPath(new URL('../../../tmp/golden-actual/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const H100 = 'H100-80GB';

/** Two engines at two input lengths, two output lengths each: series must never join across setups. */
function multiSetup(): Measurement[] {
  const setups: { setup: Setup; speed: number; base: number }[] = [
    { setup: { engine: 'vllm', tensor_parallel_size: 8, input_len: 1024 }, speed: 1, base: 600 },
    { setup: { engine: 'sglang', tensor_parallel_size: 8, input_len: 8192 }, speed: 0.62, base: 1100 },
  ];
  return setups.flatMap(({ setup, speed, base }) =>
    [1, 4, 16, 64].flatMap((c) =>
      [128, 512].map((t) =>
        measurement({
          gpu: H100,
          c,
          max_new_tokens: t,
          setup,
          throughput_tok_s: Math.round(speed * 3000 * (1 - Math.exp(-c / 24)) * (t === 128 ? 1 : 0.8) * 100) / 100,
          p95: Math.round(base + c * c * (t === 128 ? 0.3 : 0.55) + t * 1.5),
        }),
      ),
    ),
  );
}

/** An open-loop sweep on request rate, two concurrency runs beside it, one unstable rate. */
function rateDriven(): Measurement[] {
  return [
    ...[0.5, 1, 2, 4, 8, 16].map((rate) =>
      measurement({
        gpu: 'A100-80GB',
        workload: 'api',
        rate,
        max_new_tokens: 256,
        throughput_tok_s: Math.min(rate * 243.2, 2400),
        p95: Math.round(800 + rate * rate * 18),
        failed: rate === 16 ? 12 : 0,
      }),
    ),
    ...[8, 16].map((c) => measurement({ gpu: 'A100-80GB', workload: 'api', c, max_new_tokens: 256, throughput_tok_s: c * 90, p95: 1500 + c * 20 })),
  ];
}

/** A RAG sweep judged on p95 TTFT whose runs carry only p99 and mean e2e; the last never reached its load. */
function unjudged(): Measurement[] {
  return [1, 2, 4, 8, 16, 32].map((c) =>
    measurement({
      gpu: 'L40S',
      workload: 'rag',
      c,
      max_new_tokens: 128,
      throughput_tok_s: Math.round(c * 61.5 * (c === 32 ? 0.7 : 1) * 10) / 10,
      latency: { p99_e2e_ms: 900 + c * 55, mean_e2e_ms: 700 + c * 40 },
      requests: c === 32 ? 20 : 64,
    }),
  );
}

/** Throughput only: nothing for a latency chart to plot. */
function noLatency(): Measurement[] {
  return [1, 2, 4, 8].map((c) => measurement({ gpu: 'T4', workload: 'embed', c, max_new_tokens: null, throughput_tok_s: c * 30, p95: null }));
}

/** A long concurrency sweep (ticks that would collide) and a ceiling run at unbounded load. */
function ceiling(): Measurement[] {
  const loads = [1, 2, 4, 8, 16, 32, 64, 128, 256, 320, 384, 512, 640, 768, 1024];
  return [
    ...loads.map((c) =>
      measurement({
        gpu: 'H200',
        workload: 'batch',
        c,
        max_new_tokens: 512,
        throughput_tok_s: Math.round(9000 * (1 - Math.exp(-c / 200)) * 10) / 10,
        p95: Math.round(2000 + c * 7.5),
        requests: Math.max(64, c * 2),
      }),
    ),
    measurement({ gpu: 'H200', workload: 'batch', unbounded: true, max_new_tokens: 512, throughput_tok_s: 9300, p95: 11800, requests: 2048 }),
  ];
}

/**
 * A support sweep under a joint SLO judged on per-request records: attainment falls with load,
 * goodput peaks at c=16, c=64 timed out (its unfinished requests count against it).
 */
function judgedOnRequests(): Measurement[] {
  const rows = [[1, 200, 200, 60], [4, 200, 199, 18], [8, 200, 196, 9.5], [16, 200, 186, 5.2], [32, 200, 150, 3.9], [64, 200, 70, 3.5]] as const;
  return rows.map(([c, total, met, duration]) =>
    measurement({
      gpu: L4,
      workload: 'support',
      c,
      max_new_tokens: 128,
      throughput_tok_s: Math.round((total * 128) / duration),
      latency: { p95_ttft_ms: 120 + c * 9, p95_tpot_ms: 18 + c * 0.6 },
      duration_s: duration,
      requests: c === 64 ? 170 : total,
      failed: 0,
      status: c === 64 ? 'timeout' : 'ok',
      request_stats: {
        total, succeeded: c === 64 ? 170 : total, met, met_output_tokens: met * 128, duration_s: duration,
        // TTFT by quantile, its tail growing with load: curves from well inside the 500 ms bound to far past it.
        latency: {}, quantiles: { ttft: Array.from({ length: 101 }, (_, q) => Math.round((80 + c * 12) * (1 + (q / 100) ** 3 * (1 + c / 16)) * 10) / 10) }, disagreements: [],
      },
    }),
  );
}

function pinnedReport(): Report {
  return handReport(
    [...sampleMeasurements(), ...multiSetup(), ...rateDriven(), ...unjudged(), ...noLatency(), ...ceiling()],
    configWith({ rag: percentile('p95_ttft_ms', 1000) }),
  );
}

/** Every golden chart in both drawings: the desktop one and the phone one (`-narrow`). */
function goldenCharts(): { name: string; spec: ChartSpec; variant: ChartVariant }[] {
  return [
    ...wideAndNarrow(WIDE).map((c) => ({ ...c, variant: 'wide' as const })),
    ...wideAndNarrow(NARROW).map((c) => ({ ...c, name: `${c.name}-narrow`, variant: 'narrow' as const })),
  ];
}

function wideAndNarrow(size: ChartSize): { name: string; spec: ChartSpec }[] {
  const report = pinnedReport();
  const domains = seriesDomains(report);
  const group = (gpu: string, workload: string) => groupOf(report, gpu, workload);
  const chat = report.groups.filter((g) => g.workload === 'chat');
  const judged = handReport(judgedOnRequests(), configWith({ support: { kind: 'attainment', bounds: { ttft_ms: 500, tpot_ms: 50 }, target: 0.9 } }));
  const support = groupOf(judged, L4, 'support');
  return [
    { name: 'throughput', spec: throughputChart(group(L4, 'chat'), domains, size) },
    { name: 'latency', spec: latencyChart(group(L4, 'chat'), domains, size) },
    { name: 'frontier', spec: frontierChart(group(L4, 'chat'), domains, size) },
    { name: 'compare-throughput', spec: compareThroughputChart(chat, domains, size) },
    { name: 'compare-latency', spec: compareLatencyChart(chat, domains, size) },
    { name: 'multi-setup-throughput', spec: throughputChart(group(H100, 'chat'), domains, size) },
    { name: 'multi-setup-latency', spec: latencyChart(group(H100, 'chat'), domains, size) },
    { name: 'multi-setup-frontier', spec: frontierChart(group(H100, 'chat'), domains, size) },
    { name: 'rate-throughput', spec: throughputChart(group('A100-80GB', 'api'), domains, size) },
    { name: 'rate-latency', spec: latencyChart(group('A100-80GB', 'api'), domains, size) },
    { name: 'unjudged-latency', spec: latencyChart(group('L40S', 'rag'), domains, size) },
    { name: 'unjudged-frontier', spec: frontierChart(group('L40S', 'rag'), domains, size) },
    { name: 'no-latency-latency', spec: latencyChart(group('T4', 'embed'), domains, size) },
    { name: 'ceiling-throughput', spec: throughputChart(group('H200', 'batch'), domains, size) },
    { name: 'ceiling-frontier', spec: frontierChart(group('H200', 'batch'), domains, size) },
    { name: 'attainment', spec: attainmentChart(support, seriesDomains(judged), size)! },
    { name: 'goodput', spec: goodputChart(support, seriesDomains(judged), size)! },
    { name: 'goodput-frontier', spec: frontierChart(support, seriesDomains(judged), size) },
    { name: 'distribution', spec: distributionChart(support, size)! },
  ];
}

/** Where two strings first differ, with a little of each around it. */
function firstDifference(expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, i - 60), i + 60));
  return `first difference at character ${i}:\n  golden: ${around(expected)}\n  actual: ${around(actual)}`;
}

const charts = goldenCharts();

describe('golden SVGs', () => {
  for (const { name, spec, variant } of charts) {
    it(`${name} matches tests/golden/${name}.svg`, async () => {
      const actual = `${renderChart(spec, { variant })}\n`;
      const file = `${GOLDEN}${name}.svg`;
      if (UPDATE) {
        await mkdir(GOLDEN, { recursive: true });
        await writeFile(file, actual);
        console.log(`UPDATE_GOLDEN=1: wrote tests/golden/${name}.svg`);
        return;
      }
      if (!existsSync(file)) {
        await mkdir(ACTUAL, { recursive: true });
        await writeFile(`${ACTUAL}${name}.svg`, actual);
        throw new Error(`tests/golden/${name}.svg is missing: render it with \`npm run test:update\`, then look at it before committing`);
      }
      const expected = await readFile(file, 'utf8');
      if (actual !== expected) {
        await mkdir(ACTUAL, { recursive: true });
        await writeFile(`${ACTUAL}${name}.svg`, actual);
        throw new Error(
          `chart "${name}" no longer matches tests/golden/${name}.svg (${firstDifference(expected, actual)}).\n`
            + `The new chart is in tmp/golden-actual/${name}.svg. If the change is intended, check it and run \`npm run test:update\`.`,
        );
      }
    });
  }

  it('keeps no golden file that no chart renders', async () => {
    const names = new Set(charts.map((c) => `${c.name}.svg`));
    const files = existsSync(GOLDEN) ? (await readdir(GOLDEN)).filter((f) => f.endsWith('.svg')) : [];
    expect(files.filter((f) => !names.has(f)), 'stale golden files: delete them').toEqual([]);
  });

  it('gives every golden chart a distinct, clean SVG', () => {
    const svgs = charts.map(({ spec }) => renderChart(spec));
    expect(new Set(svgs).size).toBe(svgs.length);
    for (const svg of svgs) expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });
});
