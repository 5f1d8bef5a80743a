/** What was tested per workload, as the write-up's first section lists it. */
import { formatInt, formatRate } from '../../core/format.ts';
import { formatSlo, list } from '../../core/phrases.ts';
import type { Report } from '../../core/types.ts';

/** What was tested for one workload. */
export interface WorkloadTested {
  workload: string;
  gpus: string[];
  /** Models named by the runs or the config; empty when neither names one. */
  models: string[];
  context_length: number | null;
  concurrency: number[];
  request_rates: number[];
  max_new_tokens: number[];
  slo: string;
  /** Latency-sensitive (tight SLO) or throughput-sensitive. */
  priority: string;
}

/** Workloads and configurations tested, derived from the runs and the folder config. */
export function workloadsTested(report: Report): WorkloadTested[] {
  return report.workloads.map(({ name }) => {
    const groups = report.groups.filter((g) => g.workload === name);
    const settings = groups.flatMap((g) => g.setups.map((s) => s.settings));
    const contexts = settings.map((s) => s.max_model_len).filter((v): v is number => typeof v === 'number');
    const models = [...new Set(settings.map((s) => s.model).filter((v): v is string => typeof v === 'string'))];
    const slo = groups[0]!.slo;
    const numbers = (pick: (g: (typeof groups)[number]) => number[]) => [...new Set(groups.flatMap(pick))].sort((a, b) => a - b);
    return {
      workload: name,
      gpus: groups.map((g) => g.gpu),
      models: models.length ? models : report.config.model?.name ? [report.config.model.name] : [],
      context_length: contexts.length ? Math.max(...contexts) : report.config.context_length,
      concurrency: numbers((g) => g.concurrencies),
      request_rates: numbers((g) => g.request_rates),
      max_new_tokens: numbers((g) => g.max_new_tokens),
      slo: formatSlo(slo),
      priority: slo.threshold_ms <= 2000 ? 'low latency' : 'high throughput within a latency ceiling',
    };
  });
}

/** A list of numbers as prose: `1, 4, 8 and 16`, or a range `64–512` when `range` is set. */
export function listNumbers(values: readonly number[], range = false, format: (v: number) => string = formatInt): string {
  if (range && values.length > 1) return `${format(values[0]!)}–${format(values[values.length - 1]!)}`;
  return list(values.map(format));
}

/** The loads of a workload in words: `concurrency 1, 4, 8 and 16; request rate 1 req/s and 4 req/s`. */
export function loadsTested(t: WorkloadTested): string {
  const parts: string[] = [];
  if (t.concurrency.length) parts.push(`concurrency ${listNumbers(t.concurrency)}`);
  if (t.request_rates.length) parts.push(`request rate ${listNumbers(t.request_rates, false, formatRate)}`);
  return parts.join('; ') || 'unbounded load only';
}
