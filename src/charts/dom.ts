/**
 * linkedom, the build-time DOM that Plot draws into, loaded through the one import every module of
 * ours uses. linkedom gives every node it creates (each element, text and attribute of a chart) a
 * listener map in one module-wide WeakMap. A chart has a few thousand nodes and no listeners; on a
 * site of hundreds of charts those maps were a tenth of the build and the ephemeron table made the
 * garbage collector another fifth. Loading the module through a hook that creates the map on the
 * first `addEventListener` instead keeps linkedom's behaviour and drops that cost.
 */
import module from 'node:module';
import { fileURLToPath } from 'node:url';

/** The file of linkedom whose constructor gives each node its listener map. */
export const EVENT_TARGET_FILE = '/linkedom/esm/interface/event-target.js';

const EAGER = /constructor\(\) \{\s*wm\.set\(this, new Map\);?\s*\}/;
const ADD = /addEventListener\(type, listener, options\) \{\s*const map = wm\.get\(this\);/;
const REMOVE = /removeEventListener\(type, listener\) \{\s*const map = wm\.get\(this\);\s*if \(map\.has\(type\)\)/;

/**
 * linkedom's event-target source with the listener map made lazy, or null when the source is not
 * the one this was written against (another linkedom version): it is then loaded as it is.
 */
export function lazyListeners(source: string): string | null {
  if (!EAGER.test(source) || !ADD.test(source) || !REMOVE.test(source)) return null;
  return source
    .replace(EAGER, 'constructor() {}')
    .replace(ADD, 'addEventListener(type, listener, options) {\n    if (!wm.has(this)) wm.set(this, new Map);\n    const map = wm.get(this);')
    .replace(REMOVE, 'removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map && map.has(type))');
}

let linkedom: typeof import('linkedom') | null = null;

// Loaded on the first chart drawn or document assembled, not on import: a rebuild whose drawings
// all come from the render cache never needs it (loading it costs about 0.2 s). Synchronously,
// through Node's `require` of an ES module, as drawing is synchronous; the file is the one
// `import 'linkedom'` resolves to, so the hook finds its event target and it is the same instance.
function load(): typeof import('linkedom') {
  // Only linkedom's loads pass through the hook, and only while it is being loaded.
  const hooks = module.registerHooks?.({
    load(url, context, nextLoad) {
      const loaded = nextLoad(url, context);
      if (!url.endsWith(EVENT_TARGET_FILE) || loaded.source == null) return loaded;
      const lazy = lazyListeners(typeof loaded.source === 'string' ? loaded.source : new TextDecoder().decode(loaded.source as Uint8Array));
      return lazy === null ? loaded : { ...loaded, source: lazy };
    },
  });
  try {
    return module.createRequire(import.meta.url)(fileURLToPath(import.meta.resolve('linkedom'))) as typeof import('linkedom');
  } finally {
    // Even when the load fails, no later module load goes through the hook.
    hooks?.deregister();
  }
}

/** linkedom's `parseHTML`: a window and document from an HTML string. */
export function parseHTML(html: string): ReturnType<typeof import('linkedom').parseHTML> {
  linkedom ??= load();
  return linkedom.parseHTML(html);
}

/** Whether this process has loaded linkedom yet (what a test of the lazy loading checks). */
export function domLoaded(): boolean {
  return linkedom !== null;
}
