/**
 * `npm run analyze`: the analyze command (src/commands/analyze.ts). It turns on Node's compile
 * cache before loading the command: a report run is short, and compiling (and type-stripping)
 * the core again on every run was most of the time a small folder takes.
 */
import module from 'node:module';

module.enableCompileCache?.();
// A folder of many MB is read on two threads (src/core/read-threads.ts); the site reads on one.
// The pool is made here and the folder guessed from the arguments, so that the threads start
// while the command loads; the command reads with them, and they are stopped when it ends.
const { ReadThreads } = await import('../src/core/read-threads.ts');
const threads = new ReadThreads();
const args = process.argv.slice(2);
const at = args.indexOf('--data');
const given = args.find((a) => a.startsWith('--data='))?.slice('--data='.length);
threads.startFor(given ?? (at === -1 ? 'data' : args[at + 1] ?? 'data'));
const [{ withReadThreads }, { runInTerminal }] = await Promise.all([import('../src/commands/analyze.ts'), import('../src/commands/terminal.ts')]);
try {
  process.exitCode = await runInTerminal(withReadThreads(threads));
} finally {
  await threads.stop();
}
