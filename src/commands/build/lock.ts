/**
 * Builds of this project take turns. Astro keeps generated files of every build in the project's
 * `.astro/` (content modules, the page bundle of an output outside the project), and the content
 * loader reads its settings from the environment: two builds at once, in two processes (the
 * tests, a PDF beside a build) or in one (a test's Promise.all), would overwrite each other's.
 */
import { rmSync } from 'node:fs';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../effects.ts';

/** How long a build waits for another before it gives up. */
const PATIENCE_MS = 15 * 60_000;

// Builds of this process, one after the other, before any of them asks for the file lock.
const queues = new Map<string, Promise<unknown>>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Waits until no other process builds this project, then holds `file` (holding its pid) until
 * the returned release is called or the process exits. A lock left by a process that is gone is
 * taken over.
 */
async function acquire(file: string, logger: Logger): Promise<() => void> {
  await mkdir(path.dirname(file), { recursive: true });
  let told = false;
  for (const started = Date.now(); ; ) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      const release = () => rmSync(file, { force: true });
      process.once('exit', release);
      return () => {
        process.off('exit', release);
        release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const [holder, age] = await Promise.all([
      readFile(file, 'utf8').then(Number, () => NaN),
      stat(file).then((s) => Date.now() - s.mtimeMs, () => 0),
    ]);
    // An empty file is a lock being taken right now; a dead pid is a build that was killed.
    if ((Number.isInteger(holder) && holder > 0 && !alive(holder)) || (!(holder > 0) && age > 10_000)) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() - started > PATIENCE_MS) throw new Error(`another build (pid ${holder}) has held ${file} for 15 minutes: stop it, or delete the file if no build runs`);
    if (!told) {
      logger.info(`Waiting for another build of this project (pid ${holder}) to finish…`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Runs `fn` while this build holds the project's build lock `file` (taking turns within the process first). */
export async function withBuildLock<T>(file: string, logger: Logger, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(file) ?? Promise.resolve();
  const turn = before.catch(() => {}).then(async () => {
    const release = await acquire(file, logger);
    try {
      return await fn();
    } finally {
      release();
    }
  });
  const settled = turn.catch(() => {});
  queues.set(file, settled);
  void settled.then(() => {
    if (queues.get(file) === settled) queues.delete(file);
  });
  return turn;
}
