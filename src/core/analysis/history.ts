/**
 * The history of a review: each GPU × workload's throughput at the SLO and SLO latency across
 * several experiments (folders), in date order when every experiment has a date, else in the
 * order given. Pure: the folders were read (and their reports built with the candidate's SLOs)
 * by the caller.
 */
import type { Measurement, Report, ResolvedConfig, Source } from '../types.ts';
import { pointById } from './group.ts';
import { byText } from './stats.ts';

/** Where an experiment's date came from. */
export type DateSource = 'recorded' | 'config' | null;

/** One experiment as read: its name, report, and date. */
export interface HistoryInput {
  label: string;
  date: string | null;
  report: Report;
}

/** One GPU × workload in one experiment: its recommendation's throughput and SLO latency. */
export interface HistoryGroup {
  gpu: string;
  workload: string;
  /** Throughput at the SLO (the recommendation's), null when no run met the SLO or the group was not measured. */
  throughput_tok_s: number | null;
  latency_ms: number | null;
  /** The SLO metric judged, and whether the experiment measured this GPU × workload at all. */
  slo_metric: string | null;
  measured: boolean;
  sources: Source[];
}

/** One experiment of the history. */
export interface HistoryExperiment {
  label: string;
  date: string | null;
  /** Whether this is the candidate (the experiment the site is about). */
  candidate: boolean;
  groups: HistoryGroup[];
}

/** The whole history, oldest first. */
export interface History {
  /** `date` when every experiment has a date, `given` when one lacks it (the order given is kept). */
  ordered_by: 'date' | 'given';
  experiments: HistoryExperiment[];
}

/**
 * The date of an experiment: the latest day its tools recorded in their files, else the folder
 * config's `date`, else null; with where it came from.
 */
export function experimentDate(measurements: readonly Measurement[], config: Pick<ResolvedConfig, 'date'>): { date: string | null; from: DateSource } {
  const recorded = measurements.map((m) => m.recorded_date).filter((d): d is string => d !== undefined).sort(byText);
  if (recorded.length) return { date: recorded[recorded.length - 1]!, from: 'recorded' };
  if (config.date) return { date: config.date, from: 'config' };
  return { date: null, from: null };
}

/**
 * Orders experiments given oldest first: by date (ties keep the order given) when every one has a
 * date, else as given.
 */
export function orderExperiments<T extends { date: string | null }>(given: readonly T[]): { ordered_by: History['ordered_by']; items: T[] } {
  if (given.some((e) => e.date === null)) return { ordered_by: 'given', items: [...given] };
  const items = given.map((item, index) => ({ item, index }))
    .sort((a, b) => byText(a.item.date!, b.item.date!) || a.index - b.index)
    .map((x) => x.item);
  return { ordered_by: 'date', items };
}

const keyOf = (g: { gpu: string; workload: string }) => `${g.gpu}\u0000${g.workload}`;

/**
 * The history of baselines and candidate, given oldest first with the candidate last (its
 * reports built with the candidate's SLOs): every GPU × workload of any experiment, in each.
 */
export function buildHistory(baselines: readonly HistoryInput[], candidate: HistoryInput): History {
  const { ordered_by, items } = orderExperiments([...baselines.map((b) => ({ ...b, candidate: false })), { ...candidate, candidate: true }]);
  const all = [...new Map(items.flatMap((e) => e.report.groups).map((g) => [keyOf(g), { gpu: g.gpu, workload: g.workload }])).values()]
    .sort((a, b) => byText(a.gpu.toLowerCase(), b.gpu.toLowerCase()) || byText(a.gpu, b.gpu) || byText(a.workload, b.workload));
  const experiments = items.map((e): HistoryExperiment => {
    const groups = new Map(e.report.groups.map((g) => [keyOf(g), g]));
    return {
      label: e.label,
      date: e.date,
      candidate: e.candidate,
      groups: all.map(({ gpu, workload }): HistoryGroup => {
        const g = groups.get(keyOf({ gpu, workload }));
        if (!g) return { gpu, workload, throughput_tok_s: null, latency_ms: null, slo_metric: null, measured: false, sources: [] };
        const p = g.recommendation ? pointById(g, g.recommendation) : null;
        const ok = p !== null && p.throughput_tok_s !== null && p.throughput_tok_s > 0;
        return {
          gpu,
          workload,
          throughput_tok_s: ok ? p.throughput_tok_s : null,
          latency_ms: ok ? p.slo_latency_ms : null,
          slo_metric: g.slo.metric,
          measured: true,
          sources: ok ? p.sources : [],
        };
      }),
    };
  });
  return { ordered_by, experiments };
}

/** The experiment the verdicts compare the candidate with: the most recent baseline of the history. */
export function latestBaseline<T extends { candidate: boolean }>(ordered: readonly T[]): T | null {
  return [...ordered].reverse().find((e) => !e.candidate) ?? null;
}
