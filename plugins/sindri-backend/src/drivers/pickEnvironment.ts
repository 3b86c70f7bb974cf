/** The named variables of an environment, and nothing else: what a driver's tools may see of the backend's. */
export function pickEnvironment(
  env: NodeJS.ProcessEnv,
  names: readonly string[],
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const name of names) if (env[name] !== undefined) out[name] = env[name];
  return out;
}
