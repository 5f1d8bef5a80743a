import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../unit/core/paths.ts';

const run = promisify(execFile);

/** What a command printed and how it exited. */
export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout then stderr, for messages that may go to either. */
  output: string;
}

/**
 * Runs one of the project's scripts (`scripts/<name>.ts`) as `npm run <name>` would, through the
 * Node that runs the tests, and never throws on a non-zero exit: the exit code is the result.
 */
export async function runScript(name: string, args: readonly string[], env: Record<string, string> = {}): Promise<ScriptResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'scripts', `${name}.ts`), ...args], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    });
    return { code: 0, stdout, stderr, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, output: e.stdout + e.stderr };
  }
}
