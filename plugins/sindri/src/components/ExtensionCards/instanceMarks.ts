import {
  DependencyGraph,
  RegistryExtension,
  Registration,
} from '@internal/plugin-sindri-common';
import type { ExtensionMark } from '../ExtensionGraph';
import type { GraphExtension } from '../ExtensionGraph/layoutGraph';

/**
 * An instance's extensions as its agent reported them, closed over their
 * dependencies: installed, failed, and needed by those but not reported
 * (missing). Names the registry does not hold are drawn without category.
 */
export function instanceMarks(
  registry: readonly RegistryExtension[],
  registration: Pick<Registration, 'extensions' | 'failedExtensions'>,
): { extensions: GraphExtension[]; marks: Map<string, ExtensionMark> } {
  const graph = new DependencyGraph(registry);
  const installed = registration.extensions.map(e => e.name);
  const failed = (registration.failedExtensions ?? []).map(e => e.name);
  const marks = new Map<string, ExtensionMark>();
  for (const name of graph.closure([...installed, ...failed]))
    marks.set(name, 'missing');
  for (const name of failed) marks.set(name, 'failed');
  for (const name of installed) marks.set(name, 'installed');
  const known = new Map(registry.map(e => [e.name, e]));
  const extensions = [...marks.keys()].sort().map(
    name =>
      known.get(name) ?? {
        name,
        category: 'not in the registry',
        dependencies: [],
      },
  );
  return { extensions, marks };
}
