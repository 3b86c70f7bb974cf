import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  sindriAlertManagePermission,
  sindriAlertReadPermission,
  sindriBudgetManagePermission,
  sindriBudgetReadPermission,
  GUARDED_FIELD_IDS,
  instanceNameOfRef,
  sindriConfigFieldSetPermission,
  sindriDriverUsePermission,
  sindriEnrollmentManagePermission,
  sindriExtensionReadPermission,
  sindriInstanceCreatePermission,
  sindriInstancePermissions,
  sindriMetricsReadPermission,
} from '@internal/plugin-sindri-common';
import {
  sindriConfigFieldPermissionResourceRef,
  sindriConfigFieldRules,
  sindriDriverPermissionResourceRef,
  sindriDriverRules,
  sindriInstancePermissionResourceRef,
  sindriInstanceRules,
} from '@internal/plugin-sindri-node';
import { InstanceStore } from '../database/InstanceStore';
import { DriverRegistry } from '../drivers/DriverRegistry';

/** Registers the plugin's permissions and its three resource types with their rules. */
export function registerSindriPermissions(
  registry: PermissionsRegistryService,
  deps: { instances: InstanceStore; drivers: DriverRegistry },
) {
  registry.addPermissions([
    sindriEnrollmentManagePermission,
    sindriInstanceCreatePermission,
    sindriMetricsReadPermission,
    sindriAlertReadPermission,
    sindriAlertManagePermission,
    sindriExtensionReadPermission,
    sindriBudgetReadPermission,
    sindriBudgetManagePermission,
  ]);
  registry.addResourceType({
    resourceRef: sindriInstancePermissionResourceRef,
    permissions: sindriInstancePermissions,
    rules: Object.values(sindriInstanceRules),
    // resource refs are the instances' entity refs: resource:default/<name>
    getResources: async refs =>
      Promise.all(
        refs.map(ref => {
          const name = instanceNameOfRef(ref);
          return name ? deps.instances.getByName(name) : undefined;
        }),
      ),
  });
  registry.addResourceType({
    resourceRef: sindriDriverPermissionResourceRef,
    permissions: [sindriDriverUsePermission],
    rules: Object.values(sindriDriverRules),
    getResources: async ids =>
      ids.map(id => (deps.drivers.has(id) ? { id } : undefined)),
  });
  registry.addResourceType({
    resourceRef: sindriConfigFieldPermissionResourceRef,
    permissions: [sindriConfigFieldSetPermission],
    rules: Object.values(sindriConfigFieldRules),
    getResources: async ids =>
      ids.map(id =>
        (GUARDED_FIELD_IDS as readonly string[]).includes(id)
          ? { id }
          : undefined,
      ),
  });
}
