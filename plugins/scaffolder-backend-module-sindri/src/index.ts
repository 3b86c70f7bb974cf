/**
 * Scaffolder module with the Sindri template actions.
 *
 * @packageDocumentation
 */
export { scaffolderModuleSindri as default } from './module';
