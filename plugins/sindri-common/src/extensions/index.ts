export * from './dependencyGraph';
