/**
 * Permission policy module for a Sindri fleet portal.
 *
 * @packageDocumentation
 */
export { permissionModuleSindriPolicy as default } from './module';
export { SindriPermissionPolicy } from './SindriPermissionPolicy';
export { PERMISSION_TABLE } from './permissionTable';
export type { PermissionRow } from './permissionTable';
export { renderPermissionTable } from './renderPermissionTable';
export { readRoleMapping } from './roles';
export type { Role, RoleMapping, SindriRole } from './roles';
