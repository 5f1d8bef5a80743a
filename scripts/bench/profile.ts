/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and sums self time per function and per
 * file, so the benchmark can say where the time of a run goes.
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

/** Self time of one function (or one file). */
export interface Hotspot {
  /** `name (file:line)`, the line 1-based; file relative to the repository when inside it. */
  where: string;
  ms: number;
  share: number;
}

/** The top self-time entries of a profile. */
export interface ProfileSummary {
  totalMs: number;
  functions: Hotspot[];
  files: Hotspot[];
  /** The project's own functions (src/, scripts/, Astro's bundle of them) by inclusive time. */
  project: Hotspot[];
}

function shortFile(url: string, root: string): string {
  if (url === '') return '(native)';
  // Astro bundles the pages and what they import into chunks named after a module of src/.
  const chunk = /\/\.prerender\/(?:chunks\/)?(.+)$/.exec(url);
  if (chunk) return `[astro chunk] ${chunk[1]}`;
  let file = url;
  if (url.startsWith('file://')) file = fileURLToPath(url);
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/** Sums self time per function and per file; `top` entries of each, largest first. */
export function summariseProfile(file: string, root: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) byId.set(node.id, node);
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; the time a sample stands for is the next delta.
  for (let i = 0; i < profile.samples.length; i++) {
    const next = profile.timeDeltas[i + 1] ?? 0;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + next);
  }
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${name} (${shortFile(frame.url, root)}:${frame.lineNumber + 1})` : name;
    functions.set(where, (functions.get(where) ?? 0) + us);
    const fileKey = frame.url ? shortFile(frame.url, root) : name;
    files.set(fileKey, (files.get(fileKey) ?? 0) + us);
    total += us;
  }
  // Inclusive time of the project's own functions: a sample counts once for every distinct
  // project function on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const own = (frame: CallFrame) => {
    const f = shortFile(frame.url, root);
    return f.startsWith('src/') || f.startsWith('scripts/') || f.startsWith('[astro chunk]');
  };
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (!own(frame)) continue;
      const where = `${frame.functionName || '(anonymous)'} (${shortFile(frame.url, root)}:${frame.lineNumber + 1})`;
      if (seen.has(where)) continue;
      seen.add(where);
      inclusive.set(where, (inclusive.get(where) ?? 0) + us);
    }
  }
  const rank = (map: Map<string, number>): Hotspot[] => [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ where, ms: us / 1000, share: total ? us / total : 0 }));
  return { totalMs: total / 1000, functions: rank(functions), files: rank(files), project: rank(inclusive) };
}

/** The one `.cpuprofile` a profiled run wrote into `dir`. */
export function profileIn(dir: string): string {
  const found = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (found.length === 0) throw new Error(`expects a .cpuprofile in ${dir} but found none`);
  // The main thread's profile is the largest when workers wrote their own as well.
  const sized = found.map((f) => ({ file: path.join(dir, f), bytes: statSync(path.join(dir, f)).size }));
  return sized.reduce((a, b) => (b.bytes > a.bytes ? b : a)).file;
}
