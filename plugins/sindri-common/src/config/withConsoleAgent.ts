import { ENROLLMENT_ENV } from '../agentEnvironment';
import { SindriConfigDocument } from './composeSindriConfig';

/** The extension that installs the portal's agent on an instance. */
export const CONSOLE_AGENT_EXTENSION = 'console-agent';

/** What the console-agent extension depends on (its extension.yaml's `metadata.dependencies`). */
export const CONSOLE_AGENT_DEPENDENCIES: readonly string[] = ['nodejs'];

/** What the console-agent extension reads from the deployment's environment. */
export const CONSOLE_AGENT_ENV = ENROLLMENT_ENV;

/**
 * The sindri.yaml actually deployed: the stored one plus the console-agent
 * extension and its environment as secrets by reference (`source: env`), so the
 * agent token is passed to the Sindri CLI in its environment and never written
 * into the file.
 */
export function withConsoleAgent(
  config: SindriConfigDocument,
): SindriConfigDocument {
  const extensions = {
    ...((config.extensions as Record<string, unknown> | undefined) ?? {}),
  };
  const listKey = Array.isArray(extensions.active) ? 'active' : 'additional';
  const list = Array.isArray(extensions[listKey])
    ? (extensions[listKey] as unknown[])
    : [];
  if (!list.includes(CONSOLE_AGENT_EXTENSION))
    extensions[listKey] = [...list, CONSOLE_AGENT_EXTENSION];

  const secrets = Array.isArray(config.secrets)
    ? [...(config.secrets as Array<{ name?: string }>)]
    : [];
  for (const name of CONSOLE_AGENT_ENV) {
    if (!secrets.some(s => s?.name === name))
      secrets.push({ name, source: 'env', required: true } as { name: string });
  }
  return { ...config, extensions, secrets };
}
