export { ExtensionGraph, type ExtensionGraphProps } from './ExtensionGraph';
export { type ExtensionMark } from './ExtensionNode';
export { CategoryLegend } from './CategoryLegend';
