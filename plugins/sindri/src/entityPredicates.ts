import { Entity } from '@backstage/catalog-model';
import {
  SINDRI_EXTENSION_COMPONENT_TYPE,
  SINDRI_INSTANCE_RESOURCE_TYPE,
} from '@internal/plugin-sindri-common';

/** True for the catalog entity of a Sindri instance. */
export function isSindriInstance(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'resource' &&
    entity.spec?.type === SINDRI_INSTANCE_RESOURCE_TYPE
  );
}

/** True for the catalog entity of a Sindri extension. */
export function isSindriExtension(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'component' &&
    entity.spec?.type === SINDRI_EXTENSION_COMPONENT_TYPE
  );
}
