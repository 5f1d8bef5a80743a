/**
 * Reads the V8 `.cpuprofile` files of one run (`node --cpu-prof`: one per thread, the main thread's
 * and each worker's) and says where the time went: self time per group of modules (chart
 * rendering, the PNG previews, the content layer, bundling, our site model, page rendering, GC…),
 * the top functions by self time, and the project's own functions by inclusive time.
 *
 * A sample is charged to the group of the innermost frame on its stack that belongs to one; frames
 * that serve everyone (V8 builtins such as `JSON.parse` or `Map.set`, htmlparser2, which both
 * linkedom and the print document use) pass the sample on to their caller.
 *
 * Astro bundles src/ into prerender chunks named after one of their modules (`content_….mjs`
 * holds most of src/site and src/charts), so a chunk's frame is traced back to its module by its
 * function name: the one file of src/ that declares a function, const or method of that name
 * (Rolldown's `$1` suffix for a renamed duplicate dropped). A name declared in several files stays
 * with its chunk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Time of one entry (a function, a file, a group). */
export interface Hotspot {
  /** `name (file:line)`, the line 1-based; file relative to the repository when inside it. */
  where: string;
  ms: number;
  /** Share of the thread's samples (of all threads' busy time for the combined groups). */
  share: number;
}

/** One thread's profile, summarised. */
export interface ThreadSummary {
  thread: 'main' | 'worker';
  /** Wall time the profile covers, and the time of its samples. */
  wallMs: number;
  totalMs: number;
  /** Samples that were not idle. */
  busyMs: number;
  groups: Hotspot[];
  functions: Hotspot[];
  /** The project's own functions by inclusive time (main thread only). */
  project: Hotspot[];
  /** The run in slices of `sliceMs`, each with its largest groups: what ran when (main thread only). */
  timeline: { startMs: number; groups: Hotspot[] }[];
  sliceMs: number;
}

/** Every thread of one profiled run. */
export interface ProfileSummary {
  main: ThreadSummary;
  workers: ThreadSummary[];
  /** Busy time of all threads by group: about the CPU time the run spent on each. */
  cpuGroups: Hotspot[];
  cpuMs: number;
}

/** The groups, as printed: a short name, then what it holds (`shortName` gives the name alone). */
export const GROUP = {
  charts: 'chart rendering: Plot, d3, linkedom, src/charts (and its drawing thread)',
  png: 'PNG previews: src/site/og.ts, png.ts, resvg, HarfBuzz (worker threads)',
  print: 'print document: src/site/print*.ts (astro:build:done)',
  core: 'data core: src/core readers and analysis',
  site: 'site model: src/site views, tables, model, pages',
  content: 'content layer: our loader, zod, devalue, the data store',
  markdown: 'Markdown and MDX: remark, rehype, micromark',
  render: 'page rendering: Astro runtime, components, routes',
  bundle: 'bundling: Vite, Rolldown, Astro compiler',
  astro: 'Astro orchestration: config, build, our commands',
  modules: 'module loading: Node ESM loader, TypeScript stripping',
  fs: 'file system: node:fs',
  gc: 'garbage collector',
  idle: 'idle: waiting on the workers or on I/O',
  program: 'V8 and native: (program)',
  other: 'other',
} as const;

/** A group's short name (before its colon). */
export const shortName = (group: string) => group.split(':')[0]!;

const NODE_MODULE = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/;

// Packages by group; anything else under node_modules is "other".
const PACKAGES: [RegExp, string][] = [
  [/^(@observablehq\/plot|d3-.*|linkedom|interval-tree-1d|isoformat|css-select|css-what|boolbase|nth-check|cssom|html-escaper|uhyphen|internmap|delaunator|robust-predicates)$/, GROUP.charts],
  [/^(@resvg\/.*|harfbuzzjs)$/, GROUP.png],
  [/^(zod|devalue|@astrojs\/internal-helpers|neotraverse|js-yaml|p-limit|p-queue|papaparse)$/, GROUP.content],
  [/^(micromark.*|mdast-.*|hast.*|unist-.*|remark-.*|rehype-.*|unified|@mdx-js\/.*|@astrojs\/(mdx|markdown-remark)|vfile.*|property-information|github-slugger|parse5|estree-.*|astring|recma-.*|acorn.*|space-separated-tokens|comma-separated-tokens|html-void-elements|zwitch|ccount|markdown-table|decode-named-character-reference|character-entities.*|stringify-entities|trim-lines|longest-streak|bail|trough|devlop|prismjs)$/, GROUP.markdown],
  [/^(vite|rolldown|@rolldown\/.*|esbuild|@esbuild\/.*|@astrojs\/compiler.*|@vitejs\/.*|magic-string|es-module-lexer|lightningcss.*|csso|css-tree|tinyglobby|fdir|picomatch|get-tsconfig|jsonc-parser|postcss.*)$/, GROUP.bundle],
];

// Chunks of Astro's runtime bundled into the prerender code (not our modules).
const RUNTIME_CHUNK = /^(jsx-runtime|prerender-entry|_noop-middleware|console|path|server|astro)[_.-]/;

// Chunks of our modules, by the module they are named after (src/pages/og/[...image].png.ts is `_...image__….mjs`).
const CHUNK_GROUPS: [RegExp, string][] = [
  [/^_\.\.\.image_/, GROUP.png],
  [/^_\.\.\.chart_/, GROUP.charts],
  [/^(_\.\.\.table_|_sitemap_|content_)/, GROUP.site],
  [/^_astro_data-layer-content/, GROUP.content],
];

// Shared by everyone: their caller decides.
const PASS_THROUGH_PACKAGES = /^(htmlparser2|entities|domhandler|domutils|dom-serializer|domelementtype)$/;

function astroGroup(inside: string): string {
  if (inside.startsWith('dist/content/') || inside.includes('/data-store') || inside.includes('content-layer')) return GROUP.content;
  if (inside.startsWith('dist/runtime/') || inside.startsWith('dist/core/render') || inside.startsWith('dist/core/build/generate') || inside.startsWith('dist/core/app')) return GROUP.render;
  if (inside.startsWith('dist/vite-plugin') || inside.startsWith('dist/core/build/plugins') || inside.startsWith('dist/core/compile') || inside.includes('/vite-plugin')) return GROUP.bundle;
  if (inside.startsWith('dist/markdown') || inside.startsWith('dist/core/markdown')) return GROUP.markdown;
  return GROUP.astro;
}

/** The group of one of the project's files (relative, `/`-separated). */
function projectGroup(file: string): string {
  if (file.startsWith('src/charts/') || file === 'src/site/charts.ts' || file === 'src/site/drawings.ts' || file.startsWith('src/site/prewarm')) return GROUP.charts;
  if (file === 'src/site/og.ts' || file === 'src/site/png.ts' || file === 'src/site/font-subset.ts' || file === 'src/site/logo.ts') return GROUP.png;
  if (file.startsWith('src/site/print')) return GROUP.print;
  if (file.startsWith('src/core/')) return GROUP.core;
  if (file === 'src/site/loader.ts' || file === 'src/site/schema.ts' || file === 'src/site/content.ts' || file === 'src/content.config.ts') return GROUP.content;
  if (file === 'src/site/permalinks.ts' || file === 'src/site/rehype-tables.ts') return GROUP.markdown;
  if (file.startsWith('src/site/')) return GROUP.site;
  if (file.startsWith('src/pages/') || file.startsWith('src/components/') || file.startsWith('src/layouts/')) return GROUP.render;
  if (file.startsWith('src/commands/') || file.startsWith('scripts/') || file === 'astro.config.mjs') return GROUP.astro;
  return GROUP.other;
}

/**
 * Function names declared in src/ (functions, consts, lets, methods), each with the files that
 * declare it: how a frame of a bundled chunk is traced back to its module.
 */
export function functionIndex(root: string): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (name: string, file: string) => {
    const files = index.get(name) ?? new Set<string>();
    files.add(file);
    index.set(name, files);
  };
  const declaration = /(?:\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=;]+)?=\s*(?:async\s*)?(?:\(|function|[A-Za-z_$][\w$]*\s*=>)|^\s+(?:(?:public|private|protected|static|async|get|set)\s+)*([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*(?::[^{]+)?\{)/gm;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts|astro)$/.test(entry.name)) {
        const file = path.relative(root, full).split(path.sep).join('/');
        const text = readFileSync(full, 'utf8');
        for (const match of text.matchAll(declaration)) {
          const name = match[1] ?? match[2] ?? match[3];
          if (name && !['if', 'for', 'while', 'switch', 'catch', 'return', 'function'].includes(name)) add(name, file);
        }
        // An Astro component renders as `$$Name`.
        if (entry.name.endsWith('.astro')) add(`$$${entry.name.replace(/\.astro$/, '').replace(/[^\w$]/g, '')}`, file);
      }
    }
  };
  walk(path.join(root, 'src'));
  return index;
}

interface Resolved {
  /** Where it is shown: a project file, a package file, a chunk, `node:…`, or a special name. */
  file: string;
  group: string | null;
  /** Frames that do not decide a group pass the sample on to their caller. */
  passThrough: boolean;
  /** A chunk's frame traced back to its module of src/ (its line is the chunk's, so it is not shown). */
  mapped?: boolean;
}

function resolver(root: string, index: Map<string, Set<string>>): (frame: CallFrame) => Resolved {
  const cache = new Map<string, Resolved>();
  return (frame) => {
    const key = `${frame.url}\0${frame.functionName}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const result = resolve(frame, root, index);
    cache.set(key, result);
    return result;
  };
}

function resolve(frame: CallFrame, root: string, index: Map<string, Set<string>>): Resolved {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(garbage collector)') return { file: functionName, group: GROUP.gc, passThrough: false };
    if (functionName === '(idle)') return { file: functionName, group: GROUP.idle, passThrough: false };
    if (functionName === '(program)') return { file: functionName, group: GROUP.program, passThrough: false };
    // V8 builtins and Node's native bindings (JSON.parse, writeBuffer): their caller decides.
    return { file: '(native)', group: null, passThrough: true };
  }
  if (url.startsWith('[worker eval]')) return { file: '[worker eval]', group: GROUP.png, passThrough: false };
  if (url.startsWith('wasm://')) return { file: 'wasm', group: null, passThrough: true };
  if (url.startsWith('node:')) {
    if (url.startsWith('node:internal/modules') || url.startsWith('node:internal/deps/amaro') || url === 'node:internal/bootstrap/realm') return { file: url, group: GROUP.modules, passThrough: false };
    if (url === 'node:fs' || url.startsWith('node:internal/fs')) return { file: url, group: GROUP.fs, passThrough: false };
    return { file: url, group: null, passThrough: true };
  }
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const chunk = /\/\.prerender\/(?:chunks\/)?(.+)$/.exec(file);
  if (chunk) {
    const name = functionName.replace(/\$\d+$/, '');
    const declared = index.get(name);
    if (declared?.size === 1) {
      const [source] = declared;
      return { file: source!, group: projectGroup(source!), passThrough: false, mapped: true };
    }
    // Astro's runtime and our pages are bundled too; a name we cannot place goes by its chunk.
    const chunkName = chunk[1]!;
    const group = RUNTIME_CHUNK.test(chunkName) ? GROUP.render : (CHUNK_GROUPS.find(([pattern]) => pattern.test(chunkName))?.[1] ?? GROUP.render);
    return { file: `[astro chunk] ${chunkName}`, group, passThrough: false };
  }
  const pkg = NODE_MODULE.exec(file);
  if (pkg) {
    const [, name = '', inside = ''] = pkg;
    const shown = `node_modules/${name}/${inside}`;
    if (PASS_THROUGH_PACKAGES.test(name)) return { file: shown, group: null, passThrough: true };
    if (name === 'astro') return { file: shown, group: astroGroup(inside), passThrough: false };
    for (const [pattern, group] of PACKAGES) if (pattern.test(name)) return { file: shown, group, passThrough: false };
    return { file: shown, group: `${GROUP.other}: ${name}`, passThrough: false };
  }
  const relative = path.relative(root, file);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
    const shown = relative.split(path.sep).join('/');
    return { file: shown, group: projectGroup(shown), passThrough: false };
  }
  return { file, group: GROUP.other, passThrough: false };
}

/** A frame of the project's own code: src/ (traced from a chunk or not), or a chunk of our pages and components (not Astro's runtime). */
function ownFrame(resolved: Resolved): boolean {
  if (resolved.file.startsWith('src/')) return true;
  return resolved.file.startsWith('[astro chunk] ') && !RUNTIME_CHUNK.test(resolved.file.slice(14));
}

function read(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

function rank(map: Map<string, number>, total: number, top: number): Hotspot[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ where, ms: us / 1000, share: total ? us / total : 0 }));
}

function summariseThread(profile: CpuProfile, thread: 'main' | 'worker', root: string, index: Map<string, Set<string>>, top: number, groupUs: Map<string, number>): ThreadSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; the time a sample stands for is the next delta.
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const chargedTo = new Map<number, string>();
  const at = resolver(root, index);
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    if (us === 0) continue;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(root)') continue;
    total += us;
    const leaf = at(node.callFrame);
    const name = node.callFrame.functionName || '(anonymous)';
    const where = !node.callFrame.url ? name : leaf.mapped ? `${name} (${leaf.file})` : `${name} (${leaf.file}:${node.callFrame.lineNumber + 1})`;
    functions.set(where, (functions.get(where) ?? 0) + us);
    // The innermost frame that decides a group.
    let group: string | null = null;
    const seen = new Set<string>();
    for (let cursor: number | undefined = id; cursor !== undefined; cursor = parent.get(cursor)) {
      const frame = byId.get(cursor)!.callFrame;
      const resolved = at(frame);
      if (group === null && !resolved.passThrough) group = resolved.group;
      if (thread === 'main' && ownFrame(resolved)) {
        const own = `${frame.functionName || '(anonymous)'} (${resolved.file}${resolved.mapped ? '' : `:${frame.lineNumber + 1}`})`;
        if (!seen.has(own)) {
          seen.add(own);
          inclusive.set(own, (inclusive.get(own) ?? 0) + us);
        }
      }
    }
    const charged = group ?? `${GROUP.other}: native code and Node internals`;
    chargedTo.set(id, charged);
    groups.set(charged, (groups.get(charged) ?? 0) + us);
    if (charged === GROUP.idle) idle += us;
    else groupUs.set(charged, (groupUs.get(charged) ?? 0) + us);
  }
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  // About twenty slices, each a round number of milliseconds.
  const sliceMs = Math.max(100, Math.ceil(wallMs / 20 / 100) * 100);
  const slices: Map<string, number>[] = [];
  if (thread === 'main') {
    let at = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      at += profile.timeDeltas[i] ?? 0;
      const charged = chargedTo.get(profile.samples[i]!);
      if (!charged) continue;
      const slice = (slices[Math.floor(at / 1000 / sliceMs)] ??= new Map());
      slice.set(charged, (slice.get(charged) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
    }
  }
  return {
    thread,
    wallMs,
    timeline: Array.from(slices, (slice, i) => ({ startMs: i * sliceMs, groups: rank(slice ?? new Map(), sliceMs * 1000, 3) })),
    sliceMs,
    totalMs: total / 1000,
    busyMs: (total - idle) / 1000,
    groups: rank(groups, total, 100),
    functions: rank(functions, total, top),
    project: thread === 'main' ? rank(inclusive, total, top) : [],
  };
}

/** The `.cpuprofile` files a profiled run wrote into `dir`: the main thread's (the largest) first. */
export function profilesIn(dir: string): string[] {
  const found = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  if (found.length === 0) throw new Error(`expects a .cpuprofile in ${dir} but found none`);
  // Node numbers a thread's profile after its thread id: the main thread is thread 0.
  const thread = (file: string) => Number(/\.\d+\.(\d+)\.\d+\.cpuprofile$/.exec(file)?.[1] ?? NaN);
  const main = found.find((f) => thread(f) === 0) ?? found.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
  return [main, ...found.filter((f) => f !== main)];
}

/** Summarises the profiles of one run (`files[0]` the main thread's, the rest its workers'). */
export function summariseProfiles(files: readonly string[], root: string, top = 15): ProfileSummary {
  const index = functionIndex(root);
  const cpu = new Map<string, number>();
  const [main, ...workers] = files.map((file, i) => summariseThread(read(file), i === 0 ? 'main' : 'worker', root, index, top, cpu));
  const cpuUs = [...cpu.values()].reduce((a, b) => a + b, 0);
  return { main: main!, workers, cpuGroups: rank(cpu, cpuUs, 100), cpuMs: cpuUs / 1000 };
}
