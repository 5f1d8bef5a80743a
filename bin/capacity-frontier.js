#!/usr/bin/env node
// @ts-check
/**
 * The `capacity-frontier` command of the installed package. Plain JavaScript that any Node from 18
 * parses: it picks a Node that runs the site (re-running itself on the `node` package's binary
 * when the running one is older than Astro needs), puts the site's sources where they may be
 * compiled and written next to (see siteRoot), then hands over to src/cli/main.ts.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The installed package (where package.json is). */
const PACKAGE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// Astro 7 needs 22.12; the site's TypeScript runs on Node's own type stripping (22.18, 23.6 on).
const NEEDED = '22.12';
// Set on the re-run, so a Node that still does not fit stops instead of re-running forever.
const RERUN = 'CAPACITY_FRONTIER_RERUN';
// What the site build reads besides node_modules: copied into a writable folder of its own.
const SITE_FILES = ['package.json', 'astro.config.mjs', 'tsconfig.json', 'src', 'content', 'data'];

/** Why this Node cannot run Astro and the site's TypeScript, or null when it can. */
function shortfall() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12)) return `is older than the ${NEEDED} this needs`;
  const typescript = /** @type {{ typescript?: unknown }} */ (process.features).typescript;
  if (!typescript || typeof module.registerHooks !== 'function') return 'cannot run the TypeScript this needs (22.18 and later can)';
  return null;
}

/** Where the package `name` is installed, looked up from the package as Node would; null when it is not. */
function installed(name) {
  for (let dir = PACKAGE; ; dir = path.dirname(dir)) {
    const candidate = path.basename(dir) === 'node_modules' ? null : path.join(dir, 'node_modules', name);
    if (candidate && existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/** The Node binary of the `node` package and its version, or null when its install script did not run. */
function bundledNode() {
  const dir = installed('node');
  if (!dir) return null;
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  for (const file of ['bin/node', 'bin/node.exe']) {
    const binary = path.join(dir, file);
    // Before its install script runs, bin/node is a small stub, not the 100 MB binary.
    if (existsSync(binary) && statSync(binary).size > 1_000_000) return { binary, version };
  }
  return null;
}

/** Re-runs this command on `binary`, passing signals on; resolves with its exit code. */
function rerun(binary) {
  return new Promise((resolve) => {
    const child = spawn(binary, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, [RERUN]: '1' },
    });
    // Ctrl-C reaches the child from the terminal itself: passing it on too would be a second one,
    // which stops the child before it cleans up. This process waits for the child to finish.
    process.on('SIGINT', () => {});
    for (const signal of /** @type {const} */ (['SIGTERM', 'SIGHUP'])) process.on(signal, () => child.kill(signal));
    child.on('error', (error) => {
      process.stderr.write(`capacity-frontier: could not start ${binary}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
  });
}

/** Whether the package folder may be written to (a clone) rather than installed (maybe read-only). */
function writablePackage() {
  if (PACKAGE.split(path.sep).includes('node_modules')) return false;
  try {
    accessSync(PACKAGE, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The folder the site is built from. A clone builds from itself. An installed package cannot:
 * Astro writes `.astro/` and its caches into the project root, the package may be read-only, and
 * Node refuses to run TypeScript below node_modules. So the site's sources are copied to a
 * temporary folder, removed when the command ends, whose node_modules links to the package's
 * dependencies where npm installed them.
 */
function siteRoot() {
  if (writablePackage()) return PACKAGE;
  const root = mkdtempSync(path.join(os.tmpdir(), 'capacity-frontier-site-'));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  for (const file of SITE_FILES) {
    if (existsSync(path.join(PACKAGE, file))) cpSync(path.join(PACKAGE, file), path.join(root, file), { recursive: true });
  }
  const manifest = JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8'));
  // Optional peers (the PDF's browser driver) are linked when the user installed them.
  const names = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];
  for (const name of names) {
    const dir = installed(name);
    if (!dir) continue;
    const link = path.join(root, 'node_modules', name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(dir, link, 'junction');
  }
  resolveFromSite(root);
  return root;
}

/**
 * Lets modules outside every node_modules tree find the site's dependencies. Astro writes the page
 * bundle it prerenders from beside the output (inside the working directory) and imports it
 * there; its imports of the dependencies would find them only when the user's folder happens to
 * sit in a project that installed them. A bare import that finds nothing from where it is tried
 * again from the site's root.
 */
function resolveFromSite(root) {
  const manifest = path.join(root, 'package.json');
  const parentURL = pathToFileURL(manifest).href;
  const siteRequire = module.createRequire(manifest);
  const bare = (specifier) => !/^(?:[./]|[a-z][a-z0-9+.-]*:)/i.test(specifier);
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        const code = /** @type {NodeJS.ErrnoException} */ (error).code;
        if (!bare(specifier)) throw error;
        // require() (and require.resolve) reports MODULE_NOT_FOUND and resolves from its own paths.
        if (code === 'MODULE_NOT_FOUND') {
          let file;
          try {
            file = siteRequire.resolve(specifier);
          } catch {
            throw error;
          }
          return { url: pathToFileURL(file).href, shortCircuit: true };
        }
        if (code === 'ERR_MODULE_NOT_FOUND') return nextResolve(specifier, { ...context, parentURL });
        throw error;
      }
    },
  });
}

const short = shortfall();
if (short) {
  const bundled = process.env[RERUN] ? null : bundledNode();
  if (!bundled) {
    process.stderr.write(
      `capacity-frontier: Node ${process.versions.node} ${short}, and the Node of the "node" package is not installed.\n` +
        'Reinstall with its install script allowed (in your package.json: "allowScripts": { "node": true }), or install Node 22.18 or later.\n',
    );
    process.exit(1);
  }
  process.stderr.write(`capacity-frontier: Node ${process.versions.node} ${short}; running on Node ${bundled.version} from the "node" package.\n`);
  process.exit(await rerun(bundled.binary));
} else {
  // Compiling (and type-stripping) the sources again on every run is most of a short command's time.
  module.enableCompileCache?.();
  const root = siteRoot();
  const { main } = await import(pathToFileURL(path.join(root, 'src/cli/main.ts')).href);
  process.exitCode = await main(process.argv.slice(2));
}
