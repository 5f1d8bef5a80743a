/**
 * `npm run analyze`: the analyze command (src/commands/analyze.ts). It turns on Node's compile
 * cache before loading the command: a report run is short, and compiling (and type-stripping)
 * the core again on every run was most of the time a small folder takes.
 */
import module from 'node:module';

module.enableCompileCache?.();
const [analyze, { runInTerminal }] = await Promise.all([import('../src/commands/analyze.ts'), import('../src/commands/terminal.ts')]);
process.exitCode = await runInTerminal(analyze);
