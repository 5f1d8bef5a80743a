/**
 * Charts and preview images kept from one build to the next, by what made them. Drawing a chart
 * (Plot and the DOM) and rasterising a preview card are most of what a build costs beyond its
 * pages, and a rebuild after a new run changes a few of them. An entry is found only by a key
 * that covers everything its bytes depend on: the inputs, and a fingerprint of the code that draws
 * them (every source file and the lock file), so a change of either is a miss, never a stale hit.
 * Only builds of the build command use it; `npm run dev` draws afresh, since its code may change
 * while it runs.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the cache lives and the fingerprint of the code its entries were made by; null: no cache. */
export type RenderCacheSettings = { dir: string; fingerprint: string } | null;

/** The default folder, below the project's node_modules as other tools keep theirs. */
export const DEFAULT_CACHE_DIR = path.join('node_modules', '.cache', 'capacity-frontier');

/** The most a cache folder keeps; past it the entries used longest ago go. */
export const CACHE_LIMIT_BYTES = 512 * 2 ** 20;

// Everything under these (and the lock file) decides how a chart or card is drawn.
const CODE = ['src', 'astro.config.mjs', 'package-lock.json'];

function filesUnder(root: string, relative: string, out: string[]): void {
  const full = path.join(root, relative);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) {
    out.push(relative);
    return;
  }
  for (const name of readdirSync(full).sort()) filesUnder(root, path.join(relative, name), out);
}

/** A hash of the project's code: every file under src/, the Astro config and the lock file (names and bytes), and Node's version. */
export function codeFingerprint(root: string): string {
  const hash = createHash('sha256').update(process.version);
  const files: string[] = [];
  for (const entry of CODE) filesUnder(root, entry, files);
  for (const file of files) hash.update(`\0${file.split(path.sep).join('/')}\0`).update(readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

/** The cache folder of the project at `root` for the environment's setting (a folder, `off`, or unset for the default); null when off. */
export function renderCacheDir(root: string, setting: string | undefined): string | null {
  return setting === 'off' ? null : path.resolve(root, setting || DEFAULT_CACHE_DIR);
}

/**
 * The cache settings of a build of the project at `root`, from the folder the build command names
 * (ENV.cache: the user's setting resolved by renderCacheDir, or `off`). Unset is off: a build the
 * command did not start (a test's loader with a stand-in renderer, a bare `astro build`) keeps
 * nothing a later build could take for its own.
 */
export function renderCacheSettings(root: string, folder: string | undefined): RenderCacheSettings {
  if (folder === undefined || folder === '' || folder === 'off') return null;
  return { dir: path.resolve(root, folder), fingerprint: codeFingerprint(root) };
}

/** The entries of one build: read by key, written once made. Failures to read or write are misses: the cache only ever saves work. */
export class RenderCache {
  private readonly settings: RenderCacheSettings;
  constructor(settings: RenderCacheSettings) {
    this.settings = settings;
  }

  /** Whether there is a cache at all (none when turned off). */
  get enabled(): boolean {
    return this.settings !== null;
  }

  /** The key of an entry made from `parts` by this code: a SHA-256 of the fingerprint and the parts. */
  key(...parts: readonly (string | Uint8Array)[]): string {
    const hash = createHash('sha256').update(this.settings?.fingerprint ?? '');
    for (const part of parts) hash.update('\0').update(part);
    return hash.digest('hex');
  }

  private file(key: string): string {
    return path.join(this.settings!.dir, key.slice(0, 2), key);
  }

  /** Whether an entry is stored under `key` (not read, nor marked as used). */
  has(key: string): boolean {
    return this.settings !== null && statSync(this.file(key), { throwIfNoEntry: false }) !== undefined;
  }

  /** The bytes stored under `key`, or null; a hit is marked as used now, so pruning keeps it. */
  read(key: string): Buffer | null {
    if (!this.settings) return null;
    const file = this.file(key);
    try {
      const bytes = readFileSync(file);
      const now = new Date();
      utimesSync(file, now, now);
      return bytes;
    } catch {
      return null;
    }
  }

  /**
   * The text stored under `key`, else what `make` gives, stored for the next build (a null is
   * given back and not stored). Off, it is `make()`, the key unhashed.
   */
  text<T extends string | null>(key: () => string, make: () => T): string | T {
    if (!this.settings) return make();
    const k = key();
    const hit = this.read(k);
    if (hit) return hit.toString('utf8');
    const made = make();
    if (made !== null) this.write(k, made);
    return made;
  }

  /** The bytes stored under `key`, else those `make` resolves to (text as UTF-8), stored for the next build. */
  async bytes(key: () => string, make: () => Promise<string | Uint8Array<ArrayBuffer>>): Promise<Uint8Array<ArrayBuffer>> {
    const k = this.settings ? key() : null;
    const hit = k === null ? null : this.read(k);
    if (hit) return new Uint8Array(hit);
    const made = await make();
    if (k !== null) this.write(k, made);
    return typeof made === 'string' ? new TextEncoder().encode(made) : made;
  }

  /** Stores `bytes` under `key`: written beside, then renamed, so a reader never sees half an entry. */
  write(key: string, bytes: string | Uint8Array): void {
    if (!this.settings) return;
    const file = this.file(key);
    // A name of its own: builds of other processes and threads may write the same entry at once.
    const partial = `${file}.${randomUUID()}.partial`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(partial, bytes);
      renameSync(partial, file);
    } catch {
      // Nothing is kept; what was written beside goes too, if it can.
      try {
        rmSync(partial, { force: true });
      } catch {
        // The folder itself cannot be written: there is nothing to remove.
      }
    }
  }
}

/** Removes the entries used longest ago until the folder holds at most `limit` bytes; how many went. */
export function pruneRenderCache(dir: string, limit = CACHE_LIMIT_BYTES): number {
  const entries: { file: string; size: number; used: number }[] = [];
  let total = 0;
  const shards = statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(dir, { withFileTypes: true }) : [];
  for (const shard of shards) {
    if (!shard.isDirectory()) continue;
    for (const name of readdirSync(path.join(dir, shard.name))) {
      const file = path.join(dir, shard.name, name);
      const stat = statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) continue;
      entries.push({ file, size: stat.size, used: stat.mtimeMs });
      total += stat.size;
    }
  }
  if (total <= limit) return 0;
  entries.sort((a, b) => a.used - b.used || (a.file < b.file ? -1 : 1));
  let removed = 0;
  for (const entry of entries) {
    if (total <= limit) break;
    rmSync(entry.file, { force: true });
    total -= entry.size;
    removed += 1;
  }
  return removed;
}
