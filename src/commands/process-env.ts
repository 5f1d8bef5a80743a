/**
 * Environment variables set for as long as a command needs them, then put back: commands run
 * inside other commands and in test workers, so a build must not leave its data folder (or
 * NODE_ENV) behind for whatever runs next in the process.
 */

/** Sets each variable (`undefined` removes it) and returns how to put every one back as it was. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const before = Object.keys(vars).map((name) => [name, process.env[name]] as const);
  for (const [name, value] of Object.entries(vars)) assign(name, value);
  return () => {
    for (const [name, value] of before) assign(name, value);
  };
}

/** Runs `fn` with the variables set, putting them back afterwards (also when it throws). */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const restore = setEnv(vars);
  try {
    return await fn();
  } finally {
    restore();
  }
}

function assign(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
