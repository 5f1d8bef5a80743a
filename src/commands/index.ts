/**
 * Every command by name, loaded on first use: analyze must not pay for Astro or Playwright, and
 * a test that runs one command loads only that one.
 */
import type { Command } from './command.ts';

/** The commands, each a module with USAGE, parse and run. */
export const COMMANDS = {
  analyze: () => import('./analyze.ts'),
  build: () => import('./build.ts'),
  dev: () => import('./dev.ts'),
  pdf: () => import('./pdf.ts'),
  preview: () => import('./preview.ts'),
} as const;

/** A command's name (`npm run <name>`). */
export type CommandName = keyof typeof COMMANDS;

/** The command called `name`. */
export async function loadCommand(name: CommandName): Promise<Command<unknown>> {
  return (await COMMANDS[name]()) as unknown as Command<unknown>;
}
