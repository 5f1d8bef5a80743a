/**
 * The sample data's figures as typed measurements (an L4 sweep with failures, an RTX sweep with a
 * jitter ridge, a RAG group that meets no SLO), so chart tests do not depend on the readers.
 */
import type { Measurement, Report, Status } from '../../../src/core/types.ts';
import { configWith, handReport, measurement, percentile } from './helpers.ts';

export const L4 = 'L4-24GB (synthetic)';
export const RTX = 'RunPod-RTX2000-16GB';

/** concurrency, max_new_tokens, throughput, p95 TTFT, p95 e2e, requests, failed, status */
type Row = [number, number, number | null, number | null, number | null, number | null, number | null, Status];

const L4_CHAT: Row[] = [
  [1, 64, 59.22, 41.04, 537.2, 64, 0, 'ok'], [1, 128, 56.44, 41.04, 1036.4, 64, 0, 'ok'], [1, 256, 50.89, 41.04, 2034.8, 64, 0, 'ok'],
  [4, 64, 236.89, 50.16, 594.8, 64, 0, 'ok'], [4, 128, 225.78, 50.16, 1151.6, 64, 0, 'ok'], [4, 256, 203.56, 50.16, 2265.2, 64, 0, 'ok'],
  [8, 64, 473.78, 62.32, 671.6, 64, 0, 'ok'], [8, 128, 451.56, 62.32, 1305.2, 64, 0, 'ok'], [8, 256, 407.12, 62.32, 2572.4, 64, 0, 'ok'],
  [16, 64, 947.56, 86.64, 825.2, 64, 0, 'ok'], [16, 128, 903.12, 86.64, 1612.4, 64, 0, 'ok'], [16, 256, 814.23, 86.64, 3186.8, 64, 0, 'ok'],
  [32, 64, 1492.4, 455.28, 1223.6, 64, 0, 'ok'], [32, 128, 1422.41, 455.28, 2318, 64, 0, 'ok'], [32, 256, 1282.42, 455.28, 4506.8, 64, 0, 'ok'],
  [64, 64, 1776.67, 1832.56, 2202.8, 64, 0, 'ok'], [64, 128, 1693.34, 1832.56, 3911.6, 64, 3, 'ok'], [64, 256, null, null, null, 0, 64, 'oom'],
  [16, 128, 876.02, 84.04, 1660.77, 64, 0, 'ok'], [16, 128, 930.21, 89.24, 1564.03, 64, 0, 'ok'],
];

const L4_BATCH: Row[] = [
  [8, 256, 459.65, 295.2, 2545.44, 128, 0, 'ok'], [8, 512, 359.3, 295.2, 4910.88, 128, 0, 'ok'],
  [16, 256, 919.3, 410.4, 3118.88, 128, 0, 'ok'], [16, 512, 718.59, 410.4, 6057.76, 128, 0, 'ok'],
  [32, 256, 1838.59, 640.8, 4265.76, 128, 0, 'ok'], [32, 512, 1437.18, 640.8, 8351.52, 128, 0, 'ok'],
  [64, 256, 2505.08, 2061.6, 7855.52, 128, 0, 'ok'], [64, 512, null, null, null, 0, 0, 'timeout'],
];

const L4_RAG: Row[] = [
  [2, 128, 72.83, 1670.4, 3430.66, 32, 0, 'ok'], [4, 128, 145.66, 1900.8, 3578.11, 32, 0, 'ok'], [8, 128, 229.42, 2489.6, 4737.02, 32, 0, 'ok'],
];

const RTX_CHAT: Row[] = [
  [1, 64, 48.1, 1064.54, 1064.63, null, null, 'ok'], [1, 128, 49.98, 2071.18, 2071.26, null, null, 'ok'], [1, 256, 49.16, 4123.1, 4123.17, null, null, 'ok'],
  [4, 64, 172.94, 1105.87, 1105.9, null, null, 'ok'], [4, 128, 186.25, 2189.45, 2189.48, null, null, 'ok'], [4, 256, 185.26, 4367.22, 4367.26, null, null, 'ok'],
  [8, 64, 343.22, 1169.38, 1169.39, null, null, 'ok'], [8, 128, 359.27, 2298.28, 2298.3, null, null, 'ok'], [8, 256, 283.75, 4553.77, 4553.79, null, null, 'ok'],
  [16, 64, 579.74, 1316.46, 1316.48, null, null, 'ok'], [16, 128, 620.4, 2566.57, 2566.61, null, null, 'ok'], [16, 256, 544.15, 4972.16, 4972.19, null, null, 'ok'],
];

const RTX_BATCH: Row[] = [
  [8, 256, 243.03, null, 4569.61, null, null, 'ok'], [8, 512, 276.87, null, 5888.02, null, null, 'ok'],
  [16, 256, 430.22, null, 5184.75, null, null, 'ok'], [16, 512, 355.52, null, 9423.26, null, null, 'ok'],
  [32, 256, 567.9, null, 5300.39, null, null, 'ok'], [32, 512, 443.28, null, 5970.2, null, null, 'ok'],
];

function runs(gpu: string, workload: string, file: string, rows: Row[]): Measurement[] {
  return rows.map(([c, t, throughput, ttft, e2e, requests, failed, status], index) => {
    const latency: Measurement['latency'] = {};
    if (ttft !== null) latency.p95_ttft_ms = ttft;
    if (e2e !== null) latency.p95_e2e_ms = e2e;
    return measurement({ gpu, workload, c, max_new_tokens: t, throughput_tok_s: throughput, latency, requests, failed, status, source: { file, line: index + 2 }, repeat_group: file });
  });
}

/** Every measurement of the sample. */
export function sampleMeasurements(): Measurement[] {
  return [
    ...runs(L4, 'chat', 'synthetic-l4/l4_chat_sweep.csv', L4_CHAT),
    ...runs(L4, 'batch', 'synthetic-l4/l4_batch_sweep.csv', L4_BATCH),
    ...runs(L4, 'rag', 'synthetic-l4/l4_rag_sweep.csv', L4_RAG),
    ...runs(RTX, 'chat', 'rtx2000-ada/day003_chat_capacity_rtx16gb.csv', RTX_CHAT),
    ...runs(RTX, 'batch', 'rtx2000-ada/day003_batch_capacity_rtx16gb.csv', RTX_BATCH),
  ];
}

/** The sample's report: chat p95 e2e ≤ 2000 ms, RAG p95 TTFT ≤ 1000 ms, batch p95 e2e ≤ 5000 ms. */
export function sampleReport(): Report {
  return handReport(sampleMeasurements(), configWith({ rag: percentile('p95_ttft_ms', 1000) }));
}
