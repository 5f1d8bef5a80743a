/**
 * `npm run analyze -- [--data DIR] [--format md|json] [--out FILE] [--strict] [--gaps]
 *   [--baseline OLD|SETTING=VALUE [--candidate SETTING=VALUE] [--fail-on-regression PCT]]`
 * Reads a folder of benchmark results and prints (or writes) the Capacity Frontier report, or
 * with `--gaps` the list of figures the data cannot give and what fills each; with a baseline, the
 * report gains a review, and the gate fails on a regression.
 * Exit codes: 0 fine, 1 invalid data (or a gap under --strict), 2 wrong usage, 3 a regression
 * beyond --fail-on-regression.
 */
import { formatGap } from '../core/analysis/gaps.ts';
import { gateRegressions } from '../core/analysis/review.ts';
import { change } from '../core/phrases.ts';
import { renderMarkdown } from '../core/markdown.ts';
import { writeFileAtomic } from '../core/output.ts';
import { regressionLines, reviewJson, reviewMarkdown } from '../core/review-output.ts';
import { toJson } from '../core/summary.ts';
import { oneOf, parseCommandLine, usageError, type Parsed, baselineOption } from './args.ts';
import { gapList } from './analyze/gap-list.ts';
import type { Command } from './command.ts';
import { checkDataFolder } from './data-folder.ts';
import type { Effects } from './effects.ts';
import { loadWithReview, type Loaded } from './review-sides.ts';
import { engineerNotes } from '../core/analysis/notes.ts';
import type { ReadThreads } from '../core/read-threads.ts';

/** The usage `--help` prints. */
export const USAGE = `Usage: npm run analyze -- [--data DIR] [--format md|json] [--out FILE] [--strict] [--gaps]
         [--baseline OLD|SETTING=VALUE] [--candidate SETTING=VALUE] [--fail-on-regression PCT]

  --data DIR      folder of benchmark results (default: data)
  --format FMT    md (the Capacity Frontier report, default) or json
  --out FILE      write to FILE instead of standard output
  --strict        fail (exit 1) when any figure is not measured
  --gaps          print the figures that are not measured, one line each, grouped by
                  GPU × workload, with what fills each (exit 0; with --strict, exit 1 if any)
  --baseline OLD  review DIR (the candidate) against the folder OLD, read with its own config
                  (DIR's config wins for SLOs and labels); or SETTING=VALUE: within DIR, the runs
                  with that setting against those with its other value
  --candidate SETTING=VALUE
                  names the candidate's value when the setting takes several
  --fail-on-regression PCT
                  exit 3 when the throughput at the SLO of any GPU × workload fell by more than
                  PCT % (or its recommendation disappeared) and the change is not within noise,
                  listing each regression on standard error
`;

/** What analyze reads and what it prints. */
export interface AnalyzeOptions {
  /** The data folder, as the user named it. */
  data: string;
  format: 'md' | 'json';
  /** The file to write instead of the output; undefined for the output. */
  out?: string | undefined;
  strict: boolean;
  /** Print the to-do list of gaps instead of the report. */
  gaps: boolean;
  /** `--baseline`: a folder or `SETTING=VALUE`; undefined for no review. */
  baseline?: string | readonly string[] | undefined;
  /** `--candidate SETTING=VALUE`, with a setting baseline. */
  candidate?: string | undefined;
  /** `--fail-on-regression PCT`: the gate's threshold in percent. */
  failOnRegression?: number | undefined;
  /** Reading threads to read the folders with (not from the command line: the caller makes, starts and stops them). */
  threads?: ReadThreads | undefined;
}

/** Analyze's options from its command line. */
export function parse(argv: readonly string[]): Parsed<AnalyzeOptions> {
  const parsed = parseCommandLine(argv, {
    data: { type: 'string', default: 'data' },
    format: { type: 'string', default: 'md' },
    out: { type: 'string' },
    strict: { type: 'boolean', default: false },
    gaps: { type: 'boolean', default: false },
    baseline: { type: 'string', multiple: true },
    candidate: { type: 'string' },
    'fail-on-regression': { type: 'string' },
  }, USAGE);
  if (!parsed.ok) return parsed;
  const { data, out, strict, gaps, baseline, candidate } = parsed.values;
  const gate = parsed.values['fail-on-regression'];
  // The gate may rest on the folder config's history instead: that is known once the folder is read.
  if (candidate !== undefined && baseline === undefined) {
    return usageError('--candidate expects --baseline OLD (or --baseline SETTING=VALUE) to compare against', USAGE);
  }
  const threshold = gate === undefined ? undefined : Number(gate);
  if (threshold !== undefined && (gate!.trim() === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 100)) {
    return usageError(`--fail-on-regression expects a percentage from 0 to 100 but found ${JSON.stringify(gate)}`, USAGE);
  }
  const format = oneOf('--format', parsed.values.format, ['md', 'json'], USAGE);
  if (!format.ok) return format;
  if (gaps && format.value === 'json') {
    return usageError('--gaps expects the text list but found --format json: the JSON report holds the gaps already (npm run -s analyze -- --format json | jq .gaps)', USAGE);
  }
  return { ok: true, options: { data, format: format.value, out, strict, gaps, baseline: baselineOption(baseline), candidate, failOnRegression: threshold } };
}

const figures = (n: number) => `${n} figure${n === 1 ? ' is' : 's are'}`;

/** Writes `text` to the file of `--out`, else to the output. */
async function deliver(text: string, options: AnalyzeOptions, effects: Effects): Promise<void> {
  if (options.out) await writeFileAtomic(options.out, text);
  else effects.output.write(text);
}

/** The report of the folder (and the review), or the exit code after saying why there is none. */
async function load(options: AnalyzeOptions, effects: Effects): Promise<Loaded | number> {
  const folder = await checkDataFolder(options.data);
  if (!folder.ok) {
    effects.logger.error(folder.code === 1 ? `${folder.message}\nNothing was written.` : folder.message);
    return folder.code;
  }
  const loaded = await loadWithReview(folder.dir, options.data, options, { threads: options.threads });
  if (!loaded.ok) {
    effects.logger.error(loaded.code === 1 ? `${loaded.message}\nNothing was written.` : loaded.message);
    return loaded.code;
  }
  return loaded;
}

/** Analyses `options.data` and prints the report (or the gaps); the exit code. */
export async function run(options: AnalyzeOptions, effects: Effects): Promise<number> {
  const loaded = await load(options, effects);
  if (typeof loaded === 'number') return loaded;
  const { report, review } = loaded;
  if (options.failOnRegression !== undefined && review === null) {
    effects.logger.error(`--fail-on-regression expects --baseline OLD (or --baseline SETTING=VALUE, or a "history" list in ${options.data}'s capacity.config.json) to compare against`);
    return 2;
  }
  const failsStrict = options.strict && report.gaps.length > 0;
  if (options.gaps) {
    await deliver(gapList(report.gaps), options, effects);
    if (failsStrict) effects.logger.error(`--strict: ${figures(report.gaps.length)} not measured.`);
    return failsStrict ? 1 : 0;
  }
  if (failsStrict) {
    effects.logger.error(`${report.gaps.map(formatGap).join('\n')}\n--strict: ${figures(report.gaps.length)} not measured; nothing was written.`);
    return 1;
  }
  for (const note of engineerNotes(report)) effects.logger.info(note);
  const text = options.format === 'json'
    ? toJson(report, review ? { review: reviewJson(review) } : {})
    : review ? `${renderMarkdown(report)}\n${reviewMarkdown(review)}` : renderMarkdown(report);
  await deliver(text, options, effects);
  if (review?.history?.ordered_by === 'given') effects.logger.warn('history: not every experiment has a date (none recorded by its benchmark tool, no "date" in its capacity.config.json), so the experiments are shown in the order given');
  if (review && options.failOnRegression !== undefined) {
    const regressions = gateRegressions(review, options.failOnRegression);
    // A GPU × workload the candidate did not measure is not a regression, but a gate should not pass it in silence.
    for (const g of review.groups.filter((x) => x.verdict === 'only in baseline')) effects.logger.warn(`not compared: ${g.gpu} / ${g.workload} is only in the baseline ${review.baseline}`);
    for (const g of review.groups.filter((x) => x.basis === 'peak' && x.verdict === 'regressed')) effects.logger.warn(`not gated: ${g.gpu} / ${g.workload} has no run within the SLO on either side; its peak throughput regressed (${change(g.peak_delta_pct)})`);
    if (regressions.length) {
      effects.logger.error(`${regressionLines(regressions, options.failOnRegression).join('\n')}\n--fail-on-regression ${options.failOnRegression}: ${regressions.length} GPU × workload${regressions.length === 1 ? '' : 's'} regressed against ${review.baseline}.`);
      return 3;
    }
  }
  return 0;
}

/** The analyze command, reading its folders with `threads` (which the caller stops when the command ends). */
export function withReadThreads(threads: ReadThreads): Command<AnalyzeOptions> {
  return { USAGE, parse, run: (options, effects) => run({ ...options, threads }, effects) };
}
