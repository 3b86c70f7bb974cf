/**
 * Test utilities for Sindri backend modules and the portal's tests.
 *
 * @packageDocumentation
 */
export { OsvTestServer, realOsvRecords } from './OsvTestServer';
export type { OsvTestQuery, OsvTestRecord } from './OsvTestServer';
export { RoundRobinProxy } from './RoundRobinProxy';
