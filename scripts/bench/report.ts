/**
 * The benchmark's results and their tables, as Markdown: printed to the terminal and written to
 * bench/RESULTS.md. Pure: results in, text out (the targets are judged here too).
 */
import type { DevRun } from './dev.ts';
import type { Notice, Pair, Stats } from './measure.ts';
import { CACHE_WORDS, type CacheKind } from './steps.ts';
import { shortName, type Hotspot, type ProfileSummary, type ThreadSummary } from './profile.ts';
import { RECORDS_TARGET_RATIO, type RecordsResult } from './records.ts';
import type { BuildPhases, RouteTimes } from './routes.ts';
import type { SiteBytes } from './site-bytes.ts';

/** Targets of the issue ("One model per concept… and a build that costs what its pages cost", item 7). */
export const TARGETS = {
  /** Site build / bare Astro build of as many pages, by size in groups. */
  buildRatio: new Map([[10, 3], [100, 4]]),
  /** Spawn of `npm run dev` on the sample data to `GET /` answering 200, ms. */
  devFirstPageMs: 3000,
} as const;

/** The machine and the run the numbers come from. */
export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
  os: string;
  /** 1-minute load average at the start and at the end: how busy the shared machine was. */
  loadStart: number;
  loadEnd: number;
  commit: string;
  command: string;
}

/** One size of the build comparison. */
export interface BuildResult {
  groups: number;
  /** Whether the timed builds found the render cache filled (rebuild) or empty (first). */
  cache: CacheKind;
  rows: number;
  inputBytes: number;
  /** HTML pages of the site build, and of the bare Astro build sized to match. */
  pages: number;
  barePages: number;
  /** Every file the site build wrote. */
  files: number | null;
  /** The site build (A) against the bare Astro build (B). */
  pair: Pair | null;
  /** From Astro's log of the last timed run of each. */
  routes: RouteTimes | null;
  phases: { site: BuildPhases; bare: BuildPhases; siteWallMs: number; bareWallMs: number } | null;
  /** 1-minute load average when the comparison started and ended: how busy the shared machine was. */
  load: [number, number];
  /** What the runs' logs showed that is not the build's own cost (a lock wait, Vite re-optimising), per run. */
  notices: Notice[];
  errors: string[];
}

/** One data folder served by `npm run dev`. */
export interface DevResult {
  label: string;
  /** GPU × workload groups, or null for the sample. */
  groups: number | null;
  /** The first start (after the builds: Vite may re-optimise its dependencies), kept apart from the timed ones. */
  warmup: DevRun | null;
  runs: DevRun[];
  firstPage: Stats | null;
  groupPage: Stats | null;
  groupRequest: Stats | null;
  errors: string[];
}

/** The built site of one size, weighed. */
export interface SiteResult {
  groups: number;
  bytes: SiteBytes;
}

/** The profiled build. */
export interface ProfileResult {
  groups: number;
  /** The render cache the profiled build found. */
  cache: CacheKind;
  command: string;
  wallMs: number;
  /** The median unprofiled build of the same size from the build step, when it ran. */
  unprofiledMs: number | null;
  summary: ProfileSummary;
  phases: BuildPhases;
}

/** Everything one benchmark run produced. */
export interface Results {
  machine: Machine;
  steps: string[];
  runs: number;
  devRuns: number;
  seed: number;
  rowsPerGroup: number;
  builds: BuildResult[];
  dev: DevResult[];
  sites: SiteResult[];
  profile: ProfileResult | null;
  /** The per-request records step (extension point, scripts/bench/records.ts). */
  records: RecordsResult | null;
  errors: string[];
  notes: string[];
}

/** A target and how the run fared against it. */
export interface Verdict {
  target: string;
  measured: string;
  pass: boolean | null;
}

const KB = 1024;
const MB = 1024 * 1024;

/** Seconds with two decimals, or milliseconds below one second. */
export function formatMs(ms: number | null): string {
  if (ms === null) return 'n/a';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** Bytes as B, KB or MB (binary multiples, as memory and file sizes are reported here). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'n/a';
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(2)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (bytes >= KB) return `${(bytes / KB).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** A whole number with grouping, e.g. 1,000,000. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `min / **median** / max` of a timing. */
function spread(s: Stats | null): string {
  return s ? `${formatMs(s.min)} / **${formatMs(s.median)}** / ${formatMs(s.max)}` : 'n/a';
}

function ratio(s: Stats): string {
  return `**${s.median.toFixed(2)}×** (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
}

const percent = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(0)}%` : '');

function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const rule = header.map((_, i) => ((align?.[i] ?? 'l') === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The targets, judged on this run's medians. */
export function verdicts(results: Results): Verdict[] {
  const out: Verdict[] = [];
  if (results.steps.includes('build')) {
    const kinds = [...new Set(results.builds.map((b) => b.cache))];
    for (const [groups, limit] of TARGETS.buildRatio) for (const kind of kinds.length ? kinds : (['rebuild'] as CacheKind[])) {
      const target = `site build ≤ ${limit}× a bare Astro build of as many pages, ${groups} groups, ${CACHE_WORDS[kind]}`;
      const r = results.builds.find((b) => b.groups === groups && b.cache === kind && b.pair);
      if (!r) {
        out.push({ target, measured: 'not run', pass: null });
        continue;
      }
      const p = r.pair!;
      out.push({
        target,
        measured: `${p.ratio.median.toFixed(2)}× (${formatMs(p.aTime.median)} vs ${formatMs(p.bTime.median)}, ${r.pages} pages; CPU time ${p.cpuRatio ? `${p.cpuRatio.median.toFixed(2)}×` : 'n/a'})`,
        pass: p.ratio.median <= limit,
      });
    }
  }
  if (results.steps.includes('dev')) {
    const sample = results.dev.find((d) => d.groups === null);
    const target = `\`npm run dev\` on the sample: spawn to \`GET /\` 200 ≤ ${formatMs(TARGETS.devFirstPageMs)}`;
    if (sample?.firstPage) {
      out.push({ target, measured: `${formatMs(sample.firstPage.median)} (median of ${sample.firstPage.n}; first start ${formatMs(sample.warmup?.firstPageMs ?? null)})`, pass: sample.firstPage.median <= TARGETS.devFirstPageMs });
    } else out.push({ target, measured: 'not run', pass: null });
  }
  if (results.sites.length) {
    const js = results.sites.reduce((n, s) => n + s.bytes.jsBytes, 0);
    const files = results.sites.reduce((n, s) => n + s.bytes.jsFiles, 0);
    const tags = results.sites.reduce((n, s) => n + s.bytes.scriptTags, 0);
    out.push({ target: 'client JavaScript shipped: 0', measured: `${files} script files (${formatBytes(js)}), ${tags} \`<script\` tags`, pass: js === 0 && files === 0 && tags === 0 });
  }
  if (results.steps.includes('records')) {
    const pair = results.records?.pair;
    out.push({
      target: `per-request records: analyze of ${formatCount(results.records?.records ?? 1_000_000)} records ≤ ${RECORDS_TARGET_RATIO}× a bare JSON.parse of the same files`,
      measured: pair ? `${ratio(pair.ratio)} (${formatMs(pair.aTime.median)} vs ${formatMs(pair.bTime.median)})` : 'not run',
      pass: results.records?.pass ?? null,
    });
  }
  return out;
}

function machineSection(r: Results): string {
  const m = r.machine;
  return [
    `Run on ${m.date} by \`${m.command}\` (commit ${m.commit}); steps: ${r.steps.join(', ')}.`,
    '',
    table(['machine', ''], [
      ['CPU', `${m.cpu} × ${m.cores}`],
      ['memory', formatBytes(m.memoryBytes)],
      ['OS', m.os],
      ['Node', m.node],
      ['load average (1 min) at start / end', `${m.loadStart.toFixed(2)} / ${m.loadEnd.toFixed(2)}`],
    ]),
    '',
    `Method: each comparison runs the site build (A) and the bare Astro build (B) once each as a warm-up (discarded), then ${r.runs} times interleaved A B A B …; ` +
      'times are wall-clock of the whole child process (Node start-up included) from the parent\'s clock, as min / **median** / max; ' +
      'the ratio is the median of the per-pair A/B ratios (range in brackets). The CPU time ratio (user + system, median of the pairs) is given beside it: ' +
      'on a shared machine it moves less with other people\'s load than wall time. Peak memory is the child\'s maximum resident set (GNU time `%M`). ' +
      `Inputs are synthetic capacity CSVs from a seeded generator (mulberry32, seed ${r.seed}), ${r.rowsPerGroup} rows per GPU × workload group.`,
  ].join('\n');
}

function verdictSection(list: Verdict[]): string {
  if (!list.length) return 'No target is judged by the steps of this run.';
  return table(
    ['target', 'measured (medians)', 'verdict'],
    list.map((v) => [v.target, v.measured, v.pass === null ? 'NOT MEASURED' : v.pass ? 'PASS' : '**FAIL**']),
  );
}

function buildSection(results: BuildResult[]): string {
  const out: string[] = [];
  const done = results.filter((r) => r.pair);
  if (done.length) {
    out.push(table(
      ['groups', 'render cache', 'rows', 'HTML pages (site / bare)', 'all files (site)', 'site build (min / median / max)', 'bare Astro build', 'site / bare', 'target', 'CPU time ratio (medians)', 'site peak RSS (median / max)', 'bare peak RSS', 'load start → end'],
      done.map((r) => {
        const p = r.pair!;
        const limit = TARGETS.buildRatio.get(r.groups);
        return [
          String(r.groups), r.cache === 'first' ? 'empty (first build)' : 'filled (rebuild)', formatCount(r.rows), `${r.pages} / ${r.barePages}`, r.files === null ? 'n/a' : formatCount(r.files),
          spread(p.aTime), spread(p.bTime), ratio(p.ratio), limit ? `≤ ${limit}×` : '—', p.cpuRatio ? `${p.cpuRatio.median.toFixed(2)}× (${formatMs(p.aCpu!.median)} vs ${formatMs(p.bCpu!.median)})` : 'n/a',
          p.aRss ? `${formatBytes(p.aRss.median)} / ${formatBytes(p.aRss.max)}` : 'n/a', p.bRss ? formatBytes(p.bRss.median) : 'n/a',
          `${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}`,
        ];
      }),
      ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ), '');
    const rebuilds = done.filter((r) => r.cache === 'rebuild');
    if (rebuilds.length > 1) {
      const [first, last] = [rebuilds[0]!, rebuilds[rebuilds.length - 1]!];
      const marginal = (a: number, b: number) => (b - a) / (last.pages - first.pages);
      out.push(`Marginal cost per HTML page between ${first.groups} and ${last.groups} groups (median times, rebuilds): site ${marginal(first.pair!.aTime.median, last.pair!.aTime.median).toFixed(1)} ms, ` +
        `bare ${marginal(first.pair!.bTime.median, last.pair!.bTime.median).toFixed(1)} ms; fixed cost (the line through both sizes, at 0 pages): site ${formatMs(first.pair!.aTime.median - first.pages * marginal(first.pair!.aTime.median, last.pair!.aTime.median))}, ` +
        `bare ${formatMs(first.pair!.bTime.median - first.pages * marginal(first.pair!.bTime.median, last.pair!.bTime.median))}.`, '');
    }
  }
  for (const r of results) for (const e of r.errors) out.push(`- ${r.groups} groups, ${r.cache}: ${e}`);
  const noticed = results.filter((r) => r.notices.length);
  if (noticed.length) {
    out.push('', 'Noticed in the logs:', '');
    for (const r of noticed) {
      const byText = new Map<string, string[]>();
      for (const n of r.notices) byText.set(`${n.label}: ${n.text}`, [...(byText.get(`${n.label}: ${n.text}`) ?? []), n.run]);
      for (const [text, runs] of byText) out.push(`- ${r.groups} groups (${r.cache}), ${text} (${runs.join(', ')})`);
    }
    out.push('');
  }
  return out.join('\n');
}

const PHASES: [keyof BuildPhases | 'outside', string][] = [
  ['outside', "outside Astro's build(): Node start-up, importing Astro, the command's checks, the swap"],
  ['collectMs', 'config, content sync (loader: read + analyse the data, data store), types'],
  ['bundleMs', 'bundling (Vite / Rolldown)'],
  ['routesMs', 'generating the routes (getStaticPaths, rendering, writing)'],
  ['restMs', 'rest of the static build'],
  ['afterMs', "after the routes (integrations' astro:build:done: our print document)"],
];

function phaseValue(phases: BuildPhases, wallMs: number, key: keyof BuildPhases | 'outside'): number | null {
  if (key === 'outside') return phases.astroMs === null ? null : Math.max(0, wallMs - phases.astroMs);
  return phases[key];
}

function phasesSection(results: BuildResult[]): string {
  const timed = results.filter((r) => r.phases);
  if (!timed.length) return '';
  const header = ['phase', ...timed.flatMap((r) => [`site, ${r.groups} groups, ${r.cache === 'first' ? 'first build' : 'rebuild'}`, `bare, ${r.pages} pages`])];
  const rows = PHASES.map(([key, label]) => [label, ...timed.flatMap((r) => {
    const p = r.phases!;
    return [formatMs(phaseValue(p.site, p.siteWallMs, key)), formatMs(phaseValue(p.bare, p.bareWallMs, key))];
  })]);
  rows.push(['**wall time of that run**', ...timed.flatMap((r) => [`**${formatMs(r.phases!.siteWallMs)}**`, `**${formatMs(r.phases!.bareWallMs)}**`])]);
  return [
    "From Astro's own log of the last timed run of each (the durations it prints after each phase; \"outside\" is the wall time minus Astro's \"N page(s) built in\").",
    '',
    table(header, rows, ['l', ...timed.flatMap(() => ['r', 'r'] as ('l' | 'r')[])]),
    '',
  ].join('\n');
}

function routesSection(results: BuildResult[]): string {
  const out: string[] = [];
  for (const r of results.filter((x) => x.routes && x.routes.kinds.length)) {
    const t = r.routes!;
    out.push(`${r.groups} groups, ${r.cache === 'first' ? 'first build' : 'rebuild'} (render time per generated route as Astro logs it, summed by kind; ${formatMs(t.totalMs)} in all):`, '');
    out.push(table(['route kind', 'routes', 'time', 'per route', 'share of route time'],
      t.kinds.map((k) => [k.kind, formatCount(k.routes), formatMs(k.ms), `${(k.ms / k.routes).toFixed(1)} ms`, percent(k.ms, t.totalMs)]), ['l', 'r', 'r', 'r', 'r']));
    out.push('', `Slowest routes: ${t.slowest.map((x) => `\`${x.route}\` ${formatMs(x.ms)}`).join(', ')}.`, '');
  }
  return out.join('\n');
}

/** Rows of a hotspot table; `code` sets function names in backticks (a V8 pseudo-frame such as `(idle)` stays plain). */
const hot = (list: Hotspot[], total: number, n: number, code: boolean) =>
  list.slice(0, n).map((h) => [formatMs(h.ms), percent(h.ms, total), code && !h.where.startsWith('(') ? `\`${h.where}\`` : h.where]);

function workersLine(workers: ThreadSummary[]): string {
  if (!workers.length) return 'No worker thread wrote a profile.';
  return `${workers.length} worker thread${workers.length === 1 ? '' : 's'} (the PNG rasterisers): ${workers.map((w) => `${formatMs(w.busyMs)} busy of ${formatMs(w.wallMs)}`).join(', ')}.`;
}

function profileSection(p: ProfileResult): string {
  const s = p.summary;
  const overhead = p.unprofiledMs ? ` (the unprofiled median at this size: ${formatMs(p.unprofiledMs)}; the profiler slows JavaScript more than native code, so read shares, not times)` : '';
  return [
    `\`${p.command}\`: ${formatMs(p.wallMs)} wall under the profiler${overhead}.`,
    '',
    `**CPU time by group, every thread** (samples that were not idle: ${formatMs(s.cpuMs)}). ${workersLine(s.workers)}`,
    '',
    table(['CPU time', 'share', 'group'], hot(s.cpuGroups, s.cpuMs, 16, false), ['r', 'r', 'l']),
    '',
    `**Main thread by group** (${formatMs(s.main.totalMs)} of samples, ${formatMs(s.main.busyMs)} busy; idle is the main thread waiting, on the PNG workers or on I/O):`,
    '',
    table(['self time', 'share', 'group'], hot(s.main.groups, s.main.totalMs, 16, false), ['r', 'r', 'l']),
    '',
    'How a sample is grouped: by the innermost frame on its stack that belongs to a group (V8 builtins, Node internals and htmlparser2 pass it to their caller); ' +
      "frames of Astro's bundled chunks are traced back to the src/ module that declares a function of that name (scripts/bench/profile.ts).",
    '',
    `**What ran when** (main thread, in slices of ${formatMs(s.main.sliceMs)} from the start of the profile, the three largest groups of each by share of the slice):`,
    '',
    table(['from', 'largest groups'], s.main.timeline.map((slice) => [formatMs(slice.startMs), slice.groups.map((g) => `${shortName(g.where)} ${percent(g.ms, s.main.sliceMs)}`).join('; ')]), ['r', 'l']),
    '',
    '**Top functions by self time (main thread):**',
    '',
    table(['self time', 'share', 'function (file:line)'], hot(s.main.functions, s.main.totalMs, 15, true), ['r', 'r', 'l']),
    '',
    "**The project's own functions by inclusive time** (callees included; main thread):",
    '',
    table(['inclusive time', 'share', 'function (file)'], hot(s.main.project, s.main.totalMs, 15, true), ['r', 'r', 'l']),
    '',
  ].join('\n');
}

function devSection(results: DevResult[]): string {
  const out: string[] = [];
  const done = results.filter((d) => d.firstPage);
  if (done.length) {
    out.push(table(
      ['data folder', 'first start: `GET /` 200', '`GET /` 200 after spawn (min / median / max)', 'target', 'first GPU × workload page after spawn', 'that request alone', 'Astro "ready in"', 'server peak RSS'],
      done.map((d) => [
        d.label,
        formatMs(d.warmup?.firstPageMs ?? null),
        spread(d.firstPage),
        d.groups === null ? `≤ ${formatMs(TARGETS.devFirstPageMs)}` : '—',
        spread(d.groupPage),
        d.groupRequest ? formatMs(d.groupRequest.median) : 'n/a',
        formatMs(median(d.runs.map((r) => r.readyMs).filter((v): v is number => v !== null))),
        formatBytes(median(d.runs.map((r) => r.rssBytes).filter((v): v is number => v !== null))),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ), '');
    const pages = [...new Set(done.flatMap((d) => d.runs.map((r) => r.groupPage)).filter(Boolean))];
    out.push(`Pages asked for: \`/\`, then ${pages.map((p) => `\`${p}\``).join(', ') || 'none'} (the first GPU × workload page the overview links to). ` +
      'The first start is kept apart: after a build, Vite may re-optimise its dependencies on it.', '');
  }
  for (const d of results) {
    const optimised = d.runs.filter((r) => r.notices.some((n) => n.startsWith('Vite'))).length;
    const first = d.warmup?.notices.some((n) => n.startsWith('Vite'));
    if (optimised || first) out.push(`- ${d.label}: Vite optimised its dependencies on ${first ? 'the first start' : ''}${first && optimised ? ' and on ' : ''}${optimised ? `${optimised} of ${d.runs.length} timed starts` : ''} (its cache, node_modules/.vite, had last been written by another configuration).`);
    for (const e of d.errors) out.push(`- ${d.label}: ${e}`);
  }
  if (out[out.length - 1] !== '') out.push('');
  return out.join('\n');
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function recordsSection(r: RecordsResult): string {
  const out: string[] = [];
  const p = r.pair;
  if (p) {
    out.push(table(
      ['records', 'files', 'input (all / largest file)', 'analyze (min / median / max)', 'JSON.parse', 'analyze / JSON.parse', 'target', 'CPU time ratio', 'analyze peak RSS (median / max)', 'JSON.parse peak RSS'],
      [[
        formatCount(r.records), String(r.files), `${formatBytes(r.inputBytes)} / ${formatBytes(r.largestBytes)}`, spread(p.aTime), spread(p.bTime), ratio(p.ratio), `≤ ${RECORDS_TARGET_RATIO}×`,
        p.cpuRatio ? `${p.cpuRatio.median.toFixed(2)}×` : 'n/a', p.aRss ? `${formatBytes(p.aRss.median)} / ${formatBytes(p.aRss.max)}` : 'n/a', p.bRss ? formatBytes(p.bRss.median) : 'n/a',
      ]],
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ), '');
    if (r.capped) out.push(`Memory: analyze run once more with V8's old space capped at ${r.capped.heapMb} MB (the input is ${formatBytes(r.inputBytes)}, its largest file ${formatBytes(r.largestBytes)}): ${r.capped.ok ? `finished (peak RSS ${formatBytes(r.capped.rssBytes)})` : '**failed**'}. Peak RSS without a cap holds garbage V8 has not collected yet; the cap shows what analyze needs, one file at a time.`, '');
    out.push('Inputs: `vllm bench serve --save-detailed` result files from a seeded generator (scripts/bench/records-data.ts), one run each with its per-request arrays, judged against a joint SLO. analyze is `scripts/start.mjs analyze --format json` (Node start-up, the report and its JSON included); the floor reads and `JSON.parse`s each file and nothing else.', '');
  }
  for (const e of r.errors) out.push(`- ${e}`);
  return out.join('\n');
}

function memorySection(r: Results): string {
  const rows: string[][] = [];
  for (const b of r.builds.filter((x) => x.pair)) {
    rows.push([`site build, ${b.groups} groups, ${b.cache === 'first' ? 'first build' : 'rebuild'}`, b.pair!.aRss ? formatBytes(b.pair!.aRss.median) : 'n/a', b.pair!.aRss ? formatBytes(b.pair!.aRss.max) : 'n/a']);
    rows.push([`bare Astro build, ${b.barePages} pages`, b.pair!.bRss ? formatBytes(b.pair!.bRss.median) : 'n/a', b.pair!.bRss ? formatBytes(b.pair!.bRss.max) : 'n/a']);
  }
  for (const d of r.dev.filter((x) => x.runs.length)) {
    const rss = d.runs.map((x) => x.rssBytes).filter((v): v is number => v !== null);
    rows.push([`dev server after its first pages, ${d.label}`, formatBytes(median(rss)), formatBytes(rss.length ? Math.max(...rss) : null)]);
  }
  if (!rows.length) return '';
  return [
    table(['process', 'peak RSS, median', 'max'], rows, ['l', 'r', 'r']),
    '',
    'Builds: GNU time `%M` of the child (the build\'s worker threads are in its process). Dev server: `VmHWM` of the server process from /proc after the pages were served.',
    '',
  ].join('\n');
}

function bytesSection(sites: SiteResult[]): string {
  const out: string[] = [];
  for (const { groups, bytes: s } of sites) {
    out.push(`### ${groups} groups: ${formatCount(s.htmlPages)} HTML pages, ${formatCount(s.files)} files, ${formatBytes(s.totalBytes)}`, '');
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

/** The tables of a run, as printed and as written (without the hand-written analysis). */
export function renderTables(results: Results, judged: Verdict[] = verdicts(results)): string {
  const sections: string[] = ['## Targets', '', verdictSection(judged), ''];
  if (results.errors.length) sections.push('Problems in this run:', '', ...results.errors.map((e) => `- ${e}`), '');
  if (results.builds.length) sections.push('## Site build vs a bare Astro build of as many pages', '', buildSection(results.builds));
  if (results.builds.some((b) => b.phases) || results.profile) {
    sections.push("## Where the build's time goes", '');
    if (results.builds.some((b) => b.phases)) sections.push('### Phases', '', phasesSection(results.builds), '### Routes', '', routesSection(results.builds));
    if (results.profile) sections.push(`### Profile at ${results.profile.groups} groups, ${results.profile.cache === 'first' ? 'first build' : 'rebuild'} (\`node --cpu-prof\`)`, '', profileSection(results.profile));
  }
  if (results.dev.length) sections.push('## First page of `npm run dev`', '', devSection(results.dev));
  if (results.records) sections.push('## Per-request records: analyze vs a bare JSON.parse', '', recordsSection(results.records));
  const memory = memorySection(results);
  if (memory) sections.push('## Peak memory', '', memory);
  if (results.sites.length) sections.push('## Page weight and client JavaScript', '', bytesSection(results.sites));
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
    machineSection(results),
    '',
    renderTables(results),
    '## Analysis',
    '',
    ANALYSIS_BEGIN,
    '',
    analysis ?? '_No hand-written analysis yet: read the targets, the phases, the profile and the notes above._',
    '',
    ANALYSIS_END,
    '',
  ].join('\n');
}
