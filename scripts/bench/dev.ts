/**
 * The first page of `npm run dev`: starts the dev server (`node scripts/start.mjs dev --data DIR --port N`)
 * on a free loopback port, in a process group of its own, and measures from the spawn until
 * `GET /` answers 200 with the page's HTML (polled), then until the first GPU × workload page the
 * overview links to answers too. The server is stopped by signalling its whole group; every wait
 * is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const HOST = '127.0.0.1';
/** Between two polls of a server that is not answering yet. */
const POLL_MS = 25;
/** One request may take this long (a page compiled on first request in dev can take seconds). */
const REQUEST_TIMEOUT_MS = 60_000;
/** After SIGTERM, the group gets this long before SIGKILL. */
const STOP_GRACE_MS = 5_000;

/** One start of the dev server. */
export interface DevRun {
  /** Spawn to `GET /` answering 200 with HTML. */
  firstPageMs: number;
  /** Spawn to the first GPU × workload page answering 200 (requested right after `/`). */
  groupPageMs: number | null;
  /** The GPU × workload request alone. */
  groupRequestMs: number | null;
  /** The page asked for (path), or null when the overview linked none. */
  groupPage: string | null;
  /** Astro's own "ready in N ms" from its log. */
  readyMs: number | null;
  /** Peak resident memory of the server process (VmHWM), Linux only. */
  rssBytes: number | null;
  /** Failed polls before the first answer (refused connections, 5xx). */
  polls: number;
  /** What `target.notice` found in the server's log. */
  notices: string[];
}

/** What to start. */
export interface DevTarget {
  node: string;
  /** The script and its first arguments (scripts/start.mjs and `dev`). */
  script: readonly string[];
  cwd: string;
  data: string;
  env: NodeJS.ProcessEnv;
  /** The whole start must answer within this. */
  timeoutMs: number;
  /** Reads the server's log once its pages were served: what to note about this start. */
  notice?: (log: string) => string[];
}

/** A free TCP port on the loopback interface (the kernel's choice, released right away). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

const live = new Set<ChildProcess>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** Stops every dev server still running (for an interrupted benchmark). */
export function killDevServers(): void {
  for (const child of live) signalGroup(child, 'SIGKILL');
  live.clear();
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM to the server's group, SIGKILL after the grace period if it has not exited. */
async function stop(child: ChildProcess): Promise<void> {
  signalGroup(child, 'SIGTERM');
  const done = exited(child);
  const timer = sleep(STOP_GRACE_MS).then(() => 'timeout' as const);
  if ((await Promise.race([done.then(() => 'exited' as const), timer])) === 'timeout') {
    signalGroup(child, 'SIGKILL');
    await Promise.race([done, sleep(STOP_GRACE_MS)]);
  }
  // Whatever the server started in its group (a Vite dependency optimiser) goes with it.
  signalGroup(child, 'SIGKILL');
  live.delete(child);
}

function peakRss(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * GET `url` until it answers 200 with an HTML document; the body, and how many polls failed.
 * With `retryAnswers` false, only a connection that fails is tried again: an answer other than
 * 200 is final.
 */
async function poll(url: string, deadline: number, child: ChildProcess, output: () => string, retryAnswers = true): Promise<{ html: string; polls: number }> {
  let polls = 0;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the dev server exited (${child.signalCode ?? `exit ${child.exitCode}`}) before ${url} answered:\n${output().slice(-3000)}`);
    }
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(Math.max(1, Math.min(REQUEST_TIMEOUT_MS, deadline - Date.now()))) });
      const body = await response.text();
      if (response.status === 200 && /<html[\s>]/i.test(body) && /<\/html>/i.test(body)) return { html: body, polls };
      last = `${response.status} ${body.slice(0, 200)}`;
      if (!retryAnswers) throw new Error(`${url} answered ${last}`);
    } catch (error) {
      if (!retryAnswers && (error as Error).message.startsWith(url)) throw error;
      last = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    }
    polls++;
    await sleep(POLL_MS);
  }
  throw new Error(`${url} did not answer 200 with HTML in time (last: ${last}):\n${output().slice(-3000)}`);
}

/** The first GPU × workload page the overview links to (`…/gpus/<gpu>/<workload>/`), as a path. */
export function firstGroupLink(html: string): string | null {
  const match = /href="([^"]*\/gpus\/[^"/]+\/[^"/]+\/)"/.exec(html);
  return match ? new URL(match[1]!, 'http://x/').pathname : null;
}

/** Starts the dev server once, measures its first pages, and stops it. */
export async function devFirstPage(target: DevTarget): Promise<DevRun> {
  const port = await freePort();
  const chunks: string[] = [];
  let size = 0;
  const keep = (data: Buffer) => {
    // Enough of the log to show why a start failed, and Astro's "ready in" line.
    if (size > 1024 * 1024) return;
    size += data.length;
    chunks.push(data.toString());
  };
  const output = () => chunks.join('');
  const deadline = Date.now() + target.timeoutMs;
  const start = process.hrtime.bigint();
  const child = spawn(target.node, [...target.script, '--data', target.data, '--port', String(port)], {
    cwd: target.cwd,
    env: target.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  // Handled: a spawn error that comes after the pages answered must not end the benchmark.
  spawnError.catch(() => {});
  try {
    const base = `http://${HOST}:${port}`;
    const { html, polls } = await Promise.race([poll(`${base}/`, deadline, child, output), spawnError]);
    const firstPageMs = elapsed(start);
    const groupPage = firstGroupLink(html);
    let groupPageMs: number | null = null;
    let groupRequestMs: number | null = null;
    if (groupPage) {
      const asked = process.hrtime.bigint();
      await poll(`${base}${groupPage}`, deadline, child, output, false);
      groupRequestMs = elapsed(asked);
      groupPageMs = elapsed(start);
    }
    const log = output().replace(/\u001b\[[0-9;]*m/g, '');
    const ready = /ready in (\d+(?:\.\d+)?) ?ms/.exec(log);
    return { firstPageMs, groupPageMs, groupRequestMs, groupPage, readyMs: ready ? Number(ready[1]) : null, rssBytes: peakRss(child.pid), polls, notices: target.notice?.(log) ?? [] };
  } finally {
    await stop(child);
  }
}
