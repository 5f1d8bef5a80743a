/**
 * The `npm run analyze -- [--data DIR] [--format md|json] [--out FILE] [--strict]` command.
 * Reads a folder of sweep results and prints (or writes) the Capacity Frontier report.
 * Exit codes: 0 fine, 1 invalid data (or a gap under --strict), 2 wrong usage.
 */
import { DataError } from '../src/core/issues.ts';
import { loadReport } from '../src/core/load.ts';
import { renderMarkdown } from '../src/core/markdown.ts';
import { writeFileAtomic } from '../src/core/output.ts';
import { toJson } from '../src/core/summary.ts';
import { formatGaps } from '../src/core/gaps.ts';
import { parseCommandLine, usageError } from './cli.ts';

const USAGE = `Usage: npm run analyze -- [--data DIR] [--format md|json] [--out FILE] [--strict]

  --data DIR      folder of sweep results (default: data)
  --format FMT    md (the Capacity Frontier report, default) or json
  --out FILE      write to FILE instead of standard output
  --strict        fail when any figure is not measured
`;

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, {
    data: { type: 'string', default: 'data' },
    format: { type: 'string', default: 'md' },
    out: { type: 'string' },
    strict: { type: 'boolean', default: false },
  }, USAGE);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  if (values.format !== 'md' && values.format !== 'json') return usageError(`--format expects md or json but found ${JSON.stringify(values.format)}`, USAGE);
  let report;
  try {
    report = await loadReport(values.data);
  } catch (error) {
    if (error instanceof DataError) {
      process.stderr.write(`${error.message}\n${error.issues.length} problem${error.issues.length === 1 ? '' : 's'} in the data; nothing was written.\n`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`--data expects a folder but ${JSON.stringify(values.data)} does not exist\n`);
      return 2;
    }
    throw error;
  }
  if (values.strict && report.gaps.length) {
    process.stderr.write(`${formatGaps(report.gaps)}\n--strict: ${report.gaps.length} figure${report.gaps.length === 1 ? ' is' : 's are'} not measured; nothing was written.\n`);
    return 1;
  }
  const text = values.format === 'json' ? toJson(report) : renderMarkdown(report);
  if (values.out) await writeFileAtomic(values.out, text);
  else process.stdout.write(text);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
