/**
 * What every command does with its command line: strict options, `--help` giving the command's
 * own usage with exit 0, a wrong option or value giving the message and the usage with exit 2.
 * Parsing only returns values; printing is the caller's (see `command.ts`).
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

type Values<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>>['values'];

/** Where parsing stopped: the text to show and the exit code (0 after `--help`, 2 after a mistake). */
export interface Stop {
  ok: false;
  exit: 0 | 2;
  /** The usage (after `--help`, for the output) or the mistake then the usage (for the error log). */
  text: string;
}

/** The options of a command, or where parsing stopped. */
export type Parsed<T> = { ok: true; options: T } | Stop;

/** A usage mistake: the message that teaches, then the usage. */
export function usageError(message: string, usage: string): Stop {
  return { ok: false, exit: 2, text: `${message}\n\n${usage}` };
}

/** The options' values, or where to stop (`--help`, an unknown option, a missing value). */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(argv: readonly string[], options: O, usage: string): { ok: true; values: Values<O> } | Stop {
  let values: Values<O> & { help?: boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: false }) as { values: Values<O> & { help?: boolean } });
  } catch (error) {
    return usageError((error as Error).message, usage);
  }
  if (values.help) return { ok: false, exit: 0, text: usage };
  delete values.help;
  return { ok: true, values };
}

/** The options of the commands that serve the site: `--port N` and `--host`. */
export const SERVER_OPTIONS = {
  port: { type: 'string', default: '4321' },
  host: { type: 'boolean', default: false },
} as const satisfies ParseArgsOptionsConfig;

/** A `--port` value as a port number, or the usage mistake it is. */
export function portOption(value: string, usage: string): { ok: true; port: number } | Stop {
  const port = Number(value);
  if (value.trim() !== '' && Number.isInteger(port) && port >= 1 && port <= 65535) return { ok: true, port };
  return usageError(`--port expects a whole number from 1 to 65535 but found ${JSON.stringify(value)}`, usage);
}

/** An option that takes one of a few words (`--format md|json`), checked. */
export function oneOf<const T extends string>(name: string, value: string, allowed: readonly T[], usage: string): { ok: true; value: T } | Stop {
  if ((allowed as readonly string[]).includes(value)) return { ok: true, value: value as T };
  return usageError(`${name} expects ${allowed.join(' or ')} but found ${JSON.stringify(value)}`, usage);
}

/** `--baseline`, given once (a folder or `SETTING=VALUE`) or several times (folders, a history). */
export function baselineOption(values: readonly string[] | undefined): string | readonly string[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}
