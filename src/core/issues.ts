import type { DataIssue } from './types.ts';

/** How many issues of one file are listed before the rest are summarised. */
export const MAX_ISSUES_PER_FILE = 20;

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

/** Renders issues one per line, capping each file's list and saying how many were left out. */
export function formatIssues(issues: DataIssue[]): string {
  const perFile = new Map<string, DataIssue[]>();
  for (const issue of issues) {
    const list = perFile.get(issue.file) ?? [];
    list.push(issue);
    perFile.set(issue.file, list);
  }
  const lines: string[] = [];
  for (const [file, list] of perFile) {
    for (const issue of list.slice(0, MAX_ISSUES_PER_FILE)) lines.push(formatIssue(issue));
    if (list.length > MAX_ISSUES_PER_FILE) {
      lines.push(`${file}: … and ${list.length - MAX_ISSUES_PER_FILE} more problems in this file`);
    }
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
