/**
 * What the engineer can do about setups told apart only by where their files are: runs with equal
 * settings met at one load, so each folder became a setup of its own. The note names the parts of
 * the folder names that look like a setting and the labelling rule that would name it. For the
 * terminal only: a page never carries instructions.
 */
import { plural } from '../phrases.ts';
import type { GroupReport } from '../types.ts';

// Parts of a name: folder and file names are split where their authors put separators.
const tokensOf = (name: string) => name.split(/[_/\s]+/).filter(Boolean);

// The leading letters two parts share ("offload" of offloadlmcache and offloadnone).
function sharedLetters(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i] && /[a-z]/i.test(a[i]!)) i += 1;
  return a.slice(0, i);
}

/**
 * Settings a set of names seems to carry: a prefix of three letters or more (two before numbers:
 * `tp4`, `tp8`) that several differing parts share, with the values after it (`offload` → `lmcache`, `none`). Parts that only repeat
 * the run's own load (`conc16` of the concurrency-16 run) are the load, not a setting.
 */
export function namedSettings(names: readonly { name: string; loads: readonly number[] }[]): { prefix: string; values: string[] }[] {
  const sets = names.map((n) => new Set(tokensOf(n.name)));
  const differing = new Set<string>();
  names.forEach((n, i) => {
    for (const token of sets[i]!) {
      if (sets.every((s) => s.has(token))) continue;
      const number = /^[a-z-]*?(\d+(?:\.\d+)?)$/i.exec(token)?.[1];
      if (number !== undefined && n.loads.includes(Number(number))) continue;
      differing.add(token);
    }
  });
  const tokens = [...differing].sort();
  const prefixes = new Map<string, Set<string>>();
  for (let i = 0; i < tokens.length; i += 1) {
    for (let j = i + 1; j < tokens.length; j += 1) {
      const prefix = sharedLetters(tokens[i]!, tokens[j]!);
      if (prefix === tokens[i] || prefix === tokens[j]) continue;
      const pair = [tokens[i]!, tokens[j]!].map((t) => t.slice(prefix.length).replace(/^-/, ''));
      // Two letters before a number are a setting often enough (tp4, tp8); before words, mostly chance.
      if (prefix.length < (pair.every((v) => /^\d+$/.test(v)) ? 2 : 3)) continue;
      const values = prefixes.get(prefix) ?? new Set<string>();
      for (const v of pair) values.add(v);
      prefixes.set(prefix, values);
    }
  }
  // A shorter prefix shared only because of a longer one (`offl` beside `offload`) is the same setting.
  return [...prefixes.entries()]
    .filter(([prefix]) => ![...prefixes.keys()].some((other) => other !== prefix && other.startsWith(prefix)))
    .map(([prefix, values]) => ({ prefix, values: [...values].sort() }));
}

/** One note per GPU × workload whose setups are told apart only by where their files are. */
export function setupNotes(groups: readonly GroupReport[]): string[] {
  const notes: string[] = [];
  for (const group of groups) {
    const bySource = group.setups.filter((s) => typeof s.settings.source === 'string');
    if (bySource.length < 2) continue;
    const names = bySource.map((s) => ({
      name: String(s.settings.source),
      loads: group.points.filter((p) => p.setup === s.id).map((p) => p.load.value).filter((v): v is number => v !== null),
    }));
    const found = namedSettings(names);
    const lead = `setups: ${group.gpu} / ${group.workload}: ${plural(bySource.length, 'setup')} are told apart only by where their files are (runs with equal settings met at one load), so each is a series of its own`;
    const fix = found.length
      ? `; their names also differ in ${found.map((f) => `${f.prefix} (${f.values.join(', ')})`).join(' and ')}: if that is a setting, add ${found.map((f) => `"pattern": ${JSON.stringify(`${f.prefix}-?(?<${f.prefix.toLowerCase()}>[^_/]+)`)}`).join(' (or ')}${found.length > 1 ? ')' : ''} to the rule that labels these files in capacity.config.json`
      : '; if their folders stand for a setting, name it with a labelling rule ("settings", or a "pattern" with a named group) in capacity.config.json';
    notes.push(`${lead}${fix}; repeats of one setup belong in one folder`);
  }
  return notes;
}
