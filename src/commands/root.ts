/** The project root (where astro.config.mjs is), which Astro builds and serves from. */
import { fileURLToPath } from 'node:url';

/** The project root, absolute, with a trailing separator. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
