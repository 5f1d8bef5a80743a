/**
 * How write-up components pick what they show from their one required prop: `"*"` for every GPU
 * (or workload), or one label. An unknown label is an author's typo: the build fails naming the
 * labels that exist.
 */

/** The labels a component prop selects: all of them for `*`, else the one named. */
export function select(component: string, prop: string, value: string, labels: readonly string[]): string[] {
  if (value === '*') return [...labels];
  if (labels.includes(value)) return [value];
  throw new Error(`<${component} ${prop}="${value}"> expects "*" or one of: ${labels.map((l) => JSON.stringify(l)).join(', ')}`);
}
