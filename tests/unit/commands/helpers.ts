import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCommandLine } from '../../../src/commands/command.ts';
import { collectingEffects } from '../../../src/commands/effects.ts';
import { loadCommand, type CommandName } from '../../../src/commands/index.ts';

/** The header of the capacity CSV the tests write. */
export const HEADER = 'gpu,workload,concurrency,max_new_tokens,throughput_tok_s,p95_e2e_ms';

/** Runs a command line in-process with collecting effects. */
export async function run(name: CommandName, argv: string[], env: NodeJS.ProcessEnv = {}) {
  const effects = collectingEffects();
  const code = await runCommandLine(await loadCommand(name), argv, effects, env);
  return { code, stdout: effects.stdout(), stderr: effects.stderr(), messages: effects.messages };
}

/** A temporary folder holding `files`; remove it with `cleanup`. */
export async function tempFolder(files: Record<string, string> = {}): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cf-commands-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
