/**
 * The commands of `npm run <name> -- --data DIR …` in the installed command's form,
 * `capacity-frontier <name> DIR …`: the folder comes first, `--content DIR` (or a `content/`
 * folder inside the data folder) names the write-ups, and usage texts speak the command form.
 * The commands themselves are the same functions (src/commands).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { usageError, type Parsed } from '../commands/args.ts';
import type { Command } from '../commands/command.ts';
import type { Effects } from '../commands/effects.ts';
import { ENV } from '../env.ts';

/** How a command of src/commands takes its folder in the command form. */
export interface Form {
  /** The npm script's option the first argument becomes (`data`, or `out` for preview). */
  folder: 'data' | 'out';
  /** Whether the first argument may be left out (preview serves dist/ by default). */
  optional: boolean;
  /** Whether the command reads write-ups (`--content`). */
  content: boolean;
  /** What the first argument is, for the usage line. */
  argument: string;
}

/** The command line for the npm script's parser, and the environment it reads write-ups from; or a usage mistake. */
export type Translated = { ok: true; argv: string[]; env: NodeJS.ProcessEnv } | { ok: false; message: string };

const isDirectory = (dir: string) => statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;

/** Takes `--content DIR` (or `--content=DIR`) out of `argv`: the rest and the value, or the mistake. */
function takeContent(argv: readonly string[]): { ok: true; rest: string[]; content: string | undefined } | { ok: false; message: string } {
  const rest: string[] = [];
  let content: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--content' || arg.startsWith('--content=')) {
      const value = arg === '--content' ? argv[++i] : arg.slice('--content='.length);
      if (value === undefined || value === '' || value.startsWith('-')) return { ok: false, message: "Option '--content <value>' argument missing" };
      content = value;
    } else rest.push(arg);
  }
  return { ok: true, rest, content };
}

/**
 * `argv` after the command's name, in the npm script's form: the first argument becomes
 * `--<folder>`, and the write-ups folder (`--content`, else `content/` in the data folder when
 * there is one, else the built-in write-up) goes to the environment the commands read it from.
 */
export function translate(form: Form, argv: readonly string[], env: NodeJS.ProcessEnv): Translated {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const taken = form.content ? takeContent(argv) : { ok: true as const, rest: [...argv], content: undefined };
  if (!taken.ok) return taken;
  const [first, ...rest] = taken.rest;
  const positional = first !== undefined && !first.startsWith('-');
  const named = taken.rest.some((arg) => arg === `--${form.folder}` || arg.startsWith(`--${form.folder}=`));
  if (!positional && !named && !form.optional && !wantsHelp) return { ok: false, message: `expects the folder of benchmark results first (${form.argument})` };
  const args = positional ? [`--${form.folder}`, first, ...rest] : taken.rest;
  const commandEnv = { ...env };
  if (form.content) {
    const dataIndex = args.indexOf('--data');
    const data = dataIndex >= 0 ? args[dataIndex + 1] : undefined;
    const content = taken.content ?? (data !== undefined && isDirectory(path.join(data, 'content')) ? path.join(data, 'content') : undefined);
    if (content !== undefined) {
      if (!isDirectory(content)) return { ok: false, message: `--content expects a folder of write-ups (*.mdx) but ${JSON.stringify(content)} is not one` };
      commandEnv[ENV.content] = path.resolve(content);
    } else delete commandEnv[ENV.content];
  }
  return { ok: true, argv: args, env: commandEnv };
}

/**
 * The usage of `command` in the command form: its first line as `capacity-frontier <name> …`, the
 * npm script's `--<folder>` option left out (it is the first argument), `--content` added.
 */
export function formUsage(name: string, form: Form, usage: string): string {
  const [first = '', ...lines] = usage.split('\n');
  const options = first.replace(/^Usage: npm run \S+ --\s*/, '').replace(new RegExp(`\\[--${form.folder} [A-Z]+\\]\\s*`), '').trim();
  const argument = form.optional ? `[${form.argument}]` : form.argument;
  const content = form.content ? ' [--content DIR]' : '';
  const body = lines.join('\n')
    // The option the first argument replaces, with its continuation lines.
    .replace(new RegExp(`^  --${form.folder} [A-Z]+ .*\\n(?: {6,}.*\\n)*`, 'm'), '')
    .replace(/npm run (\w+)/g, 'capacity-frontier $1');
  if (!form.content) return `Usage: capacity-frontier ${name} ${argument} ${options}\n${body}`;
  // --content goes last among the options: before the first blank line after them, or at the end.
  const optionLines = body.split('\n');
  const start = optionLines.findIndex((line) => line.startsWith('  --'));
  const blank = optionLines.findIndex((line, i) => i > start && line.trim() === '');
  optionLines.splice(blank > start ? blank : optionLines.length - (body.endsWith('\n') ? 1 : 0), 0, '  --content DIR  folder of write-ups (*.mdx; default: content/ in the data folder, else the built-in one)');
  return `Usage: capacity-frontier ${name} ${argument} ${options}${content}\n${optionLines.join('\n')}`;
}

/** `command` speaking the command form: its usage (after `--help` and in mistakes) is `usage`. */
export function inCommandForm<T>(name: string, command: Command<T>, usage: string): Command<T> {
  return {
    USAGE: usage,
    parse(argv, env): Parsed<T> {
      const parsed = command.parse(argv, env);
      return parsed.ok ? parsed : { ...parsed, text: parsed.text.replace(command.USAGE, usage) };
    },
    run: (options, effects) => command.run(options, inCommandWords(name, effects)),
  };
}

/**
 * A message of the npm scripts in the command form's words: `npm run analyze -- --data DIR --gaps`
 * as `capacity-frontier analyze DIR --gaps`, and the `--data` folder as the command's first argument.
 */
export function commandWords(name: string, text: string): string {
  return text
    .replace(/^--data expects/gm, `capacity-frontier ${name} expects`)
    .replace(/npm run (\w+) -- --(?:data|out) (\S+)/g, 'capacity-frontier $1 $2')
    .replace(/npm run (?:-s )?(\w+)(?: --)?/g, 'capacity-frontier $1');
}

/** Effects whose messages name the commands in the command form. */
function inCommandWords(name: string, effects: Effects): Effects {
  const { logger } = effects;
  return {
    ...effects,
    logger: {
      info: (text) => logger.info(commandWords(name, text)),
      warn: (text) => logger.warn(commandWords(name, text)),
      error: (text) => logger.error(commandWords(name, text)),
    },
  };
}

/** A mistake in the command form, as the commands word theirs. */
export function formMistake(name: string, message: string, usage: string): Parsed<never> {
  return usageError(`capacity-frontier ${name} ${message}`, usage);
}
