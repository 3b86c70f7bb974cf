import {
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { sindriInstanceConditions } from '@internal/plugin-sindri-node';

/** A permissions service whose policy says: read only what the platform group owns (a conditional decision). */
export const ownedByPlatform = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => ({
    authorize: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async requests =>
      requests.map(() => ({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'sindri',
        resourceType: 'sindri-instance',
        conditions: sindriInstanceConditions.isOwner({
          claims: ['group:default/platform'],
        }),
      })),
  }),
});
