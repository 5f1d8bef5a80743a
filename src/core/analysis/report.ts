/**
 * The whole Report from validated measurements: groups per GPU × workload, slugs, KV-cache budgets
 * and the gap list. Pure and deterministic: the same measurements give the same object.
 */
import { sloFor } from '../config.ts';
import { uniqueSlugs } from '../slug.ts';
import type { FileProvenance, Gap, GroupReport, IgnoredFile, KvBudget, Measurement, ResolvedConfig, Report } from '../types.ts';
import { groupGaps, kvGaps, kvMissing } from './gaps.ts';
import { analyseGroup } from './group.ts';
import { capacityPlan } from './plan.ts';
import { DEFAULT_GPU_MEMORY_UTILIZATION, kvBytesPerToken, kvTokens, maxConcurrentSequences } from './kv-cache.ts';
import { byText, median } from './stats.ts';

function kvBudgets(gpus: readonly string[], runs: readonly Measurement[], groups: readonly GroupReport[], config: ResolvedConfig): { budgets: KvBudget[]; gaps: Gap[] } {
  const budgets: KvBudget[] = [];
  const gaps: Gap[] = [];
  for (const gpu of gpus) {
    const own = runs.filter((m) => m.gpu === gpu);
    const measured = own.map((m) => m.setup.kv_cache_tokens).filter((v): v is number => typeof v === 'number');
    const contexts = own.map((m) => m.setup.max_model_len).filter((v): v is number => typeof v === 'number');
    const utilisations = own.map((m) => m.setup.gpu_memory_utilization).filter((v): v is number => typeof v === 'number');
    const context = config.context_length ?? (contexts.length ? Math.max(...contexts) : null);
    const missing = kvMissing(gpu, config, context, measured.length > 0);
    if (missing.length) {
      gaps.push(...kvGaps(gpu, missing, [...new Set(own.map((m) => m.source.file))].sort()));
      continue;
    }
    const model = config.model!;
    const gpuConfig = config.gpus[gpu];
    let tokens: number;
    let utilisation: number | null = null;
    if (measured.length) {
      tokens = median(measured);
    } else {
      utilisation = utilisations.length ? median(utilisations) : gpuConfig!.gpu_memory_utilization ?? DEFAULT_GPU_MEMORY_UTILIZATION;
      tokens = kvTokens(model, gpuConfig!.memory_gib!, utilisation);
    }
    const stable = groups
      .filter((g) => g.gpu === gpu && g.max_stable_load?.axis === 'concurrency')
      .map((g) => g.max_stable_load!.value);
    budgets.push({
      gpu,
      bytes_per_token: kvBytesPerToken(model),
      kv_tokens: tokens,
      kv_tokens_source: measured.length ? 'measured' : 'computed',
      memory_gib: measured.length ? null : gpuConfig!.memory_gib!,
      gpu_memory_utilization: utilisation,
      context_length: context!,
      max_concurrent_sequences: maxConcurrentSequences(tokens, context!),
      measured_max_stable_concurrency: stable.length ? Math.max(...stable) : null,
    });
  }
  return { budgets, gaps };
}

/** Builds the whole Report from validated measurements: pure, deterministic, no I/O. */
export function buildReport(measurements: readonly Measurement[], config: ResolvedConfig, files: FileProvenance[], ignored: IgnoredFile[] = []): Report {
  const byGroup = new Map<string, Map<string, Measurement[]>>();
  for (const m of measurements) {
    let byWorkload = byGroup.get(m.gpu);
    if (!byWorkload) byGroup.set(m.gpu, (byWorkload = new Map()));
    const list = byWorkload.get(m.workload);
    if (list) list.push(m);
    else byWorkload.set(m.workload, [m]);
  }
  // GPU labels are shown verbatim but ordered without regard to case ("a100" beside "A10G").
  const gpuLabels = [...byGroup.keys()].sort((a, b) => byText(a.toLowerCase(), b.toLowerCase()) || byText(a, b));
  const workloadNames = [...new Set(measurements.map((m) => m.workload))].sort(byText);
  const gpuSlugs = uniqueSlugs(gpuLabels, 'gpu');
  const workloadSlugs = uniqueSlugs(workloadNames, 'workload');
  const groups: GroupReport[] = [];
  for (const gpu of gpuLabels) {
    const byWorkload = byGroup.get(gpu)!;
    for (const workload of [...byWorkload.keys()].sort(byText)) {
      const labels = { gpu, workload, gpu_slug: gpuSlugs.get(gpu)!, workload_slug: workloadSlugs.get(workload)! };
      groups.push(analyseGroup(labels, byWorkload.get(workload)!, sloFor(config, workload)));
    }
  }
  const kv = kvBudgets(gpuLabels, measurements, groups, config);
  return {
    title: config.title,
    client: config.client,
    config,
    files,
    ignored,
    groups,
    gpus: gpuLabels.map((label) => ({ label, slug: gpuSlugs.get(label)! })),
    workloads: workloadNames.map((name) => ({ name, slug: workloadSlugs.get(name)! })),
    kv_budgets: kv.budgets,
    gaps: [...groups.flatMap(groupGaps), ...kv.gaps],
    measurements: measurements.length,
    disagreements: measurements.flatMap((m) => (m.request_stats?.disagreements ?? []).map((d) => ({ file: m.source.file, line: m.source.line, metric: d.metric, theirs: d.file, ours: d.ours }))),
    plan: capacityPlan(groups, config),
  };
}
