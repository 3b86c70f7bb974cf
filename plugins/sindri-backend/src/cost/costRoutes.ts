import {
  instanceEntityRef,
  sindriInstanceAuditReadPermission,
  sindriInstanceReadPermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { SindriRouter } from '../http/types';
import { readableInstance } from '../instances/instanceRoutes';
import { InstanceService } from '../instances/InstanceService';
import { UsageService } from '../usage/UsageService';
import { CostService } from './CostService';

/** `GET /instances/{name}/cost`, `GET /instances/{name}/usage` (idle, right-sizing) and `GET /fleet/cost`: what the readable fleet costs, at list prices. */
export function registerCostRoutes(
  router: SindriRouter,
  deps: {
    guard: PermissionGuard;
    instances: InstanceService;
    cost: CostService;
    usage: UsageService;
  },
) {
  router.get('/instances/:name/cost', async (req, res) => {
    const { instance } = await readableInstance(req, deps, { enrolled: true });
    res.json(await deps.cost.instanceCost(instance));
  });
  router.get('/instances/:name/usage', async (req, res) => {
    const { instance, credentials } = await readableInstance(req, deps, {
      enrolled: true,
    });
    // who worked on it is the audit's to tell
    const withActors = await deps.guard.allows(
      credentials,
      sindriInstanceAuditReadPermission,
      instanceEntityRef(instance.name),
    );
    res.json(await deps.usage.instanceUsage(instance, { withActors }));
  });
  router.get('/fleet/cost', async (req, res) => {
    res.json(
      await deps.cost.fleetCost(
        await deps.guard.requireInstanceFilter(
          req,
          sindriInstanceReadPermission,
        ),
      ),
    );
  });
}
