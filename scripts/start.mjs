// @ts-check
/**
 * What every npm script of a command runs: `node scripts/start.mjs <command> [options]` turns
 * Node's compile cache on and then loads `scripts/<command>.ts`. It is JavaScript because Node
 * type-strips a TypeScript entry before any line of it runs, and stripping loads the stripper
 * (about a tenth of a second, every run) even when every other module comes from the cache.
 */
import module from 'node:module';

const COMMANDS = ['analyze', 'build', 'dev', 'pdf', 'preview'];

module.enableCompileCache?.();
const [command] = process.argv.splice(2, 1);
if (!COMMANDS.includes(command ?? '')) {
  process.stderr.write(`usage: node scripts/start.mjs <${COMMANDS.join('|')}> [options]\n`);
  process.exit(2);
}
await import(`./${command}.ts`);
