/**
 * The environment a user's shell gives a command: none of this test run's npm, Vitest, Vite or Node
 * settings (NODE_ENV=test, MODE, BASE_URL… would be taken for the command's own), but the machine's
 * extra certificates (behind a TLS-inspecting proxy, npm reaches the registry only with them).
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name === 'NODE_EXTRA_CA_CERTS' || !/^(npm_|NODE_|VITEST|VITE_|CAPACITY_|BASE_URL$|TEST$|MODE$|SSR$|DEV$|PROD$)/i.test(name)) env[name] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}
