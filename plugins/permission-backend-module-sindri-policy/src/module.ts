import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { SindriPermissionPolicy } from './SindriPermissionPolicy';

/**
 * Installs {@link SindriPermissionPolicy} as the permission backend's policy.
 *
 * @public
 */
export const permissionModuleSindriPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'sindri-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new SindriPermissionPolicy());
      },
    });
  },
});
