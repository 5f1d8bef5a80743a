/**
 * Run identity within one GPU × workload: which runs share a setup. Runs merge as repeats only
 * when every setting is equal and they come from one repeat group (a file, or a sweep folder).
 * Runs with equal settings from different files that meet at the same load could still be
 * different setups (only a folder name tells TP4 from TP8, a gateway from a direct call): they are
 * kept apart, each named by the part of its path that differs.
 */
import { shortHash } from '../slug.ts';
import { differingKeys, namingKeys, setupKey, setupWords } from '../settings.ts';
import type { LoadAxis, Measurement, Setup } from '../types.ts';
import { byText } from './stats.ts';

/** The setups of a group's runs: each run's setup key, and the setups in a stable order. */
export interface GroupSetups {
  /** Setup key of each run, by index into the runs given. */
  keyOf: string[];
  setups: { key: string; settings: Setup }[];
  /** Setting keys whose values differ between the setups. */
  differing: string[];
  /** The fewest differing keys that tell the setups apart: what their labels name. */
  naming: string[];
}

function loadKey(m: Measurement): string {
  return `${m.load.axis}:${m.load.value ?? ''}|${m.max_new_tokens ?? ''}`;
}

const folderOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));
const baseOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The folder segments of each path that differ: common leading and trailing folders dropped. */
export function differingFolders(paths: readonly string[]): (path: string) => string {
  const parts = paths.map((p) => folderOf(p).split('/'));
  const shortest = Math.min(...parts.map((p) => p.length));
  let lead = 0;
  while (lead < shortest && parts.every((p) => p[lead] === parts[0]![lead])) lead++;
  let trail = 0;
  while (trail < shortest - lead && parts.every((p) => p[p.length - 1 - trail] === parts[0]![parts[0]!.length - 1 - trail])) trail++;
  return (path: string) => {
    const own = folderOf(path).split('/');
    return own.slice(lead, own.length - trail).join('/');
  };
}

/**
 * The coarsest name of each run's repeat group under which no two repeat groups meet at one load:
 * the innermost folder, else the folders that differ, else the file name, else the path.
 */
export function distinguishingName(runs: readonly Measurement[]): (m: Measurement) => string {
  const groups = [...new Set(runs.map((m) => m.repeat_group))];
  const folders = differingFolders(groups);
  const namers: ((path: string) => string)[] = [(p) => baseOf(folderOf(p)), folders, baseOf, (p) => p];
  for (const name of namers) {
    const seen = new Map<string, string>();
    let ok = true;
    for (const m of runs) {
      const at = `${name(m.repeat_group)}\u0000${loadKey(m)}`;
      const group = seen.get(at);
      if (group !== undefined && group !== m.repeat_group) {
        ok = false;
        break;
      }
      seen.set(at, m.repeat_group);
    }
    if (ok && runs.every((m) => name(m.repeat_group) !== '')) return (m) => name(m.repeat_group);
  }
  return (m) => m.repeat_group;
}

/** Decides the setups of one group's runs. */
export function groupSetups(runs: readonly Measurement[]): GroupSetups {
  const bySettings = new Map<string, number[]>();
  runs.forEach((m, index) => {
    const key = setupKey(m.setup);
    const list = bySettings.get(key);
    if (list) list.push(index);
    else bySettings.set(key, [index]);
  });
  const keyOf = new Array<string>(runs.length);
  const settings = new Map<string, Setup>();
  let split = false;
  for (const [key, indexes] of bySettings) {
    // Two repeat groups at one load and output length: they may differ in what no setting records.
    const groupsAt = new Map<string, Set<string>>();
    for (const i of indexes) {
      const at = loadKey(runs[i]!);
      const set = groupsAt.get(at) ?? new Set<string>();
      set.add(runs[i]!.repeat_group);
      groupsAt.set(at, set);
    }
    const collide = [...groupsAt.values()].some((set) => set.size > 1);
    if (collide) split = true;
    if (!collide) {
      for (const i of indexes) keyOf[i] = key;
      settings.set(key, runs[indexes[0]!]!.setup);
      continue;
    }
    const name = distinguishingName(indexes.map((i) => runs[i]!));
    for (const i of indexes) {
      const setup = { ...runs[i]!.setup, source: name(runs[i]!) };
      const split = setupKey(setup);
      keyOf[i] = split;
      settings.set(split, setup);
    }
  }
  if (split) nameBySource(runs, keyOf, settings);
  const setups = [...settings.entries()].sort(([a], [b]) => byText(a, b)).map(([key, s]) => ({ key, settings: s }));
  const differing = differingKeys(setups.map((s) => s.settings));
  return { keyOf, setups, differing, naming: namingKeys(setups.map((s) => s.settings), differing) };
}

/**
 * Once some runs had to be told apart by where they come from, every setup of the group is named
 * that way, so a setup that differed in its settings anyway does not read "Source not set" beside them.
 */
function nameBySource(runs: readonly Measurement[], keyOf: string[], settings: Map<string, Setup>): void {
  const unnamed = runs.map((m, i) => ({ m, i })).filter(({ i }) => settings.get(keyOf[i]!)!.source === undefined);
  if (unnamed.length === 0) return;
  const name = distinguishingName(runs);
  for (const { m, i } of unnamed) {
    const setup = { ...settings.get(keyOf[i]!)!, source: name(m) };
    const key = setupKey(setup);
    settings.set(key, setup);
    keyOf[i] = key;
  }
  for (const [key] of [...settings]) if (!keyOf.includes(key)) settings.delete(key);
}

/** A setup's id: stable across builds (a hash of its settings), slug-safe. */
export function setupId(key: string): string {
  return `s${shortHash(key).slice(0, 6)}`;
}

/** The label of a setup among its group's: the differing settings in words, or `all runs` alone. */
export function setupLabel(settings: Setup, differing: readonly string[]): string {
  return differing.length ? setupWords(settings, differing) : 'all runs';
}

/** The axis most of a setup's bounded runs were driven on (concurrency on a tie). */
export function majorityAxis(runs: readonly { load: Measurement['load'] }[]): LoadAxis {
  let concurrency = 0;
  let rate = 0;
  for (const r of runs) {
    if (r.load.axis === 'concurrency') concurrency++;
    else if (r.load.axis === 'request_rate') rate++;
  }
  return rate > concurrency ? 'request_rate' : 'concurrency';
}
