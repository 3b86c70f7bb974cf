import { CONSOLE_AGENT_EXTENSION } from '../config/withConsoleAgent';
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
 * dependencies. The console agent the portal adds is left out: a connected
 * agent shows it is there.
 */
export function declaredExtensions(
  document: unknown,
  profiles: readonly ProfileExtensions[],
  graph: DependencyGraph,
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
  return [...graph.closure(direct)].sort();
}
