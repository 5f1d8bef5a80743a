/**
 * Small phrases the pages share, built from the shared formatters so a figure reads the same in
 * prose, tables and the Markdown report.
 */
import { formatInt, formatMs, formatRate } from '../core/format.ts';
import { metricLabel, titleCase } from '../core/labels.ts';
import type { GroupReport, Point, ServerConfig, Slo, Source } from '../core/types.ts';

/** The SLO as a rule, e.g. `p95 e2e ≤ 2000 ms`. */
export function sloText(slo: Slo): string {
  return `${metricLabel(slo.metric)} ≤ ${formatMs(slo.threshold_ms)} ms`;
}

/** The load of a point as a table cell: the concurrency, or the request rate of rate-driven runs. */
export function loadText(point: Pick<Point, 'concurrency' | 'request_rate'>): string {
  return point.concurrency !== null ? formatInt(point.concurrency) : formatRate(point.request_rate);
}

/** A point in short prose: `16 × 64` (concurrency × max_tokens), or `4 req/s × 64`. */
export function pointShort(point: Pick<Point, 'concurrency' | 'request_rate' | 'max_new_tokens'>): string {
  return `${loadText(point)} × ${formatInt(point.max_new_tokens)}`;
}

/** Status of a run as people say it: `ok`, `ok, 3 failed`, `OOM`, `error`, `timeout`. */
export function statusText(point: Pick<Point, 'status' | 'failed'>): string {
  if (point.status === 'oom') return 'OOM';
  if (point.status !== 'ok') return point.status;
  return point.failed !== null && point.failed > 0 ? `ok, ${formatInt(point.failed)} failed` : 'ok';
}

/** Sources of a point as `file:line`, repeats of one file collapsed: `a.csv:12, 20, 21`. */
export function sourcesText(sources: readonly Source[]): string {
  const parts: string[] = [];
  let lastFile: string | null = null;
  for (const source of sources) {
    parts.push(source.file === lastFile ? String(source.line) : `${source.file}:${source.line}`);
    lastFile = source.file;
  }
  return parts.join(', ');
}

/** The page title of a GPU × workload: `L4 – Chat workload`. */
export function groupTitle(group: Pick<GroupReport, 'gpu' | 'workload'>): string {
  return `${group.gpu} – ${titleCase(group.workload)} workload`;
}

/** Server settings as `max_model_len 4096, gpu_memory_utilization 0.9`, or null when none. */
export function serverText(server: ServerConfig): string | null {
  const keys = Object.keys(server).sort() as (keyof ServerConfig)[];
  const parts = keys.filter((k) => server[k] !== undefined).map((k) => `${k} ${server[k]}`);
  return parts.length ? parts.join(', ') : null;
}

/** The settings of a run in words: `concurrency 16, max_tokens 64` or `4 req/s, max_tokens 64`. */
export function settingsText(point: Pick<Point, 'concurrency' | 'request_rate' | 'max_new_tokens'>): string {
  const load = point.concurrency !== null ? `concurrency ${formatInt(point.concurrency)}` : formatRate(point.request_rate);
  return `${load}, max_tokens ${formatInt(point.max_new_tokens)}`;
}
