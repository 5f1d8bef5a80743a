/**
 * `npm run build`: the build command (src/commands/build.ts) on this process's command line.
 * Node's compile cache is on before the command loads (as Astro's own CLI does): compiling Astro,
 * Vite and the command again on every run was a good part of a small site's build.
 */
import module from 'node:module';

module.enableCompileCache?.();
const [build, { runInTerminal }] = await Promise.all([import('../src/commands/build.ts'), import('../src/commands/terminal.ts')]);
process.exitCode = await runInTerminal(build);
