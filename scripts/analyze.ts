/**
 * `npm run analyze`: the analyze command (src/commands/analyze.ts). It turns on Node's compile
 * cache before loading the command: a report run is short, and compiling (and type-stripping)
 * the core again on every run was most of the time a small folder takes.
 */
import module from 'node:module';

module.enableCompileCache?.();
// The reading threads start first: they load the readers while this thread loads the command.
const { startReadThreads } = await import('../src/core/read-threads.ts');
void startReadThreads();
const [analyze, { runInTerminal }] = await Promise.all([import('../src/commands/analyze.ts'), import('../src/commands/terminal.ts')]);
process.exitCode = await runInTerminal(analyze);
