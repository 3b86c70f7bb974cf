import dagre from '@dagrejs/dagre';
import type { Edge, Node } from 'reactflow';

export const NODE_WIDTH = 168;
export const NODE_HEIGHT = 40;

/** What the layout needs of an extension. */
export interface GraphExtension {
  name: string;
  category: string;
  dependencies: string[];
}

/**
 * Places the extensions with dagre, top to bottom: an extension above what it
 * needs. Dependencies outside the set are left out (a neighbourhood's edge).
 */
export function layoutGraph<T extends GraphExtension>(
  extensions: readonly T[],
): { nodes: Node<T>[]; edges: Edge[] } {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({
    rankdir: 'TB',
    nodesep: 16,
    ranksep: 64,
    marginx: 8,
    marginy: 8,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  const names = new Set(extensions.map(e => e.name));
  for (const ext of extensions)
    graph.setNode(ext.name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const edges: Edge[] = [];
  for (const ext of extensions)
    for (const dependency of ext.dependencies)
      if (names.has(dependency)) {
        graph.setEdge(ext.name, dependency);
        edges.push({
          id: `${ext.name}->${dependency}`,
          source: ext.name,
          target: dependency,
        });
      }
  dagre.layout(graph);
  const nodes = extensions.map(ext => {
    const { x, y } = graph.node(ext.name);
    return {
      id: ext.name,
      type: 'extension',
      data: ext,
      position: { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 },
    };
  });
  return { nodes, edges };
}
