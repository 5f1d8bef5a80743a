import { formatInt, formatMs } from '../core/format.ts';
import { metricLabel } from '../core/labels.ts';
import type { Report } from '../core/types.ts';

/** What was tested for one workload, as the write-up's first section lists it. */
export interface WorkloadTested {
  workload: string;
  gpus: string[];
  model: string | null;
  context_length: number | null;
  concurrency: number[];
  max_new_tokens: number[];
  slo: string;
  /** Latency-sensitive (tight SLO) or throughput-sensitive. */
  priority: string;
}

/** Workloads and configurations tested, derived from the runs and the folder config. */
export function workloadsTested(report: Report): WorkloadTested[] {
  return report.workloads.map(({ name }) => {
    const groups = report.groups.filter((g) => g.workload === name);
    const contexts = groups.flatMap((g) => g.points.map((p) => p.server.max_model_len)).filter((v): v is number => typeof v === 'number');
    const models = [...new Set(groups.flatMap((g) => g.points.map((p) => p.server.model)).filter((v): v is string => typeof v === 'string'))];
    const slo = groups[0]!.slo;
    return {
      workload: name,
      gpus: groups.map((g) => g.gpu),
      model: models.length ? models.join(', ') : report.config.model?.name ?? null,
      context_length: contexts.length ? Math.max(...contexts) : report.config.context_length,
      concurrency: [...new Set(groups.flatMap((g) => g.concurrencies))].sort((a, b) => a - b),
      max_new_tokens: [...new Set(groups.flatMap((g) => g.max_new_tokens))].sort((a, b) => a - b),
      slo: `${metricLabel(slo.metric)} ≤ ${formatMs(slo.threshold_ms)} ms`,
      priority: slo.threshold_ms <= 2000 ? 'low latency' : 'high throughput within a latency ceiling',
    };
  });
}

/** A list of numbers as prose: `1, 4, 8 and 16`, or a range `64–512` when `range` is set. */
export function listNumbers(values: readonly number[], range = false): string {
  if (values.length === 0) return 'not measured';
  if (range && values.length > 1) return `${formatInt(values[0])}–${formatInt(values[values.length - 1])}`;
  const texts = values.map((v) => formatInt(v));
  return texts.length === 1 ? texts[0]! : `${texts.slice(0, -1).join(', ')} and ${texts[texts.length - 1]}`;
}
