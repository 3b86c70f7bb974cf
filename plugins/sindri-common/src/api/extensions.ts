import type { components } from '../schema/openapi.generated';

/** The registry as `GET /extensions` answers it, and one of its extensions. */
export type ExtensionRegistry = components['schemas']['ExtensionRegistry'];
export type RegistryExtension = components['schemas']['Extension'];
/** One extension with the readable instances using it (`GET /extensions/{name}`). */
export type ExtensionDetail = components['schemas']['ExtensionDetail'];
/** Which readable instance reports which extension (`GET /fleet/extensions`). */
export type FleetExtensionUsage = components['schemas']['FleetExtensionUsage'];
