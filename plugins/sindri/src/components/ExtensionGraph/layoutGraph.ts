import dagre from '@dagrejs/dagre';
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  SimulationNodeDatum,
} from 'd3-force';
import type { Edge, Node } from 'reactflow';

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 34;
const GAP = 14;
const TICKS = 150;

/** What the layout needs of an extension. */
export interface GraphExtension {
  name: string;
  category: string;
  dependencies: string[];
  /** the organisation's own, not the registry's */
  custom?: boolean;
}

/**
 * `hierarchy`: layers top to bottom, an extension above what it needs
 * (dagre; for a neighbourhood or an instance's set). `overview`: the whole
 * registry, where a few extensions are needed by dozens: a force layout
 * (d3-force) keeps each near what it needs and apart from the rest, in a
 * wide cloud that fits a page.
 */
export type GraphLayout = 'hierarchy' | 'overview';

type Placed = Map<string, { x: number; y: number }>;

function hierarchy(names: string[], edges: Edge[]): Placed {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: GAP, ranksep: 48 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const name of names)
    graph.setNode(name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of edges) graph.setEdge(e.source, e.target);
  dagre.layout(graph);
  return new Map(
    names.map(name => {
      const { x, y } = graph.node(name);
      return [name, { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 }];
    }),
  );
}

/**
 * The force layout runs where a node is a circle: y stretched by the node's
 * width over its height, and the circle is the one around the box's corners,
 * so that circles kept apart there are boxes kept apart here.
 */
function overview(names: string[], edges: Edge[]): Placed {
  const stretch = NODE_WIDTH / NODE_HEIGHT;
  const radius = NODE_WIDTH / Math.SQRT2 + GAP / 2;
  const nodes: Array<SimulationNodeDatum & { id: string }> = names.map(id => ({
    id,
  }));
  const simulation = forceSimulation(nodes)
    .force(
      'link',
      forceLink(edges.map(e => ({ source: e.source, target: e.target })))
        .id(n => (n as { id: string }).id)
        .distance(radius * 2.2),
    )
    .force('charge', forceManyBody().strength(-400))
    .force('collide', forceCollide(radius).iterations(4))
    .force('x', forceX(0).strength(0.3))
    .force('y', forceY(0).strength(0.005))
    // settles in 150 steps rather than d3's 300: half the time, no visible difference
    .alphaDecay(1 - Math.pow(0.001, 1 / TICKS))
    .stop();
  simulation.tick(TICKS);
  return new Map(
    nodes.map(n => [
      n.id,
      { x: n.x! - NODE_WIDTH / 2, y: n.y! / stretch - NODE_HEIGHT / 2 },
    ]),
  );
}

/** Places the extensions; dependencies outside the set are left out (a neighbourhood's edge). */
export function layoutGraph<T extends GraphExtension>(
  extensions: readonly T[],
  layout: GraphLayout,
): { nodes: Node<T>[]; edges: Edge[] } {
  const names = extensions.map(e => e.name);
  const known = new Set(names);
  const edges: Edge[] = extensions.flatMap(ext =>
    ext.dependencies
      .filter(dependency => known.has(dependency))
      .map(dependency => ({
        id: `${ext.name}->${dependency}`,
        source: ext.name,
        target: dependency,
      })),
  );
  const placed = (layout === 'overview' ? overview : hierarchy)(names, edges);
  const nodes = extensions.map(ext => ({
    id: ext.name,
    type: 'extension',
    data: ext,
    position: placed.get(ext.name)!,
  }));
  return { nodes, edges };
}
