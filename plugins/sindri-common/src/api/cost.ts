import type { components } from '../schema/openapi.generated';

/** `GET /instances/{name}/cost`: an instance's estimate with its rates and their sources. */
export type InstanceCost = components['schemas']['InstanceCost'];
/** One priced part of an instance, with the page its rate was read from. */
export type RateLine = components['schemas']['RateLine'];
/** `GET /fleet/cost`: the readable fleet's spend by provider, owner and instance. */
export type FleetCost = components['schemas']['FleetCost'];
/** `GET /instances/{name}/usage`: whether the instance is idle and bigger than it needs. */
export type InstanceUsage = components['schemas']['InstanceUsage'];
/** `GET /instances/{name}/security`: installed components, matching advisories, access. */
export type InstanceSecurity = components['schemas']['InstanceSecurity'];
/** `GET /fleet/security`: findings across the readable fleet. */
export type FleetSecurity = components['schemas']['FleetSecurity'];
export type AdvisoryFinding = components['schemas']['AdvisoryFinding'];
