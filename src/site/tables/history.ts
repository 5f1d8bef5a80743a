/** The history table of one reviewed GPU × workload: its throughput at the SLO and SLO latency in each experiment. */
import type { History } from '../../core/analysis/history.ts';
import { formatMs, formatTokS } from '../../core/format.ts';
import { sourcesWords } from '../../core/phrases.ts';
import { paths } from '../url.ts';
import { absent, figure, text, type Row, type TableModel } from './cells.ts';

/** One row per experiment, oldest first, for the GPU × workload at `index` of the history's groups. */
export function historyTable(history: History, index: number, id: string, title: string): TableModel {
  const rows: Row[] = history.experiments.map((e) => {
    const g = e.groups[index]!;
    const missing = g.measured ? 'no run within the SLO' : 'not measured';
    return {
      cells: [
        text(e.label),
        e.date ? text(e.date) : text('no date', { tone: 'muted', value: null }),
        text(e.candidate ? 'candidate' : 'baseline'),
        g.throughput_tok_s === null ? text(missing, { tone: 'muted', value: null }) : figure(g.throughput_tok_s, formatTokS, { title: sourcesWords(g.sources.slice(0, 3)) }),
        g.latency_ms === null ? (g.throughput_tok_s === null ? absent() : text('not measured', { tone: 'muted', value: null })) : figure(g.latency_ms, formatMs),
      ],
    };
  });
  return {
    id,
    caption: `History of ${title}: throughput at the SLO and SLO latency in each experiment`,
    columns: [
      { key: 'experiment', label: 'Experiment', numeric: false },
      { key: 'date', label: 'Date', numeric: false },
      { key: 'side', label: 'Side', numeric: false },
      { key: 'throughput_tok_s', label: 'Throughput at the SLO (tok/s)', numeric: true },
      { key: 'latency_ms', label: 'SLO latency (ms)', numeric: true },
    ],
    rows,
    csv: paths.file(paths.review(), `${id.replace(/^review-/, '')}.csv`),
  };
}
