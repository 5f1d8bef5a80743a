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

/** How many places a grouped problem lists before counting the rest. */
export const GROUP_SHOWN = 3;

/**
 * A problem that files of one folder share, worded for the folder: the file's own name becomes
 * the folder (a `"files"` key that labels them all) and "this file" becomes "these files".
 */
function folderMessage(message: string, file: string, folder: string): string {
  return message
    .split(JSON.stringify(file)).join(JSON.stringify(folder))
    .split(file).join(folder)
    .replace(/\bthis file does not\b/g, 'these files do not')
    .replace(/\bthis file\b/g, 'these files');
}

/**
 * Renders issues one per line, capping each file's list. When several files of one folder share
 * one problem at the same place (36 unlabelled results), the problem is said once for the folder
 * (`36 files under runs/: …`), then the first few places as `file:line:column` and how many more.
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
    lines.push(`${list.length} files under ${folder}: ${folderMessage(first.message, first.file, folder)}`);
    for (const issue of list.slice(0, GROUP_SHOWN)) lines.push(`  ${issue.file}:${issue.line}:${issue.column}`);
    if (list.length > GROUP_SHOWN) lines.push(`  … and ${list.length - GROUP_SHOWN} more files under ${folder}`);
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
