/**
 * What every command of the project does with its command line: strict options, `--help` on
 * stdout with exit 0, a wrong option or value on stderr with the usage and exit 2.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

type Values<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>>['values'];

/** The options' values, or the exit code when the command should stop here (after `--help` or a wrong option). */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(argv: string[], options: O, usage: string): { values: Values<O> } | { exit: number } {
  let values: Values<O>;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: false }) as { values: Values<O> });
  } catch (error) {
    return { exit: usageError((error as Error).message, usage) };
  }
  if ((values as { help?: boolean }).help) {
    process.stdout.write(usage);
    return { exit: 0 };
  }
  return { values };
}

/** Prints a usage mistake and the usage; returns exit code 2. */
export function usageError(message: string, usage: string): number {
  process.stderr.write(`${message}\n\n${usage}`);
  return 2;
}

const SERVER_OPTIONS = {
  port: { type: 'string', default: '4321' },
  host: { type: 'boolean', default: false },
} as const satisfies ParseArgsOptionsConfig;

/** `parseCommandLine` for the commands that serve the site: their options plus `--port N` (checked) and `--host`. */
export function parseServerCommandLine<const O extends ParseArgsOptionsConfig>(argv: string[], options: O, usage: string): { values: Values<O & typeof SERVER_OPTIONS>; port: number } | { exit: number } {
  const parsed = parseCommandLine(argv, { ...options, ...SERVER_OPTIONS }, usage);
  if ('exit' in parsed) return parsed;
  const values = parsed.values as Values<O & typeof SERVER_OPTIONS>;
  const port = portOption((values as { port: string }).port, usage);
  return port === null ? { exit: 2 } : { values, port };
}

// A `--port` value as a port number, or null when it is not one (after printing why).
function portOption(value: string, usage: string): number | null {
  const port = Number(value);
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
  usageError(`--port expects a whole number from 1 to 65535 but found ${JSON.stringify(value)}`, usage);
  return null;
}
