import type { components } from '../schema/openapi.generated';

/** The registry as `GET /extensions` answers it, and one of its extensions. */
export type ExtensionRegistry = components['schemas']['ExtensionRegistry'];
export type RegistryExtension = components['schemas']['Extension'];
