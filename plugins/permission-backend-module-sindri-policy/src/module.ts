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
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ policy, config, logger }) {
        const sindriPolicy = new SindriPermissionPolicy(
          readRoleMapping(config),
          logger,
        );
        policy.setPolicy(sindriPolicy);
        // role changes in app-config apply without a restart where config is watched
        config.subscribe?.(() => {
          try {
            sindriPolicy.setRoles(readRoleMapping(config));
            logger.info('Sindri roles reloaded from configuration');
          } catch (error) {
            logger.error(
              `Sindri roles not reloaded, keeping the previous ones: ${
                (error as Error).message
              }`,
            );
          }
        });
      },
    });
  },
});
