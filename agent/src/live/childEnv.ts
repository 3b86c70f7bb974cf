/**
 * The environment of shells and commands the agent starts: its own, minus
 * the agent's token (under its variable, or under any other name).
 */
export function childEnv(
  token: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (
      value === undefined ||
      name === 'SINDRI_AGENT_TOKEN' ||
      (token && value === token)
    )
      continue;
    out[name] = value;
  }
  return out;
}
