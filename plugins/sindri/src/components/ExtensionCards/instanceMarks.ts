import {
  DependencyGraph,
  InstanceDrift,
  RegistryExtension,
  Registration,
} from '@internal/plugin-sindri-common';
import type { ExtensionMark } from '../ExtensionGraph';
import type { GraphExtension } from '../ExtensionGraph/layoutGraph';

/**
 * An instance's extensions as its agent reported them, closed over their
 * dependencies: installed, failed, and needed by those but not reported
 * (missing). With its drift, the declared ones too: declared but not
 * reported is missing, reported but not declared is extra. Names the
 * registry does not hold are drawn without category.
 */
export function instanceMarks(
  registry: readonly RegistryExtension[],
  registration: Pick<Registration, 'extensions' | 'failedExtensions'>,
  drift?: Pick<InstanceDrift, 'declared' | 'extra' | 'tracksExtensions'>,
): { extensions: GraphExtension[]; marks: Map<string, ExtensionMark> } {
  const graph = new DependencyGraph(registry);
  const installed = registration.extensions.map(e => e.name);
  const failed = (registration.failedExtensions ?? []).map(e => e.name);
  const declared = drift?.tracksExtensions ? drift.declared ?? [] : [];
  const marks = new Map<string, ExtensionMark>();
  for (const name of graph.closure([...installed, ...failed, ...declared]))
    marks.set(name, 'missing');
  for (const name of failed) marks.set(name, 'failed');
  for (const name of installed) marks.set(name, 'installed');
  if (drift?.tracksExtensions)
    for (const name of drift.extra) marks.set(name, 'extra');
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
