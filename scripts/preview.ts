/** `npm run preview`: the preview server (src/commands/preview.ts) until Ctrl-C. */
import * as preview from '../src/commands/preview.ts';
import { serveInTerminal } from '../src/commands/terminal.ts';

process.exitCode = await serveInTerminal(preview);
