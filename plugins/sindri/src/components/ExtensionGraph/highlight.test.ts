import { DependencyGraph } from '@internal/plugin-sindri-common';
import { edgeOnPath, rolesOf } from './highlight';

describe('edgeOnPath', () => {
  const extensions = [
    { name: 'agent-browser', dependencies: ['nodejs', 'playwright'] },
    { name: 'playwright', dependencies: ['nodejs'] },
    { name: 'nodejs', dependencies: ['mise-config'] },
    { name: 'mise-config', dependencies: [] },
  ];
  const roles = (selected: string) =>
    rolesOf(
      new DependencyGraph(extensions),
      extensions.map(e => e.name),
      selected,
    );

  it('lights the edges among what the selection needs, and among what needs it', () => {
    const r = roles('playwright');
    expect(edgeOnPath(r, 'playwright', 'nodejs')).toBe(true);
    expect(edgeOnPath(r, 'nodejs', 'mise-config')).toBe(true);
    expect(edgeOnPath(r, 'agent-browser', 'playwright')).toBe(true);
  });

  it('leaves dark an edge from a dependant straight to a dependency, which passes the selection by', () => {
    expect(edgeOnPath(roles('playwright'), 'agent-browser', 'nodejs')).toBe(
      false,
    );
  });
});
