/**
 * Tables of the data page: every input file with its checksum and what was read from it, the rows
 * rejected and the files ignored with the reason, the percentiles of the files that differ from ours,
 * the thresholds used, the KV-cache budgets, and the client's short "not measured" line per GPU × workload.
 */
import { gapSummary } from '../../core/analysis/gaps.ts';
import { formatBytes, formatGrouped, formatInt, formatMs, formatPct1 } from '../../core/format.ts';
import { formatSlo, metricLabel, workloadTitle } from '../../core/phrases.ts';
import { uniqueSlugs } from '../../core/slug.ts';
import type { Report } from '../../core/types.ts';
import { paths } from '../url.ts';
import { absent, figure, text, type Row, type TableModel } from './cells.ts';
import type { TableContext } from './context.ts';

/** Anchor ids of the input files on the data page, unique and stable. */
export function fileAnchors(report: Pick<Report, 'files'>): Map<string, string> {
  const slugs = uniqueSlugs(report.files.map((f) => f.file), 'file');
  return new Map([...slugs].map(([file, slug]) => [file, `file-${slug}`]));
}

/** The input files: checksum, size, reader, rows read and rejected. */
export function filesTable(context: TableContext, anchors: ReadonlyMap<string, string>): TableModel {
  const rows: Row[] = context.report.files.map((f) => ({
    id: anchors.get(f.file)!,
    cells: [
      text(f.file),
      text(f.tool),
      figure(f.bytes, (v) => `${formatGrouped(v)}\u00a0B`),
      figure(f.rows_read, formatInt),
      figure(f.rows_rejected.length, formatInt),
      text(f.sha256),
    ],
  }));
  return {
    id: 'files',
    caption: 'Input files, in the order they were read',
    columns: [
      { key: 'file', label: 'File', numeric: false, wrap: true },
      { key: 'tool', label: 'Reader', numeric: false },
      { key: 'bytes', label: 'Size', csvLabel: 'Bytes', numeric: true },
      { key: 'rows_read', label: 'Runs read', numeric: true },
      { key: 'rows_rejected', label: 'Rows rejected', numeric: true },
      { key: 'sha256', label: 'SHA-256', numeric: false, wrap: true },
    ],
    rows,
    csv: paths.file(paths.data(), 'files.csv'),
  };
}

/** Rows or records the readers skipped on purpose, with the reason. */
export function rejectedTable(context: TableContext): TableModel {
  const rejected = context.report.files.flatMap((f) => f.rows_rejected);
  return {
    id: 'rejected',
    caption: 'Rows rejected by the readers, with the reason',
    columns: [
      { key: 'location', label: 'Where (file:line:column)', numeric: false, wrap: true },
      { key: 'reason', label: 'Reason', numeric: false, wrap: true },
    ],
    rows: rejected.map((issue) => ({ cells: [text(`${issue.file}:${issue.line}:${issue.column}`), text(issue.message)] })),
    csv: paths.file(paths.data(), 'rejected.csv'),
    empty: 'No row was rejected: every row of every file was read.',
  };
}

/** Files the folder config's ignore list skipped, with the rule that skipped each. */
export function ignoredTable(context: TableContext): TableModel {
  return {
    id: 'ignored',
    caption: 'Files skipped by the folder config\'s "ignore" list',
    columns: [
      { key: 'file', label: 'File', numeric: false, wrap: true },
      { key: 'rule', label: 'Skipped by', numeric: false },
    ],
    rows: context.report.ignored.map((f) => ({ cells: [text(f.file), text(f.rule)] })),
    csv: paths.file(paths.data(), 'ignored.csv'),
    empty: 'No file was skipped.',
  };
}

// Percentiles this close are told apart by a decimal or two: whole ms would print 71 against 69 for 2%.
const ms2 = (v: number) => v.toFixed(2);
const signed = (v: number, format: (v: number) => string) => (v > 0 ? `+${format(v)}` : format(v));

/**
 * Percentiles a file gives beside its per-request records where ours, from the records, differs by
 * more than 1%: the file's own is the one the pages show. Null when none differs.
 */
export function disagreementsTable(context: TableContext, anchors: ReadonlyMap<string, string>): TableModel | null {
  const list = context.report.disagreements;
  if (list.length === 0) return null;
  return {
    id: 'percentile-differences',
    caption: 'Percentiles the files give that differ by more than 1% from ours, computed from their per-request records',
    columns: [
      { key: 'location', label: 'Where (file:line)', numeric: false, wrap: true },
      { key: 'metric', label: 'Metric', numeric: false },
      { key: 'theirs_ms', label: 'File (ms)', numeric: true },
      { key: 'ours_ms', label: 'Ours (ms)', numeric: true },
      { key: 'difference_ms', label: 'Difference (ms)', numeric: true },
      { key: 'difference_pct', label: 'Difference', csvLabel: 'Difference (% of the file\'s)', numeric: true },
    ],
    rows: list.map((d) => ({
      cells: [
        text(`${d.file}:${d.line}`, { ...(anchors.has(d.file) ? { link: `${paths.data()}#${anchors.get(d.file)!}` } : {}), value: `${d.file}:${d.line}` }),
        text(metricLabel(d.metric), { value: d.metric }),
        figure(d.theirs, ms2),
        figure(d.ours, ms2),
        figure(d.ours - d.theirs, (v) => signed(v, ms2).replace(/^-/, '\u2212')),
        d.theirs === 0 ? absent() : figure(((d.ours - d.theirs) / d.theirs) * 100, (v) => signed(v, formatPct1)),
      ],
    })),
    csv: paths.file(paths.data(), 'percentile-differences.csv'),
    note: 'Ours follow numpy\'s default linear method over every request that succeeded. The pages show the file\'s own figure.',
  };
}

/** The SLO of every workload and the default for others. */
export function thresholdsTable(context: TableContext): TableModel {
  const { report } = context;
  const rows: Row[] = report.workloads.map((w) => {
    const slo = report.groups.find((g) => g.workload === w.name)!.slo;
    return {
      cells: [
        text(workloadTitle(w.name), { link: paths.compare(w.slug), value: w.name }),
        text(formatSlo(slo)),
        text(slo.kind === 'percentile' ? slo.metrics.join(', ') : Object.keys(slo.bounds ?? {}).join(', ')),
        figure(slo.threshold_ms, formatMs),
      ],
    };
  });
  const fallback = report.config.slo.default;
  rows.push({
    cells: [
      text('any other workload', { tone: 'muted' }),
      text(formatSlo(fallback)),
      text(fallback.kind === 'percentile' ? fallback.metrics.join(', ') : Object.keys(fallback.bounds).join(', ')),
      fallback.kind === 'percentile' ? figure(fallback.threshold_ms, formatMs) : absent(),
    ],
  });
  return {
    id: 'thresholds',
    caption: `Latency SLO per workload (${report.config.source ? `from ${report.config.source}, defaults otherwise` : 'built-in defaults: no capacity.config.json'})`,
    columns: [
      { key: 'workload', label: 'Workload', numeric: false },
      { key: 'rule', label: 'SLO', numeric: false, wrap: true },
      { key: 'metrics', label: 'Column(s)', numeric: false, wrap: true },
      { key: 'threshold_ms', label: 'Threshold (ms)', numeric: true },
    ],
    rows,
    csv: paths.file(paths.data(), 'thresholds.csv'),
  };
}

/** The KV-cache budget of every GPU the config describes. */
export function kvTable(context: TableContext, gpus?: readonly string[]): TableModel {
  const budgets = context.report.kv_budgets.filter((b) => !gpus || gpus.includes(b.gpu));
  const rows: Row[] = budgets.map((b) => {
    const measuredKv = b.kv_tokens_source === 'measured';
    return {
      cells: [
        text(b.gpu),
        figure(b.bytes_per_token, formatBytes),
        figure(b.kv_tokens, formatGrouped),
        text(measuredKv ? 'measured (kv_cache_tokens)' : 'computed'),
        measuredKv || b.memory_gib === null ? absent() : figure(b.memory_gib, (v) => `${String(v)} GiB`),
        measuredKv || b.gpu_memory_utilization === null ? absent() : figure(b.gpu_memory_utilization, String),
        figure(b.context_length, formatGrouped),
        figure(b.max_concurrent_sequences, formatGrouped),
        b.measured_max_stable_concurrency === null ? text('none', { tone: 'muted', value: null }) : figure(b.measured_max_stable_concurrency, formatInt),
      ],
    };
  });
  const only = gpus && gpus.length === 1 ? gpus[0] : null;
  return {
    id: only ? `kv-budget-${uniqueSlugs([only]).get(only)}` : 'kv-budget',
    caption: 'KV-cache budget per GPU: how many full-context sequences fit, against the highest stable concurrency measured',
    columns: [
      { key: 'gpu', label: 'GPU', numeric: false },
      { key: 'bytes_per_token', label: 'KV bytes per token', numeric: true },
      { key: 'kv_tokens', label: 'KV tokens', numeric: true },
      { key: 'kv_tokens_source', label: 'KV tokens from', numeric: false },
      { key: 'memory_gib', label: 'GPU memory', csvLabel: 'GPU memory (GiB)', numeric: true },
      { key: 'gpu_memory_utilization', label: 'Memory share', csvLabel: 'gpu_memory_utilization', numeric: true },
      { key: 'context_length', label: 'Context (tokens)', numeric: true },
      { key: 'max_concurrent_sequences', label: 'Max concurrent sequences', numeric: true },
      { key: 'measured_max_stable_concurrency', label: 'Max stable concurrency measured', numeric: true },
    ],
    rows,
    csv: paths.file(paths.data(), `${only ? `kv-budget-${uniqueSlugs([only]).get(only)}` : 'kv-budget'}.csv`),
    empty: 'No KV-cache budget: the folder config gives no model architecture, context length or GPU memory.',
  };
}

/** The client's view of the gaps: one short "not measured" line per GPU × workload (and GPU). */
export function notMeasuredTable(context: TableContext): TableModel {
  const { report } = context;
  const rows: Row[] = [];
  for (const group of report.groups) {
    const own = report.gaps.filter((g) => g.group === group.slug);
    if (own.length) rows.push({ cells: [text(group.gpu, { link: paths.group(group) }), text(workloadTitle(group.workload), { value: group.workload }), text(gapSummary(own))] });
  }
  const kv = report.gpus
    .map((gpu) => ({ gpu: gpu.label, own: report.gaps.filter((g) => g.group === null && g.gpu === gpu.label) }))
    .filter((k) => k.own.length > 0);
  // Seven GPUs lacking the same three settings is one line, not seven.
  const same = kv.length > 1 && kv.length === report.gpus.length && new Set(kv.map((k) => gapSummary(k.own))).size === 1;
  if (same) rows.push({ cells: [text('every GPU'), text('KV-cache budget', { tone: 'muted' }), text(gapSummary(kv[0]!.own))] });
  else for (const k of kv) rows.push({ cells: [text(k.gpu), text('KV-cache budget', { tone: 'muted' }), text(gapSummary(k.own))] });
  return {
    id: 'not-measured',
    caption: 'Figures these files do not give, shown as "not measured" on the pages',
    columns: [
      { key: 'gpu', label: 'GPU', numeric: false },
      { key: 'workload', label: 'Workload', numeric: false },
      { key: 'not_measured', label: 'Not measured', numeric: false, wrap: true },
    ],
    rows,
    csv: paths.file(paths.data(), 'not-measured.csv'),
    empty: 'None: every figure the pages show was measured.',
  };
}

/** Model architecture lines of the config, for the data page; empty when there is none. */
export function modelFacts(report: Report): { label: string; value: string }[] {
  const m = report.config.model;
  if (!m) return [];
  return [
    ...(m.name ? [{ label: 'Model', value: m.name }] : []),
    { label: 'Layers', value: formatInt(m.layers) },
    { label: 'KV heads', value: formatInt(m.kv_heads) },
    { label: 'Head dimension', value: formatInt(m.head_dim) },
    { label: 'Bytes per element', value: String(m.bytes_per_element) },
    { label: 'Weights', value: `${m.weights_gib} GiB` },
    { label: 'Overhead', value: `${m.overhead_gib} GiB` },
  ];
}

