/**
 * The shape every command shares, and the one way a command line becomes a run: parse the
 * arguments into options, then run with effects. `scripts/*.ts` and the tests both go through
 * `runCommandLine`, so what a test sees is what a terminal shows.
 */
import type { Parsed, Stop } from './args.ts';
import type { Effects } from './effects.ts';

/** A command: its usage, its parser (argv and the environment to options) and its run (options to exit code). */
export interface Command<T> {
  readonly USAGE: string;
  parse(argv: readonly string[], env?: NodeJS.ProcessEnv): Parsed<T>;
  run(options: T, effects: Effects): Promise<number>;
}

/** Shows where parsing stopped: the usage as output after `--help`, a mistake on the error log. */
export function showStop(stop: Stop, effects: Effects): number {
  if (stop.exit === 0) effects.output.write(stop.text);
  else effects.logger.error(stop.text.replace(/\n+$/, ''));
  return stop.exit;
}

/** Parses `argv` (with `env` for the settings that come from the environment) and runs the command; the exit code. */
export async function runCommandLine<T>(command: Command<T>, argv: readonly string[], effects: Effects, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = command.parse(argv, env);
  if (!parsed.ok) return showStop(parsed, effects);
  return command.run(parsed.options, effects);
}
