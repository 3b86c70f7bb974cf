/**
 * Sindri fleet frontend plugin, legacy frontend system. Apps on the new
 * frontend system import the default export of `@internal/plugin-sindri/alpha`.
 *
 * @packageDocumentation
 */
export { sindriPlugin, SindriFleetPage } from './plugin';
