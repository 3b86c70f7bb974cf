import { Entity } from '@backstage/catalog-model';
import { SINDRI_INSTANCE_RESOURCE_TYPE } from '@internal/plugin-sindri-common';

/** True for the catalog entity of a Sindri instance. */
export function isSindriInstance(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'resource' &&
    entity.spec?.type === SINDRI_INSTANCE_RESOURCE_TYPE
  );
}
