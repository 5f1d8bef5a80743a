/**
 * Synthetic sweeps for the benchmark: capacity CSVs (the README's column contract), one file per
 * GPU × workload group. Values follow a simple serving model so that latency rises with
 * concurrency and output length, throughput saturates, large points run out of KV cache (oom),
 * a few runs fail, and repeats scatter a little. Seeded (mulberry32): the same sweeps everywhere.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jitter, mulberry32 } from './prng.ts';

/** Concurrency levels of one sweep. */
export const CONCURRENCIES = [1, 2, 4, 8, 16, 32, 64, 128] as const;
/** Output lengths of one sweep. */
export const MAX_NEW_TOKENS = [64, 128, 256, 512, 1024] as const;
/** Points of one GPU × workload sweep (every concurrency × every output length). */
export const POINTS_PER_GROUP = CONCURRENCIES.length * MAX_NEW_TOKENS.length;

const WORKLOADS = [
  { name: 'chat', prompt: 512 },
  { name: 'batch', prompt: 1024 },
  { name: 'rag', prompt: 3072 },
  { name: 'code', prompt: 1536 },
  { name: 'summarize', prompt: 2048 },
] as const;

// speed: decode and prefill speed relative to an L4; kv: KV-cache tokens the server can hold.
const GPU_MODELS = [
  { name: 'L4-24GB', speed: 1, kv: 160_000 },
  { name: 'A10G-24GB', speed: 0.9, kv: 150_000 },
  { name: 'RTX2000-16GB', speed: 0.55, kv: 90_000 },
  { name: 'L40S-48GB', speed: 1.6, kv: 330_000 },
  { name: 'A100-40GB', speed: 2.2, kv: 260_000 },
  { name: 'A100-80GB', speed: 2.3, kv: 520_000 },
  { name: 'H100-80GB', speed: 3.2, kv: 520_000 },
  { name: 'H200-141GB', speed: 3.6, kv: 900_000 },
  { name: 'MI300X-192GB', speed: 3, kv: 1_200_000 },
  { name: 'RTX4090-24GB', speed: 1.3, kv: 160_000 },
] as const;

/** The header of the capacity CSV (README: the data folder). */
export const CAPACITY_HEADER = 'gpu,workload,concurrency,max_new_tokens,throughput_tok_s,p50_ttft_ms,p95_ttft_ms,p50_e2e_ms,p95_e2e_ms,requests,failed,status';

/** What to generate. */
export interface SweepSpec {
  /** Measurement rows in total (repeats included). */
  rows: number;
  /** GPU × workload groups; rows are spread evenly over them. */
  groups: number;
  seed: number;
}

/** Where the rows went and what they hold. */
export interface Sweeps {
  spec: SweepSpec;
  /** Capacity CSVs, one per group. */
  capacityDir: string;
  files: number;
  capacityBytes: number;
  /** Rows that are not stable (oom, error, or failed requests). */
  unstableRows: number;
  oomRows: number;
}

interface Group {
  gpu: string;
  slug: string;
  model: (typeof GPU_MODELS)[number];
  workload: (typeof WORKLOADS)[number];
}

/** The labels of `count` groups: GPUs × up to five workloads, GPUs numbered so labels stay unique. */
export function groupLabels(count: number): Group[] {
  const perGpu = Math.min(WORKLOADS.length, count);
  const groups: Group[] = [];
  for (let gpuIndex = 0; groups.length < count; gpuIndex++) {
    const model = GPU_MODELS[gpuIndex % GPU_MODELS.length]!;
    const gpu = `${model.name}-n${String(gpuIndex + 1).padStart(3, '0')}`;
    for (let w = 0; w < perGpu && groups.length < count; w++) {
      groups.push({ gpu, slug: gpu.toLowerCase(), model, workload: WORKLOADS[w]! });
    }
  }
  return groups;
}

const fixed = (value: number) => value.toFixed(2);

/** One group's rows as a capacity CSV; returns [text, unstable, oom]. */
function groupText(group: Group, rows: number, random: () => number): [string, number, number] {
  const capacity: string[] = [CAPACITY_HEADER];
  let unstable = 0;
  let oom = 0;
  const { speed, kv } = group.model;
  const prompt = group.workload.prompt;
  for (let i = 0; i < rows; i++) {
    // Repeat-major order, as a harness that runs the whole sweep several times writes it.
    const point = i % POINTS_PER_GROUP;
    const c = CONCURRENCIES[Math.floor(point / MAX_NEW_TOKENS.length)]!;
    const t = MAX_NEW_TOKENS[point % MAX_NEW_TOKENS.length]!;
    const requests = Math.max(32, 4 * c);
    const labels = `${group.gpu},${group.workload.name},${c},${t}`;
    const roll = random();
    if (c * (prompt + t) > kv * jitter(random, 0.05) || roll < 0.002) {
      const status = roll < 0.002 ? 'error' : 'oom';
      if (status === 'oom') oom++;
      unstable++;
      capacity.push(`${labels},,,,,,${requests},${requests},${status}`);
      continue;
    }
    const noise = jitter(random, 0.04);
    const ttft = (prompt / (6 * speed)) * (1 + 0.2 * (c - 1)) * noise;
    const tpot = (15 / speed) * (1 + c / (12 * speed)) * jitter(random, 0.03);
    const e2e = ttft + t * tpot;
    const throughput = ((c * t) / (e2e / 1000)) * jitter(random, 0.02);
    // One run in a hundred has a p95 spike (a "jitter ridge").
    const tail = (1.08 + 0.12 * random()) * (random() < 0.01 ? 1.6 : 1);
    const p95e2e = e2e * tail;
    const p95ttft = ttft * (1.15 + 0.3 * random());
    const failed = roll > 0.995 ? 1 + Math.floor(random() * 3) : 0;
    if (failed) unstable++;
    capacity.push(`${labels},${fixed(throughput)},${fixed(ttft)},${fixed(p95ttft)},${fixed(e2e)},${fixed(p95e2e)},${requests},${failed},ok`);
  }
  return [`${capacity.join('\n')}\n`, unstable, oom];
}

/** Generates `spec.rows` rows over `spec.groups` groups into `dir/capacity`. */
export function generateSweeps(spec: SweepSpec, dir: string): Sweeps {
  const capacityDir = path.join(dir, 'capacity');
  mkdirSync(capacityDir, { recursive: true });
  const groups = groupLabels(spec.groups);
  const base = Math.floor(spec.rows / groups.length);
  const extra = spec.rows % groups.length;
  const result: Sweeps = { spec, capacityDir, files: groups.length, capacityBytes: 0, unstableRows: 0, oomRows: 0 };
  groups.forEach((group, index) => {
    // One generator per group: a group's rows do not depend on how many groups come before it.
    const random = mulberry32((spec.seed * 1_000_003 + index * 7919) >>> 0);
    const [capacity, unstable, oom] = groupText(group, base + (index < extra ? 1 : 0), random);
    writeFileSync(path.join(capacityDir, `${group.slug}__${group.workload.name}.csv`), capacity);
    result.capacityBytes += Buffer.byteLength(capacity);
    result.unstableRows += unstable;
    result.oomRows += oom;
  });
  return result;
}
