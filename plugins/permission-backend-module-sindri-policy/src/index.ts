/**
 * Permission policy module for a Sindri fleet portal.
 *
 * @packageDocumentation
 */
export { permissionModuleSindriPolicy as default } from './module';
export { SindriPermissionPolicy } from './SindriPermissionPolicy';
