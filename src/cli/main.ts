/**
 * `capacity-frontier <command> DIR …`, the installed command (bin/capacity-frontier.js starts it
 * on a Node that fits): the npm scripts' commands with the folder first, plus `init`, `--help`
 * and `--version`. Exit codes are the commands' own: 0 done, 1 invalid data or a failed run, 2
 * wrong usage.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Command } from '../commands/command.ts';
import { consoleEffects } from '../commands/effects.ts';
import { ROOT } from '../commands/root.ts';
import { runInTerminal, serveInTerminal } from '../commands/terminal.ts';
import { formUsage, inCommandForm, translate, type Form } from './command-form.ts';

/** A command of the installed command: how it takes its folder, and its module. */
interface Entry {
  form: Form;
  /** One line for the overview. */
  summary: string;
  serves: boolean;
  load: () => Promise<Command<unknown>>;
}

const load = (module: Promise<unknown>) => module as Promise<Command<unknown>>;
const dataFolder = { folder: 'data', optional: false, argument: 'DIR' } as const;

/** Every command, in the order `--help` lists them (init is apart: it has no npm script). */
export const ENTRIES: Record<string, Entry> = {
  build: { form: { ...dataFolder, content: true }, serves: false, summary: 'build the report site of DIR into dist/ (--out DIR, --base PATH, --site URL, --strict,\n                 --baseline OLD: a review of DIR against the folder OLD)', load: () => load(import('../commands/build.ts')) },
  dev: { form: { ...dataFolder, content: true }, serves: true, summary: 'serve the site of DIR while you edit it, reloading on every change', load: () => load(import('../commands/dev.ts')) },
  preview: { form: { folder: 'out', optional: true, content: false, argument: 'SITE' }, serves: true, summary: 'serve a built site (default dist/) as static hosting would (--base PATH)', load: () => load(import('../commands/preview.ts')) },
  analyze: { form: { ...dataFolder, content: false }, serves: false, summary: 'print the report of DIR as Markdown or JSON (--format md|json, --gaps, --strict,\n                 --baseline OLD --fail-on-regression PCT: exit 3 on a regression)', load: () => load(import('../commands/analyze.ts')) },
  pdf: { form: { ...dataFolder, content: true }, serves: false, summary: 'print the whole report of DIR to report.pdf through Chromium (--out FILE)', load: () => load(import('../commands/pdf.ts')) },
};

/** The overview `--help` prints. */
export const HELP = `Usage: capacity-frontier <command> DIR [options]

Turns a folder of LLM-serving load sweeps (vLLM, SGLang, GuideLLM, llmperf, AIPerf…) into a
capacity report: a static site, a Markdown or JSON report, a PDF.

Commands:
  init DIR       write a report folder to start from: capacity.config.json, a write-up in
                 content/ and sample runs to replace with yours
${Object.entries(ENTRIES).map(([name, entry]) => `  ${`${name} ${entry.form.optional ? `[${entry.form.argument}]` : entry.form.argument}`.padEnd(14)} ${entry.summary}`).join('\n')}

Write-ups: every *.mdx file of DIR/content/ (or --content DIR) is a page, using the report's
components without imports; without one, the built-in "Life of a Request" is used.

  capacity-frontier <command> --help   the command's options
  capacity-frontier --version          the version

Exit codes: 0 done; 1 invalid data (each problem as file:line:column) or a failed build; 2 wrong usage;
3 a regression beyond analyze --fail-on-regression.
`;

/** Whether the site's root finds the package `name` (an optional peer such as Playwright). */
function resolvable(name: string): boolean {
  try {
    createRequire(path.join(ROOT, 'package.json')).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** The package's version. */
async function version(): Promise<string> {
  return (JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Runs the command line `argv` (without node and the script); the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...rest] = argv;
  const effects = consoleEffects();
  if (name === '--help' || name === '-h' || name === 'help') {
    effects.output.write(HELP);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    effects.output.write(`${await version()}\n`);
    return 0;
  }
  if (name === 'init') return runInTerminal(await import('./init.ts'), rest);
  const entry = name === undefined ? undefined : ENTRIES[name];
  if (!entry || name === undefined) {
    effects.logger.error(`${name === undefined ? 'capacity-frontier expects a command' : `${JSON.stringify(name)} is not a command of capacity-frontier`}\n\n${HELP.replace(/\n+$/, '')}`);
    return 2;
  }
  const command = await entry.load();
  const usage = formUsage(name, entry.form, command.USAGE);
  const translated = translate(entry.form, rest, env);
  if (!translated.ok) {
    effects.logger.error(`capacity-frontier ${name} ${translated.message}\n\n${usage.replace(/\n+$/, '')}`);
    return 2;
  }
  if (name === 'pdf' && !translated.argv.some((arg) => arg === '--help' || arg === '-h') && !resolvable('@playwright/test')) {
    effects.logger.error('capacity-frontier pdf prints through Playwright, which is not installed beside it: npm install --save-dev @playwright/test (it drives the Chromium at /usr/bin/chromium, or CHROMIUM_PATH)\nThe PDF was not written.');
    return 1;
  }
  const formed = inCommandForm(name, command, usage);
  // The commands read the write-ups folder from the environment they are given.
  const withEnv: Command<unknown> = { ...formed, parse: (args) => formed.parse(args, translated.env) };
  return entry.serves
    ? serveInTerminal(withEnv as Command<{ signal?: AbortSignal }>, translated.argv)
    : runInTerminal(withEnv, translated.argv);
}
