/**
 * Reading a folder's files on more than one thread: the main thread reads files as it always
 * does, and the reading threads (read-worker.ts) of a ReadThreads pool take files from the same
 * queue. A file's result is what it would be on the main thread (the same function reads it) and
 * results are kept in file order, so the report does not depend on which thread read what. Each
 * thread holds one file at a time, so memory follows the largest file. The pool belongs to its
 * caller (the analyze CLI makes one; the site and tests read without, every file on the main
 * thread): it is passed to loadReport, and the caller stops it.
 */
import { opendirSync, statSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileRead } from './read-file.ts';
import type { ResolvedConfig } from './types.ts';

/** A message from a reading thread. */
export type FromThread = { kind: 'ready' } | { kind: 'read'; id: number; result?: FileRead; error?: string };

/** A message to a reading thread. */
export type ToThread =
  | { kind: 'load'; load: number; dir: string; config: ResolvedConfig; files: readonly string[] }
  | { kind: 'read'; load: number; id: number; file: string }
  | { kind: 'end'; load: number };

// Files handed to one thread ahead of its results: one read, one waiting, so it never idles
// while the main thread is busy with a file of its own.
const AHEAD = 2;

class ReadThread {
  readonly worker: Worker;
  ready = false;
  alive = true;
  private readonly pending = new Map<number, { resolve: (r: FileRead) => void; reject: (e: Error) => void }>();
  private readonly onReady: (() => void)[] = [];
  private readonly onIdle: (() => void)[] = [];
  private nextId = 0;

  constructor() {
    // A thread starts with the compile cache only when its environment names it: then its first
    // module is not type-stripped again (which loads the stripper into the thread).
    // (Node keeps the cache in a subfolder per version of the folder it is given: that folder is its parent.)
    const cache = module.getCompileCacheDir?.();
    this.worker = new Worker(new URL('./read-worker.ts', import.meta.url), cache ? { env: { ...process.env, NODE_COMPILE_CACHE: path.dirname(cache) } } : {});
    this.worker.on('message', (message: FromThread) => {
      if (message.kind === 'ready') {
        this.ready = true;
        for (const f of this.onReady.splice(0)) f();
        return;
      }
      const task = this.pending.get(message.id);
      if (!task) return;
      this.settle(message.id);
      if (message.result) task.resolve(message.result);
      else task.reject(new Error(message.error ?? 'the reading thread gave no result'));
    });
    const fail = (error: Error) => {
      this.alive = false;
      this.ready = false;
      for (const [id, task] of [...this.pending]) {
        this.settle(id);
        task.reject(error);
      }
      // Whoever waits for the thread to be ready is not left waiting: it will never be.
      for (const f of this.onReady.splice(0)) f();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the reading thread exited (code ${code})`)));
    // An idle thread never keeps the process alive; one with files in hand does (read()). After
    // the listeners: adding one refs the thread again.
    this.worker.unref();
  }

  get inHand(): number {
    return this.pending.size;
  }

  /** Calls `f` once the thread is ready, or at once when it is (or has ended). */
  whenReady(f: () => void): void {
    if (this.ready || !this.alive) f();
    else this.onReady.push(f);
  }

  post(message: ToThread): void {
    if (this.alive) this.worker.postMessage(message);
  }

  read(load: number, file: string): Promise<FileRead> {
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    const result = new Promise<FileRead>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.post({ kind: 'read', load, id, file });
    return result;
  }

  /** Resolves once the thread holds no file (at once when it holds none). */
  idle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.onIdle.push(resolve));
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size > 0) return;
    this.worker.unref();
    for (const f of this.onIdle.splice(0)) f();
  }
}

/** How many reading threads help the main thread by default: one per further core, at most two (each holds a file). */
export function defaultThreadCount(): number {
  return Math.max(0, Math.min(2, os.availableParallelism() - 1));
}

/** The folder size from which a pool starts its threads for a folder (ReadThreads `fromBytes`). */
export const THREADS_FROM_BYTES = 16 * 2 ** 20;

/** How a pool of reading threads is made. */
export interface ReadThreadsOptions {
  /** How many threads (default defaultThreadCount(); 0: every file is read on the main thread). */
  count?: number;
  /**
   * The folder size from which `read` and `startFor` start the threads (default
   * THREADS_FROM_BYTES): a thread costs about as much to start as reading a few MB, so a small
   * folder is read faster without one.
   */
  fromBytes?: number;
}

function worthThreads(dir: string, files: readonly string[], fromBytes: number): boolean {
  let bytes = 0;
  for (const file of files) {
    bytes += statSync(path.join(dir, file), { throwIfNoEntry: false })?.size ?? 0;
    if (bytes >= fromBytes) return true;
  }
  return false;
}

/** Reads every file on this thread, one after another, in `files` order. */
export async function readInOrder(files: readonly string[], readHere: (file: string) => Promise<FileRead>): Promise<FileRead[]> {
  const results: FileRead[] = new Array(files.length);
  for (let i = 0; i < files.length; i += 1) results[i] = await readHere(files[i]!);
  return results;
}

/**
 * A pool of reading threads, owned by whoever makes it: started when a folder is large enough
 * (or at once with `start`), used by each `read` (loadReport's `threads`), and ended by `stop`.
 * An idle thread never keeps the process alive.
 */
export class ReadThreads {
  readonly count: number;
  readonly fromBytes: number;
  private threads: ReadThread[] = [];
  private stopped = false;
  private loads = 0;
  private handed = 0;

  constructor(options: ReadThreadsOptions = {}) {
    this.count = options.count ?? defaultThreadCount();
    this.fromBytes = options.fromBytes ?? THREADS_FROM_BYTES;
  }

  /** Whether the threads were started (and not stopped). */
  get started(): boolean {
    return this.threads.length > 0;
  }

  /** How many files the threads have been handed. */
  get handedOut(): number {
    return this.handed;
  }

  /**
   * Starts the threads now, whatever the folder (once; none after `stop`, or with a count of 0);
   * early, so they load their modules while the main thread loads its own. Resolves when every
   * thread is ready; nobody need wait for that (files go to a thread once it is).
   */
  start(): Promise<void> {
    if (!this.threads.length && !this.stopped && this.count > 0) this.threads = Array.from({ length: this.count }, () => new ReadThread());
    return this.ready();
  }

  /** Resolves when every thread started is ready (at once when none is); starts none. */
  ready(): Promise<void> {
    return Promise.all(this.threads.map((t) => new Promise<void>((resolve) => t.whenReady(resolve)))).then(() => {});
  }

  /**
   * Starts the threads at once when `dir` holds `fromBytes` or more: a guess at the folder a
   * command will read, made before the command loads (loading it leaves no turn of the event
   * loop), so the threads are ready sooner. A wrong guess costs only the guess (`read` decides
   * again); it looks at 200 entries at most, and an error leaves it to the command to report.
   */
  startFor(dir: string): void {
    if (this.threads.length || this.stopped || this.count === 0) return;
    let bytes = 0;
    let seen = 0;
    const folders = [dir];
    try {
      while (folders.length && seen < 200) {
        const folder = opendirSync(folders.shift()!);
        try {
          for (let entry = folder.readSync(); entry && seen < 200; entry = folder.readSync()) {
            seen += 1;
            const full = path.join(folder.path, entry.name);
            if (entry.isDirectory()) folders.push(full);
            else if (entry.isFile()) bytes += statSync(full, { throwIfNoEntry: false })?.size ?? 0;
            if (bytes >= this.fromBytes) {
              void this.start();
              return;
            }
          }
        } finally {
          folder.closeSync();
        }
      }
    } catch {
      // A missing or unreadable folder is the command's to report.
    }
  }

  /**
   * Stops the pool: no file is handed out any more, and each thread ends once it has no file in
   * hand. Later reads are on the main thread alone.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    const stopping = this.threads;
    this.threads = [];
    await Promise.all(stopping.map(async (t) => {
      await t.idle();
      await t.worker.terminate();
    }));
  }

  /**
   * Reads every file, in `files` order: `readHere` on the main thread, and the threads (started
   * here for a folder of `fromBytes` or more, and used once ready) take files from the same
   * queue. A file a thread fails on is read again here, so an unexpected error is thrown as the
   * main thread would throw it.
   */
  async read(dir: string, files: readonly string[], config: ResolvedConfig, readHere: (file: string) => Promise<FileRead>): Promise<FileRead[]> {
    if (!this.threads.length && !this.stopped && this.count > 0 && worthThreads(dir, files, this.fromBytes)) void this.start();
    const helpers = this.threads.filter((t) => t.alive);
    if (helpers.length === 0) return readInOrder(files, readHere);
    const results: FileRead[] = new Array(files.length);
    let next = 0;
    const load = ++this.loads;
    for (const t of helpers) t.post({ kind: 'load', load, dir, config, files });
    const handed: Promise<void>[] = [];
    const feed = () => {
      for (const t of helpers) {
        while (t.ready && t.alive && !this.stopped && t.inHand < AHEAD && next < files.length) {
          const i = next++;
          this.handed += 1;
          handed.push(t.read(load, files[i]!).then(
            (result) => { results[i] = result; },
            async () => { results[i] = await readHere(files[i]!); },
          ).finally(feed));
        }
      }
    };
    for (const t of helpers) t.whenReady(feed);
    try {
      feed();
      while (next < files.length) {
        const i = next++;
        results[i] = await readHere(files[i]!);
        // Let the threads' results in (and hand them more) between this thread's files.
        await new Promise<void>((resolve) => setImmediate(resolve));
        feed();
      }
      // A file handed back to the main thread (a failed thread) may still be on its way.
      for (let waited = 0; waited < handed.length;) {
        const upTo = handed.length;
        await Promise.all(handed.slice(waited, upTo));
        waited = upTo;
      }
    } catch (error) {
      // Nothing more is handed out, and the threads finish what they hold before the error goes
      // up: the process may end on it, and it should not end with a thread in the middle of a file.
      next = files.length;
      await Promise.allSettled(handed);
      throw error;
    } finally {
      for (const t of helpers) t.post({ kind: 'end', load });
    }
    return results;
  }
}
