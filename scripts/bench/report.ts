/**
 * The benchmark's tables, as Markdown: printed to the terminal and written to bench/RESULTS.md.
 * Pure: results in, text out.
 */
import type { Pair, Stats } from './measure.ts';
import type { ProfileSummary } from './profile.ts';
import type { RouteTimes } from './routes.ts';
import type { SiteBytes } from './site-bytes.ts';

/** The machine and the run the numbers come from. */
export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
  python: string | null;
  os: string;
  /** 1-minute load average at the start and at the end: how busy the shared machine was. */
  loadStart: number;
  loadEnd: number;
  commit: string;
  command: string;
}

/** One size of the analyze comparisons. */
export interface AnalyzeResult {
  rows: number;
  /** The fixed-cost size (one small file): start-up, not throughput; left out of targets and growth. */
  startup: boolean;
  groups: number;
  files: number;
  capacityBytes: number;
  seedBytes: number;
  oomRows: number;
  unstableRows: number;
  /** analyze (A) against a bare papaparse parse (B) of the same capacity CSVs. */
  vsParse: Pair | null;
  /** analyze (A) against the seed's Python script (B) on the same files in the seed's shape. */
  vsSeed: Pair | null;
  /** Why a comparison did not run, when one did not. */
  errors: string[];
}

/** One size of the build comparison. */
export interface BuildResult {
  groups: number;
  rows: number;
  /** HTML pages of the site build, and of the bare Astro build sized to match. */
  pages: number;
  barePages: number;
  /** The site build (A) against the bare Astro build (B). */
  pair: Pair | null;
  site: SiteBytes | null;
  /** Astro's per-route render times of the last timed site build, and that build's wall time. */
  routes: (RouteTimes & { wallMs: number }) | null;
  errors: string[];
}

/** A profile taken of one run, summarised. */
export interface ProfileResult {
  title: string;
  command: string;
  wallMs: number;
  summary: ProfileSummary;
}

/** A target of the issue and how the run fared against it. */
export interface Verdict {
  target: string;
  measured: string;
  pass: boolean | null;
  /** Why it fails (or why it was not measured), with the numbers. */
  why?: string;
}

/** Everything one benchmark run produced. */
export interface Results {
  machine: Machine;
  runs: number;
  /** Timed runs of the site comparisons. */
  buildRuns: number;
  seed: number;
  analyze: AnalyzeResult[];
  builds: BuildResult[];
  profiles: ProfileResult[];
  verdicts: Verdict[];
  notes: string[];
}

const KB = 1024;
const MB = 1024 * 1024;

/** Seconds with two decimals, or milliseconds below one second. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** `min / median / max` of a timing. */
function spread(s: Stats): string {
  return `${formatMs(s.min)} / **${formatMs(s.median)}** / ${formatMs(s.max)}`;
}

/** Bytes as B, KB or MB (binary multiples, as memory and file sizes are reported here). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'n/a';
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(2)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (bytes >= KB) return `${(bytes / KB).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** A whole number with thin grouping, e.g. 1,000,000. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function ratio(s: Stats): string {
  return `**${s.median.toFixed(2)}×** (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
}

function cpuRatio(p: Pair): string {
  return p.cpuRatio ? `${p.cpuRatio.median.toFixed(2)}×` : 'n/a';
}

function cpuSpeedup(p: Pair): string {
  return p.cpuRatio ? `${(1 / p.cpuRatio.median).toFixed(2)}×` : 'n/a';
}

function speedup(s: Stats): string {
  // A/B ratios inverted: B/A, so the fastest pair gives the highest speed-up.
  return `**${(1 / s.median).toFixed(2)}×** (${(1 / s.max).toFixed(2)}–${(1 / s.min).toFixed(2)})`;
}

function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const rule = header.map((_, i) => ((align?.[i] ?? 'l') === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function perUnit(ms: number, units: number, unit: 'row' | 'page'): string {
  return unit === 'row' ? `${((ms * 1000) / units).toFixed(2)} µs/row` : `${(ms / units).toFixed(1)} ms/page`;
}

/** Marginal cost between consecutive sizes: (T₂ − T₁) / (n₂ − n₁), free of fixed start-up cost. */
export function marginal(points: { n: number; ms: number }[]): (number | null)[] {
  return points.map((p, i) => (i === 0 ? null : (p.ms - points[i - 1]!.ms) / (p.n - points[i - 1]!.n)));
}

function machineSection(m: Machine, runs: number, buildRuns: number, seed: number): string {
  return [
    `Run on ${m.date} by \`${m.command}\` (commit ${m.commit}).`,
    '',
    table(['machine', ''], [
      ['CPU', `${m.cpu} × ${m.cores}`],
      ['memory', formatBytes(m.memoryBytes)],
      ['OS', m.os],
      ['Node', m.node],
      ['Python', m.python ?? 'not found'],
      ['load average (1 min) at start / end', `${m.loadStart.toFixed(2)} / ${m.loadEnd.toFixed(2)}`],
    ]),
    '',
    `Method: every comparison runs A and B once each as a warm-up (discarded), then ${runs} times interleaved A B A B …${buildRuns !== runs ? ` (the site builds ${buildRuns} times)` : ''}; ` +
      'times are wall-clock of the whole child process (start-up included) as min / **median** / max; ratios are the median of the ' +
      `per-pair A/B ratios (range in brackets); the CPU time ratio (user + system, median of the pairs) is given beside it because it is less sensitive to other load on a shared machine. Peak memory is the child's maximum resident set (GNU time \`%M\`), the highest over all its runs. ` +
      `Inputs are synthetic sweeps from a seeded generator (mulberry32, seed ${seed}): A and B read the very same files.`,
  ].join('\n');
}

function rowsLabel(r: AnalyzeResult): string {
  return r.startup ? `${formatCount(r.rows)} (start-up)` : formatCount(r.rows);
}

function analyzeSection(results: AnalyzeResult[]): string {
  const out: string[] = [];
  const parse = results.filter((r) => r.vsParse);
  if (parse.length) {
    out.push('### `npm run analyze` vs a bare streaming papaparse parse (same capacity CSVs)', '');
    out.push(table(
      ['rows', 'groups / files', 'input', 'analyze (min / median / max)', 'bare parse', 'analyze / parse', 'CPU time ratio', 'analyze peak RSS', 'parse peak RSS'],
      parse.map((r) => {
        const p = r.vsParse!;
        return [rowsLabel(r), `${r.groups} / ${r.files}`, formatBytes(r.capacityBytes), spread(p.aTime), spread(p.bTime), ratio(p.ratio), cpuRatio(p), formatBytes(p.aPeakRss), formatBytes(p.bPeakRss)];
      }),
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ));
    out.push('');
  }
  const seed = results.filter((r) => r.vsSeed);
  if (seed.length) {
    out.push("### `npm run analyze` vs the seed's `analyze_capacity.py` (same files in the seed's shape)", '');
    out.push(table(
      ['rows', 'files', 'input', 'analyze', 'seed script (python3)', 'speed-up (seed / analyze)', 'CPU time speed-up', 'bare parse, same files', 'bare parse speed-up (seed / bare parse)', 'analyze peak RSS', 'seed peak RSS'],
      seed.map((r) => {
        const p = r.vsSeed!;
        return [rowsLabel(r), String(r.files), formatBytes(r.seedBytes), spread(p.aTime), spread(p.bTime), speedup(p.ratio), cpuSpeedup(p),
          p.c ? spread(p.c.time) : 'n/a', p.c ? speedup(p.c.overB) : 'n/a', formatBytes(p.aPeakRss), formatBytes(p.bPeakRss)];
      }),
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ));
    out.push('', 'The bare parse speed-up is how much faster than the seed script a bare streaming papaparse parse of the same seed-shaped files is, run in the same rotation (A B C A B C …): the most an analyze that reads every row through papaparse could reach. analyze reads plain comma files (no quotes, LF line ends: these are) with its own scanner, checked against papaparse (tests/unit/readers/capacity-csv-plain.test.ts), so it can go past that.', '');
  }
  for (const r of results) for (const e of r.errors) out.push(`- ${formatCount(r.rows)} rows: ${e}`);
  return out.join('\n');
}

function buildSection(results: BuildResult[]): string {
  const out: string[] = [];
  const done = results.filter((r) => r.pair);
  if (done.length) {
    out.push('### Site build (`npm run build`) vs a bare Astro build of as many pages', '');
    out.push(table(
      ['groups', 'rows', 'HTML pages (site / bare)', 'all files (site)', 'site build', 'bare Astro build', 'site / bare', 'CPU time ratio', 'site peak RSS', 'bare peak RSS'],
      done.map((r) => {
        const p = r.pair!;
        return [String(r.groups), formatCount(r.rows), `${r.pages} / ${r.barePages}`, r.site ? formatCount(r.site.files) : 'n/a', spread(p.aTime), spread(p.bTime), ratio(p.ratio), cpuRatio(p), formatBytes(p.aPeakRss), formatBytes(p.bPeakRss)];
      }),
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ));
    out.push('');
  }
  for (const r of results) for (const e of r.errors) out.push(`- ${r.groups} groups: ${e}`);
  const timed = results.filter((r) => r.routes);
  if (timed.length) {
    out.push('', "### Where the site build's time goes", '');
    out.push("From Astro's own log of the last timed build (`├─ /route (+N ms)` per generated route), summed per kind of route; " +
      'the rest of the wall time is start-up, the content sync (reading and analysing the data, schema validation), bundling and every getStaticPaths.', '');
    for (const r of timed) {
      const t = r.routes!;
      const rows = t.kinds.map((k) => [k.kind, formatCount(k.routes), formatMs(k.ms), `${(k.ms / k.routes).toFixed(1)} ms`, `${((k.ms / t.wallMs) * 100).toFixed(0)}%`]);
      rows.push(['everything else', '', formatMs(Math.max(0, t.wallMs - t.totalMs)), '', `${(Math.max(0, (t.wallMs - t.totalMs) / t.wallMs) * 100).toFixed(0)}%`]);
      out.push(`${r.groups} groups, ${formatMs(t.wallMs)} wall:`, '');
      out.push(table(['route kind', 'routes', 'render time', 'per route', 'share of wall'], rows, ['l', 'r', 'r', 'r', 'r']));
      out.push('', `Slowest routes: ${t.slowest.map((x) => `\`${x.route}\` ${formatMs(x.ms)}`).join(', ')}.`, '');
    }
  }
  return out.join('\n');
}

function growthSection(analyze: AnalyzeResult[], builds: BuildResult[]): string {
  const out: string[] = ['Per-unit cost is the median time over the size; the marginal cost, (T₂ − T₁) / (n₂ − n₁) between consecutive sizes, leaves the fixed start-up cost out: flat marginal costs mean linear growth.', ''];
  const parse = analyze.filter((r) => r.vsParse && !r.startup);
  if (parse.length) {
    const a = marginal(parse.map((r) => ({ n: r.rows, ms: r.vsParse!.aTime.median })));
    const b = marginal(parse.map((r) => ({ n: r.rows, ms: r.vsParse!.bTime.median })));
    const seedRows = analyze.filter((r) => r.vsSeed && !r.startup);
    const s = marginal(seedRows.map((r) => ({ n: r.rows, ms: r.vsSeed!.bTime.median })));
    out.push(table(
      ['rows', 'analyze', 'analyze, marginal', 'bare parse', 'parse, marginal', 'seed script', 'seed, marginal'],
      parse.map((r, i) => {
        const seedIndex = seedRows.indexOf(r);
        return [
          formatCount(r.rows),
          perUnit(r.vsParse!.aTime.median, r.rows, 'row'),
          a[i] === null ? '' : `${(a[i]! * 1000).toFixed(2)} µs/row`,
          perUnit(r.vsParse!.bTime.median, r.rows, 'row'),
          b[i] === null ? '' : `${(b[i]! * 1000).toFixed(2)} µs/row`,
          r.vsSeed ? perUnit(r.vsSeed.bTime.median, r.rows, 'row') : 'n/a',
          seedIndex > 0 && s[seedIndex] !== null ? `${(s[seedIndex]! * 1000).toFixed(2)} µs/row` : '',
        ];
      }),
      ['r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ));
    out.push('');
  }
  const done = builds.filter((r) => r.pair);
  if (done.length) {
    const a = marginal(done.map((r) => ({ n: r.pages, ms: r.pair!.aTime.median })));
    const b = marginal(done.map((r) => ({ n: r.barePages, ms: r.pair!.bTime.median })));
    out.push(table(
      ['groups', 'HTML pages', 'site build', 'site, marginal', 'bare Astro', 'bare, marginal'],
      done.map((r, i) => [
        String(r.groups),
        String(r.pages),
        perUnit(r.pair!.aTime.median, r.pages, 'page'),
        a[i] === null ? '' : `${a[i]!.toFixed(1)} ms/page`,
        perUnit(r.pair!.bTime.median, r.barePages, 'page'),
        b[i] === null ? '' : `${b[i]!.toFixed(1)} ms/page`,
      ]),
      ['r', 'r', 'r', 'r', 'r', 'r'],
    ));
    out.push('');
  }
  return out.join('\n');
}

function bytesSection(builds: BuildResult[]): string {
  const out: string[] = [];
  for (const r of builds) {
    if (!r.site) continue;
    const s = r.site;
    out.push(`### ${r.groups} groups: ${formatCount(s.htmlPages)} HTML pages, ${formatCount(s.files)} files, ${formatBytes(s.totalBytes)}`, '');
    out.push(table(
      ['page type', 'pages', 'raw median', 'raw max', 'gzip median', 'gzip max', 'largest page (inline SVGs)'],
      s.pageTypes.map((t) => [t.type, String(t.pages), formatBytes(t.rawMedian), formatBytes(t.rawMax), formatBytes(t.gzipMedian), formatBytes(t.gzipMax), `\`${t.largest}\` (${t.svgs})`]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ));
    out.push('');
    out.push(`Files by type: ${s.byExtension.map((e) => `${e.ext} ${formatCount(e.files)} (${formatBytes(e.bytes)})`).join(', ')}.`);
    out.push(`Client JavaScript: ${s.jsFiles} script file${s.jsFiles === 1 ? '' : 's'} (${formatBytes(s.jsBytes)}), ${s.scriptTags} \`<script\` tag${s.scriptTags === 1 ? '' : 's'} in the HTML.`, '');
  }
  return out.join('\n');
}

function profileSection(profiles: ProfileResult[]): string {
  const out: string[] = [];
  for (const p of profiles) {
    out.push(`### ${p.title}`, '');
    out.push(`\`${p.command}\`: ${formatMs(p.wallMs)} wall under the profiler, ${formatMs(p.summary.totalMs)} of samples. ` +
      'Lines are 1-based; `[astro chunk]` frames are Astro\'s bundle of src/ modules (the chunk is named after the module).', '');
    out.push(table(['self time', 'share', 'function (file:line)'], p.summary.functions.map((h) => [formatMs(h.ms), `${(h.share * 100).toFixed(1)}%`, `\`${h.where}\``]), ['r', 'r', 'l']));
    out.push('');
    out.push(table(['self time', 'share', 'file'], p.summary.files.slice(0, 10).map((h) => [formatMs(h.ms), `${(h.share * 100).toFixed(1)}%`, `\`${h.where}\``]), ['r', 'r', 'l']));
    out.push('');
    out.push("The project's own functions by inclusive time (callees included):", '');
    out.push(table(['inclusive time', 'share', 'function (file:line)'], p.summary.project.map((h) => [formatMs(h.ms), `${(h.share * 100).toFixed(1)}%`, `\`${h.where}\``]), ['r', 'r', 'l']));
    out.push('');
  }
  return out.join('\n');
}

function verdictSection(verdicts: Verdict[]): string {
  const out = [table(
    ['target', 'measured', 'verdict'],
    verdicts.map((v) => [v.target, v.measured, v.pass === null ? 'NOT MEASURED' : v.pass ? 'PASS' : '**FAIL**']),
    ['l', 'l', 'l'],
  )];
  const why = verdicts.filter((v) => v.why);
  if (why.length) {
    out.push('', 'Why, from this run\'s measurements:', '');
    for (const v of why) out.push(`- **${v.target}**: ${v.why}`);
  }
  return out.join('\n');
}

/** The tables of a run, as printed and as written (without the hand-written analysis). */
export function renderTables(results: Results): string {
  const sections: string[] = [
    '## Targets',
    '',
    verdictSection(results.verdicts),
    '',
    '## Reading and analysis',
    '',
    analyzeSection(results.analyze),
    '## Site build',
    '',
    buildSection(results.builds),
    '## Cost growth',
    '',
    growthSection(results.analyze, results.builds),
    '## Bytes per page type and client JavaScript',
    '',
    bytesSection(results.builds),
  ];
  if (results.profiles.length) sections.push('## Hotspots (`node --cpu-prof`, self time)', '', profileSection(results.profiles));
  if (results.notes.length) sections.push('## Notes', '', ...results.notes.map((n) => `- ${n}`), '');
  return sections.join('\n');
}

/** Markers around the hand-written analysis, which a new run keeps. */
export const ANALYSIS_BEGIN = '<!-- analysis:begin (written by hand; `npm run bench` keeps this section) -->';
export const ANALYSIS_END = '<!-- analysis:end -->';

/** The hand-written analysis of an earlier RESULTS.md, or null. */
export function keptAnalysis(previous: string | null): string | null {
  if (!previous) return null;
  const start = previous.indexOf(ANALYSIS_BEGIN);
  const end = previous.indexOf(ANALYSIS_END);
  if (start === -1 || end === -1 || end < start) return null;
  return previous.slice(start + ANALYSIS_BEGIN.length, end).trim();
}

/** The whole RESULTS.md. */
export function renderResults(results: Results, analysis: string | null): string {
  return [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (scripts/bench.ts); see bench/README.md for what is measured and how. ' +
      'Absolute times depend on the machine and on what else runs on it; the ratios are measured side by side in the same run.',
    '',
    machineSection(results.machine, results.runs, results.buildRuns, results.seed),
    '',
    renderTables(results),
    '## Analysis',
    '',
    ANALYSIS_BEGIN,
    '',
    analysis ?? '_No hand-written analysis yet: read the targets, the hotspots and the notes above._',
    '',
    ANALYSIS_END,
    '',
  ].join('\n');
}
