import { useEffect, useMemo } from 'react';
import ReactFlow, {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  Node,
  ReactFlowProvider,
  useReactFlow,
} from 'reactflow';
import 'reactflow/dist/style.css';
import { useTheme } from '@material-ui/core/styles';
import { DependencyGraph } from '@internal/plugin-sindri-common';
import { edgeOnPath, rolesOf } from './highlight';
import { GraphExtension, GraphLayout, layoutGraph } from './layoutGraph';
import {
  ExtensionMark,
  ExtensionNode,
  ExtensionNodeData,
} from './ExtensionNode';

const NODE_TYPES = { extension: ExtensionNode };

export interface ExtensionGraphProps {
  extensions: readonly GraphExtension[];
  /** a colour per category (of the whole registry, so a neighbourhood keeps the page's colours) */
  colours: Map<string, string>;
  selected?: string;
  onSelect?: (name: string | undefined) => void;
  /** text whose matching names are marked and brought into view */
  search?: string;
  /** each extension's state on an instance */
  marks?: Map<string, ExtensionMark>;
  /** the entity page of an extension */
  entityHref?: (name: string) => string | undefined;
  height?: number | string;
  /** `overview` for the whole registry (with a corner map), else layers of what needs what */
  layout?: GraphLayout;
}

function FitToMatches({ matches }: { matches: string[] }) {
  const flow = useReactFlow();
  const key = matches.join(',');
  useEffect(() => {
    if (!key) return;
    flow.fitView({
      nodes: key.split(',').map(id => ({ id })),
      duration: 300,
      maxZoom: 1.5,
    });
  }, [flow, key]);
  return null;
}

/**
 * Extensions and what they need, laid out by dagre or d3-force and drawn with React
 * Flow: pannable, zoomable, coloured by category. Selecting an extension
 * lights up what it needs and what needs it, transitively.
 */
export function ExtensionGraph(props: ExtensionGraphProps) {
  const { extensions, colours, selected, onSelect, search, marks } = props;
  const theme = useTheme();
  const layoutKind = props.layout ?? 'hierarchy';
  const layout = useMemo(
    () => layoutGraph(extensions, layoutKind),
    [extensions, layoutKind],
  );
  const graph = useMemo(() => new DependencyGraph(extensions), [extensions]);
  const needle = search?.trim().toLowerCase() ?? '';
  const roles = useMemo(
    () =>
      rolesOf(
        graph,
        extensions.map(e => e.name),
        selected,
      ),
    [graph, extensions, selected],
  );
  const nodes: Node<ExtensionNodeData>[] = layout.nodes.map(n => ({
    ...n,
    data: {
      name: n.data.name,
      category: n.data.category,
      colour: colours.get(n.data.category) ?? theme.palette.grey[500],
      role: roles.get(n.id) ?? 'plain',
      href: props.entityHref?.(n.id),
      mark: marks?.get(n.id),
      custom: Boolean(n.data.custom),
      matched: Boolean(needle) && n.id.includes(needle),
    },
  }));
  const edges = layout.edges.map(e => {
    const lit = Boolean(selected) && edgeOnPath(roles, e.source, e.target);
    const stroke = lit ? theme.palette.primary.main : theme.palette.grey[500];
    return {
      ...e,
      className: lit ? 'sindri-edge-lit' : undefined,
      markerEnd: { type: MarkerType.ArrowClosed, color: stroke },
      style: {
        stroke,
        strokeWidth: lit ? 2 : 1,
        opacity: selected && !lit ? 0.15 : 1,
      },
    };
  });
  const matches = needle
    ? nodes.filter(n => n.data.matched).map(n => n.id)
    : [];
  return (
    <div style={{ height: props.height ?? 640, width: '100%' }}>
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          minZoom={0.1}
          fitView
          onNodeClick={(_, node) =>
            onSelect?.(node.id === selected ? undefined : node.id)
          }
          onPaneClick={() => onSelect?.(undefined)}
        >
          <Background />
          <Controls showInteractive={false} />
          {layoutKind === 'overview' && (
            <MiniMap
              pannable
              zoomable
              nodeColor={n => (n.data as ExtensionNodeData).colour}
            />
          )}
          <FitToMatches matches={matches} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}
