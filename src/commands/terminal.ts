/**
 * Commands as `npm run` starts them: the process's arguments and environment, console effects,
 * and Ctrl-C. Only the scripts use this; the commands themselves never touch the process.
 */
import { runCommandLine, showStop, type Command } from './command.ts';
import { consoleEffects } from './effects.ts';

/** Runs a command that does its work and ends (analyze, build, pdf); the exit code. */
export async function runInTerminal<T>(command: Command<T>, argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  // Exiting on Ctrl-C (rather than being killed by it) runs the exit cleanup: staging and
  // cache folders of a build that was interrupted are removed.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  return runCommandLine(command, argv, consoleEffects());
}

/** Runs a serving command (dev, preview) until Ctrl-C; the exit code. */
export async function serveInTerminal<T extends { signal?: AbortSignal | undefined }>(command: Command<T>, argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  const effects = consoleEffects();
  const parsed = command.parse(argv, process.env);
  if (!parsed.ok) return showStop(parsed, effects);
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  return command.run({ ...parsed.options, signal: stop.signal }, effects);
}
