/**
 * A thread of the print document (print-build.ts): rewrites its share of the sections, each page
 * read from the output folder here, and hands back their contents in the order given.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { PrintWorkerData } from './print-build.ts';
import { sectionContent } from './print-section.ts';

const { jobs, keys, hosting } = workerData as PrintWorkerData;
const keyMap = new Map(keys);
parentPort!.postMessage(jobs.map(({ file, section }) => sectionContent(readFileSync(file, 'utf8'), section, keyMap, hosting)));
