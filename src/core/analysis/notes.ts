/**
 * Everything the engineer's terminal is told about a report beyond its gaps, in one list that
 * analyze and the build both print: setups told apart only by their folders, then what the plan lacks.
 */
import type { Report } from '../types.ts';
import { planNotes } from './plan.ts';
import { setupNotes } from './setup-notes.ts';

/** The engineer's notes of a report, for the terminal (never a page). */
export function engineerNotes(report: Pick<Report, 'groups' | 'config'>): string[] {
  return [...setupNotes(report.groups), ...planNotes(report.groups, report.config)];
}
