/**
 * `npm run analyze`: the analyze command (src/commands/analyze.ts). It turns on Node's compile
 * cache before loading the command: a report run is short, and compiling (and type-stripping)
 * the core again on every run was most of the time a small folder takes.
 */
import module from 'node:module';

module.enableCompileCache?.();
// A folder of many MB is read on two threads (src/core/read-threads.ts); the site reads on one.
// The folder is guessed from the arguments so that the thread starts while the command loads.
const { allowReadThreads, startReadThreadsFor } = await import('../src/core/read-threads.ts');
allowReadThreads();
const args = process.argv.slice(2);
const at = args.indexOf('--data');
const given = args.find((a) => a.startsWith('--data='))?.slice('--data='.length);
startReadThreadsFor(given ?? (at === -1 ? 'data' : args[at + 1] ?? 'data'));
const [analyze, { runInTerminal }] = await Promise.all([import('../src/commands/analyze.ts'), import('../src/commands/terminal.ts')]);
process.exitCode = await runInTerminal(analyze);
