/**
 * The package as a user gets it: `npm pack`, the tarball installed with `npm install` into an
 * empty project, then the installed `capacity-frontier` command run there: `--help`, `init`, and
 * builds of a copy of a real results folder and of init's folder, one of them under the machine's
 * own Node (older than Astro needs), which re-runs on the Node of the `node` package. The
 * installed package is made read-only and must come out unchanged; the command's temporary
 * folders go to a TMPDIR of the test's own and must be gone afterwards.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTokS } from '../../src/core/format.ts';
import { loadReport } from '../../src/core/load.ts';
import { copyRealData, ROOT } from '../unit/core/paths.ts';
import { userEnv as sharedUserEnv } from './user-env.ts';

/** What a process printed and how it exited. */
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let tmp: string;
let project: string;
let tmpdir: string;
let packed: { filename: string; size: number; unpackedSize: number; entryCount: number };

/** A user's shell environment, with this test's own temporary folder. */
const userEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => sharedUserEnv({ TMPDIR: tmpdir, ...extra });

/** Runs `file` with `args` in `cwd`; never throws on a non-zero exit. */
function run(file: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, [...args], { cwd: options.cwd, env: options.env ?? userEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A Node on this machine other than the project's (the PATH's, outside any node_modules), and its version. */
function machineNode(): { binary: string; major: number; minor: number } | null {
  const found = execFileSync('sh', ['-c', 'which -a node || true'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const binary = ['/usr/bin/node', ...found].find((file) => existsSync(file) && !file.split(path.sep).includes('node_modules'));
  if (!binary) return null;
  const [major = 0, minor = 0] = execFileSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim().split('.').map(Number);
  return { binary, major, minor };
}

/** Every file below `dir` with its size and modification time. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const info = statSync(file);
      return `${path.relative(dir, file)} ${info.size} ${info.mtimeMs}`;
    })
    .sort();
}

const installedPackage = () => path.join(project, 'node_modules', 'capacity-frontier');
const npx = (args: string[]) => run('npx', ['--no-install', 'capacity-frontier', ...args], { cwd: project });
const page = (site: string, url: string) => readFile(path.join(project, site, url, 'index.html'), 'utf8');

let before: string[];
let help: Run;
let version: Run;
let init: Run;
let real: Run;
let fromInit: Run;
let rerun: Run | null = null;
const older = machineNode();
const olderThanAstro = older !== null && (older.major < 22 || (older.major === 22 && older.minor < 12));

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cf-package-'));
  project = path.join(tmp, 'project');
  tmpdir = path.join(tmp, 'tmp');
  await mkdir(project);
  await mkdir(tmpdir);

  const pack = await run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT, env: userEnv() });
  expect(pack.code, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0]!;

  await writeFile(path.join(project, 'package.json'), `${JSON.stringify({ name: 'my-capacity-report', private: true }, null, 2)}\n`);
  const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(tmp, packed.filename)], { cwd: project });
  expect(install.code, install.stderr).toBe(0);
  // An installed package may be read-only (a shared or system-wide install): nothing may write to it.
  before = listing(installedPackage());
  execFileSync('chmod', ['-R', 'a-w', installedPackage()]);

  copyRealData(path.join(project, 'h200'), { '.': 'datacrunch-research__h200-benchmarks' }, {
    title: 'H200 sweeps',
    files: { './': { gpu: 'H200-141GB', workload: 'chat' } },
  });

  [help, version, init] = [await npx(['--help']), await npx(['--version']), await npx(['init', 'my-report'])];
  real = await npx(['build', 'h200', '--out', 'site-h200']);
  if (olderThanAstro) {
    // The bin file run by the machine's own Node, as a shell whose PATH has no project Node would.
    rerun = await run(older.binary, [path.join(project, 'node_modules', '.bin', 'capacity-frontier'), 'build', 'my-report', '--out', 'site-init'], {
      cwd: project,
      env: userEnv({ PATH: '/usr/bin:/bin' }),
    });
    fromInit = rerun;
  } else {
    fromInit = await npx(['build', 'my-report', '--out', 'site-init']);
  }
}, 900_000);

afterAll(async () => {
  if (!tmp) return;
  if (existsSync(project)) chmodSync(installedPackage(), 0o755);
  execFileSync('chmod', ['-R', 'u+w', tmp]);
  await rm(tmp, { recursive: true, force: true });
});

describe('the package', () => {
  it('packs the command, the site sources and the sample, without tests or scripts', async () => {
    const files = execFileSync('tar', ['-tzf', path.join(tmp, packed.filename)], { encoding: 'utf8' }).split('\n');
    expect(files).toContain('package/bin/capacity-frontier.js');
    expect(files).toContain('package/src/cli/main.ts');
    expect(files).toContain('package/astro.config.mjs');
    expect(files).toContain('package/content/life-of-a-request.mdx');
    expect(files.some((file) => file.startsWith('package/tests/') || file.startsWith('package/scripts/'))).toBe(false);
    const manifest = JSON.parse(await readFile(path.join(installedPackage(), 'package.json'), 'utf8')) as { bin: Record<string, string>; dependencies: Record<string, string> };
    expect(manifest.bin['capacity-frontier']).toBe('bin/capacity-frontier.js');
    expect(Object.keys(manifest.dependencies)).toContain('node');
  });

  it('lists every command under --help and prints its version', async () => {
    expect(help.code).toBe(0);
    for (const command of ['init DIR', 'build DIR', 'dev DIR', 'preview [SITE]', 'analyze DIR', 'pdf DIR']) expect(help.stdout).toContain(`  ${command}`);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('builds the report site of a copy of a real results folder', async () => {
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toMatch(/^Built \d+ pages from h200 into site-h200\n$/);
    const report = await loadReport(path.join(project, 'h200'));
    const group = report.groups.find((g) => g.gpu === 'H200-141GB' && g.workload === 'chat')!;
    expect(group.max_throughput?.value).toBeGreaterThan(0);
    expect(await page('site-h200', '')).toContain('H200 sweeps');
    expect(await page('site-h200', 'gpus/h200-141gb/chat')).toContain(formatTokS(group.max_throughput!.value));
    // Without a content/ folder the built-in write-up is the site's.
    expect(await page('site-h200', 'life-of-a-request')).toContain('Life of a Request');
    // Messages name the installed command, not the repository's npm scripts.
    expect(real.stderr).not.toContain('npm run');
  });

  it('writes a starter folder with init that builds, its write-up rendered from the sample', async () => {
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('Next: npx capacity-frontier build my-report');
    const written = await readdir(path.join(project, 'my-report'));
    expect(written.sort()).toEqual(['README.md', 'capacity.config.json', 'content', 'sample']);
    expect(fromInit.code, fromInit.stderr).toBe(0);
    const brief = await page('site-init', 'capacity-brief');
    expect(brief).toContain('<h1>Capacity brief</h1>');
    const report = await loadReport(path.join(project, 'my-report'));
    const chat = report.groups.find((g) => g.gpu === 'RunPod-RTX2000-16GB' && g.workload === 'chat')!;
    // <KeyNumbers gpu="*" /> without an import: the sample's figure is on the page.
    expect(brief).toContain(formatTokS(chat.max_throughput!.value));
    expect(brief).toContain('RunPod-RTX2000-16GB');
    // The folder's content/ replaces the built-in write-up.
    expect(existsSync(path.join(project, 'site-init', 'life-of-a-request'))).toBe(false);
  });

  it('refuses to init a folder that already has its files, writing nothing', async () => {
    const again = await npx(['init', 'my-report']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('nothing was written');
  });

  it.skipIf(!olderThanAstro)('re-runs itself on the node package when the machine\'s Node is older than Astro needs, saying so once', () => {
    expect(rerun!.code, rerun!.stderr).toBe(0);
    const notes = rerun!.stderr.split('\n').filter((line) => line.includes('from the "node" package'));
    const machine = execFileSync(older!.binary, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    const bundled = (JSON.parse(readFileSync(path.join(project, 'node_modules', 'node', 'package.json'), 'utf8')) as { version: string }).version;
    expect(notes).toEqual([`capacity-frontier: Node ${machine} is older than the 22.12 this needs; running on Node ${bundled} from the "node" package.`]);
  });

  it('writes nothing into the installed package and leaves no temporary folder behind', () => {
    expect(listing(installedPackage())).toEqual(before);
    expect(readdirSync(tmpdir).filter((name) => name.startsWith('capacity-frontier-site-'))).toEqual([]);
  });
});
