import { DependencyGraph } from '@internal/plugin-sindri-common';

/** How a node is drawn against the selection: itself, what it needs, what needs it, or neither. */
export type NodeRole =
  | 'selected'
  | 'dependency'
  | 'dependant'
  | 'dimmed'
  | 'plain';

/** Each extension's role when `selected` is chosen (every node plain when none is). */
export function rolesOf(
  graph: DependencyGraph,
  names: readonly string[],
  selected?: string,
): Map<string, NodeRole> {
  if (!selected) return new Map(names.map(n => [n, 'plain']));
  const dependencies = graph.dependenciesOf([selected]);
  const dependants = graph.dependantsOf([selected]);
  return new Map(
    names.map(n => {
      if (n === selected) return [n, 'selected'];
      if (dependencies.has(n)) return [n, 'dependency'];
      if (dependants.has(n)) return [n, 'dependant'];
      return [n, 'dimmed'];
    }),
  );
}

/**
 * An edge lies on the selection's paths when it runs among what the
 * selection needs (and the selection), or among what needs it: an edge from
 * a dependant straight to a dependency passes the selection by.
 */
export function edgeOnPath(
  roles: Map<string, NodeRole>,
  source: string,
  target: string,
): boolean {
  const among = (side: NodeRole) => (n: string) => {
    const role = roles.get(n);
    return role === 'selected' || role === side;
  };
  const needs = among('dependency');
  const neededBy = among('dependant');
  return (
    (needs(source) && needs(target)) || (neededBy(source) && neededBy(target))
  );
}
