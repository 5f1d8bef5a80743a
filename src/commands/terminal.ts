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
  endQuietlyWhenTheReaderStops();
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

/**
 * A reader that stops early (`npm run -s analyze | head`) closes the pipe: the rest of the output
 * is not wanted, which is no failure of the command, so it ends at once and says nothing (as
 * command-line tools do on SIGPIPE) instead of printing Node's stack of the failed write.
 */
function endQuietlyWhenTheReaderStops(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
