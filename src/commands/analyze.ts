/**
 * `npm run analyze -- [--data DIR] [--format md|json] [--out FILE] [--strict] [--gaps]`
 * Reads a folder of benchmark results and prints (or writes) the Capacity Frontier report, or
 * with `--gaps` the list of figures the data cannot give and what fills each.
 * Exit codes: 0 fine, 1 invalid data (or a gap under --strict), 2 wrong usage.
 */
import { formatGap } from '../core/analysis/gaps.ts';
import { planNotes } from '../core/analysis/plan.ts';
import { loadReport } from '../core/load.ts';
import { renderMarkdown } from '../core/markdown.ts';
import { writeFileAtomic } from '../core/output.ts';
import { toJson } from '../core/summary.ts';
import type { Report } from '../core/types.ts';
import { oneOf, parseCommandLine, usageError, type Parsed } from './args.ts';
import { gapList } from './analyze/gap-list.ts';
import { checkDataFolder, dataProblemMessage } from './data-folder.ts';
import type { Effects } from './effects.ts';

/** The usage `--help` prints. */
export const USAGE = `Usage: npm run analyze -- [--data DIR] [--format md|json] [--out FILE] [--strict] [--gaps]

  --data DIR      folder of benchmark results (default: data)
  --format FMT    md (the Capacity Frontier report, default) or json
  --out FILE      write to FILE instead of standard output
  --strict        fail (exit 1) when any figure is not measured
  --gaps          print the figures that are not measured, one line each, grouped by
                  GPU × workload, with what fills each (exit 0; with --strict, exit 1 if any)
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
}

/** Analyze's options from its command line. */
export function parse(argv: readonly string[]): Parsed<AnalyzeOptions> {
  const parsed = parseCommandLine(argv, {
    data: { type: 'string', default: 'data' },
    format: { type: 'string', default: 'md' },
    out: { type: 'string' },
    strict: { type: 'boolean', default: false },
    gaps: { type: 'boolean', default: false },
  }, USAGE);
  if (!parsed.ok) return parsed;
  const { data, out, strict, gaps } = parsed.values;
  const format = oneOf('--format', parsed.values.format, ['md', 'json'], USAGE);
  if (!format.ok) return format;
  if (gaps && format.value === 'json') {
    return usageError('--gaps expects the text list but found --format json: the JSON report holds the gaps already (npm run -s analyze -- --format json | jq .gaps)', USAGE);
  }
  return { ok: true, options: { data, format: format.value, out, strict, gaps } };
}

const figures = (n: number) => `${n} figure${n === 1 ? ' is' : 's are'}`;

/** Writes `text` to the file of `--out`, else to the output. */
async function deliver(text: string, options: AnalyzeOptions, effects: Effects): Promise<void> {
  if (options.out) await writeFileAtomic(options.out, text);
  else effects.output.write(text);
}

/** The report of the folder, or the exit code after saying why there is none. */
async function load(options: AnalyzeOptions, effects: Effects): Promise<Report | number> {
  const folder = await checkDataFolder(options.data);
  if (!folder.ok) {
    effects.logger.error(folder.code === 1 ? `${folder.message}\nNothing was written.` : folder.message);
    return folder.code;
  }
  try {
    return await loadReport(folder.dir);
  } catch (error) {
    const message = dataProblemMessage(error, options.data);
    if (message === null) throw error;
    effects.logger.error(`${message}\nNothing was written.`);
    return 1;
  }
}

/** Analyses `options.data` and prints the report (or the gaps); the exit code. */
export async function run(options: AnalyzeOptions, effects: Effects): Promise<number> {
  const report = await load(options, effects);
  if (typeof report === 'number') return report;
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
  for (const note of planNotes(report.groups, report.config)) effects.logger.info(note);
  await deliver(options.format === 'json' ? toJson(report) : renderMarkdown(report), options, effects);
  return 0;
}
