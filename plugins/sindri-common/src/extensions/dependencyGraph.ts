/** What the graph functions need of an extension. */
export interface DependencyNode {
  name: string;
  dependencies: string[];
}

function reachable(
  from: Iterable<string>,
  next: (name: string) => readonly string[],
): Set<string> {
  const seen = new Set<string>();
  const stack = [...from];
  while (stack.length) {
    const name = stack.pop()!;
    for (const n of next(name))
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
  }
  return seen;
}

/**
 * An extension set's dependency structure: what each needs, transitively, and
 * what needs it. Names not in the set have no dependencies.
 */
export class DependencyGraph {
  private readonly needs = new Map<string, readonly string[]>();
  private readonly neededBy = new Map<string, string[]>();

  constructor(extensions: readonly DependencyNode[]) {
    for (const ext of extensions) {
      this.needs.set(ext.name, ext.dependencies);
      for (const dependency of ext.dependencies)
        this.neededBy.set(dependency, [
          ...(this.neededBy.get(dependency) ?? []),
          ext.name,
        ]);
    }
  }

  /** Everything the named extensions need, directly or through others (not themselves, unless in a cycle). */
  dependenciesOf(names: Iterable<string>): Set<string> {
    return reachable(names, n => this.needs.get(n) ?? []);
  }

  /** Every extension that needs the named ones, directly or through others. */
  dependantsOf(names: Iterable<string>): Set<string> {
    return reachable(names, n => this.neededBy.get(n) ?? []);
  }

  /** The named extensions with everything they need: what installing them installs. */
  closure(names: Iterable<string>): Set<string> {
    const named = [...names];
    return new Set([...named, ...this.dependenciesOf(named)]);
  }
}
