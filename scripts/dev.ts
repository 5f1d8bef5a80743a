/**
 * `npm run dev`: the dev server (src/commands/dev.ts) until Ctrl-C.
 * Node's compile cache is on before the command loads (as Astro's own CLI does): compiling Astro,
 * Vite and the command again on every run was a good part of a small site's build.
 */
import module from 'node:module';

module.enableCompileCache?.();
const [dev, { serveInTerminal }] = await Promise.all([import('../src/commands/dev.ts'), import('../src/commands/terminal.ts')]);
process.exitCode = await serveInTerminal(dev);
