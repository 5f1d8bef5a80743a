import { capacityCsvReader } from './capacity-csv.ts';
import type { Reader } from './reader.ts';

/** Readers in the order they are asked; the first whose `detect` says yes reads the file. */
export const READERS: readonly Reader[] = [capacityCsvReader];

/** Extensions that are data; other files in the folder (README, logo) are left alone. */
export const DATA_EXTENSIONS = ['.csv', '.json', '.jsonl'];

/** The reader for a file, or null when no reader recognises its shape. */
export function readerFor(file: string, head: string): Reader | null {
  return READERS.find((reader) => reader.detect(file, head)) ?? null;
}
