/**
 * The environment an Astro run of ours gets (to pass to `withEnv`/`setEnv`): the loader's
 * settings, telemetry off, and the names that would change what Astro builds cleared or pinned.
 */

// Vite's own `import.meta.env` names: when set in the environment (Vitest sets BASE_URL=/ in its
// workers, some CI systems set SITE) they would override the base and site a command gives Astro.
const VITE_NAMES = ['BASE_URL', 'SITE', 'ASSETS_PREFIX', 'MODE', 'DEV', 'PROD', 'SSR'] as const;

/**
 * `vars` plus what every run needs. NODE_ENV is pinned to what `astro build`/`astro dev` would
 * pick in a fresh process: a test worker's `test` would otherwise reach Vite and the plugins.
 */
export function astroEnvironment(nodeEnv: 'production' | 'development', vars: Record<string, string | undefined>): Record<string, string | undefined> {
  return {
    ...Object.fromEntries(VITE_NAMES.map((name) => [name, undefined])),
    NODE_ENV: nodeEnv,
    ASTRO_TELEMETRY_DISABLED: '1',
    ...vars,
  };
}
