import type { components } from '../schema/openapi.generated';

type SindriApiSchemas = components['schemas'];

/** An instance as the Sindri API returns it. Absent fields were never reported. */
export type FleetInstance = SindriApiSchemas['FleetInstance'];

/** An enrollment as listed by the API: never the token itself. */
export type Enrollment = SindriApiSchemas['Enrollment'];

/** `GET /fleet/summary`: the fleet at a glance. */
export type FleetSummary = SindriApiSchemas['FleetSummary'];
