/**
 * `npm run analyze` entry point. It only turns on Node's compile cache before loading the command:
 * a report run is short, and compiling (and type-stripping) the core again on every run was most
 * of the time a small folder takes. The command itself is in analyze-command.ts.
 */
import module from 'node:module';

module.enableCompileCache?.();
await import('./analyze-command.ts');
