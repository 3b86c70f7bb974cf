import { ResourceEntity } from '@backstage/catalog-model';
import {
  FleetInstance,
  SINDRI_ANNOTATIONS,
  SINDRI_INSTANCE_RESOURCE_TYPE,
  SINDRI_STATUS_LABEL,
} from '@internal/plugin-sindri-common';
import { extensionEntityRef } from './extensionEntity';

/**
 * The catalog entity of one registered instance: a Resource of type
 * `sindri-instance`, owned by the enrollment's owner, depending on the
 * components of the registry extensions it runs. Only what the agent reported
 * is on it; the status label changes with the instance.
 */
export function instanceToEntity(
  instance: FleetInstance,
  options: { knownExtensions: ReadonlySet<string> },
): ResourceEntity {
  // not a url: location, so the catalog adds no view/edit links pointing nowhere
  const location = `sindri:instance/${instance.id}`;
  const annotations: Record<string, string> = {
    'backstage.io/managed-by-location': location,
    'backstage.io/managed-by-origin-location': location,
    [SINDRI_ANNOTATIONS.instanceId]: instance.id,
  };
  if (instance.provider)
    annotations[SINDRI_ANNOTATIONS.provider] = instance.provider;
  if (instance.region) annotations[SINDRI_ANNOTATIONS.region] = instance.region;
  if (instance.provider === 'kubernetes')
    annotations['backstage.io/kubernetes-id'] = instance.name;

  const extensions = (instance.registration?.extensions ?? [])
    .map(e => e.name)
    .filter(name => options.knownExtensions.has(name));
  const where = [instance.provider, instance.region]
    .filter(Boolean)
    .join(' / ');

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: instance.name,
      namespace: 'default',
      description: where ? `Sindri instance on ${where}` : 'Sindri instance',
      labels: { [SINDRI_STATUS_LABEL]: instance.status },
      annotations,
      tags: instance.provider ? ['sindri', instance.provider] : ['sindri'],
    },
    spec: {
      type: SINDRI_INSTANCE_RESOURCE_TYPE,
      owner: instance.owner,
      dependsOn: [...new Set(extensions)].sort().map(extensionEntityRef),
    },
  };
}
