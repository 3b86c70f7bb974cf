import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import {
  CommandRun,
  instanceEntityRef,
  LIVE_LIMITS,
  SINDRI_INSTANCE_RESOURCE_TYPE,
  sindriInstanceCommandPermission,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { InstanceStore } from '../database/InstanceStore';
import { CommandTarget } from './CommandService';

/**
 * The registered instances a target selects, each with whether these
 * credentials may run commands on it. Names come as given; a catalog filter
 * is asked of the catalog with the caller's own credentials. A name the
 * caller may not read is answered exactly as one that does not exist.
 */
export async function resolveTargets(
  target: CommandRun['target'],
  deps: {
    instances: InstanceStore;
    catalog: CatalogService;
    guard: PermissionGuard;
    credentials: BackstageCredentials;
  },
): Promise<CommandTarget[]> {
  let names: string[];
  if ('instances' in target) {
    names = [...new Set(target.instances)];
  } else {
    const { items } = await deps.catalog.getEntities(
      {
        filter: {
          ...target.filter,
          kind: 'resource',
          'spec.type': SINDRI_INSTANCE_RESOURCE_TYPE,
        },
        fields: ['metadata.name', 'metadata.namespace'],
      },
      { credentials: deps.credentials },
    );
    names = [
      ...new Set(
        items
          .filter(e => (e.metadata.namespace ?? 'default') === 'default')
          .map(e => e.metadata.name),
      ),
    ];
  }
  if (names.length > LIVE_LIMITS.maxCommandTargets) {
    throw new InputError(
      `target: selects ${names.length} instances; at most ${LIVE_LIMITS.maxCommandTargets} per run`,
    );
  }
  const readable = await deps.guard.allowedRefs(
    deps.credentials,
    sindriInstanceReadPermission,
    names.map(instanceEntityRef),
  );
  const found = await Promise.all(
    names.map(name =>
      readable.has(instanceEntityRef(name))
        ? deps.instances.getByName(name)
        : undefined,
    ),
  );
  const missing = names.filter((_, i) => !found[i]?.registeredAt);
  if ('instances' in target && missing.length) {
    throw new InputError(
      `target.instances: no registered instance named ${missing.join(', ')}`,
    );
  }
  const registered = found.filter(i => i?.registeredAt).map(i => i!);
  if (!registered.length)
    throw new InputError(
      'target.filter: selects no Sindri instance in the catalog',
    );
  const permitted = await deps.guard.allowedRefs(
    deps.credentials,
    sindriInstanceCommandPermission,
    registered.map(i => instanceEntityRef(i.name)),
  );
  return registered.map(i => ({
    instanceId: i.id,
    name: i.name,
    permitted: permitted.has(instanceEntityRef(i.name)),
  }));
}
