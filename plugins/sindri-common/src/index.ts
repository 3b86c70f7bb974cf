/**
 * Types, schemas and constants shared by the Sindri frontend, backend,
 * modules and agent. Isomorphic: nothing here may need Node or a browser.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './agentEnvironment';
export * from './entityRefs';
export * from './registry';
export * from './extensions';
export * from './api';
export * from './protocol';
export * from './permissions';
export * from './live';
export * from './config';
export * from './regions';
export type {
  paths as SindriApiPaths,
  components as SindriApiComponents,
  operations as SindriApiOperations,
} from './schema/openapi.generated';
export * from './client';
export { pollUntil } from './testing/pollUntil';
