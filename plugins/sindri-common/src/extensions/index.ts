export * from './dependencyGraph';
export * from './declaredExtensions';
