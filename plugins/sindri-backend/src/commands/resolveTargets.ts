import { BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CommandRun,
  LIVE_LIMITS,
  SINDRI_INSTANCE_RESOURCE_TYPE,
  sindriInstanceCommandPermission,
} from '@internal/plugin-sindri-common';
import { InstanceStore } from '../database/InstanceStore';
import { CommandTarget } from './CommandService';

/**
 * The registered instances a target selects, each with whether these
 * credentials may run commands on it. Names come as given; a catalog filter
 * is asked of the catalog with the caller's own credentials.
 */
export async function resolveTargets(
  target: CommandRun['target'],
  deps: { instances: InstanceStore; catalog: CatalogService; permissions: PermissionsService; credentials: BackstageCredentials },
): Promise<CommandTarget[]> {
  let names: string[];
  if ('instances' in target) {
    names = [...new Set(target.instances)];
  } else {
    const { items } = await deps.catalog.getEntities(
      {
        filter: { ...target.filter, kind: 'resource', 'spec.type': SINDRI_INSTANCE_RESOURCE_TYPE },
        fields: ['metadata.name', 'metadata.namespace'],
      },
      { credentials: deps.credentials },
    );
    names = [...new Set(items.filter(e => (e.metadata.namespace ?? 'default') === 'default').map(e => e.metadata.name))];
    if (names.length === 0) throw new InputError('target.filter: selects no Sindri instance in the catalog');
  }
  if (names.length > LIVE_LIMITS.maxCommandTargets) {
    throw new InputError(`target: selects ${names.length} instances; at most ${LIVE_LIMITS.maxCommandTargets} per run`);
  }
  const found = await Promise.all(names.map(name => deps.instances.getByName(name)));
  const missing = names.filter((_, i) => !found[i]?.registeredAt);
  if ('instances' in target && missing.length) {
    throw new InputError(`target.instances: no registered instance named ${missing.join(', ')}`);
  }
  const registered = found.filter(i => i?.registeredAt).map(i => i!);
  const decisions = await deps.permissions.authorize(
    registered.map(i => ({ permission: sindriInstanceCommandPermission, resourceRef: stringifyEntityRef({ kind: 'resource', name: i.name }) })),
    { credentials: deps.credentials },
  );
  return registered.map((i, n) => ({ instanceId: i.id, name: i.name, permitted: decisions[n].result === AuthorizeResult.ALLOW }));
}
