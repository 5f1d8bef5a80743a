/**
 * `capacity-frontier init DIR`: a report folder to start from: a folder config, a README that
 * explains each of its keys (JSON has no comments, and the config rejects keys it does not know),
 * a write-up in content/ built from the components, and real sample runs to replace. Nothing is
 * written when any of those files already exists.
 * Exit codes: 0 written; 1 a file is already there (nothing written); 2 wrong usage.
 */
import { cp, mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { usageError, type Parsed } from '../commands/args.ts';
import type { Effects } from '../commands/effects.ts';
import { ROOT } from '../commands/root.ts';

/** The usage `--help` prints. */
export const USAGE = `Usage: capacity-frontier init DIR

  Writes a report folder to start from (DIR is created when it does not exist):
    capacity.config.json         title and latency SLOs (every key is explained in README.md)
    README.md                    what each file is, every config key, the commands
    content/capacity-brief.mdx   a write-up page built from the report's components
    sample/                      real measurements (vLLM on an RTX 2000 Ada) to replace with yours
  Then: capacity-frontier build DIR
`;

/** Where to write. */
export interface InitOptions {
  /** The folder, as the user named it. */
  dir: string;
}

/** The options of init from its command line. */
export function parse(argv: readonly string[]): Parsed<InitOptions> {
  let positionals: string[];
  let help: boolean | undefined;
  try {
    ({ positionals, values: { help } } = parseArgs({ args: [...argv], options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }));
  } catch (error) {
    return usageError((error as Error).message, USAGE);
  }
  if (help) return { ok: false, exit: 0, text: USAGE };
  if (positionals.length !== 1) return usageError(`capacity-frontier init expects one folder but found ${positionals.length}`, USAGE);
  return { ok: true, options: { dir: positionals[0]! } };
}

/** The folder config: valid as it is, for any data (no key names a GPU or file the folder may not have). */
const CONFIG = {
  title: 'Capacity report',
  slo: {
    chat: { metric: ['p95_e2e_ms', 'p99_e2e_ms'], threshold_ms: 2000 },
    default: { metric: 'p95_e2e_ms', threshold_ms: 5000 },
  },
};

/** The starter write-up: every table on it comes from the data, whatever the data. */
const WRITEUP = `---
title: Capacity brief
description: What to run on each GPU, how much load it takes, and how stable it is there.
order: 1
---

{/* This page is yours to edit. The components below take their figures from the data at build
    time and need no import; README.md lists them all. A page is every *.mdx file of this folder. */}

Every table on this page is computed from the benchmark runs; each figure links to the run it
comes from, and the Data page lists every input file with its checksum.

## What to run

<Implications workload="*" />

## Key numbers

<KeyNumbers gpu="*" />

## Where throughput levels off

<SaturationTable workload="*" />

## Workloads tested

<WorkloadsTested workload="*" />

## Unstable runs

<Instability gpu="*" />
`;

const README = `# Capacity report

Built with \`npx capacity-frontier build .\` (from this folder), served while you edit with
\`npx capacity-frontier dev .\`. Every benchmark output below this folder (\`*.csv\`, \`*.json\`,
\`*.jsonl\`) is read; other files are ignored.

| file | what |
| --- | --- |
| \`capacity.config.json\` | the folder config (below) |
| \`content/*.mdx\` | write-up pages of the site, one per file |
| \`sample/\` | real measurements of Qwen2.5-1.5B-Instruct on vLLM, RunPod RTX 2000 Ada 16 GB (typed from github.com/ozgurgulerx/inference-journal, day 003): delete it when your own results are in |

## capacity.config.json

Every key is optional; an unknown or misspelt key fails the build at its line and column.

- \`title\`, \`client\` (e.g. \`"client": "Acme Corp"\`): head every page, the printed title page and
  link previews.
- \`slo\`: per workload (\`chat\`, \`batch\`, \`rag\`…, and \`default\` for the others): a latency
  metric (\`p95_e2e_ms\`, \`p95_ttft_ms\`…, or a list tried in order) and \`threshold_ms\`.
- \`model\`: \`name\`, \`layers\`, \`kv_heads\`, \`head_dim\`, \`bytes_per_element\`, \`weights_gib\`,
  \`overhead_gib\`, with \`context_length\` and \`gpus\` (\`{ "<gpu label>": { "memory_gib": 80 } }\`):
  gives the KV-cache budget.
- \`files\`: labels for files whose contents do not say their GPU or workload, e.g.
  \`{ "runs/h100/": { "gpu": "H100-80GB", "workload": "chat" } }\`.
- \`ignore\`: globs of files that are not benchmark results.
- \`logo\`, \`accent\`, \`base\`, \`site\`: branding and hosting.

## Write-ups

Components available in every \`.mdx\` file without importing them (\`"*"\` means every GPU or
workload): \`<WorkloadsTested workload="*" />\`, \`<TtftTable gpu="*" />\`,
\`<SaturationTable workload="*" />\`, \`<Instability gpu="*" />\`, \`<KeyNumbers gpu="*" />\`,
\`<KvBudget gpu="*" />\`, \`<DecodeTable gpu="*" />\`, \`<Findings kind="*" />\`,
\`<Implications workload="*" />\` and \`<Num figure="<gpu>/<workload>/max_throughput" />\` for one
figure inline (a wrong id fails the build and lists the ids there are).
`;

/** The files init writes, relative to the folder: contents, or the sample folder to copy. */
function plan(): Record<string, string | { copy: string }> {
  return {
    'capacity.config.json': `${JSON.stringify(CONFIG, null, 2)}\n`,
    'README.md': README,
    'content/capacity-brief.mdx': WRITEUP,
    sample: { copy: path.join(ROOT, 'data', 'rtx2000-ada') },
  };
}

const exists = (file: string) => stat(file).then(() => true, () => false);

/** Writes the starter folder `options.dir`; the exit code. */
export async function run(options: InitOptions, effects: Effects): Promise<number> {
  const dir = path.resolve(options.dir);
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) {
    effects.logger.error(`capacity-frontier init expects a folder but ${JSON.stringify(options.dir)} is a file`);
    return 2;
  }
  const files = plan();
  const taken = [];
  for (const name of Object.keys(files)) if (await exists(path.join(dir, name))) taken.push(name);
  if (taken.length > 0) {
    effects.logger.error(`${options.dir} already has ${taken.join(', ')}: nothing was written (init starts a new folder)`);
    return 1;
  }
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    if (typeof content === 'string') await writeFile(file, content, { flag: 'wx' });
    else await cp(content.copy, file, { recursive: true, errorOnExist: true, force: false });
  }
  const shown = path.relative(process.cwd(), dir) || '.';
  const argument = /^[\w./-]+$/.test(shown) ? shown : JSON.stringify(shown);
  effects.output.write(`Wrote ${shown}/: capacity.config.json, README.md, content/capacity-brief.mdx, sample/\nNext: npx capacity-frontier build ${argument}\n`);
  return 0;
}
