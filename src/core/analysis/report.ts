import { sloFor } from '../config.ts';
import { uniqueSlugs } from '../slug.ts';
import type { FileProvenance, Gap, GroupReport, KvBudget, Measurement, MeasurementRow, MeasurementSink, ResolvedConfig, Report } from '../types.ts';
import { analysePoints } from './group.ts';
import { DEFAULT_GPU_MEMORY_UTILIZATION, kvBytesPerToken, kvTokens, maxConcurrentSequences } from './kv-cache.ts';
import { emptyRow } from '../record.ts';
import { median, PointFold, toRow } from './points.ts';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What the rows of one GPU say about its KV cache, gathered as the measurements are read. */
interface GpuRows {
  kv: number[];
  maxContext: number | null;
  utilisations: number[];
}

/** One GPU × workload while its measurements are read: its points and the files they come from. */
interface GroupFold {
  points: PointFold;
  files: Set<string>;
}

/**
 * Everything the Report needs of the measurements, folded in one at a time as they are read
 * (points with their figures and sources, files per group, KV-cache rows per GPU), so that the
 * measurements themselves need not be kept.
 */
export class ReportFold implements MeasurementSink {
  // Nested maps, not a composite string key: a million rows should not mean a million key strings.
  private readonly groups = new Map<string, Map<string, GroupFold>>();
  private readonly gpuRows = new Map<string, GpuRows>();
  // Consecutive measurements mostly share a group (one file is one sweep).
  private last: { gpu: string; workload: string; group: GroupFold; rows: GpuRows } | null = null;
  private row: MeasurementRow | null = null;
  /** Measurements folded in. */
  count = 0;

  /** Folds in one validated measurement. */
  add(m: Measurement): void {
    this.addRow(toRow(m, (this.row ??= emptyRow())));
  }

  /** Folds in one validated measurement given as a row; the row may be reused afterwards. */
  addRow(row: MeasurementRow): void {
    let last = this.last;
    if (last === null || last.gpu !== row.gpu || last.workload !== row.workload) {
      let byWorkload = this.groups.get(row.gpu);
      if (!byWorkload) this.groups.set(row.gpu, (byWorkload = new Map()));
      let group = byWorkload.get(row.workload);
      if (!group) byWorkload.set(row.workload, (group = { points: new PointFold(), files: new Set() }));
      let rows = this.gpuRows.get(row.gpu);
      if (!rows) this.gpuRows.set(row.gpu, (rows = { kv: [], maxContext: null, utilisations: [] }));
      this.last = last = { gpu: row.gpu, workload: row.workload, group, rows };
    }
    this.count++;
    last.group.points.addRow(row);
    last.group.files.add(row.source.file);
    const { kv_cache_tokens: kv, max_model_len: context, gpu_memory_utilization: utilisation } = row.server;
    const rows = last.rows;
    if (kv !== undefined) rows.kv.push(kv);
    if (context !== undefined && (rows.maxContext === null || context > rows.maxContext)) rows.maxContext = context;
    if (utilisation !== undefined) rows.utilisations.push(utilisation);
  }

  /** The Report of everything folded in so far. */
  report(config: ResolvedConfig, files: FileProvenance[]): Report {
    const groups = this.groups;
    const gpuLabels = [...groups.keys()].sort(byText);
    const workloadNames = [...new Set([...groups.values()].flatMap((w) => [...w.keys()]))].sort(byText);
    const gpuSlugs = uniqueSlugs(gpuLabels, 'gpu');
    const workloadSlugs = uniqueSlugs(workloadNames, 'workload');

    const reports: GroupReport[] = [];
    for (const gpu of gpuLabels) {
      const byWorkload = groups.get(gpu)!;
      for (const workload of [...byWorkload.keys()].sort(byText)) {
        const group = byWorkload.get(workload)!;
        const slo = sloFor(config, workload);
        reports.push(analysePoints(
          { gpu, workload, gpu_slug: gpuSlugs.get(gpu)!, workload_slug: workloadSlugs.get(workload)! },
          group.points.points(slo),
          slo,
          [...group.files],
        ));
      }
    }

    const kv = kvBudgets(gpuLabels, this.gpuRows, reports, config);
    return {
      title: config.title,
      client: config.client,
      config,
      files,
      groups: reports,
      gpus: gpuLabels.map((label) => ({ label, slug: gpuSlugs.get(label)! })),
      workloads: workloadNames.map((name) => ({ name, slug: workloadSlugs.get(name)! })),
      kv_budgets: kv.budgets,
      gaps: [...groupGaps(reports), ...kv.gaps],
      measurements: this.count,
    };
  }
}

/** Builds the whole Report from validated measurements: pure, deterministic, no I/O. */
export function buildReport(measurements: readonly Measurement[], config: ResolvedConfig, files: FileProvenance[]): Report {
  const fold = new ReportFold();
  for (const m of measurements) fold.add(m);
  return fold.report(config, files);
}

function kvBudgets(gpus: string[], perGpu: ReadonlyMap<string, GpuRows>, groups: GroupReport[], config: ResolvedConfig): { budgets: KvBudget[]; gaps: Gap[] } {
  const budgets: KvBudget[] = [];
  const gaps: Gap[] = [];
  for (const gpu of gpus) {
    const { kv: measuredKv, maxContext, utilisations } = perGpu.get(gpu) ?? { kv: [], maxContext: null, utilisations: [] };
    const context = config.context_length ?? maxContext;
    const gpuConfig = config.gpus[gpu];
    const stable = groups.filter((g) => g.gpu === gpu).map((g) => g.max_stable_concurrency).filter((v): v is number => v !== null);
    const where = `KV-cache budget of ${gpu}`;
    if (context === null) {
      gaps.push({ where, what: 'context length', hint: 'set "context_length" in capacity.config.json or add a max_model_len column' });
      continue;
    }
    if (!config.model) {
      gaps.push({ where, what: 'model architecture', hint: 'set "model": {"layers", "kv_heads", "head_dim", "bytes_per_element"} in capacity.config.json' });
      continue;
    }
    let tokens: number;
    let source: KvBudget['kv_tokens_source'];
    let utilisation: number | null = null;
    if (measuredKv.length) {
      tokens = median(measuredKv);
      source = 'measured';
    } else if (gpuConfig !== undefined) {
      utilisation = utilisations.length ? median(utilisations) : gpuConfig.gpu_memory_utilization ?? DEFAULT_GPU_MEMORY_UTILIZATION;
      tokens = kvTokens(config.model, gpuConfig.memory_gib, utilisation);
      source = 'computed';
    } else {
      gaps.push({ where, what: 'GPU memory', hint: `set "gpus": {"${gpu}": {"memory_gib": …}} in capacity.config.json or add a kv_cache_tokens column` });
      continue;
    }
    budgets.push({
      gpu,
      bytes_per_token: kvBytesPerToken(config.model),
      kv_tokens: tokens,
      kv_tokens_source: source,
      memory_gib: source === 'computed' ? gpuConfig!.memory_gib : null,
      gpu_memory_utilization: utilisation,
      context_length: context,
      max_concurrent_sequences: maxConcurrentSequences(tokens, context),
      measured_max_stable_concurrency: stable.length ? stable.reduce((a, b) => Math.max(a, b)) : null,
    });
  }
  return { budgets, gaps };
}

function sourceOf(group: GroupReport, id: string): string {
  const point = group.points.find((p) => p.id === id);
  const source = point?.sources[0];
  return source ? `${source.file}:${source.line}` : group.files.join(', ');
}

/** Figures the data cannot give, per group: each one renders as "not measured" somewhere. */
function groupGaps(groups: GroupReport[]): Gap[] {
  const gaps: Gap[] = [];
  for (const group of groups) {
    const where = `${group.gpu} / ${group.workload}`;
    for (const point of group.points) {
      if (point.stable && point.slo_latency_ms === null) {
        gaps.push({ where: `${where} ${point.id}`, what: group.slo.metric, hint: `add a ${group.slo.metric} value at ${sourceOf(group, point.id)}` });
      }
      if (point.status === 'ok' && point.throughput_tok_s === null) {
        gaps.push({ where: `${where} ${point.id}`, what: 'throughput_tok_s', hint: `add a throughput_tok_s value at ${sourceOf(group, point.id)}` });
      }
    }
    if (group.max_new_tokens.length === 0) {
      gaps.push({ where, what: 'max_new_tokens', hint: `add a max_new_tokens (or max_tokens) column to ${group.files.join(', ')}` });
    }
    if (!group.points.some((p) => p.latency.p95_ttft_ms !== undefined)) {
      gaps.push({ where, what: 'p95_ttft_ms', hint: `add a p95_ttft_ms column to ${group.files.join(', ')}` });
    }
  }
  return gaps;
}
