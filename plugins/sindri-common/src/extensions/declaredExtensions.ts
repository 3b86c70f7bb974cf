import {
  CONSOLE_AGENT_DEPENDENCIES,
  CONSOLE_AGENT_EXTENSION,
} from '../config/withConsoleAgent';
import { DependencyGraph } from './dependencyGraph';

/** A profile as the registry names it: its extensions. */
export interface ProfileExtensions {
  name: string;
  extensions: string[];
}

const names = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string') : [];

/**
 * The extensions a sindri.yaml declares, as Sindri installs them: its
 * profile's extensions plus `active` and `additional`, closed over their
 * dependencies. With `withConsoleAgent`, the console agent the portal deploys
 * too (not a registry extension: its dependencies are given here).
 */
export function declaredExtensions(
  document: unknown,
  profiles: readonly ProfileExtensions[],
  graph: DependencyGraph,
  options: { withConsoleAgent?: boolean } = {},
): string[] {
  const extensions = (document as { extensions?: Record<string, unknown> })
    ?.extensions;
  if (!extensions || typeof extensions !== 'object') return [];
  const profile = profiles.find(p => p.name === extensions.profile);
  const direct = [
    ...(profile?.extensions ?? []),
    ...names(extensions.active),
    ...names(extensions.additional),
  ].filter(name => name !== CONSOLE_AGENT_EXTENSION);
  if (options.withConsoleAgent) direct.push(...CONSOLE_AGENT_DEPENDENCIES);
  const closed = graph.closure(direct);
  if (options.withConsoleAgent) closed.add(CONSOLE_AGENT_EXTENSION);
  return [...closed].sort();
}
