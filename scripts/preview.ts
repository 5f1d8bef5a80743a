/**
 * `npm run preview`: the preview server (src/commands/preview.ts) until Ctrl-C.
 * Node's compile cache is on before the command loads (as Astro's own CLI does): compiling Astro,
 * Vite and the command again on every run was a good part of a small site's build.
 */
import module from 'node:module';

module.enableCompileCache?.();
const [preview, { serveInTerminal }] = await Promise.all([import('../src/commands/preview.ts'), import('../src/commands/terminal.ts')]);
process.exitCode = await serveInTerminal(preview);
