import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readRoleMapping } from './roles';
import { SindriPermissionPolicy } from './SindriPermissionPolicy';

/**
 * Installs {@link SindriPermissionPolicy} as the permission backend's policy,
 * with the roles of `sindri.permissions`.
 *
 * @public
 */
export const permissionModuleSindriPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'sindri-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(new SindriPermissionPolicy(readRoleMapping(config)));
      },
    });
  },
});
