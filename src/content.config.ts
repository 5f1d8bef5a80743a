/**
 * Astro's content config. Astro runs this file in Vite's module runner, which transforms every
 * module it imports one after another: Astro's loaders and errors, our data core. The collections
 * are defined in src/site/collections.ts and loaded through Node instead (native-import.ts), where
 * the same modules load in milliseconds, and in `npm run build` are already loaded by the command.
 */
import { importNatively } from './site/native-import.ts';

const { contentCollections } = await importNatively<typeof import('./site/collections.ts')>(new URL('./site/collections.ts', import.meta.url));

export const collections = contentCollections();
