/** `npm run dev`: the dev server (src/commands/dev.ts) until Ctrl-C. */
import * as dev from '../src/commands/dev.ts';
import { serveInTerminal } from '../src/commands/terminal.ts';

process.exitCode = await serveInTerminal(dev);
