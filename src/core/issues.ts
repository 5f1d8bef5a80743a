import type { DataIssue } from './types.ts';

/** How many issues of one file are listed before the rest are summarised. */
export const MAX_ISSUES_PER_FILE = 20;

/** Files of one folder that share one problem are listed as one line from this many on. */
export const GROUP_FROM = 3;

/** Formats an issue the way compilers do, so editors and terminals can jump to it. */
export function formatIssue(issue: DataIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
}

/** Thrown when input data is invalid; carries every issue found (capped per file). */
export class DataError extends Error {
  readonly issues: DataIssue[];
  constructor(issues: DataIssue[]) {
    super(formatIssues(issues));
    this.name = 'DataError';
    this.issues = issues;
  }
}

/** Thrown when the data folder itself is missing, not a folder, or holds no data file. */
export class FolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FolderError';
  }
}

const folderOf = (file: string) => file.slice(0, file.lastIndexOf('/') + 1);

/**
 * Renders issues one per line, capping each file's list. When several files of one folder share
 * one problem at the same place (36 unlabelled results), they are one line naming the files.
 */
export function formatIssues(issues: readonly DataIssue[]): string {
  const shared = new Map<string, DataIssue[]>();
  for (const issue of issues) {
    const key = `${folderOf(issue.file)}\u0000${issue.line}:${issue.column}\u0000${issue.message.split(issue.file).join('\u0001')}`;
    shared.set(key, [...(shared.get(key) ?? []), issue]);
  }
  const grouped = new Set<DataIssue>();
  const lines: string[] = [];
  for (const list of shared.values()) {
    if (new Set(list.map((i) => i.file)).size < GROUP_FROM) continue;
    for (const issue of list) grouped.add(issue);
    const first = list[0]!;
    const folder = folderOf(first.file) || './';
    const names = list.map((i) => i.file.slice(folderOf(i.file).length));
    const shown = names.length > 4 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    lines.push(`${folder} (${list.length} files: ${shown}):${first.line}:${first.column}: ${first.message.split(first.file).join('<each file>')}`);
  }
  const perFile = new Map<string, DataIssue[]>();
  for (const issue of issues) {
    if (grouped.has(issue)) continue;
    perFile.set(issue.file, [...(perFile.get(issue.file) ?? []), issue]);
  }
  for (const [file, list] of perFile) {
    for (const issue of list.slice(0, MAX_ISSUES_PER_FILE)) lines.push(formatIssue(issue));
    if (list.length > MAX_ISSUES_PER_FILE) lines.push(`${file}: … and ${list.length - MAX_ISSUES_PER_FILE} more problems in this file`);
  }
  return lines.join('\n');
}

/** Collects issues for one file; readers report into it instead of throwing at the first. */
export class IssueList {
  readonly file: string;
  readonly items: DataIssue[] = [];
  constructor(file: string) {
    this.file = file;
  }
  /** Records a problem at line and column (both 1-based). */
  add(line: number, column: number, message: string): void {
    this.items.push({ file: this.file, line, column, message });
  }
  get count(): number {
    return this.items.length;
  }
}
