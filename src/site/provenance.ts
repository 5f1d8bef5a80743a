/**
 * View model of the data page: every input file with its checksum and what was read from it,
 * every rejected row with its reason, the thresholds used, the KV-cache budgets and the gaps.
 */
import { formatBytes, formatGrouped, formatInt, formatMs } from '../core/format.ts';
import { metricLabel } from '../core/labels.ts';
import { uniqueSlugs } from '../core/slug.ts';
import type { Report } from '../core/types.ts';
import { numberCell, textCell, type Row, type TableModel } from './table.ts';
import { paths } from './url.ts';

/** Anchor ids of the input files on the data page, unique and stable. */
export function fileAnchors(report: Pick<Report, 'files'>): Map<string, string> {
  // Every GPU × workload page links its runs to their files: slug the file list once per report.
  let anchors = ANCHORS.get(report.files);
  if (!anchors) {
    const slugs = uniqueSlugs(report.files.map((f) => f.file), 'file');
    anchors = new Map([...slugs].map(([file, slug]) => [file, `file-${slug}`]));
    ANCHORS.set(report.files, anchors);
  }
  return anchors;
}

const ANCHORS = new WeakMap<object, Map<string, string>>();

/** The input files: checksum, size, reader, rows read and rejected. */
export function filesTable(report: Report): TableModel {
  const anchors = fileAnchors(report);
  const rows: Row[] = report.files.map((f) => {
    const row: Row = {
      cells: [
        textCell(f.file),
        textCell(f.tool),
        numberCell(f.bytes, (v) => `${formatGrouped(v)} B`),
        numberCell(f.rows_read, formatInt),
        numberCell(f.rows_rejected.length, formatInt),
        textCell(f.sha256),
      ],
    };
    const anchor = anchors.get(f.file);
    if (anchor) row.id = anchor;
    return row;
  });
  return {
    id: 'files',
    caption: 'Input files, in the order they were read',
    columns: [
      { key: 'file', label: 'File', numeric: false },
      { key: 'tool', label: 'Reader', numeric: false },
      { key: 'bytes', label: 'Size', csvLabel: 'Bytes', numeric: true },
      { key: 'rows_read', label: 'Rows read', numeric: true },
      { key: 'rows_rejected', label: 'Rows rejected', numeric: true },
      { key: 'sha256', label: 'SHA-256', numeric: false },
    ],
    rows,
    csv: paths.file(paths.data(), 'files.csv'),
  };
}

/** Rows or records the readers skipped on purpose, with the reason; null when there are none. */
export function rejectedTable(report: Report): TableModel | null {
  const rejected = report.files.flatMap((f) => f.rows_rejected);
  if (rejected.length === 0) return null;
  return {
    id: 'rejected',
    caption: 'Rows rejected by the readers, with the reason',
    columns: [
      { key: 'location', label: 'Where (file:line:column)', numeric: false },
      { key: 'reason', label: 'Reason', numeric: false, wrap: true },
    ],
    rows: rejected.map((issue) => ({
      cells: [textCell(`${issue.file}:${issue.line}:${issue.column}`), textCell(issue.message)],
    })),
    csv: paths.file(paths.data(), 'rejected.csv'),
  };
}

/** The SLO of every workload and the default for others. */
export function thresholdsTable(report: Report): TableModel {
  const rows: Row[] = report.workloads.map((w) => {
    const slo = report.groups.find((g) => g.workload === w.name)!.slo;
    return {
      cells: [textCell(w.name, { link: paths.compare(w.slug) }), textCell(metricLabel(slo.metric)), textCell(slo.metric), numberCell(slo.threshold_ms, formatMs)],
    };
  });
  const fallback = report.config.slo.default;
  rows.push({ cells: [textCell('any other workload', { tone: 'muted' }), textCell(metricLabel(fallback.metric)), textCell(fallback.metric), numberCell(fallback.threshold_ms, formatMs)] });
  return {
    id: 'thresholds',
    caption: `Latency SLO per workload (${report.config.source ? `from ${report.config.source}, defaults otherwise` : 'built-in defaults: no capacity.config.json'})`,
    columns: [
      { key: 'workload', label: 'Workload', numeric: false },
      { key: 'metric_label', label: 'Metric', numeric: false },
      { key: 'metric', label: 'Column', numeric: false },
      { key: 'threshold_ms', label: 'Threshold (ms)', numeric: true },
    ],
    rows,
    csv: paths.file(paths.data(), 'thresholds.csv'),
  };
}

/** The KV-cache budget of every GPU the config describes; null when there is none. */
export function kvTable(report: Report): TableModel | null {
  if (report.kv_budgets.length === 0) return null;
  const rows: Row[] = report.kv_budgets.map((b) => {
    const measured = b.kv_tokens_source === 'measured';
    const row: Row = {
      cells: [
        textCell(b.gpu),
        numberCell(b.bytes_per_token, formatBytes),
        numberCell(b.kv_tokens, formatGrouped),
        textCell(measured ? 'measured (kv_cache_tokens)' : 'computed'),
        measured ? textCell('–', { tone: 'muted', value: null }) : numberCell(b.memory_gib, (v) => `${String(v)} GiB`),
        measured ? textCell('–', { tone: 'muted', value: null }) : numberCell(b.gpu_memory_utilization, String),
        numberCell(b.context_length, formatGrouped),
        numberCell(b.max_concurrent_sequences, formatGrouped),
        b.measured_max_stable_concurrency === null ? textCell('none', { tone: 'muted', value: null }) : numberCell(b.measured_max_stable_concurrency, formatInt),
      ],
      where: `KV-cache budget of ${b.gpu}`,
    };
    return row;
  });
  return {
    id: 'kv-budget',
    caption: 'KV-cache budget per GPU: how many full-context sequences fit, against the highest stable concurrency measured',
    columns: [
      { key: 'gpu', label: 'GPU', numeric: false },
      { key: 'bytes_per_token', label: 'KV bytes per token', csvLabel: 'KV bytes per token', numeric: true },
      { key: 'kv_tokens', label: 'KV tokens', numeric: true },
      { key: 'kv_tokens_source', label: 'KV tokens from', numeric: false },
      { key: 'memory_gib', label: 'GPU memory', csvLabel: 'GPU memory (GiB)', numeric: true },
      { key: 'gpu_memory_utilization', label: 'Memory utilization', csvLabel: 'gpu_memory_utilization', numeric: true },
      { key: 'context_length', label: 'Context (tokens)', numeric: true },
      { key: 'max_concurrent_sequences', label: 'Max concurrent sequences', numeric: true },
      { key: 'measured_max_stable_concurrency', label: 'Max stable concurrency measured', numeric: true },
    ],
    rows,
    csv: paths.file(paths.data(), 'kv-budget.csv'),
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

