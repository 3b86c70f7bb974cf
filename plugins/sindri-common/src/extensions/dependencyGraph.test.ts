import { DependencyGraph } from './dependencyGraph';

describe('DependencyGraph', () => {
  const graph = new DependencyGraph([
    { name: 'agent-browser', dependencies: ['nodejs', 'playwright'] },
    { name: 'playwright', dependencies: ['nodejs'] },
    { name: 'nodejs', dependencies: ['mise-config'] },
    { name: 'mise-config', dependencies: [] },
    { name: 'python', dependencies: ['mise-config'] },
    { name: 'a', dependencies: ['b'] },
    { name: 'b', dependencies: ['a'] },
  ]);

  it('follows dependencies transitively', () => {
    expect([...graph.dependenciesOf(['agent-browser'])].sort()).toEqual([
      'mise-config',
      'nodejs',
      'playwright',
    ]);
    expect(graph.dependenciesOf(['mise-config']).size).toBe(0);
  });

  it('follows dependants transitively', () => {
    expect([...graph.dependantsOf(['nodejs'])].sort()).toEqual([
      'agent-browser',
      'playwright',
    ]);
    expect([...graph.dependantsOf(['mise-config'])].sort()).toEqual([
      'agent-browser',
      'nodejs',
      'playwright',
      'python',
    ]);
  });

  it('closes a set over what it needs, and ends on a cycle', () => {
    expect([...graph.closure(['python', 'playwright'])].sort()).toEqual([
      'mise-config',
      'nodejs',
      'playwright',
      'python',
    ]);
    expect([...graph.closure(['a'])].sort()).toEqual(['a', 'b']);
    expect([...graph.closure(['unknown'])]).toEqual(['unknown']);
  });
});
