/** `npm run build`: the build command (src/commands/build.ts) on this process's command line. */
import * as build from '../src/commands/build.ts';
import { runInTerminal } from '../src/commands/terminal.ts';

process.exitCode = await runInTerminal(build);
