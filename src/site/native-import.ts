/**
 * Node's own `import()`, out of the bundler's sight. Astro runs the content config in Vite's module
 * runner, which transforms every module it imports one after another, our whole data core
 * included: seconds before a build can start. The same modules through Node load in milliseconds
 * (and in `npm run build` they are already loaded: the command read the folder with them), so
 * the content config takes its collections from here, and the loader and the command share one copy.
 */

// A `Function` body is a string: Vite does not rewrite the `import()` inside it.
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Imports a module of this project through Node, by its URL. */
export function importNatively<T>(url: URL): Promise<T> {
  return nativeImport(url.href) as Promise<T>;
}
