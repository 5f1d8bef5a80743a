/** `npm run pdf`: the PDF command (src/commands/pdf.ts) on this process's command line. */
import * as pdf from '../src/commands/pdf.ts';
import { runInTerminal } from '../src/commands/terminal.ts';

process.exitCode = await runInTerminal(pdf);
