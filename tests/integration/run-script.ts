import { runCommandLine } from '../../src/commands/command.ts';
import { collectingEffects } from '../../src/commands/effects.ts';
import { loadCommand, type CommandName } from '../../src/commands/index.ts';

/** What a command printed and how it exited. */
export interface ScriptResult {
  code: number;
  /** The command's output (the report, the build's summary line). */
  stdout: string;
  /** Every message it logged (progress, warnings, errors), Astro's and the loader's included. */
  stderr: string;
  /** stdout then stderr, for messages that may go to either. */
  output: string;
}

/**
 * Runs one of the project's commands as `npm run <name> -- …argv` would, in this process: argv is
 * parsed by the command's own parser (`env` on top of the process's environment, as a shell
 * would set it for the one command), and the run's effects are collected. Never throws on a
 * non-zero exit: the exit code is the result.
 *
 * Builds run in-process too: Astro's build() loads the config, the content config and the pages
 * afresh on every call, and the build command sets the loader's environment only for the length
 * of its build, under the build lock (src/commands/build/lock.ts), so builds of one test file
 * may run at once (they take turns) and the next test sees the environment it had.
 */
export async function runCommand(name: CommandName, argv: readonly string[], env: Record<string, string> = {}): Promise<ScriptResult> {
  const command = await loadCommand(name);
  const effects = collectingEffects();
  const code = await runCommandLine(command, argv, effects, { ...process.env, ...env });
  const stdout = effects.stdout();
  const stderr = effects.stderr();
  return { code, stdout, stderr, output: stdout + stderr };
}
