/**
 * A reading thread (read-threads.ts): reads the files it is handed with the same function the
 * main thread uses (read-file.ts) and posts each result back. The compile cache is turned on
 * before the readers load, as scripts/analyze.ts does for the main thread.
 */
import module from 'node:module';
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { FromThread, ToThread } from './read-threads.ts';
import type { ResolvedConfig } from './types.ts';

module.enableCompileCache?.();
const [{ readFolderFile }, { RequestBuffers }] = await Promise.all([import('./read-file.ts'), import('./requests.ts')]);

/** Serves the main thread's messages: the folders of its loads, and one set of request buffers for every file this thread reads. */
function serve(port: MessagePort): void {
  const folders = new Map<number, { dir: string; config: ResolvedConfig; files: readonly string[] }>();
  const buffers = new RequestBuffers();
  const send = (message: FromThread) => port.postMessage(message);
  port.on('message', (message: ToThread) => {
    if (message.kind === 'load') {
      folders.set(message.load, { dir: message.dir, config: message.config, files: message.files });
    } else if (message.kind === 'end') {
      folders.delete(message.load);
    } else {
      const folder = folders.get(message.load);
      try {
        if (!folder) throw new Error(`no folder for load ${message.load}`);
        send({ kind: 'read', id: message.id, result: readFolderFile(folder.dir, message.file, folder.config, folder.files, buffers) });
      } catch (error) {
        send({ kind: 'read', id: message.id, error: String((error as Error)?.stack ?? error) });
      }
    }
  });
  send({ kind: 'ready' });
}

serve(parentPort!);
