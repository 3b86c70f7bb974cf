import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './layoutGraph';

const registry = path.resolve(__dirname, '../../../../../registry/sindri-v3');

/** The 67 extensions of the registry this repository ships, as their extension.yaml files say. */
const extensions = fs
  .readdirSync(path.join(registry, 'extensions'))
  .map(name => {
    const { metadata } = parse(
      fs.readFileSync(
        path.join(registry, 'extensions', name, 'extension.yaml'),
        'utf8',
      ),
    );
    return {
      name: metadata.name as string,
      category: metadata.category as string,
      dependencies: (metadata.dependencies ?? []) as string[],
    };
  });

const overlapping = (
  nodes: Array<{ id: string; position: { x: number; y: number } }>,
) => {
  const pairs: string[] = [];
  for (const [i, a] of nodes.entries())
    for (const b of nodes.slice(i + 1))
      if (
        Math.abs(a.position.x - b.position.x) < NODE_WIDTH &&
        Math.abs(a.position.y - b.position.y) < NODE_HEIGHT
      )
        pairs.push(`${a.id}/${b.id}`);
  return pairs;
};

describe('layoutGraph', () => {
  it('places the whole registry with no two extensions overlapping, in a box wider than tall, at once', () => {
    const started = performance.now();
    const { nodes, edges } = layoutGraph(extensions, 'overview');
    const ms = performance.now() - started;
    expect(nodes).toHaveLength(67);
    expect(edges).toHaveLength(68);
    expect(overlapping(nodes)).toEqual([]);
    const xs = nodes.map(n => n.position.x);
    const ys = nodes.map(n => n.position.y);
    const width = Math.max(...xs) - Math.min(...xs) + NODE_WIDTH;
    const height = Math.max(...ys) - Math.min(...ys) + NODE_HEIGHT;
    expect(width).toBeGreaterThan(height);
    // eslint-disable-next-line no-console
    console.log(
      `overview layout: ${Math.round(width)} × ${Math.round(
        height,
      )} px in ${ms.toFixed(0)} ms`,
    );
    // the same graph, the same picture
    expect(layoutGraph(extensions, 'overview').nodes).toEqual(nodes);
  });

  it('puts an extension above what it needs in a hierarchy, leaving out needs outside the set', () => {
    const { nodes, edges } = layoutGraph(
      extensions.filter(e =>
        ['agent-browser', 'playwright', 'nodejs'].includes(e.name),
      ),
      'hierarchy',
    );
    const y = Object.fromEntries(nodes.map(n => [n.id, n.position.y]));
    expect(y['agent-browser']).toBeLessThan(y.playwright);
    expect(y.playwright).toBeLessThan(y.nodejs);
    // nodejs needs mise-config, which is not in the set
    expect(edges.map(e => e.id).sort()).toEqual([
      'agent-browser->nodejs',
      'agent-browser->playwright',
      'playwright->nodejs',
    ]);
    expect(overlapping(nodes)).toEqual([]);
  });
});
