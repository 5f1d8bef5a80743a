import type { Gap } from './types.ts';

/** Lists gaps one per line: where, what is missing, and how to supply it. */
export function formatGaps(gaps: readonly Gap[]): string {
  return gaps.map((gap) => `not measured: ${gap.where}: ${gap.what} (${gap.hint})`).join('\n');
}
